import CourseModels
import CourseStore
import Foundation

/// What `course-admin learners merge` did.
public struct LearnerMerge: Hashable, Sendable, Encodable {
    /// The learner kept, with every attempt of both.
    public var kept: String
    /// The learner merged into it, now gone from this machine.
    public var merged: String
    public var attemptsMoved: Int
    public var mastery: [MasteryChange]
}

extension CourseService {
    /// The settings key remembering that a merged learner's id now means `target`, so a later
    /// bundle still carrying the old id adds its attempts to the kept learner instead of
    /// creating the merged one again.
    public static func aliasKey(_ learnerID: UUID) -> String { "learners.alias." + learnerID.uuidString }

    /// Merges learner `source` into learner `target` (both by handle, any case): every attempt
    /// of `source` is kept and becomes `target`'s, `source` is removed, and `target`'s mastery is
    /// replayed from the joined log. Meant for one person who ended up as two learners, such as
    /// after logging in on a second machine before importing their bundle.
    /// - Throws: `CourseError.unknownLearner`, `.sameLearner` or `.storage`.
    public func mergeLearners(_ target: String, _ source: String) throws(CourseError) -> LearnerMerge {
        try guarded { () throws -> LearnerMerge in
            guard let kept = try store.learners.learner(handle: target) else { throw CourseError.unknownLearner(target) }
            guard let gone = try store.learners.learner(handle: source) else { throw CourseError.unknownLearner(source) }
            guard kept.id != gone.id else { throw CourseError.sameLearner(kept.handle) }
            let model = try masteryModel()
            let before = Dictionary(try store.mastery.states(learnerID: kept.id).map { ($0.objectiveID, $0.pKnown) },
                                    uniquingKeysWith: { a, _ in a })
            let (moved, after) = try store.transaction { () throws -> (Int, [MasteryState]) in
                let moved = try store.learners.merge(gone.id, into: kept.id)
                try store.settings.setValue(kept.id.uuidString, forKey: Self.aliasKey(gone.id))
                // Aliases of the merged learner now point at the kept one too.
                for (key, value) in try store.settings.values(withPrefix: "learners.alias.") where value == gone.id.uuidString {
                    try store.settings.setValue(kept.id.uuidString, forKey: key)
                }
                if try store.settings.currentLearnerHandle()?.lowercased() == gone.handle.lowercased() {
                    try store.settings.setCurrentLearnerHandle(kept.handle)
                }
                return (moved, try replayAndCache(learnerID: kept.id))
            }
            let changes = after.map { state -> MasteryChange in
                let parameters = model.parameters(state.objectiveID)
                return MasteryChange(
                    objective: state.objectiveID, title: model.objectives[state.objectiveID]?.title ?? state.objectiveID,
                    before: before[state.objectiveID] ?? parameters.pInit, after: state.pKnown,
                    mastered: state.pKnown >= parameters.masteredAt)
            }
            return LearnerMerge(kept: kept.handle, merged: gone.handle, attemptsMoved: moved, mastery: changes)
        }
    }
}
