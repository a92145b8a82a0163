/// A kind of generated practice item, one per objective that generated items can practise (two
/// for composite and implicit functions: the chain rule and implicit differentiation).
///
/// The raw value is stored with every practice attempt and carried by bundles and statements:
/// never rename one.
public enum PracticeFamily: String, CaseIterable, Hashable, Sendable {
    case differentiationRules = "differentiation-rules"
    case chainRule = "chain-rule"
    case activationDerivatives = "activation-derivatives"
    case implicitDifferentiation = "implicit-differentiation"
    case criticalPoints = "critical-points"
    case finiteDifferences = "finite-differences"
    case backpropagation = "backpropagation"

    /// The tiers every family has, easiest first.
    public static let tiers = 1...3

    /// The objective (in `Seeds/objectives.yaml`) an answer to the family's items is evidence for.
    public var objectiveID: String {
        switch self {
        case .differentiationRules: return "differentiation-rules"
        case .chainRule, .implicitDifferentiation: return "composite-implicit-inverse"
        case .activationDerivatives: return "activation-derivatives"
        case .criticalPoints: return "critical-points"
        case .finiteDifferences: return "finite-differences"
        case .backpropagation: return "backpropagation"
        }
    }

    public var title: String {
        switch self {
        case .differentiationRules: return "power, product and quotient rules"
        case .chainRule: return "the chain rule"
        case .activationDerivatives: return "activation-function derivatives"
        case .implicitDifferentiation: return "implicit differentiation"
        case .criticalPoints: return "critical points and their classification"
        case .finiteDifferences: return "finite differences"
        case .backpropagation: return "backpropagation through a scalar graph"
        }
    }

    /// What each tier asks for, as an instructor reads it.
    public func tierDescription(_ tier: Int) -> String {
        switch (self, tier) {
        case (.differentiationRules, 1): return "a polynomial: the power and sum rules"
        case (.differentiationRules, 2): return "one product or one quotient"
        case (.differentiationRules, _): return "a quotient whose numerator is a product"
        case (.chainRule, 1): return "one function of a linear or quadratic inner function"
        case (.chainRule, 2): return "two nested functions"
        case (.chainRule, _): return "nested with an activation function"
        case (.activationDerivatives, 1): return "a multiple of an activation function"
        case (.activationDerivatives, 2): return "an activation of a linear function"
        case (.activationDerivatives, _): return "a power of x times an activation of a linear function"
        case (.implicitDifferentiation, 1): return "an ellipse"
        case (.implicitDifferentiation, 2): return "a cubic curve with an xy term"
        case (.implicitDifferentiation, _): return "a curve with a transcendental term"
        case (.criticalPoints, 1): return "a quadratic"
        case (.criticalPoints, 2): return "a cubic with two critical points"
        case (.criticalPoints, _): return "a quartic with three critical points, or one that is neither"
        case (.finiteDifferences, 1): return "a one-sided difference of a polynomial"
        case (.finiteDifferences, 2): return "a centered difference of a transcendental function"
        case (.finiteDifferences, _): return "forward and centered estimates and their errors"
        case (.backpropagation, 1): return "a squared error of one weight"
        case (.backpropagation, 2): return "a sigmoid unit with a weight and a bias"
        case (.backpropagation, _): return "two weights through a tanh unit"
        }
    }

    /// The families whose items give evidence for `objectiveID`, in declaration order.
    public static func families(for objectiveID: String) -> [PracticeFamily] {
        allCases.filter { $0.objectiveID == objectiveID }
    }
}
