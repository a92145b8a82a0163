import RealModule

/// A `Double` that remembers whether its computation lost information `Double` cannot show: a
/// nonzero term absorbed by a sum (`exp(40) + 1`), a function evaluated where it saturates or
/// sits within a hair of 1 (`tanh(20)`, `sigmoid(30)`, `cos(1e-9)`), or an underflow.
///
/// The checker's fast pass evaluates in this type. Where nothing was lost, two values that agree
/// to 2⁻⁴⁸ relative are taken as agreeing; every other point goes to the precise `Ball` layer.
/// So the cost of precision is paid only where `Double` cannot tell, while a difference below
/// `Double`'s resolution is always looked at precisely.
struct WatchedDouble: EvaluationScalar {
    var value: Double
    var lost: Bool
    /// Whether a sum cancelled to less than 2⁻²⁰ of its terms' size, so that the value may be
    /// far less accurate than `Double`: then even a large difference is not yet a proof.
    var cancelled = false

    /// A term smaller than this fraction of a sum's result counts as absorbed.
    static let absorption = 0x1p-36

    init(_ value: Double) {
        self.value = value
        lost = false
    }

    init(_ value: Double, lost: Bool) {
        self.value = value
        self.lost = lost || (value != 0 && Swift.abs(value) < 0x1p-1000)
    }

    static func + (a: Self, b: Self) -> Self {
        let sum = a.value + b.value
        let bound = Swift.abs(sum) * absorption
        let absorbed = (a.value != 0 && Swift.abs(a.value) < bound) || (b.value != 0 && Swift.abs(b.value) < bound)
        var result = Self(sum, lost: a.lost || b.lost || absorbed)
        let size = Swift.abs(a.value) + Swift.abs(b.value)
        result.cancelled = a.cancelled || b.cancelled || (size > 0 && Swift.abs(sum) < size * 0x1p-20)
        return result
    }

    static func - (a: Self, b: Self) -> Self { a + (-b) }
    static prefix func - (a: Self) -> Self {
        var result = a
        result.value = -a.value
        return result
    }

    static func * (a: Self, b: Self) -> Self {
        let product = a.value * b.value
        let underflow = product == 0 && a.value != 0 && b.value != 0
        var result = Self(product, lost: a.lost || b.lost || underflow)
        result.cancelled = a.cancelled || b.cancelled
        return result
    }

    static func / (a: Self, b: Self) -> Self {
        let quotient = a.value / b.value
        let underflow = quotient == 0 && a.value != 0
        var result = Self(quotient, lost: a.lost || b.lost || underflow)
        result.cancelled = a.cancelled || b.cancelled
        return result
    }

    static func power(_ x: Self, _ y: Self) -> Self {
        let v = Double.power(x.value, y.value)
        var result = Self(v, lost: x.lost || y.lost || (v == 0 && x.value != 0) || nearOne(v, x.value, y.value))
        result.cancelled = x.cancelled || y.cancelled
        return result
    }

    static func power(_ x: Self, rational p: Int64, _ q: Int64) -> Self {
        let v = Double.power(x.value, rational: p, q)
        var result = Self(v, lost: x.lost || (v == 0 && x.value != 0) || nearOne(v, x.value, Double(p)))
        result.cancelled = x.cancelled
        return result
    }

    /// Whether x^y lies within 2⁻¹⁷ of 1 without being exactly 1 (x ≠ 1, y ≠ 0): it is
    /// e^(y·log x) at a tiny argument, whose departure from the tangent line `Double` hides.
    static func nearOne(_ v: Double, _ x: Double, _ y: Double) -> Bool {
        Swift.abs(v - 1) < 0x1p-17 && x != 1 && y != 0
    }

    static func apply(_ function: Function, _ x: Self) -> Self {
        let v = Double.apply(function, x.value)
        var result = Self(v, lost: x.lost || saturates(function, at: x.value) || (v == 0 && x.value != 0 && function == .exp))
        // A function of a badly rounded argument, or one evaluated where it magnifies its
        // argument's rounding (near a pole or the edge of its domain), is no proof.
        result.cancelled = x.cancelled || magnifiesRounding(function, at: x.value, value: v)
        return result
    }

    /// The condition number |x·f′(x)/f(x)| above which a function's value may carry far more
    /// relative error than its argument: 2¹⁶ turns the few ulps of an argument computed without
    /// cancellation into less than 2⁻³⁰, well inside `doubleDifference`.
    static let conditionLimit = 0x1p16

    /// Whether `function` at `x` (value `v`) turns the argument's relative rounding error into a
    /// much larger one: tan near its poles, log near 1, asin and acos near ±1 and so on. Only the
    /// functions with poles or domain edges are checked; the others are well conditioned
    /// wherever `Double` does not flag them as saturated or lost.
    static func magnifiesRounding(_ function: Function, at x: Double, value v: Double) -> Bool {
        switch function {
        case .tan, .sec, .csc, .cot, .log, .log2, .log10, .acosh, .atanh, .asin, .acos:
            guard x.isFinite, v.isFinite, v != 0 else { return true }
            let condition = Swift.abs(x * function.derivativeValue(at: x) / v)
            return !(condition <= conditionLimit)
        default:
            return false
        }
    }

    /// Where a function's `Double` value hides how close it is to a limit or to 1, or, at a
    /// tiny argument, how it departs from its tangent line (`sin(1e-10*x)*1e10` is `x` in
    /// `Double`; the precise layer watches that term, `BallArithmetic.watch(power:of:)`).
    static func saturates(_ function: Function, at x: Double) -> Bool {
        let m = Swift.abs(x)
        // Below 2⁻¹⁷ the first term beyond the tangent line (at most |x|² or |x|³ relative) is
        // under the 2⁻⁴⁸ to which two `Double` values must agree; above, it shows as a difference.
        if m != 0, m < 0x1p-17, function.isAnalyticAtZero { return true }
        switch function {
        // Near a nonzero multiple of π/2 these are their tiny-argument selves (sin(π + t) is
        // −sin t), and far out the `Double` remainder x − kπ/2 is no guide.
        case .sin, .cos, .tan, .sec, .csc, .cot:
            let k = (x / (Double.pi / 2)).rounded()
            if k != 0, Swift.abs(x - k * (Double.pi / 2)) < 0x1p-17 || m > 0x1p30 { return true }
            return (function == .cos || function == .sec) && m < 0x1p-18
        case .exp: return m < 0x1p-36
        // e^−2m below 2⁻³⁶: cosh is e^m/2 in `Double` (and 1 near 0).
        case .cosh, .sech: return m < 0x1p-18 || m > 12.5
        // e^−2m below 2⁻³⁶: tanh is 1, sinh is e^m/2 in `Double`.
        case .tanh, .coth, .sinh, .csch: return m > 12.5
        case .sigmoid, .softplus, .swish: return m > 25
        case .mish: return x > 12.5 || x < -25
        case .erf: return m > 4.5
        case .Phi, .gelu: return m > 6.5
        // Far out these are their leading asymptotic term (π/2 − 1/m, log 2m) to `Double`.
        case .atan, .asinh, .acosh: return m > 0x1p12
        default: return false
        }
    }
}

extension Expression {
    /// Whether a literal could differ from another by less than the fast pass resolves: a
    /// decimal of 14 or more significant digits, or a rational whose parts `Double` rounds.
    var hasFineLiteral: Bool {
        switch self {
        case let .number(n):
            switch n {
            case let .decimal(s, _): return s.magnitude >= 10_000_000_000_000
            case let .rational(p, q): return p.magnitude > 1 << 53 || q > 1 << 20
            case .real: return false
            }
        case .variable, .constant: return false
        case let .sum(items), let .product(items): return items.contains(where: \.hasFineLiteral)
        case let .power(b, e): return b.hasFineLiteral || e.hasFineLiteral
        case let .call(_, argument): return argument.hasFineLiteral
        }
    }
}
