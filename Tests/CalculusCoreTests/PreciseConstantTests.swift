import Testing
@testable import CalculusCore

/// π and ln 2, whose series keep each term only to the bits its size needs, against 1,280-bit
/// values from mpmath (truncated).
struct PreciseConstantTests {
    static func reference(_ limbs: [UInt64], exponent: Int) -> BigFloat {
        var significand = Limbs(repeating: 0, count: limbs.count)
        for (i, limb) in limbs.enumerated() { significand[i] = limb }
        return BigFloat(negative: false, limbs: significand, exponent: exponent)
    }

    static let ln2 = reference([
        0x7d2e23de1400b396, 0xee569d6dfc1efa15, 0x610d30f88fe551a2, 0x07f4ca11fb5bfb90, 0xda2d97c50f3fd5c6,
        0x655fa1872f20e3a2, 0xf5dfa6bd38303248, 0x72ce87b19d6548ca, 0x256fa0ec7657f74b, 0xb9ea9bc3b136603b,
        0x1acbda11317c387e, 0x3e96ca16224ae8c5, 0x27573b291169b825, 0xed2eae35c1382144, 0x559552fb4afa1b10,
        0xe7b876206debac98, 0x8a0d175b8baafa2b, 0x40f343267298b62d, 0xc9e3b39803f2f6af, 0xb17217f7d1cf79ab,
    ], exponent: -1280)

    static let pi = reference([
        0x9ed529077096966d, 0x1c62f356208552bb, 0x83655d23dca3ad96, 0x69163fa8fd24cf5f, 0x98da48361c55d39a,
        0xc2007cb8a163bf05, 0x49286651ece45b3d, 0xae9f24117c4b1fe6, 0xee386bfb5a899fa5, 0x0bff5cb6f406b7ed,
        0xf44c42e9a637ed6b, 0xe485b576625e7ec6, 0x4fe1356d6d51c245, 0x302b0a6df25f1437, 0xef9519b3cd3a431b,
        0x514a08798e3404dd, 0x020bbea63b139b22, 0x29024e088a67cc74, 0xc4c6628b80dc1cd1, 0xc90fdaa22168c234,
    ], exponent: -1278)

    /// |value − reference| below 2^-bits relative, plus the reference's own truncation.
    static func agrees(_ value: BigFloat, _ reference: BigFloat, bits: Int) -> Bool {
        let difference = Radius(bounding: value.subtracting(reference))
        return difference < Radius(lowerBounding: reference).scaled(by: -bits) + Radius(twoTo: reference.exponent)
    }

    @Test(arguments: [100, 700, 1150, 1200])
    func constantsHoldTheBitsAskedFor(bits: Int) {
        #expect(Self.agrees(BigFloat.ln2(bits: bits), Self.ln2, bits: bits))
        #expect(Self.agrees(BigFloat.pi(bits: bits), Self.pi, bits: bits))
        #expect(Self.agrees(BigFloat.ln2Series(bits: bits), Self.ln2, bits: bits))
        // The check can fail: one unit in the 1,200th bit is seen.
        #expect(!Self.agrees(Self.ln2.adding(Self.ln2.scaled(by: -1200)), Self.ln2, bits: 1202))
    }

    /// The table `ln2(bits:)` reads up to 8,192 bits against the series computed from scratch
    /// at its full width, and beyond the table the series itself.
    @Test func theLn2TableIsWhatTheSeriesComputes() {
        let table = BigFloat.ln2Table
        #expect(table.bitLength == BigFloat.ln2TableBits)
        #expect(Self.agrees(BigFloat.ln2Series(bits: BigFloat.ln2TableBits), table, bits: BigFloat.ln2TableBits - 2))
        #expect(!Self.agrees(table.adding(table.scaled(by: -8180)), table, bits: 8182))
        #expect(Self.agrees(BigFloat.ln2(bits: 9_000), table, bits: BigFloat.ln2TableBits - 2))
        #expect(Self.agrees(BigFloat.ln2(bits: 4_000), table, bits: 4_000))
    }
}
