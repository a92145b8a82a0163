import ComplexModule
import RealModule
import Foundation

/// Every numeric first-derivative method, under the names the instructor's `nderiv` command
/// takes, so callers can choose one by name and compare them in a sweep.
public enum NumericDerivativeMethod: String, CaseIterable, Sendable {
    case forward, backward, centered, richardson, complex

    /// The exponent p of the truncation error O(h^p): 1, 1, 2, 6 (two Richardson levels), 2.
    public var errorOrder: Int {
        switch self {
        case .forward, .backward: return 1
        case .centered: return 2
        case .richardson: return RichardsonExtrapolation.errorOrder()
        case .complex: return ComplexStep.errorOrder
        }
    }

    /// The step balancing truncation against round-off at `x` (see each method's type).
    public func optimalStep(at x: Double) -> Double {
        switch self {
        case .forward: return FiniteDifference.forward.optimalStep(at: x)
        case .backward: return FiniteDifference.backward.optimalStep(at: x)
        case .centered: return FiniteDifference.centered.optimalStep(at: x)
        case .richardson: return RichardsonExtrapolation.optimalStep(at: x)
        case .complex: return ComplexStep.optimalStep(at: x)
        }
    }

    func estimate(_ f: UnivariateSlice, at x: Double, step h: Double) -> Double {
        switch self {
        case .forward: return FiniteDifference.forward.estimate(f.callAsFunction, at: x, step: h)
        case .backward: return FiniteDifference.backward.estimate(f.callAsFunction, at: x, step: h)
        case .centered: return FiniteDifference.centered.estimate(f.callAsFunction, at: x, step: h)
        case .richardson: return RichardsonExtrapolation.estimate(f.callAsFunction, at: x, step: h)
        case .complex: return ComplexStep.estimate({ f($0) }, at: x, step: h)
        }
    }

    /// ∂f/∂`variable` at `point` by this method with step `step` (default `optimalStep`).
    /// - Throws: `EvaluationError.unboundVariable` when `point` lacks a variable of `f`.
    public func estimate(
        _ f: Expression, variable: String, at point: [String: Double], step: Double? = nil
    ) throws(EvaluationError) -> Double {
        guard let x = point[variable] else { throw .unboundVariable(variable) }
        let slice = try UnivariateSlice(f, variable: variable, point: point)
        return estimate(slice, at: x, step: step ?? optimalStep(at: x))
    }
}

/// The error of each numeric method against a reference derivative over a range of steps:
/// the table (and log-log plot) that shows truncation error falling as h^p until round-off,
/// growing as ε/h, takes over.
public struct StepSweep: Sendable {
    public struct Row: Sendable {
        public let step: Double
        /// The estimate of each method at this step.
        public let estimates: [NumericDerivativeMethod: Double]
        /// |estimate − reference| for each method.
        public let errors: [NumericDerivativeMethod: Double]
    }

    public let reference: Double
    public let methods: [NumericDerivativeMethod]
    public let rows: [Row]

    /// The steps 1e-1, 1e-2, …, 1e-16.
    public static let decadeSteps: [Double] = (1...16).map { Foundation.pow(10, -Double($0)) }

    /// Sweeps `methods` over `steps` for ∂f/∂`variable` at `point`, measuring against
    /// `reference` (usually the symbolic derivative's value).
    /// - Throws: `EvaluationError.unboundVariable` when `point` lacks a variable of `f`.
    public init(
        _ f: Expression, variable: String, at point: [String: Double], reference: Double,
        steps: [Double] = StepSweep.decadeSteps,
        methods: [NumericDerivativeMethod] = NumericDerivativeMethod.allCases
    ) throws(EvaluationError) {
        guard let x = point[variable] else { throw .unboundVariable(variable) }
        let slice = try UnivariateSlice(f, variable: variable, point: point)
        self.reference = reference
        self.methods = methods
        self.rows = steps.map { h in
            var estimates: [NumericDerivativeMethod: Double] = [:]
            var errors: [NumericDerivativeMethod: Double] = [:]
            for method in methods {
                let estimate = method.estimate(slice, at: x, step: h)
                estimates[method] = estimate
                errors[method] = Swift.abs(estimate - reference)
            }
            return Row(step: h, estimates: estimates, errors: errors)
        }
    }

    /// The row where `method` has its smallest error (ties go to the larger step).
    public func bestRow(for method: NumericDerivativeMethod) -> Row? {
        rows.filter { $0.errors[method]?.isFinite == true }
            .min { $0.errors[method]! < $1.errors[method]! }
    }
}
