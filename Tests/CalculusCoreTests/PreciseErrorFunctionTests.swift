import Testing
@testable import CalculusCore

/// erf and erfc of the precise layer against values computed independently (mpmath at 2,000
/// bits, truncated to 384), where the two series meet and far out where erfc is tiny.
struct PreciseErrorFunctionTests {
    struct Reference: CustomStringConvertible, Sendable {
        var function: String
        var x: Double
        var value: BigFloat
        var description: String { "\(function)(\(x))" }

        init(_ function: String, _ x: Double, _ negative: Bool, _ limbs: [UInt64], _ exponent: Int) {
            self.function = function
            self.x = x
            var significand = Limbs(repeating: 0, count: limbs.count)
            for (i, limb) in limbs.enumerated() { significand[i] = limb }
            value = BigFloat(negative: negative, limbs: significand, exponent: exponent)
        }
    }

    static let references: [Reference] = [
        Reference("erf", 2, false, [0x29b4eff3389430ab, 0x7dab2252d244381c, 0x8d46bf9b6f150d2f, 0x0bee157743721d8b, 0x2801904b9a33eef4, 0xfecd70a13caf1997], -384),
        Reference("erfc", 2, false, [0x25880663b5e7aa05, 0x2a6ed696dde3f1eb, 0x5ca0324875796841, 0x08f5445e46f13a39, 0xff37da32e60885fa, 0x9947af61a873346b], -391),
        Reference("erf", 3.25, false, [0x79dea1fbe9272148, 0x328bc613d293a530, 0x88ef9db4bcd2fe8c, 0x45e8ade8cab36263, 0xc890774069646845, 0xffffb7cfb3f2abc3], -384),
        Reference("erfc", 3.25, false, [0xbc082db1bd6f89c0, 0x73d85ad8b59f0c42, 0xc496865a02e79ae8, 0xa42e6a993b38ee20, 0x117f2d372f75742e, 0x9060981aa8786edf], -401),
        Reference("erf", 10.625, false, [0x1235cc98d781b70d, 0x4e63e6fb49050743, 0x10c7a2d65808f519, 0xfffffffffe24feff, 0xffffffffffffffff, 0xffffffffffffffff], -384),
        Reference("erfc", 10.625, false, [0xa3c30a93aa07e74f, 0x5b91faecd02b3742, 0x3f247963f91cc960, 0x7d7c5e76e519b394, 0xfb857358ce0c825b, 0xed8080779c2e94d3], -551),
        Reference("erf", -4.5, true, [0x6f12f2946df191f5, 0xd869b548285c3e4e, 0x786895099da4a8b4, 0x58b13e709698c9ed, 0xb35e5b40e3db00aa, 0xffffffff27d180e8], -384),
        Reference("erfc", 27.5, false, [0x780deb62538aa717, 0xb8ca388f67061153, 0x28846cd2e5ba2e0b, 0xe7ae68a2dd91f693, 0xb577019a781f07e7, 0xa39365d22dd76167], -1480),
    ]

    /// Whether |value − reference| ≤ 2^-bits |reference| plus the reference's own truncation.
    static func agrees(_ value: BigFloat, _ reference: BigFloat, bits: Int) -> Bool {
        let difference = Radius(bounding: value.subtracting(reference))
        let allowed = Radius(lowerBounding: reference).scaled(by: -bits) + Radius(twoTo: reference.exponent)
        return difference < allowed
    }

    @Test(arguments: references)
    func midpointsHaveTheStatedAccuracy(reference: Reference) {
        let bits = 256
        let x = BigFloat(reference.x)
        let value = reference.function == "erf" ? BigFloat.erf(x, bits: bits) : BigFloat.erfc(x, bits: bits)
        #expect(Self.agrees(value, reference.value, bits: bits + 8))
        // A wrong last term or a dropped exponential would be far outside: the check can fail.
        #expect(!Self.agrees(value.adding(reference.value.scaled(by: -(bits + 4))), reference.value, bits: bits + 8))
    }

    @Test(arguments: references)
    func ballsEncloseTheValue(reference: Reference) throws {
        for bits in [128, 512] {
            var arithmetic = BallArithmetic(bits: bits)
            let x = Ball(BigFloat(reference.x))
            let ball = reference.function == "erf" ? try arithmetic.erf(x) : try arithmetic.erfc(x)
            let gap = Radius(bounding: ball.mid.subtracting(reference.value))
            #expect(gap < ball.radius + Radius(twoTo: reference.value.exponent), "at \(bits) bits")
            #expect(ball.radius < Radius(bounding: reference.value).scaled(by: -(bits - 4)), "at \(bits) bits")
        }
    }

    /// The positive series (used from |x| = 2 on) and the alternating Taylor series share only
    /// their final constant, so agreement to the stated accuracy checks both.
    @Test(arguments: [2.0, 2.75, -3.5, 5.125, 7.0])
    func positiveSeriesAgreesWithTaylorSeries(x: Double) {
        for bits in [192, 1000] {
            let positive = BigFloat.erfPositiveSeries(BigFloat(x), bits: bits)
            let taylor = BigFloat.erfTaylorSeries(BigFloat(x), bits: bits)
            #expect(Self.agrees(positive, taylor, bits: bits + 7), "at \(bits) bits")
        }
    }

    /// Far out, erfc comes from the continued fraction; near, from 1 − erf. The two share only
    /// e^(−x²)'s neighbourhood and the constant 1/√π, so agreement to the stated accuracy at
    /// every width checks the fraction's stopping bound (a fraction stopped a few steps early
    /// is off by far more than 2^-(bits+7)).
    @Test(arguments: [2.0, 3.5, 6.75, 10.625, 15.5, 27.5, 40.25])
    func continuedFractionAgreesWithOneMinusErf(x: Double) {
        for bits in [128, 300, 1000, 2000] {
            let fraction = BigFloat.erfcContinuedFraction(BigFloat(x), bits: bits)
            let w = bits + BigFloat.guardBits + Int(x * x * 1.4427) + 24
            let series = BigFloat.one.minus(BigFloat.erf(BigFloat(x), bits: w), w)
            #expect(Self.agrees(fraction, series, bits: bits + 7), "at \(bits) bits")
        }
    }

    /// Where each way is taken: the series near 2, the fraction far out, and at high precision
    /// the series further out (the fraction's steps grow as bits²/x²).
    @Test func erfcTakesTheCheaperWay() {
        #expect(!BigFloat.prefersContinuedFraction(x: 1.5, bits: 300))
        #expect(!BigFloat.prefersContinuedFraction(x: 2, bits: 300))
        #expect(BigFloat.prefersContinuedFraction(x: 10.6, bits: 300))
        #expect(BigFloat.prefersContinuedFraction(x: 27.5, bits: 1000))
        #expect(!BigFloat.prefersContinuedFraction(x: 7, bits: 4000))
        #expect(!BigFloat.prefersContinuedFraction(x: 60, bits: 128))
    }
}
