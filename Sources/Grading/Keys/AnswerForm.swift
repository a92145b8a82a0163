import CalculusCore
import CourseModels

/// The form a part's key requires of a right answer, beyond its value: checked after
/// equivalence, each with its own feedback and mistake tag (`Seeds/README.md`, "Answer forms").
public enum AnswerForm: String, Codable, Hashable, Sendable, CaseIterable {
    case simplified
    case expanded
    case factored
    /// The answer to "take the limit": free of the limit variable.
    case noLimitVariable = "no-limit-variable"
    /// A number, not an assignment `x = 0` and not an expression in the function's variable.
    case value
    /// The floating-point value a stated finite-difference computation gives: the exact
    /// derivative or another formula's estimate is refused where it differs from the estimate
    /// by more than round-off (`EstimateSlot`).
    case estimate

    /// The check the calculus core makes on an expression answer, for the expression forms.
    public var expressionForm: ExpressionForm? { ExpressionForm(rawValue: rawValue) }

    /// The kinds of part the form applies to.
    public func applies(to kind: AnswerKind) -> Bool {
        switch self {
        case .simplified, .expanded, .factored, .noLimitVariable: return kind == .expression
        case .value: return kind == .number
        case .estimate: return kind == .number || kind == .numbers
        }
    }

    /// The mistake an answer that is not in this form has made.
    public var mistake: MistakeTag {
        switch self {
        case .simplified: return .notSimplified
        case .expanded: return .notExpanded
        case .factored: return .notFactored
        case .noLimitVariable: return .limitNotTaken
        case .value: return .notAValue
        case .estimate: return .reportedExactValue
        }
    }
}
