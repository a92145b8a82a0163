/// A real number known to lie in `[mid − radius, mid + radius]`: the value type of the precise
/// evaluator (midpoint-radius interval arithmetic, as in Arb).
///
/// Exact inputs (sample coordinates, integers, dyadic numbers) carry radius 0, and an operation
/// on exact operands whose result fits the precision stays exact, so `x − x`, `0^p`, `sqrt(0)`
/// and `1e20·x − 1e20·x` are exactly zero, never "zero give or take the rounding".
struct Ball: Sendable {
    var mid: BigFloat
    var radius: Radius

    init(_ mid: BigFloat, radius: Radius = .zero) {
        self.mid = mid
        self.radius = radius
    }

    static let zero = Ball(.zero)
    static let one = Ball(.one)

    var isExact: Bool { radius.isZero }

    /// A lower bound of |mid|.
    var lowerMagnitude: Radius { Radius(lowerBounding: mid) }

    /// Whether the ball certainly excludes zero.
    var excludesZero: Bool { !mid.isZero && radius < lowerMagnitude }

    /// Whether every value in the ball is > 0 (or < 0).
    var isPositive: Bool { !mid.negative && excludesZero }
    var isNegative: Bool { mid.negative && excludesZero }

    /// Lower and upper ends as `BigFloat`s (exact).
    var lower: BigFloat { mid.subtracting(radius.bigFloat) }
    var upper: BigFloat { mid.adding(radius.bigFloat) }
}

/// Why the precise evaluator produced no ball.
enum PreciseFailure: Error, Sendable {
    /// The expression is certainly undefined at the point (log of a negative number, 1/0).
    case undefined
    /// The ball straddles a boundary (a pole, the edge of a domain, a jump) at this precision,
    /// or a value left the range this evaluator handles.
    case indeterminate
}

extension Radius {
    /// A lower bound of |x| (zero for zero).
    init(lowerBounding x: BigFloat) {
        guard !x.isZero else { self = .zero; return }
        let bits = x.bitLength
        let top = BigFloat.shiftedRight(x.limbs, by: max(bits - 60, 0)).first ?? 0
        self = Radius(Double(top) * (1 - 0x1p-47)).scaled(by: x.exponent + max(bits - 60, 0))
    }
}
