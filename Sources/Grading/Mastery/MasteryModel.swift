import CourseModels
import Foundation

/// Mastery per learner and objective as a pure function of the attempt log.
///
/// Each graded attempt is an observation for every objective its part links to, with the link's
/// weight divided by the number of the exercise's parts that link to that objective (see
/// `KnowledgeTracing` for tempered evidence): one round of answers to a whole exercise weighs as
/// much as one answer to a single-part exercise, so an exercise with many parts cannot carry an
/// objective by itself. "Mastered" also needs counted evidence from two distinct exercises
/// (`MasteryState.isMastered`). Syntax errors are skipped, and so are attempts made after the
/// part's key was shown (`Evidence.keyShown`); a manual part counts once an instructor has
/// reviewed it, as right when accepted and wrong when rejected; partial credit counts as wrong
/// (only a `correct` verdict is a right answer). Attempts are replayed in (submittedAt, id)
/// order, the order storage returns them in, so every device agrees.
public struct MasteryModel: Sendable {
    public let objectives: [String: Objective]
    /// Links by exercise id, then part label.
    public private(set) var links: [String: [String: [ObjectiveLink]]] = [:]
    /// By exercise id, then objective id: how many of the exercise's parts link to it.
    private(set) var linkedParts: [String: [String: Int]] = [:]

    public init(objectives: [Objective], exercises: [Exercise]) {
        self.objectives = Dictionary(objectives.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        add(exercises)
    }

    /// The model with `exercises` known too (generated practice items, which are not in the
    /// content); an exercise already known keeps its links.
    public func including(_ exercises: [Exercise]) -> MasteryModel {
        var model = self
        model.add(exercises.filter { links[$0.id] == nil })
        return model
    }

    private mutating func add(_ exercises: [Exercise]) {
        for exercise in exercises {
            for part in exercise.parts {
                links[exercise.id, default: [:]][part.label] = part.objectives
                for link in part.objectives { linkedParts[exercise.id, default: [:]][link.objectiveID, default: 0] += 1 }
            }
        }
    }

    /// Whether the attempt is an observation, and if so whether it was right.
    public static func outcome(of attempt: Attempt, review: Review?) -> Bool? {
        guard attempt.evidence == .counted else { return nil }
        switch attempt.verdict {
        case .correct: return true
        case .incorrect: return false
        case .syntaxError: return nil
        case .pendingReview: return review?.accepted
        }
    }

    /// The parameters of an objective (the standard ones for an objective no longer in the course).
    public func parameters(_ objectiveID: String) -> MasteryParameters {
        objectives[objectiveID]?.mastery ?? .standard
    }

    /// The weight an answer to the part carries for the objective: the link's weight shared
    /// among the exercise's parts linked to the objective.
    public func weight(_ link: ObjectiveLink, exerciseID: String) -> Double {
        link.weight / Double(max(linkedParts[exerciseID]?[link.objectiveID] ?? 1, 1))
    }

    /// Applies one attempt to `states` (keyed by objective id); returns whether it counted.
    ///
    /// `newExercise(objective)` says whether the attempt's exercise has not yet given counted
    /// evidence for that objective (replay tracks it; a submission asks the learner's history).
    @discardableResult
    public func apply(
        _ attempt: Attempt, review: Review?, to states: inout [String: MasteryState],
        newExercise: (String) -> Bool
    ) -> Bool {
        guard let correct = Self.outcome(of: attempt, review: review),
              let partLinks = links[attempt.exerciseID]?[attempt.part], !partLinks.isEmpty else { return false }
        for link in partLinks {
            let parameters = parameters(link.objectiveID)
            let previous = states[link.objectiveID]
            let before = previous?.pKnown ?? parameters.pInit
            let after = KnowledgeTracing.update(
                before, correct: correct, parameters: parameters, weight: weight(link, exerciseID: attempt.exerciseID))
            let count = (previous?.observations ?? 0) + 1
            let exercises = (previous?.exercises ?? 0) + (newExercise(link.objectiveID) ? 1 : 0)
            states[link.objectiveID] = MasteryState(
                learnerID: attempt.learnerID, objectiveID: link.objectiveID, pKnown: after,
                observations: count, exercises: exercises, updatedAt: attempt.submittedAt)
        }
        return true
    }

    /// Whether any of `attempts` is counted evidence from `exerciseID` for `objectiveID`.
    public func hasEvidence(_ attempts: [Attempt], exerciseID: String, objectiveID: String, reviews: [UUID: Review] = [:]) -> Bool {
        attempts.contains { attempt in
            attempt.exerciseID == exerciseID && Self.outcome(of: attempt, review: reviews[attempt.id]) != nil
                && (links[exerciseID]?[attempt.part] ?? []).contains { $0.objectiveID == objectiveID }
        }
    }

    /// Every objective the learner has been observed on, by objective id, from `attempts` (one
    /// learner's) and the reviews by attempt id; the attempts in `skipping` are not evidence
    /// (answers that repeat an earlier one, which the caller decides from the same log).
    public func replay(_ attempts: [Attempt], reviews: [UUID: Review] = [:], skipping: Set<UUID> = []) -> [MasteryState] {
        var replay = Replay(model: self, reviews: reviews)
        for attempt in Self.ordered(attempts) where !skipping.contains(attempt.id) { replay.add(attempt) }
        return replay.states
    }

    /// A replay fed one attempt at a time, already in replay order (`ordered`), so a learner's
    /// history streams through it instead of being held whole; `replay(_:reviews:skipping:)` is
    /// this over a sorted array.
    public struct Replay {
        let model: MasteryModel
        let reviews: [UUID: Review]
        private var byObjective: [String: MasteryState] = [:]
        private var seen: Set<[String]> = []

        public init(model: MasteryModel, reviews: [UUID: Review]) {
            self.model = model
            self.reviews = reviews
        }

        /// Applies the next attempt in replay order (the caller passes over repeats).
        public mutating func add(_ attempt: Attempt) {
            model.apply(attempt, review: reviews[attempt.id], to: &byObjective) { objectiveID in
                seen.insert([objectiveID, attempt.exerciseID]).inserted
            }
        }

        /// The states so far, by objective id.
        public var states: [MasteryState] {
            byObjective.values.sorted { $0.objectiveID < $1.objectiveID }
        }
    }

    /// Whether `a` comes before `b` in replay order.
    public static func precedes(_ a: Attempt, _ b: Attempt) -> Bool {
        let (x, y) = (a.id.orderedHalves, b.id.orderedHalves)
        return (a.submittedAt, x.high, x.low) < (b.submittedAt, y.high, y.low)
    }

    /// Attempts in replay order: submission time, then id as stored (upper-case text).
    public static func ordered(_ attempts: [Attempt]) -> [Attempt] {
        attempts.sorted(by: precedes)
    }
}
