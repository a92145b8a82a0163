import Foundation

/// One submitted answer to one exercise part, with the grade it received.
///
/// Attempts are the product's memory: they are only ever added (and regraded), never edited by
/// hand, and every derived figure (scores, mastery) is recomputed from them.
public struct Attempt: Codable, Hashable, Sendable, Identifiable {
    public var id: UUID
    public var learnerID: UUID
    public var exerciseID: String
    /// The part label ("a", ... or "" for a single-part exercise).
    public var part: String
    /// The answer exactly as the learner typed it, so feedback and regrading see the same text.
    public var answer: String
    /// When it was submitted, at millisecond precision (the stored precision).
    public var submittedAt: Date
    /// The installation the attempt was made on, so synced logs can be told apart.
    public var deviceID: UUID
    public var graderVersion: String
    public var verdict: Verdict
    /// Between 0 and 1.
    public var score: Double
    public var feedback: String
    /// The name of a recognised common mistake, if the grader found one.
    public var mistake: String?
    /// Set when the exercise's key changed after this attempt was graded.
    public var needsRegrade: Bool
    /// Whether mastery counts it: not when the part's key had been shown before it.
    public var evidence: Evidence
    /// What built the practice item this answers (nil for a fixed exercise): regrading and sync
    /// rebuild the item from it.
    public var practice: PracticeSpec?

    /// Creates an attempt; `submittedAt` is rounded to the millisecond so it equals its stored form.
    /// Without an `id`, a time-ordered one (`UUID.timeOrdered(at: submittedAt)`) is made.
    public init(
        id: UUID? = nil, learnerID: UUID, exerciseID: String, part: String, answer: String,
        submittedAt: Date = Date(), deviceID: UUID, graderVersion: String, verdict: Verdict,
        score: Double, feedback: String = "", mistake: String? = nil, needsRegrade: Bool = false,
        evidence: Evidence = .counted, practice: PracticeSpec? = nil
    ) {
        self.id = id ?? .timeOrdered(at: submittedAt)
        self.learnerID = learnerID
        self.exerciseID = exerciseID
        self.part = part
        self.answer = answer
        self.submittedAt = submittedAt.roundedToMilliseconds
        self.deviceID = deviceID
        self.graderVersion = graderVersion
        self.verdict = verdict
        self.score = score
        self.feedback = feedback
        self.mistake = mistake
        self.needsRegrade = needsRegrade
        self.evidence = evidence
        self.practice = practice
    }
}
