import Foundation

/// An instructor's decision on an attempt that was waiting for manual review.
public struct Review: Codable, Hashable, Sendable {
    public var attemptID: UUID
    public var reviewer: String
    public var accepted: Bool
    public var comment: String
    public var decidedAt: Date

    public init(attemptID: UUID, reviewer: String, accepted: Bool, comment: String = "", decidedAt: Date = Date()) {
        self.attemptID = attemptID
        self.reviewer = reviewer
        self.accepted = accepted
        self.comment = comment
        self.decidedAt = decidedAt.roundedToMilliseconds
    }
}
