import Foundation

/// What the mastery model believes about one learner and one objective.
///
/// Derived state: it can always be recomputed from the learner's attempts.
public struct MasteryState: Codable, Hashable, Sendable {
    public var learnerID: UUID
    public var objectiveID: String
    /// Probability that the learner knows the objective.
    public var pKnown: Double
    /// How many graded observations went into `pKnown`.
    public var observations: Int
    /// How many distinct exercises gave counted evidence: "mastered" needs at least
    /// `MasteryState.exercisesForMastery`, so one exercise cannot decide it.
    public var exercises: Int
    public var updatedAt: Date

    public init(learnerID: UUID, objectiveID: String, pKnown: Double, observations: Int, exercises: Int = 1, updatedAt: Date = Date()) {
        self.learnerID = learnerID
        self.objectiveID = objectiveID
        self.pKnown = pKnown
        self.observations = observations
        self.exercises = exercises
        self.updatedAt = updatedAt.roundedToMilliseconds
    }

    /// Distinct exercises needed before an objective can count as mastered.
    public static let exercisesForMastery = 2

    /// Whether the objective counts as mastered: p(known) at the threshold, from evidence of at
    /// least two distinct exercises.
    public func isMastered(_ parameters: MasteryParameters) -> Bool {
        pKnown >= parameters.masteredAt && exercises >= Self.exercisesForMastery
    }
}
