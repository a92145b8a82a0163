import Foundation

/// What float64 round-off does to a difference quotient: how far another correct program's
/// estimate may lie from this machine's, and the grid its estimates fall on.
///
/// A correct program computes the stated formula in IEEE double precision: x ± h, the
/// subtraction and the division round the same way everywhere, so two programs differ only in
/// the values of f that their math libraries return. Common libraries (glibc, macOS, musl,
/// NumPy's) return elementary functions within one unit in the last place (ulp) of the true
/// value, so two of them differ by at most `ulpsPerEvaluation` ulps at each point; a difference
/// quotient magnifies that by 1/h.
extension FiniteDifference {
    /// How many ulps of f two platforms' evaluations of f may differ by at one point.
    public static let ulpsPerEvaluation = 2.0

    /// The points the formula evaluates f at, for step `h`.
    func points(at x: Double, step h: Double) -> (upper: Double, lower: Double) {
        switch self {
        case .forward: return (x + h, x)
        case .backward: return (x, x - h)
        case .centered: return (x + h, x - h)
        }
    }

    /// What the formula divides by.
    func divisor(step h: Double) -> Double { self == .centered ? 2 * h : h }

    /// The half-width of the interval of estimates correct float64 programs compute on common
    /// platforms: `ulpsPerEvaluation`·(ulp(f(a)) + ulp(f(b)))/d for the formula (f(a) − f(b))/d.
    public func roundOffBand(_ f: (Double) -> Double, at x: Double, step h: Double) -> Double {
        let (a, b) = points(at: x, step: h)
        return Self.ulpsPerEvaluation * (f(a).ulp + f(b).ulp) / divisor(step: h)
    }

    /// The spacing of the values a float64 estimate can take: f(a) − f(b) is a multiple of the
    /// smaller of the two ulps (both values are multiples of it), divided by d. Where this
    /// spacing is comparable to the band, only a few values are possible at all, and a number
    /// between them (the exact derivative, typically) is one no correct program prints.
    public func estimateSpacing(_ f: (Double) -> Double, at x: Double, step h: Double) -> Double {
        let (a, b) = points(at: x, step: h)
        let fa = f(a), fb = f(b)
        // A value on a binade boundary may sit in the lower binade on another platform.
        func ulp(_ v: Double) -> Double { v.significand == 1 ? v.ulp / 2 : v.ulp }
        return Swift.min(ulp(fa), ulp(fb)) / divisor(step: h)
    }
}

extension FiniteDifference {
    /// `roundOffBand` of ∂f/∂`variable` at `point` with step `h`.
    /// - Throws: `EvaluationError.unboundVariable` when `point` lacks a variable of `f`.
    public func roundOffBand(
        _ f: Expression, variable: String, at point: [String: Double], step h: Double
    ) throws(EvaluationError) -> Double {
        let (slice, x) = try Self.slice(f, variable: variable, at: point)
        return roundOffBand(slice.callAsFunction, at: x, step: h)
    }

    /// `estimateSpacing` of ∂f/∂`variable` at `point` with step `h`.
    /// - Throws: `EvaluationError.unboundVariable` when `point` lacks a variable of `f`.
    public func estimateSpacing(
        _ f: Expression, variable: String, at point: [String: Double], step h: Double
    ) throws(EvaluationError) -> Double {
        let (slice, x) = try Self.slice(f, variable: variable, at: point)
        return estimateSpacing(slice.callAsFunction, at: x, step: h)
    }

    private static func slice(
        _ f: Expression, variable: String, at point: [String: Double]
    ) throws(EvaluationError) -> (UnivariateSlice, Double) {
        guard let x = point[variable] else { throw .unboundVariable(variable) }
        return (try UnivariateSlice(f, variable: variable, point: point), x)
    }
}
