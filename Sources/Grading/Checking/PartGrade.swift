import CourseModels

/// The grade of one answer to one part, before it is stored as an `Attempt`.
public struct PartGrade: Hashable, Sendable {
    public var verdict: Verdict
    /// Between 0 and 1; partial credit for lists and critical points.
    public var score: Double
    /// How the answer was read (`3*x^2*cos(x^3)`), so the learner sees what `2x e^x` became;
    /// nil when it could not be read or is free text.
    public var readAs: String?
    /// What to tell the learner: "Correct.", the reason it is wrong, a hint, or a syntax error
    /// with a caret under the column.
    public var feedback: String
    /// The tag of a recognised mistake (`chain_missing_inner`), if any.
    public var mistake: String?

    public init(verdict: Verdict, score: Double, readAs: String? = nil, feedback: String, mistake: String? = nil) {
        self.verdict = verdict
        self.score = score
        self.readAs = readAs
        self.feedback = feedback
        self.mistake = mistake
    }

    static func correct(readAs: String?) -> PartGrade {
        PartGrade(verdict: .correct, score: 1, readAs: readAs, feedback: "Correct.")
    }

    static func syntaxError(_ message: String) -> PartGrade {
        PartGrade(verdict: .syntaxError, score: 0, feedback: message)
    }
}
