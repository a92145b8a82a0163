/// A non-negative upper bound `m · 2^e` used as the radius of a `Ball`: a `Double` fraction with
/// an exponent of its own, so that radii far below or above `Double`'s range stay representable.
/// Every operation rounds up (by a relative 2⁻⁵⁰, more than `Double`'s own rounding), so a
/// radius never understates the error it bounds.
struct Radius: Sendable, Comparable {
    /// 0, or in [1, 2).
    private(set) var fraction: Double
    private(set) var exponent: Int

    static let zero = Radius(fraction: 0, exponent: 0)
    private static let up = 1 + 0x1p-50

    private init(fraction: Double, exponent: Int) {
        self.fraction = fraction
        self.exponent = exponent
    }

    /// `2^k`.
    init(twoTo k: Int) {
        fraction = 1
        exponent = k
    }

    /// An upper bound of `|value|`.
    init(_ value: Double) {
        self = Radius.normalized(abs(value) * Self.up, 0)
    }

    /// An upper bound of `|x|`.
    init(bounding x: BigFloat) {
        guard !x.isZero else { self = .zero; return }
        let bits = x.bitLength
        let top = BigFloat.shiftedRight(x.limbs, by: max(bits - 60, 0)).first ?? 0
        // top < 2^60; +1 covers the discarded bits.
        self = Radius.normalized(Double(top + 1) * Self.up, x.exponent + max(bits - 60, 0))
    }

    private static func normalized(_ fraction: Double, _ exponent: Int) -> Radius {
        guard fraction != 0 else { return .zero }
        precondition(fraction.isFinite && fraction > 0)
        let e = Int(fraction.exponent)
        return Radius(fraction: fraction.significand, exponent: exponent + e)
    }

    var isZero: Bool { fraction == 0 }

    /// An upper bound of log2 of the value (−∞ for zero).
    var log2: Double { isZero ? -.infinity : Double(exponent) + Foundation.log2(fraction) + 1e-9 }

    static func + (a: Radius, b: Radius) -> Radius {
        if a.isZero { return b }
        if b.isZero { return a }
        let (big, small) = a.exponent >= b.exponent ? (a, b) : (b, a)
        let gap = big.exponent - small.exponent
        let added = gap > 60 ? 0x1p-60 : small.fraction * Double(sign: .plus, exponent: -gap, significand: 1)
        return normalized((big.fraction + added) * up, big.exponent)
    }

    static func * (a: Radius, b: Radius) -> Radius {
        if a.isZero || b.isZero { return .zero }
        return normalized(a.fraction * b.fraction * up, a.exponent + b.exponent)
    }

    /// The bound times a non-negative `Double` factor.
    func times(_ factor: Double) -> Radius { self * Radius(factor) }

    /// `self · 2^k`.
    func scaled(by k: Int) -> Radius {
        isZero ? self : Radius(fraction: fraction, exponent: exponent + k)
    }

    static func < (a: Radius, b: Radius) -> Bool {
        if a.isZero || b.isZero { return a.isZero && !b.isZero }
        if a.exponent != b.exponent { return a.exponent < b.exponent }
        return a.fraction < b.fraction
    }

    /// The radius as a `BigFloat` (exact: the fraction has 53 bits).
    var bigFloat: BigFloat {
        isZero ? .zero : BigFloat(fraction).scaled(by: exponent)
    }
}

import Foundation
