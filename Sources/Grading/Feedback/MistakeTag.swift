/// A recognised common mistake: a stable tag for reports, with a default message that a part's
/// own `mistakes[tag]` text overrides.
public enum MistakeTag: String, CaseIterable, Codable, Hashable, Sendable {
    case productRuleAsProduct = "product_rule_as_product"
    case quotientNumeratorSwapped = "quotient_numerator_swapped"
    case quotientDenominatorNotSquared = "quotient_denominator_not_squared"
    case chainMissingInner = "chain_missing_inner"
    case exponentialAsPower = "exponential_as_power"
    case logMissingInner = "log_missing_inner"
    case cosSign = "cos_sign"
    case powerOffByOne = "power_off_by_one"
    case droppedConstantFactor = "dropped_constant_factor"
    case signError = "sign_error"
    case wrongOrder = "wrong_order"
    case missedCriticalPoint = "missed_critical_point"
    case extraCriticalPoint = "extra_critical_point"
    case wrongClassification = "wrong_classification"
    case duplicate = "duplicate"
    case notSimplified = "not_simplified"
    case notExpanded = "not_expanded"
    case notFactored = "not_factored"
    case limitNotTaken = "limit_not_taken"
    case notAValue = "not_a_value"
    case tooFewDigits = "too_few_digits"
    case reportedExactValue = "reported_exact_value"
    case usedForwardDifference = "used_forward_difference"
    case usedBackwardDifference = "used_backward_difference"
    case usedCenteredDifference = "used_centered_difference"

    public var defaultMessage: String {
        switch self {
        case .productRuleAsProduct:
            return "It looks like you multiplied the derivatives of the factors. The product rule is (fg)′ = f′g + fg′."
        case .quotientNumeratorSwapped:
            return "The numerator of the quotient rule is in the wrong order: (f/g)′ = (f′g − fg′)/g²."
        case .quotientDenominatorNotSquared:
            return "The quotient rule divides by the square of the denominator: (f/g)′ = (f′g − fg′)/g²."
        case .chainMissingInner:
            return "The chain rule is missing the derivative of the inner function: (f(g(x)))′ = f′(g(x))·g′(x)."
        case .exponentialAsPower:
            return "An exponential is not a power: d/dx aˣ = aˣ·ln(a), not x·aˣ⁻¹."
        case .logMissingInner:
            return "d/dx ln(u) = u′/u: the factor u′ is missing."
        case .cosSign:
            return "Check the sign: d/dx cos(x) = −sin(x)."
        case .powerOffByOne:
            return "Check the exponent: the power rule lowers it by exactly one, d/dx xⁿ = n·xⁿ⁻¹."
        case .droppedConstantFactor:
            return "A constant factor went missing in one step: a coefficient, the exponent the power rule brings down, or the −1 from differentiating 1/v (which turns the quotient rule's minus into a plus)."
        case .signError:
            return "Your answer has the opposite sign of the right one: check each minus sign."
        case .wrongOrder:
            return "The numbers are right but in the wrong order."
        case .missedCriticalPoint:
            return "A critical point is missing: solve f′(x) = 0 and keep every solution in the interval."
        case .extraCriticalPoint:
            return "One of your points is not a critical point: check that f′ is 0 there."
        case .wrongClassification:
            return "A critical point is classified wrongly: use the sign of f″, or of f′ on each side."
        case .duplicate:
            return "The same item is given more than once: give each one once."
        case .notSimplified:
            return "This equals the key but is not simplified: cancel the common factor (a difference quotient must no longer divide by h) and write what is left."
        case .notExpanded:
            return "This equals the key but is not expanded: multiply out every product and power of sums."
        case .notFactored:
            return "This equals the key but is not factored: write it as a product of factors."
        case .limitNotTaken:
            return "You still have the step in your answer: let it go to 0."
        case .notAValue:
            return "The question asks for a value: give the number itself, not where it is reached (x = …) and not an expression in x."
        case .tooFewDigits:
            return "Give at least the number of significant digits the part asks for."
        case .reportedExactValue:
            return "The exercise asks what the floating-point computation gives, not the exact derivative: run the stated formula in float64 and report its result."
        case .usedForwardDifference:
            return "That is the one-sided forward difference (f(x + h) − f(x))/h; use the formula the exercise states."
        case .usedBackwardDifference:
            return "That is the one-sided backward difference (f(x) − f(x − h))/h; use the formula the exercise states."
        case .usedCenteredDifference:
            return "That is the centered difference (f(x + h) − f(x − h))/(2h); use the formula the exercise states."
        }
    }

    /// The message to show for this mistake in a part with `messages` (its `PartKey.mistakes`).
    public func message(in messages: [String: String]) -> String {
        messages[rawValue] ?? defaultMessage
    }
}
