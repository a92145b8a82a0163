import Testing
@testable import CalculusCore

/// When a ball context asks for more precision (`BallArithmetic.resolution`): for a nonzero term
/// too small to see, and not for rounding noise or terms beyond every precision, which would
/// only make a comparison slower without ever changing its verdict.
struct PreciseResolutionTests {
    static let base = BallArithmetic.baseResolution

    @Test func anExactSmallTermRaisesTheResolutionToShowIt() {
        var arithmetic = BallArithmetic(bits: 128)
        _ = arithmetic.add(Ball(.one), Ball(BigFloat.one.scaled(by: -300)))
        #expect(arithmetic.resolution >= 316)
    }

    @Test func aTermOfUnknownSignIsNoiseAndAsksForNothing() {
        var arithmetic = BallArithmetic(bits: 128)
        // Mid 2^-300 with radius 2^-299: the ball holds zero, so its sign is unknown.
        let noise = Ball(BigFloat.one.scaled(by: -300), radius: Radius(twoTo: -299))
        _ = arithmetic.add(Ball(.one), noise)
        #expect(arithmetic.resolution == Self.base)
    }

    @Test func aTermBeyondTheHighestPrecisionAsksForNothing() {
        var arithmetic = BallArithmetic(bits: 128)
        _ = arithmetic.add(Ball(.one), Ball(BigFloat.one.scaled(by: -(BallArithmetic.highestPrecision + 100))))
        #expect(arithmetic.resolution == Self.base)
    }

    @Test func aSaturatedFunctionAsksForNothing() throws {
        var arithmetic = BallArithmetic(bits: 128)
        let value = try arithmetic.tanh(Ball(BigFloat(10_000_000)))
        #expect(arithmetic.resolution == Self.base)
        #expect(value.mid.isRepresentation(of: .one))
    }

    /// cosh(60) = (e^60 + e^-60)/2: e^-60 lies about 173 bits below e^60, so the context asks to
    /// see it even where a later cancellation (cosh² − sinh²) would hide it from the sum.
    @Test func coshWatchesItsSmallExponential() throws {
        var arithmetic = BallArithmetic(bits: 128)
        _ = try arithmetic.cosh(Ball(BigFloat(60)))
        #expect(arithmetic.resolution >= 173)
    }

    /// sin(y) = y(1 − y²/6 + …): at y = 2^-100 the first term beyond the tangent line lies
    /// 200 bits below the value, so the context asks for at least that.
    @Test func aTinyArgumentAsksToSeeTheTermBeyondTheTangentLine() throws {
        var arithmetic = BallArithmetic(bits: 128)
        _ = try Function.sin.ball(Ball(BigFloat.one.scaled(by: -100)), &arithmetic)
        #expect(arithmetic.resolution >= 216)
        var moderate = BallArithmetic(bits: 128)
        _ = try Function.sin.ball(Ball(BigFloat.one.scaled(by: -5)), &moderate)
        #expect(moderate.resolution == Self.base)
        var noise = BallArithmetic(bits: 128)
        _ = try Function.sin.ball(Ball(BigFloat.one.scaled(by: -100), radius: Radius(twoTo: -99)), &noise)
        #expect(noise.resolution == Self.base)
        var notAnalytic = BallArithmetic(bits: 128)
        _ = try Function.sqrt.ball(Ball(BigFloat.one.scaled(by: -100)), &notAnalytic)
        #expect(notAnalytic.resolution == Self.base)
    }

    /// tanh(40) = 1 − 2t + 2t² − … with t = e^-80 ≈ 2^-115: the first tail term is a sum the
    /// context watches anyway, and the context asks to see t² too (about 230 bits below 1).
    @Test func aSaturatingFunctionAsksToSeeTheSquareOfItsTail() throws {
        var arithmetic = BallArithmetic(bits: 128)
        _ = try arithmetic.tanh(Ball(BigFloat(40)))
        #expect(arithmetic.resolution >= 230)
        var sigmoid = BallArithmetic(bits: 128)
        _ = try sigmoid.sigmoid(Ball(BigFloat(80)))
        #expect(sigmoid.resolution >= 230)
    }

    @Test(arguments: [0, 1, 7, UInt64.max])
    func aSingleLimbIsTheLiteral(limb: UInt64) {
        #expect(Limbs(single: limb) == [limb])
        #expect(Limbs(single: limb).isSingleOne == (limb == 1))
    }
}
