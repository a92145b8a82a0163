/// The outcome of grading one attempt.
public enum Verdict: String, Codable, Hashable, Sendable, CaseIterable {
    case correct
    case incorrect
    /// The answer could not be read; it does not count against mastery.
    case syntaxError = "syntax-error"
    /// A manual part waiting for an instructor's decision.
    case pendingReview = "pending-review"
}
