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
    public var updatedAt: Date

    public init(learnerID: UUID, objectiveID: String, pKnown: Double, observations: Int, updatedAt: Date = Date()) {
        self.learnerID = learnerID
        self.objectiveID = objectiveID
        self.pKnown = pKnown
        self.observations = observations
        self.updatedAt = updatedAt.roundedToMilliseconds
    }
}
