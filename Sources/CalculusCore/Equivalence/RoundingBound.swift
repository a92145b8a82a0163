/// A value in `PreciseReal` carried with a running bound on its rounding error, so that a
/// difference between two evaluations can be told apart from the noise of evaluating them.
///
/// The bound follows first-order error propagation: a sum adds its operands' errors, a product
/// weights each by the other operand, a function by |f′| at its argument, and every operation
/// adds a few units of its own result's last place (libm functions are a few ulp). Constants
/// were rounded to `Double` when compiled and carry that error. A cancellation such as
/// `24576x⁵ + … + 768` near its root keeps the large terms' errors while the value shrinks, which
/// is exactly what a relative tolerance alone misses.
///
/// `overflowed` marks a value that left the representable range from finite inputs (exp of a
/// huge argument, say): such a point says nothing about the function, unlike a true pole.
struct RoundingBound: EvaluationScalar {
    var value: PreciseReal
    var error: Double
    var overflowed: Bool

    static let unit = Double(PreciseReal.ulpOfOne) / 2
    static let doubleUnit = Double.ulpOfOne / 2

    init(_ value: Double) {
        self.value = PreciseReal(value)
        self.error = abs(value) * Self.doubleUnit
        self.overflowed = false
    }

    /// A sample coordinate: exact, so without error.
    init(exact value: Double) {
        self.value = PreciseReal(value)
        self.error = 0
        self.overflowed = false
    }

    private init(_ value: PreciseReal, error: Double, overflowed: Bool, inputsFinite: Bool, canOverflow: Bool) {
        self.value = value
        let magnitude = Double(abs(value))
        self.error = error.isFinite && magnitude.isFinite ? error + 4 * magnitude * Self.unit : .infinity
        self.overflowed = overflowed || (canOverflow && inputsFinite && value.isInfinite)
    }

    static func + (a: Self, b: Self) -> Self {
        Self(a.value + b.value, error: a.error + b.error, overflowed: a.overflowed || b.overflowed,
             inputsFinite: a.value.isFinite && b.value.isFinite, canOverflow: true)
    }

    static func - (a: Self, b: Self) -> Self { a + (-b) }

    static prefix func - (a: Self) -> Self {
        var negated = a
        negated.value = -a.value
        return negated
    }

    static func * (a: Self, b: Self) -> Self {
        Self(a.value * b.value,
             error: Double(abs(b.value)) * a.error + Double(abs(a.value)) * b.error,
             overflowed: a.overflowed || b.overflowed,
             inputsFinite: a.value.isFinite && b.value.isFinite, canOverflow: true)
    }

    static func / (a: Self, b: Self) -> Self {
        a * power(b, rational: -1, 1)
    }

    static func power(_ x: Self, _ y: Self) -> Self {
        let v = PreciseReal.power(x.value, y.value)
        let dx = Double(abs(y.value)) * Double(abs(PreciseReal.power(x.value, y.value - 1)))
        let dy = Double(abs(v)) * Swift.abs(Double.log(Double(abs(x.value))))
        return Self(v, error: dx * x.error + dy * y.error + 4 * Double(abs(v)) * unit,
                    overflowed: x.overflowed || y.overflowed,
                    inputsFinite: x.value.isFinite && y.value.isFinite, canOverflow: x.value != 0)
    }

    static func power(_ x: Self, rational p: Int64, _ q: Int64) -> Self {
        let v = PreciseReal.power(x.value, rational: p, q)
        let exponent = Double(p) / Double(q)
        let slope = abs(exponent) * Double(abs(PreciseReal.power(x.value, rational: p - q, q)))
        return Self(v, error: slope * x.error, overflowed: x.overflowed,
                    inputsFinite: x.value.isFinite, canOverflow: x.value != 0)
    }

    static func apply(_ function: Function, _ x: Self) -> Self {
        let v = PreciseReal.apply(function, x.value)
        let slope = abs(function.derivativeValue(at: Double(x.value)))
        let canOverflow: Bool
        switch function {
        case .exp, .sinh, .cosh: canOverflow = true
        default: canOverflow = false
        }
        return Self(v, error: (slope.isFinite ? slope : .infinity) * x.error, overflowed: x.overflowed,
                    inputsFinite: x.value.isFinite, canOverflow: canOverflow)
    }
}
