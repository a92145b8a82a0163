import CourseModels
import Grading
import Foundation

/// Everything `course submit` reports, and its `--json` form.
///
/// JSON (snake_case; `read_as`, `mistake` and `key` are `null` when absent):
/// `{"learner", "exercise", "part", "title", "parts": [{"part", "verdict", "score", "read_as",
/// "feedback", "mistake", "key", "identical_to_last", "stored", "attempt_id", "wrong_attempts"}],
/// "score", "mastery": [{"objective", "title", "before", "after", "mastered"}], "stored"}`.
public struct SubmissionResult: Hashable, Sendable, Encodable {
    public var learner: String
    public var exercise: String
    /// The one part named on the command line (`ex4b`), else nil.
    public var selectedPart: String?
    public var title: String
    public var parts: [PartResult]
    /// The mean score of the parts graded now (manual parts waiting for review left out); 0 when
    /// none was.
    public var score: Double
    public var mastery: [MasteryChange]
    /// False for `course check`: graded as a preview, nothing stored, no mastery moved.
    public var stored: Bool

    public init(
        learner: String, exercise: String, selectedPart: String?, title: String, parts: [PartResult],
        score: Double, mastery: [MasteryChange], stored: Bool = true
    ) {
        self.learner = learner
        self.exercise = exercise
        self.selectedPart = selectedPart
        self.title = title
        self.parts = parts
        self.score = score
        self.mastery = mastery
        self.stored = stored
    }

    enum CodingKeys: String, CodingKey {
        case learner, exercise, selectedPart = "part", title, parts, score, mastery, stored
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(learner, forKey: .learner)
        try container.encode(exercise, forKey: .exercise)
        try container.encode(selectedPart, forKey: .selectedPart)
        try container.encode(title, forKey: .title)
        try container.encode(parts, forKey: .parts)
        try container.encode(score, forKey: .score)
        try container.encode(mastery, forKey: .mastery)
        try container.encode(stored, forKey: .stored)
    }

    /// The JSON object as text, keys sorted.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }
}

/// One part of a submission.
public struct PartResult: Hashable, Sendable, Encodable {
    public var part: String
    public var verdict: Verdict
    public var score: Double
    public var readAs: String?
    public var feedback: String
    public var mistake: String?
    /// The key, shown once the learner has had `revealKeyAfter` wrong attempts at the part.
    public var key: String?
    /// The answer equals the learner's last one for this part: reported, not stored again and
    /// not counted again for mastery.
    public var identicalToLast: Bool
    /// The stored attempt, nil when nothing was stored.
    public var attemptID: UUID?
    /// Wrong attempts at this part so far, this one included.
    public var wrongAttempts: Int
    public var answer: String

    enum CodingKeys: String, CodingKey {
        case part, verdict, score, readAs = "read_as", feedback, mistake, key
        case identicalToLast = "identical_to_last", attemptID = "attempt_id", wrongAttempts = "wrong_attempts"
        case answer, stored
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(part, forKey: .part)
        try container.encode(verdict.rawValue, forKey: .verdict)
        try container.encode(score, forKey: .score)
        try container.encode(readAs, forKey: .readAs)
        try container.encode(feedback, forKey: .feedback)
        try container.encode(mistake, forKey: .mistake)
        try container.encode(key, forKey: .key)
        try container.encode(identicalToLast, forKey: .identicalToLast)
        try container.encode(attemptID != nil, forKey: .stored)
        try container.encode(attemptID?.uuidString, forKey: .attemptID)
        try container.encode(wrongAttempts, forKey: .wrongAttempts)
        try container.encode(answer, forKey: .answer)
    }
}

/// How one objective's mastery moved.
public struct MasteryChange: Hashable, Sendable, Encodable {
    public var objective: String
    public var title: String
    public var before: Double
    public var after: Double
    /// `after` is at or above the objective's mastery threshold.
    public var mastered: Bool
}
