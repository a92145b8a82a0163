/// Sums and products truncated to a number of bits, worked out in scratch memory.
///
/// Why: `a.adding(b).truncated(toBits:)` builds the exact sum as a `Limbs` value (on the heap
/// once it outgrows the inline limbs, as aligning two numbers far apart does), normalises it,
/// and then builds the truncated one; in the precise layer's series those intermediate values,
/// their copies and their reference counting cost more than the additions. Here the exact
/// result lives in a stack buffer and only the truncated one becomes a `Limbs`.
///
/// The results are those of the exact operation followed by `truncated(toBits:)`, limb for
/// limb and with the same exponent (`BigFloatFusedTests` compares them over random operands),
/// so no comparison changes.
extension BigFloat {
    /// `(a + b).truncated(toBits: bits).value`, for nonzero `a` and `b`.
    static func truncatedSum(_ a: BigFloat, _ b: BigFloat, bits: Int) -> BigFloat {
        let base = Swift.min(a.exponent, b.exponent)
        let shiftA = a.exponent - base, shiftB = b.exponent - base
        let count = Swift.max(a.limbs.count + (shiftA + 63) / 64, b.limbs.count + (shiftB + 63) / 64) + 1
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 * count) { scratch in
            let x = scratch.baseAddress!, y = x + count
            place(a.limbs, shiftedBy: shiftA, into: x, count: count)
            place(b.limbs, shiftedBy: shiftB, into: y, count: count)
            var negative = a.negative
            if a.negative == b.negative {
                var carry: UInt64 = 0
                for i in 0..<count {
                    let (s1, o1) = x[i].addingReportingOverflow(y[i])
                    let (s2, o2) = s1.addingReportingOverflow(carry)
                    x[i] = s2
                    carry = (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
                }
            } else {
                // The larger magnitude minus the smaller, with the larger one's sign.
                var order = 0
                var i = count - 1
                while i >= 0 {
                    if x[i] != y[i] { order = x[i] < y[i] ? -1 : 1; break }
                    i -= 1
                }
                if order == 0 { return .zero }
                let (big, small) = order > 0 ? (x, y) : (y, x)
                if order < 0 { negative = b.negative }
                var borrow: UInt64 = 0
                for i in 0..<count {
                    let (d1, o1) = big[i].subtractingReportingOverflow(small[i])
                    let (d2, o2) = d1.subtractingReportingOverflow(borrow)
                    x[i] = d2
                    borrow = (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
                }
            }
            return truncating(x, count: count, negative: negative, exponent: base, bits: bits)
        }
    }

    /// `a.multiplied(by: b).truncated(toBits: bits).value`.
    static func truncatedProduct(_ a: BigFloat, _ b: BigFloat, bits: Int) -> BigFloat {
        if a.isZero || b.isZero { return .zero }
        let na = a.limbs.count, nb = b.limbs.count
        let count = na + nb
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: count) { scratch in
            let r = scratch.baseAddress!
            r.initialize(repeating: 0, count: count)
            a.limbs.withUnsafeLimbs { a in
                b.limbs.withUnsafeLimbs { b in
                    for i in 0..<na where a[i] != 0 {
                        r[i + nb] = multiplyAdd(r + i, a[i], b.baseAddress!, count: nb)
                    }
                }
            }
            return truncating(r, count: count, negative: a.negative != b.negative,
                              exponent: a.exponent + b.exponent, bits: bits)
        }
    }

    /// Writes `limbs · 2^shift` (shift ≥ 0) into `r[0..<count]`, zeros elsewhere.
    @inline(__always)
    private static func place(_ limbs: Limbs, shiftedBy shift: Int, into r: UnsafeMutablePointer<UInt64>, count: Int) {
        r.initialize(repeating: 0, count: count)
        let whole = shift / 64, part = UInt64(shift % 64)
        limbs.withUnsafeLimbs { l in
            let target = r + whole
            if part == 0 {
                for i in 0..<l.count { target[i] = l[i] }
            } else {
                var spill: UInt64 = 0
                for i in 0..<l.count {
                    target[i] = l[i] &<< part | spill
                    spill = l[i] &>> (64 &- part)
                }
                target[l.count] = spill
            }
        }
    }

    /// The number `±r[0..<count] · 2^exponent` truncated toward zero to `bits` significant bits
    /// and normalised, as `BigFloat(negative:limbs:exponent:).truncated(toBits:)` gives it.
    /// `r` is scratch: the kept limbs are shifted down in place, and only they are copied out
    /// (the value's one `Limbs`, built once and not normalised again).
    static func truncating(_ r: UnsafeMutablePointer<UInt64>, count: Int, negative: Bool,
                           exponent: Int, bits: Int) -> BigFloat {
        var top = count
        while top > 0 && r[top - 1] == 0 { top -= 1 }
        if top == 0 { return .zero }
        // The low zero limbs go first, as the initialiser's normalisation does before
        // `truncated` measures the excess: the representation depends on it.
        var low = 0
        while r[low] == 0 { low += 1 }
        var start = r + low
        var length = top - low
        var exponent = exponent + 64 * low
        let bitLength = 64 * (length - 1) + (64 - start[length - 1].leadingZeroBitCount)
        let excess = bitLength - bits
        if excess > 0 {
            let whole = excess / 64, part = UInt64(excess % 64)
            let kept = length - whole
            let from = start + whole
            if part == 0 {
                start = from
            } else {
                // Ascending, each limb is written after the two it is read from.
                for i in 0..<(kept - 1) { start[i] = from[i] &>> part | from[i + 1] &<< (64 &- part) }
                start[kept - 1] = from[kept - 1] &>> part
            }
            length = kept
            exponent += excess
            // What normalising the kept limbs would drop: a top limb emptied by the shift, and
            // zero limbs at the bottom. The top bit is kept, so some limb is nonzero.
            while start[length - 1] == 0 { length -= 1 }
            var zeros = 0
            while start[zeros] == 0 { zeros += 1 }
            start += zeros
            length -= zeros
            exponent += 64 * zeros
        }
        return BigFloat(negative: negative, normalized: UnsafeBufferPointer(start: start, count: length), exponent: exponent)
    }
}
