/// How the answer to an exercise part is written and therefore how it is checked.
public enum AnswerKind: String, Codable, Hashable, Sendable, CaseIterable {
    /// An expression in x, compared by equivalence.
    case expression
    /// An implicit relation such as a tangent line `y = 2x + 1`.
    case implicit
    /// One number.
    case number
    /// An ordered list of numbers.
    case numbers
    /// A set of numbers, order irrelevant.
    case numberSet
    /// Critical points with their classification.
    case criticalPoints
    /// One of several offered choices.
    case choice
    /// Free text read by an instructor.
    case manual
}
