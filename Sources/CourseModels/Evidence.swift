/// Whether a stored attempt is evidence of what the learner knows, and if not, why.
///
/// An answer given after the part's key was shown to the learner measures copying, not
/// knowledge: it is graded and stored (so history and reports show it) but mastery skips it.
/// The reason is recorded on the attempt, so `course history` can say it and replay honours it.
public enum Evidence: String, Codable, Hashable, Sendable, CaseIterable {
    /// The attempt counts for mastery (when it has a verdict that counts at all).
    case counted
    /// The part's key had been shown to the learner before this answer.
    case keyShown = "key-shown"
}
