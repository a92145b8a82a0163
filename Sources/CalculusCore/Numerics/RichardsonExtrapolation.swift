import Foundation

/// Richardson extrapolation of the centered difference: combines D(h), D(h/2), D(h/4), … so
/// that the leading error terms cancel.
///
/// The centered quotient has an error series in even powers, D(h) = f′ + c₁h² + c₂h⁴ + …, so
/// the tableau D(m, k) = (4^m·D(m−1, k+1) − D(m−1, k))/(4^m − 1) removes one term per level:
/// with `levels` = m the error is O(h^(2m+2)). The default, two levels, is sixth order and
/// reaches about 13 correct digits at its best step, against about 11 for the centered quotient.
public enum RichardsonExtrapolation {
    /// The default number of extrapolation levels.
    public static let defaultLevels = 2

    /// The exponent of the truncation error, 2·levels + 2.
    public static func errorOrder(levels: Int = defaultLevels) -> Int { 2 * levels + 2 }

    /// The step balancing h^(2m+2) against ε/h: ε^(1/(2m+3))·max(1, |x|), about 6e-3 for two levels.
    public static func optimalStep(at x: Double, levels: Int = defaultLevels) -> Double {
        Foundation.pow(Double.ulpOfOne, 1 / Double(2 * levels + 3)) * Swift.max(1, Swift.abs(x))
    }

    /// The extrapolated derivative of `f` at `x`, starting from step `h` (2^levels + 1 pairs of
    /// evaluations, at h, h/2, …, h/2^levels).
    public static func estimate(
        _ f: (Double) -> Double, at x: Double, step h: Double, levels: Int = defaultLevels
    ) -> Double {
        var column = (0...levels).map { k in
            FiniteDifference.centered.estimate(f, at: x, step: h / Double(1 << k))
        }
        var factor = 1.0
        for _ in 0..<levels {
            factor *= 4
            column = (0..<(column.count - 1)).map { k in
                (factor * column[k + 1] - column[k]) / (factor - 1)
            }
        }
        return column[0]
    }

    /// ∂f/∂`variable` at `point`, extrapolated from the centered difference.
    /// - Throws: `EvaluationError.unboundVariable` when `point` lacks a variable of `f`.
    public static func estimate(
        _ f: Expression, variable: String, at point: [String: Double],
        step: Double? = nil, levels: Int = defaultLevels
    ) throws(EvaluationError) -> Double {
        guard let x = point[variable] else { throw .unboundVariable(variable) }
        let slice = try UnivariateSlice(f, variable: variable, point: point)
        return estimate(slice.callAsFunction, at: x, step: step ?? optimalStep(at: x, levels: levels),
                        levels: levels)
    }
}
