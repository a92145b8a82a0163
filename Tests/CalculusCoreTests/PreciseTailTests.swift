import Testing
@testable import CalculusCore

/// Saturating functions (and softplus) far out: their tail is computed to the bits that show in the result
/// (`BallArithmetic.term(below:_:)`), not to the full width. The balls must still enclose the
/// value, be as narrow as the working precision allows, and ask for the same resolution: the
/// tail is thousands of bits below the limit here, so a tail computed at the wrong precision
/// (too few bits, or the context's resolution lost) would fail one of the three.
struct PreciseTailTests {
    struct Case: CustomStringConvertible, Sendable {
        var function: String
        var x: Double
        var bits: Int
        /// The resolution the value asks for at least: to see its tail, or the square of its tail
        /// where it watches that.
        var resolution: Int
        var description: String { "\(function)(\(x)) at \(bits) bits" }
    }

    static let cases: [Case] = [
        // tanh(677) = 1 − 2t + …, t = e^-1354 ≈ 2^-1953: its square asks for 3,906 bits.
        Case(function: "tanh", x: 677, bits: 4000, resolution: 3900),
        Case(function: "tanh", x: -30, bits: 512, resolution: 170),
        // sigmoid(1000) = 1 − z + …, z = e^-1000 ≈ 2^-1443.
        Case(function: "sigmoid", x: 1000, bits: 3000, resolution: 2880),
        // erf(30) = 1 − erfc(30), erfc(30) ≈ 2^-1303.
        Case(function: "erf", x: 30, bits: 2048, resolution: 1300),
        Case(function: "erf", x: -12.5, bits: 600, resolution: 225),
        // Φ(40) = 1 − erfc(40/√2)/2, about 2^-1160 below 1.
        Case(function: "phi", x: 40, bits: 1500, resolution: 1150),
        // atan(2^200) = π/2 − atan(2^-200).
        Case(function: "atan", x: 0x1p200, bits: 1024, resolution: 600),
        // softplus(900) = 900 + log(1 + z), z = e^-900 ≈ 2^-1298 below the 1 it is added to; it
        // watches z².
        Case(function: "softplus", x: 900, bits: 3000, resolution: 2600),
        // cosh(500) = (e^500 + e^-500)/2: e^-500 lies 1,442 bits below.
        Case(function: "cosh", x: 500, bits: 2000, resolution: 1442),
        Case(function: "sinh", x: -400, bits: 2000, resolution: 1154),
    ]

    /// The value computed straight from the `BigFloat` routines at `w` bits, every part at full
    /// width (the composition the ball functions use, without their reduced tails).
    static func reference(_ c: Case, bits w: Int) -> BigFloat {
        let x = BigFloat(c.x)
        let m = x.magnitude
        let one = BigFloat.one
        func signed(_ v: BigFloat) -> BigFloat { x.negative ? v.negated : v }
        switch c.function {
        case "tanh":
            let tail = BigFloat.quotient(BigFloat(2), BigFloat.exp(m.scaled(by: 1), bits: w).plus(one, w), bits: w)
            return signed(one.minus(tail, w))
        case "sigmoid":
            return BigFloat.reciprocal(one.plus(BigFloat.exp(x.negated, bits: w), w), bits: w)
        case "erf":
            return signed(one.minus(BigFloat.erfc(m, bits: w), w))
        case "phi":
            let scaled = BigFloat.quotient(x, BigFloat.squareRoot(BigFloat(2), bits: w), bits: w)
            return one.minus(BigFloat.erfc(scaled, bits: w).scaled(by: -1), w)
        case "atan":
            let inner = BigFloat.atan(BigFloat.reciprocal(m, bits: w), bits: w)
            return signed(BigFloat.pi(bits: w).scaled(by: -1).minus(inner, w))
        case "softplus":
            return x.plus(BigFloat.log(one.plus(BigFloat.exp(x.negated, bits: w), w), bits: w), w)
        case "cosh":
            return BigFloat.exp(m, bits: w).plus(BigFloat.exp(m.negated, bits: w), w).scaled(by: -1)
        default: // sinh
            return signed(BigFloat.exp(m, bits: w).minus(BigFloat.exp(m.negated, bits: w), w).scaled(by: -1))
        }
    }

    static func ball(_ c: Case, _ arithmetic: inout BallArithmetic) throws -> Ball {
        let x = Ball(BigFloat(c.x))
        switch c.function {
        case "tanh": return try arithmetic.tanh(x)
        case "sigmoid": return try arithmetic.sigmoid(x)
        case "erf": return try arithmetic.erf(x)
        case "phi": return try arithmetic.phi(x)
        case "atan": return try arithmetic.atan(x)
        case "softplus": return try arithmetic.softplus(x)
        case "cosh": return try arithmetic.cosh(x)
        default: return try arithmetic.sinh(x)
        }
    }

    @Test(arguments: cases)
    func farOutTheBallIsTightAndHoldsTheValue(c: Case) throws {
        var arithmetic = BallArithmetic(bits: c.bits)
        let ball = try Self.ball(c, &arithmetic)
        let reference = Self.reference(c, bits: c.bits + 128)
        let gap = Radius(bounding: ball.mid.subtracting(reference))
        #expect(gap < ball.radius + Radius(twoTo: reference.magnitudeExponent - c.bits - 100), "the ball misses the value")
        // As narrow as the width allows: a few roundings of 2^-bits relative to the value.
        #expect(ball.radius < Radius(twoTo: reference.magnitudeExponent - (c.bits - 6)), "the ball is wider than its precision")
        #expect(arithmetic.resolution >= c.resolution, "the resolution the tail asks for was lost")
    }

    /// Known values computed at a reduced width are not served at the full width: evaluating the
    /// tail of tanh first and then e^(2x) itself gives e^(2x) to the full precision.
    @Test func aReducedTailDoesNotServeTheFullWidth() throws {
        var arithmetic = BallArithmetic(bits: 3000)
        _ = try arithmetic.tanh(Ball(BigFloat(400)))
        let exponential = try arithmetic.exp(Ball(BigFloat(800)))
        let reference = BigFloat.exp(BigFloat(800), bits: 3128)
        #expect(Radius(bounding: exponential.mid.subtracting(reference)) < exponential.radius)
        #expect(exponential.radius < Radius(twoTo: reference.magnitudeExponent - 2994))
    }
}
