import Testing
@testable import CalculusCore

/// The limb routines of `BigFloat` that have a faster form: each against its definition, on
/// operands from 1 to 70 limbs (the 128- to 4,096-bit working precisions and beyond).
struct PreciseLimbArithmeticTests {
    static func number(limbs count: Int, seed: UInt64, exponent: Int = -64) -> BigFloat {
        var generator = SplitMix64(seed: seed)
        var limbs = Limbs(repeating: 0, count: count)
        for i in 0..<count { limbs[i] = generator.next() }
        // Some all-ones and zero limbs, where carries run far.
        if count > 3 { limbs[1] = .max; limbs[2] = 0 }
        limbs[count - 1] |= 1
        return BigFloat(negative: false, limbs: limbs, exponent: exponent)
    }

    @Test(arguments: [1, 3, 4, 5, 7, 12, 33, 66, 70])
    func squaredIsTimesItselfDigitForDigit(count: Int) {
        for (seed, bits) in [(1, 128), (2, 300), (3, 1024), (4, 4200)] as [(UInt64, Int)] {
            let x = Self.number(limbs: count, seed: seed &* 7919 &+ UInt64(count))
            #expect(x.squared(bits).isRepresentation(of: x.times(x, bits)), "\(count) limbs at \(bits) bits")
        }
        let ones = BigFloat(negative: false, limbs: Limbs(repeating: .max, count: count), exponent: 0)
        #expect(ones.squared(count * 64).isRepresentation(of: ones.times(ones, count * 64)))
    }

    /// (x + 1)·y = x·y + y exactly, with carries running through all-ones limbs.
    @Test(arguments: [1, 2, 6, 7, 13, 66])
    func productsAreExact(count: Int) {
        let ones = BigFloat(negative: false, limbs: Limbs(repeating: .max, count: count), exponent: 0)
        for x in [ones, Self.number(limbs: count, seed: 11 &+ UInt64(count), exponent: 0)] {
            for y in [ones, Self.number(limbs: count + 3, seed: 5, exponent: 0), BigFloat(3)] {
                let left = x.adding(.one).multiplied(by: y)
                let right = x.multiplied(by: y).adding(y)
                #expect(left.isRepresentation(of: right), "\(count) limbs")
            }
        }
    }

    /// q = N/d truncated to `bits` bits: q·d ≤ N < (q + one unit in q's last place)·d.
    @Test(arguments: [1, 2, 5, 6, 7, 40, 70])
    func quotientIsTheTruncatedQuotient(count: Int) {
        for (divisor, bits) in [(3, 64), (9, 200), (1_000_003, 1024), (UInt64.max, 4200), (7, 60)] as [(UInt64, Int)] {
            let n = Self.number(limbs: count, seed: divisor &+ UInt64(count), exponent: 17)
            let q = n.divided(by: divisor, bits: bits)
            let d = BigFloat(negative: false, limbs: [divisor], exponent: 0)
            #expect(q.bitLength == bits, "\(count) limbs / \(divisor) at \(bits) bits")
            let below = q.multiplied(by: d)
            let above = q.adding(BigFloat(negative: false, limbs: [1], exponent: q.exponent)).multiplied(by: d)
            #expect(BigFloat.compare(below, n) <= 0 && BigFloat.compare(n, above) < 0, "\(count) limbs / \(divisor) at \(bits) bits")
        }
    }

    /// A random number of 1 to 9 limbs, with zero and all-ones limbs among them, any sign, and an
    /// exponent that may put it far from the other operand.
    static func randomNumber(_ generator: inout SplitMix64) -> BigFloat {
        let count = Int(generator.next(below: 9)) + 1
        var limbs = Limbs(repeating: 0, count: count)
        for i in 0..<count {
            switch generator.next(below: 6) {
            case 0: limbs[i] = 0
            case 1: limbs[i] = .max
            default: limbs[i] = generator.next()
            }
        }
        limbs[count - 1] |= 1 << generator.next(below: 64)
        let exponent = Int(generator.next(below: 1200)) - 600
        return BigFloat(negative: generator.next(below: 2) == 0, limbs: limbs, exponent: exponent)
    }

    /// The truncated sum and product built in scratch memory are the exact operation followed
    /// by `truncated(toBits:)`, limb for limb: equal magnitudes of opposite sign, nearly equal
    /// ones (long borrows), far-apart exponents and results shorter than the width included.
    @Test func fusedSumsAndProductsAreTheExactOnesTruncated() {
        var generator = SplitMix64(seed: 0xF05E_D5)
        for round in 0..<20_000 {
            let a = Self.randomNumber(&generator)
            var b = Self.randomNumber(&generator)
            switch round % 5 {
            case 0: b = a.negated
            case 1: b = a.negated.adding(BigFloat(negative: false, limbs: [1], exponent: a.exponent))
            case 2: b = b.scaled(by: a.exponent - b.exponent + Int(generator.next(below: 130)) - 65)
            default: break
            }
            let bits = Int(generator.next(below: 700)) + 1
            let sum = BigFloat.truncatedSum(a, b, bits: bits)
            #expect(sum.isRepresentation(of: a.adding(b).truncated(toBits: bits).value), "sum, round \(round)")
            let product = BigFloat.truncatedProduct(a, b, bits: bits)
            #expect(product.isRepresentation(of: a.multiplied(by: b).truncated(toBits: bits).value), "product, round \(round)")
        }
    }

    /// Truncation in scratch normalises as the initialiser does: a top limb the shift empties
    /// and zero limbs left at the bottom (2^192 + 0xFFFF to 130 bits keeps only 2^192) go, with
    /// the exponent moved to match. Random buffers with many zero limbs cover the rest.
    @Test func truncationInScratchNormalisesLikeTheInitialiser() {
        func check(_ limbs: [UInt64], negative: Bool, exponent: Int, bits: Int) -> Bool {
            var significand = Limbs(repeating: 0, count: limbs.count)
            for (i, limb) in limbs.enumerated() { significand[i] = limb }
            let expected = BigFloat(negative: negative, limbs: significand, exponent: exponent).truncated(toBits: bits).value
            var scratch = limbs
            let value = scratch.withUnsafeMutableBufferPointer { buffer in
                BigFloat.truncating(buffer.baseAddress!, count: buffer.count, negative: negative, exponent: exponent, bits: bits)
            }
            return value.isRepresentation(of: expected)
        }
        #expect(check([0xFFFF, 0, 0, 1], negative: false, exponent: -7, bits: 130))
        let kept = { () -> BigFloat in
            var scratch: [UInt64] = [0xFFFF, 0, 0, 1]
            return scratch.withUnsafeMutableBufferPointer { BigFloat.truncating($0.baseAddress!, count: 4, negative: false, exponent: -7, bits: 130) }
        }()
        #expect(kept.limbs == [2] && kept.exponent == -7 + 63 + 128)
        #expect(check([0, 0, 0], negative: true, exponent: 5, bits: 64))
        var generator = SplitMix64(seed: 0x7A11)
        for round in 0..<20_000 {
            let count = Int(generator.next(below: 12)) + 1
            var limbs = [UInt64](repeating: 0, count: count)
            for i in 0..<count {
                switch generator.next(below: 4) {
                case 0, 1: limbs[i] = 0
                case 2: limbs[i] = 1 << generator.next(below: 64)
                default: limbs[i] = generator.next()
                }
            }
            let bits = Int(generator.next(below: 800)) + 1
            let exponent = Int(generator.next(below: 400)) - 200
            #expect(check(limbs, negative: generator.next(below: 2) == 0, exponent: exponent, bits: bits), "round \(round)")
        }
    }
}
