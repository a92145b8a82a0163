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
    /// Merges one learner into another as `merge` says (see `LearnerRepository.apply`): every
    /// attempt of the merged learner is kept, under the learner id its device signed, and becomes
    /// the kept learner's; the merged learner is removed and the merge stored, and a machine
    /// logged in as the merged learner is logged in as the kept one. Mastery is not replayed here:
    /// the caller replays the learners it touched (`mergeLearners`, or an import's one replay).
    /// Meant for one person who ended up as two learners, such as after logging in on a second
    /// machine before importing their bundle.
    /// - Throws: `CourseError.storage` (nothing changed).
    public func applyMerge(_ merge: LearnerRepository.Merge, mergedLearner: Learner?) throws(CourseError)
        -> LearnerRepository.MergeOutcome {
        try guarded { () throws -> LearnerRepository.MergeOutcome in
            try store.transaction { () throws -> LearnerRepository.MergeOutcome in
                let handle = try store.learners.learner(id: merge.mergedID)?.handle ?? mergedLearner?.handle
                let outcome = try store.learners.apply(merge, mergedLearner: mergedLearner)
                if case let .applied(_, into, _) = outcome, let handle,
                   try store.settings.currentLearnerHandle()?.lowercased() == handle.lowercased(),
                   let kept = try store.learners.learner(id: into) {
                    try store.settings.setCurrentLearnerHandle(kept.handle)
                }
                return outcome
            }
        }
    }

    /// Applies a merge made on this machine (signed by the caller, see `Sync.LearnerMerging`)
    /// between two learners stored here, and replays the kept learner's mastery from the joined log.
    /// - Throws: `CourseError.unknownLearner`, `.sameLearner` or `.storage` (nothing changed).
    public func mergeLearners(_ merge: LearnerRepository.Merge) throws(CourseError) -> LearnerMerge {
        try guarded { () throws -> LearnerMerge in
            guard let kept = try store.learners.learner(id: merge.keptID) else { throw CourseError.unknownLearner(merge.keptID.uuidString) }
            guard let gone = try store.learners.learner(id: merge.mergedID) else { throw CourseError.unknownLearner(merge.mergedID.uuidString) }
            guard kept.id != gone.id else { throw CourseError.sameLearner(kept.handle) }
            let model = try masteryModel()
            let before = Dictionary(try store.mastery.states(learnerID: kept.id).map { ($0.objectiveID, $0.pKnown) },
                                    uniquingKeysWith: { a, _ in a })
            let (moved, after) = try store.transaction { () throws -> (Int, [MasteryState]) in
                guard case let .applied(moved, _, _) = try applyMerge(merge, mergedLearner: gone) else {
                    throw CourseError.unknownLearner(gone.handle)
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
