import CourseModels
import Foundation

/// Mastery per learner and objective as a pure function of the attempt log.
///
/// Each graded attempt is one observation for every objective its part links to (with the
/// link's weight, see `KnowledgeTracing`). Syntax errors are skipped; a manual part counts once
/// an instructor has reviewed it, as right when accepted and wrong when rejected; partial credit
/// counts as wrong (only a `correct` verdict is a right answer). Attempts are replayed in
/// (submittedAt, id) order, the order storage returns them in, so every device agrees.
public struct MasteryModel: Sendable {
    public let objectives: [String: Objective]
    /// Links by exercise id, then part label.
    public let links: [String: [String: [ObjectiveLink]]]

    public init(objectives: [Objective], exercises: [Exercise]) {
        self.objectives = Dictionary(objectives.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var links: [String: [String: [ObjectiveLink]]] = [:]
        for exercise in exercises {
            for part in exercise.parts { links[exercise.id, default: [:]][part.label] = part.objectives }
        }
        self.links = links
    }

    /// Whether the attempt is an observation, and if so whether it was right.
    public static func outcome(of attempt: Attempt, review: Review?) -> Bool? {
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

    /// Applies one attempt to `states` (keyed by objective id); returns whether it counted.
    @discardableResult
    public func apply(_ attempt: Attempt, review: Review?, to states: inout [String: MasteryState]) -> Bool {
        guard let correct = Self.outcome(of: attempt, review: review),
              let partLinks = links[attempt.exerciseID]?[attempt.part], !partLinks.isEmpty else { return false }
        for link in partLinks {
            let parameters = parameters(link.objectiveID)
            let before = states[link.objectiveID]?.pKnown ?? parameters.pInit
            let after = KnowledgeTracing.update(before, correct: correct, parameters: parameters, weight: link.weight)
            let count = (states[link.objectiveID]?.observations ?? 0) + 1
            states[link.objectiveID] = MasteryState(
                learnerID: attempt.learnerID, objectiveID: link.objectiveID, pKnown: after,
                observations: count, updatedAt: attempt.submittedAt)
        }
        return true
    }

    /// Every objective the learner has been observed on, by objective id, from `attempts` (one
    /// learner's) and the reviews by attempt id.
    public func replay(_ attempts: [Attempt], reviews: [UUID: Review] = [:]) -> [MasteryState] {
        var states: [String: MasteryState] = [:]
        for attempt in Self.ordered(attempts) {
            apply(attempt, review: reviews[attempt.id], to: &states)
        }
        return states.values.sorted { $0.objectiveID < $1.objectiveID }
    }

    /// Attempts in replay order: submission time, then id as stored (upper-case text).
    public static func ordered(_ attempts: [Attempt]) -> [Attempt] {
        attempts.sorted {
            ($0.submittedAt, $0.id.uuidString) < ($1.submittedAt, $1.id.uuidString)
        }
    }
}
