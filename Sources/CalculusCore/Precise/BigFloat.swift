/// An arbitrary-precision binary floating-point number, `±significand · 2^exponent`, with the
/// significand a non-negative integer in 64-bit limbs (least significant first) and an exponent
/// of unbounded practical range, so that values far beyond `Double` (exp(13360)) and far below
/// it (2^-5000) stay representable.
///
/// The operations here are exact (`adding`, `multiplied`) or truncate toward zero to a stated
/// number of bits and report whether anything was discarded (`truncated`). Rounding-error
/// bookkeeping belongs to `Ball`, which is the type the evaluator uses.
struct BigFloat: Sendable {
    var negative: Bool
    /// Least significant limb first; empty for zero; the last limb is never zero.
    var limbs: Limbs
    var exponent: Int

    static let zero = BigFloat(negative: false, limbs: [], exponent: 0)
    static let one = BigFloat(1)

    init(negative: Bool, limbs: Limbs, exponent: Int) {
        self.negative = negative
        self.limbs = limbs
        self.exponent = exponent
        normalize()
    }

    /// The number `±source · 2^exponent` for limbs already normalised (the first and last
    /// nonzero): copied once, with no second pass.
    @inline(__always)
    init(negative: Bool, normalized source: UnsafeBufferPointer<UInt64>, exponent: Int) {
        self.negative = negative
        limbs = Limbs(copying: source)
        self.exponent = exponent
    }

    init(_ value: Int64) {
        self.init(negative: value < 0, limbs: Limbs(single: value.magnitude), exponent: 0)
    }

    init(_ value: Int) { self.init(Int64(value)) }

    /// The exact value of a finite `Double`.
    init(_ value: Double) {
        precondition(value.isFinite, "BigFloat holds finite values only")
        if value == 0 { self = .zero; return }
        let significand = value.significandBitPattern | (value.isNormal ? (1 << 52) : 0)
        let exponent = value.isNormal ? Int(value.exponentBitPattern) - 1075 : -1074
        self.init(negative: value < 0, limbs: Limbs(single: significand), exponent: exponent)
    }

    var isZero: Bool { limbs.isEmpty }

    /// Whether `other` is this number, or its negation when `negated`, digit for digit (the same
    /// value may have several representations; this compares one, which is enough for a cache).
    func isRepresentation(of other: BigFloat, negated: Bool = false) -> Bool {
        exponent == other.exponent && (negative != other.negative) == (negated && !isZero) && limbs == other.limbs
    }

    /// Number of significant bits of the significand.
    var bitLength: Int {
        guard let top = limbs.last else { return 0 }
        return 64 * (limbs.count - 1) + (64 - top.leadingZeroBitCount)
    }

    /// `E` with `2^(E-1) ≤ |self| < 2^E`; meaningless for zero.
    var magnitudeExponent: Int { exponent + bitLength }

    private mutating func normalize() {
        while let last = limbs.last, last == 0 { limbs.removeLast() }
        if limbs.isEmpty { negative = false; exponent = 0; return }
        // Drop whole zero limbs at the bottom (keeps numbers short), keeping the value.
        var low = 0
        while limbs[low] == 0 { low += 1 }
        if low > 0 {
            limbs.removeFirst(low)
            exponent += 64 * low
        }
    }

    var negated: BigFloat {
        var copy = self
        if !copy.isZero { copy.negative.toggle() }
        return copy
    }

    var magnitude: BigFloat {
        var copy = self
        copy.negative = false
        return copy
    }

    /// `self · 2^k`, exact.
    func scaled(by k: Int) -> BigFloat {
        var copy = self
        if !copy.isZero { copy.exponent += k }
        return copy
    }

    /// The value rounded to the nearest `Double` (±infinity past its range, 0 below it).
    var doubleValue: Double {
        guard !isZero else { return 0 }
        let bits = bitLength
        // The top 64 bits of the significand, then scale.
        let top = Self.shiftedRight(limbs, by: max(bits - 64, 0))
        let leading = top.first ?? 0
        let scale = exponent + max(bits - 64, 0)
        if scale + 64 > 1100 { return negative ? -.infinity : .infinity }
        if scale < -1200 { return negative ? -0.0 : 0 }
        var result = Double(leading)
        // Two steps keep intermediate powers in range.
        let half = scale / 2
        result = result * Double(sign: .plus, exponent: half, significand: 1)
        result = result * Double(sign: .plus, exponent: scale - half, significand: 1)
        return negative ? -result : result
    }

    // MARK: Limb helpers

    /// Limbs shifted right by `k` bits (discarding the low bits).
    ///
    /// The hottest helper of the precise layer (every truncation goes through it), so its loop
    /// has no per-limb test: whole-limb shifts copy, others combine each limb with the next.
    static func shiftedRight(_ limbs: Limbs, by k: Int) -> Limbs {
        if k <= 0 { return limbs }
        let whole = k / 64, part = k % 64
        if whole >= limbs.count { return [] }
        let count = limbs.count - whole
        var result = Limbs(repeating: 0, count: count)
        result.withUnsafeMutableLimbs { r in
            limbs.withUnsafeLimbs { l in
                let source = l.baseAddress! + whole
                if part == 0 {
                    for i in 0..<count { r[i] = source[i] }
                } else {
                    let down = UInt64(part), up = UInt64(64 - part)
                    for i in 0..<(count - 1) { r[i] = source[i] &>> down | source[i + 1] &<< up }
                    r[count - 1] = source[count - 1] &>> down
                }
            }
        }
        result.trimTop()
        return result
    }

    /// Limbs shifted left by `k ≥ 0` bits.
    static func shiftedLeft(_ limbs: Limbs, by k: Int) -> Limbs {
        if k <= 0 || limbs.isEmpty { return limbs }
        let whole = k / 64, part = k % 64
        let count = limbs.count
        var result = Limbs(repeating: 0, count: count + whole + (part == 0 ? 0 : 1))
        result.withUnsafeMutableLimbs { r in
            limbs.withUnsafeLimbs { l in
                let target = r.baseAddress! + whole
                if part == 0 {
                    for i in 0..<count { target[i] = l[i] }
                } else {
                    let up = UInt64(part), down = UInt64(64 - part)
                    target[0] = l[0] &<< up
                    for i in 1..<count { target[i] = l[i] &<< up | l[i - 1] &>> down }
                    target[count] = l[count - 1] &>> down
                }
            }
        }
        result.trimTop()
        return result
    }

    /// Whether any of the lowest `k` bits is set.
    static func anyBitSet(_ limbs: Limbs, below k: Int) -> Bool {
        if k <= 0 { return false }
        let whole = k / 64, part = k % 64
        for i in 0..<min(whole, limbs.count) where limbs[i] != 0 { return true }
        if part != 0, whole < limbs.count, limbs[whole] & ((1 << UInt64(part)) - 1) != 0 { return true }
        return false
    }

    static func compareLimbs(_ a: Limbs, _ b: Limbs) -> Int {
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        var i = a.count - 1
        while i >= 0 {
            if a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
            i -= 1
        }
        return 0
    }

    static func addLimbs(_ a: Limbs, _ b: Limbs) -> Limbs {
        let (long, short) = a.count >= b.count ? (a, b) : (b, a)
        var result = long
        var carry: UInt64 = 0
        for i in 0..<long.count {
            let addend: UInt64 = i < short.count ? short[i] : 0
            if addend == 0 && carry == 0 && i >= short.count { break }
            let (s1, o1) = result[i].addingReportingOverflow(addend)
            let (s2, o2) = s1.addingReportingOverflow(carry)
            result[i] = s2
            carry = (o1 ? 1 : 0) + (o2 ? 1 : 0)
        }
        if carry != 0 { result.append(carry) }
        return result
    }

    /// `a - b` for `a ≥ b`.
    static func subtractLimbs(_ a: Limbs, _ b: Limbs) -> Limbs {
        var result = a
        var borrow: UInt64 = 0
        for i in 0..<a.count {
            let subtrahend: UInt64 = i < b.count ? b[i] : 0
            if subtrahend == 0 && borrow == 0 && i >= b.count { break }
            let (d1, o1) = result[i].subtractingReportingOverflow(subtrahend)
            let (d2, o2) = d1.subtractingReportingOverflow(borrow)
            result[i] = d2
            borrow = (o1 ? 1 : 0) + (o2 ? 1 : 0)
        }
        while let last = result.last, last == 0 { result.removeLast() }
        return result
    }

    /// Adds `a · b[0..<count]` into `r[0..<count]` and returns the limb carried out of the top.
    ///
    /// The inner loop of every product: the carries are added without branches and the indices
    /// without overflow checks (they stay inside the buffers), which takes it from about 25
    /// instructions per limb product to about 13.
    @inline(__always)
    static func multiplyAdd(_ r: UnsafeMutablePointer<UInt64>, _ a: UInt64, _ b: UnsafePointer<UInt64>, count: Int) -> UInt64 {
        var carry: UInt64 = 0
        var j = 0
        while j < count {
            let (high, part) = a.multipliedFullWidth(by: b[j])
            let (s1, o1) = part.addingReportingOverflow(carry)
            let (s2, o2) = r[j].addingReportingOverflow(s1)
            r[j] = s2
            // high ≤ 2^64 − 2, so both carries fit.
            carry = high &+ (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
            j &+= 1
        }
        return carry
    }

    static func multiplyLimbs(_ a: Limbs, _ b: Limbs) -> Limbs {
        if a.isEmpty || b.isEmpty { return [] }
        var result = Limbs(repeating: 0, count: a.count + b.count)
        result.withUnsafeMutableLimbs { r in
            a.withUnsafeLimbs { a in
                b.withUnsafeLimbs { b in
                    for i in 0..<a.count where a[i] != 0 {
                        r[i + b.count] = multiplyAdd(r.baseAddress! + i, a[i], b.baseAddress!, count: b.count)
                    }
                }
            }
        }
        result.trimTop()
        return result
    }

    // MARK: Arithmetic

    /// The exact sum. Callers keep exponent gaps bounded (see `Ball.add`).
    func adding(_ other: BigFloat) -> BigFloat {
        if isZero { return other }
        if other.isZero { return self }
        let base = min(exponent, other.exponent)
        let a = Self.shiftedLeft(limbs, by: exponent - base)
        let b = Self.shiftedLeft(other.limbs, by: other.exponent - base)
        if negative == other.negative {
            return BigFloat(negative: negative, limbs: Self.addLimbs(a, b), exponent: base)
        }
        let order = Self.compareLimbs(a, b)
        if order == 0 { return .zero }
        if order > 0 { return BigFloat(negative: negative, limbs: Self.subtractLimbs(a, b), exponent: base) }
        return BigFloat(negative: other.negative, limbs: Self.subtractLimbs(b, a), exponent: base)
    }

    func subtracting(_ other: BigFloat) -> BigFloat { adding(other.negated) }

    /// The exact product.
    func multiplied(by other: BigFloat) -> BigFloat {
        if isZero || other.isZero { return .zero }
        return BigFloat(negative: negative != other.negative,
                        limbs: Self.multiplyLimbs(limbs, other.limbs),
                        exponent: exponent + other.exponent)
    }

    /// Truncated toward zero to at most `bits` significant bits; `exact` is false when bits were dropped.
    func truncated(toBits bits: Int) -> (value: BigFloat, exact: Bool) {
        let excess = bitLength - bits
        if excess <= 0 { return (self, true) }
        let exact = !Self.anyBitSet(limbs, below: excess)
        return (BigFloat(negative: negative, limbs: Self.shiftedRight(limbs, by: excess), exponent: exponent + excess), exact)
    }

    /// The quotient by a small positive integer, truncated to about `bits` bits; never exact-flagged.
    ///
    /// Long division from the top limb down (zeros below the numerator's last limb), stopped once
    /// the quotient holds ⌈bits/64⌉ + 1 limbs from its first nonzero one, more than `bits` bits:
    /// the top limbs of a quotient do not depend on the limbs below them, so this is the full
    /// quotient truncated, digit for digit, without shifting or allocating the numerator.
    func divided(by divisor: UInt64, bits: Int) -> BigFloat {
        if isZero { return self }
        let count = (bits + 63) / 64 + 1
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: count) { scratch in
            let q = scratch.baseAddress!
            q.initialize(repeating: 0, count: count)
            var remainder: UInt64 = 0
            var position = limbs.count - 1
            var produced = 0
            limbs.withUnsafeLimbs { numerator in
                while produced < count {
                    let limb = position >= 0 ? numerator[position] : 0
                    let (digit, rest) = divisor.dividingFullWidth((remainder, limb))
                    remainder = rest
                    if digit != 0 || produced > 0 {
                        q[count - 1 - produced] = digit
                        produced += 1
                    }
                    position -= 1
                }
            }
            return Self.truncating(q, count: count, negative: negative, exponent: exponent + 64 * (position + 1), bits: bits)
        }
    }

    /// Compares magnitudes: -1, 0 or 1.
    static func compareMagnitudes(_ a: BigFloat, _ b: BigFloat) -> Int {
        if a.isZero || b.isZero { return a.isZero ? (b.isZero ? 0 : -1) : 1 }
        let ea = a.magnitudeExponent, eb = b.magnitudeExponent
        if ea != eb { return ea < eb ? -1 : 1 }
        let base = min(a.exponent, b.exponent)
        return compareLimbs(shiftedLeft(a.limbs, by: a.exponent - base), shiftedLeft(b.limbs, by: b.exponent - base))
    }

    /// Compares values: -1, 0 or 1.
    static func compare(_ a: BigFloat, _ b: BigFloat) -> Int {
        if a.negative != b.negative {
            if a.isZero && b.isZero { return 0 }
            return a.negative ? -1 : 1
        }
        let m = compareMagnitudes(a, b)
        return a.negative ? -m : m
    }

    /// The integer part (toward zero) as an `Int`, when it fits.
    var truncatedInteger: Int? {
        if isZero { return 0 }
        if exponent >= 0 {
            guard magnitudeExponent <= 62 else { return nil }
            let value = Int(limbs[0]) << exponent
            return negative ? -value : value
        }
        let shifted = Self.shiftedRight(limbs, by: -exponent)
        guard shifted.count <= 1 else { return nil }
        let value = shifted.first ?? 0
        guard value < (1 << 62) else { return nil }
        return negative ? -Int(value) : Int(value)
    }
}
