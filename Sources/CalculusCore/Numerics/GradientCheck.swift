/// The comparison of an analytic gradient with a numeric one, as done before trusting
/// backpropagation code.
public struct GradientCheck: Hashable, Sendable {
    /// The variables, in the order of the two gradients.
    public let variables: [String]
    /// ∂f/∂vᵢ from the symbolic derivative.
    public let analytic: [Double]
    /// ∂f/∂vᵢ by centered differences.
    public let numeric: [Double]
    /// ‖a − n‖ / (‖a‖ + ‖n‖ + 1e-8) in the Euclidean norm: scale-free, and the 1e-8 keeps it
    /// finite when both gradients vanish. Around 1e-10 for a correct gradient at the default step;
    /// above 1e-6 or so signals a mistake.
    public let relativeError: Double

    /// Whether `relativeError` is at most `tolerance`.
    public func passes(tolerance: Double = 1e-6) -> Bool { relativeError <= tolerance }
}

extension GradientCheck {
    /// Checks the symbolic gradient of `f` with respect to `variables` at `point` against centered
    /// differences with step `step` (default ε^(1/3)·max(1, |vᵢ|) per variable, error O(h²)).
    /// - Throws: `EvaluationError.unboundVariable` when `point` lacks a variable of `f` or one of `variables`.
    public init(
        _ f: Expression, at point: [String: Double], withRespectTo variables: [String], step: Double? = nil
    ) throws(EvaluationError) {
        var analytic: [Double] = []
        var numeric: [Double] = []
        for variable in variables {
            analytic.append(try f.simplifiedDerivative(withRespectTo: variable).evaluate(point))
            numeric.append(try FiniteDifference.estimate(f, variable: variable, at: point, method: .centered, step: step))
        }
        func norm(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }
        let difference = norm(zip(analytic, numeric).map { $0 - $1 })
        let relative = difference / (norm(analytic) + norm(numeric) + 1e-8)
        self.init(variables: variables, analytic: analytic, numeric: numeric, relativeError: relative)
    }
}
