/// Elementary functions of `BigFloat` midpoints, each computed at a working precision well above
/// the requested `bits` (40 guard bits, more where argument reduction or the series cancels), so
/// that the result's relative error stays below 2^-(bits+8). `Ball` adds that bound to its radius.
///
/// Methods: exp by reduction modulo ln 2, halving and Taylor series, then squaring; log by the
/// atanh series of (m−1)/(m+1) on a mantissa in [1/√2, √2); sin and cos by reduction modulo
/// π/2 and Taylor series; atan by three argument halvings and Taylor series; erf by its Taylor
/// series with guard bits for the alternating terms (about x²·log₂e) below |x| = 2 and by a
/// series of positive terms times e^(−x²) from there on; π by Machin's formula; ln 2 from
/// `ln2Table` up to 8,192 bits and beyond by a four-term atanh formula. Reciprocal and square
/// root by Newton's iteration.
extension BigFloat {
    static let guardBits = 40

    /// The product truncated to `bits`. Long operands get a short product: the partial products
    /// that only reach limbs far below the kept bits are skipped, which halves the work at high
    /// precision and adds an error below 2^-(bits+52) of the result (inside the guard bits).
    func times(_ other: BigFloat, _ bits: Int) -> BigFloat {
        let na = limbs.count, nb = other.limbs.count
        let keep = (bits + 63) / 64 + 2
        let low = na + nb - keep - 1
        if na < 4 || nb < 4 || low <= 0 { return Self.truncatedProduct(self, other, bits: bits) }
        let count = na + nb - low
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: count) { scratch in
            let r = scratch.baseAddress!
            r.initialize(repeating: 0, count: count)
            limbs.withUnsafeLimbs { a in
                other.limbs.withUnsafeLimbs { b in
                    for i in 0..<na {
                        let ai = a[i]
                        let first = Swift.max(0, low - i)
                        if ai == 0 || first >= nb { continue }
                        r[i + nb - low] = Self.multiplyAdd(r + (i + first - low), ai, b.baseAddress! + first, count: nb - first)
                    }
                }
            }
            return Self.truncating(r, count: count, negative: negative != other.negative,
                                   exponent: exponent + other.exponent + 64 * low, bits: bits)
        }
    }

    /// `times(self, bits)`, digit for digit, at about half the limb products: the same partial
    /// products aᵢaⱼ are summed (those `times` keeps, i + j ≥ low), each off-diagonal one once
    /// and doubled.
    func squared(_ bits: Int) -> BigFloat {
        let n = limbs.count
        let keep = (bits + 63) / 64 + 2
        let low = 2 * n - keep - 1
        if n < 4 || low <= 0 { return times(self, bits) }
        let count = 2 * n - low
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: count) { scratch in
            scratch.initialize(repeating: 0)
            let r = scratch
            limbs.withUnsafeLimbs { a in
                for i in 0..<n {
                    let ai = a[i]
                    let first = Swift.max(i + 1, low - i)
                    if ai == 0 || first >= n { continue }
                    r[i + n - low] = Self.multiplyAdd(r.baseAddress! + (i + first - low), ai, a.baseAddress! + first, count: n - first)
                }
                // Doubled: the whole sum is below 2^(64·count), so no bit leaves the top.
                var shiftedOut: UInt64 = 0
                for k in 0..<r.count {
                    let limb = r[k]
                    r[k] = (limb << 1) | shiftedOut
                    shiftedOut = limb >> 63
                }
                // Plus the squares aᵢ² with 2i ≥ low: the low half at position 2i − low, the
                // high half one limb up.
                var carry: UInt64 = 0
                for k in 0..<r.count {
                    let d = k + low
                    var addend: UInt64 = 0
                    if d % 2 == 0 {
                        if d / 2 < n { addend = a[d / 2].multipliedFullWidth(by: a[d / 2]).low }
                    } else if k >= 1, (d - 1) / 2 < n {
                        addend = a[(d - 1) / 2].multipliedFullWidth(by: a[(d - 1) / 2]).high
                    }
                    let (s1, o1) = r[k].addingReportingOverflow(addend)
                    let (s2, o2) = s1.addingReportingOverflow(carry)
                    r[k] = s2
                    carry = (o1 ? 1 : 0) + (o2 ? 1 : 0)
                }
            }
            return Self.truncating(r.baseAddress!, count: count, negative: false, exponent: 2 * exponent + 64 * low, bits: bits)
        }
    }

    /// The sum truncated to `bits`; an addend far below the other's last bit is dropped.
    func plus(_ other: BigFloat, _ bits: Int) -> BigFloat {
        if isZero { return other.truncated(toBits: bits).value }
        if other.isZero { return truncated(toBits: bits).value }
        let gap = magnitudeExponent - other.magnitudeExponent
        if gap > bits + 8 { return truncated(toBits: bits).value }
        if -gap > bits + 8 { return other.truncated(toBits: bits).value }
        return Self.truncatedSum(self, other, bits: bits)
    }

    func minus(_ other: BigFloat, _ bits: Int) -> BigFloat { plus(other.negated, bits) }

    /// 1/x (x ≠ 0) to about `bits` bits, by Newton's iteration y ← y + y(1 − xy).
    static func reciprocal(_ x: BigFloat, bits: Int) -> BigFloat {
        precondition(!x.isZero)
        if x.limbs.isSingleOne {
            return BigFloat(negative: x.negative, limbs: Limbs(single: 1), exponent: -x.exponent)
        }
        let e = x.magnitudeExponent
        let scaled = x.magnitude.scaled(by: -e) // in [1/2, 1)
        var y = BigFloat(1 / scaled.doubleValue)
        var precision = 50
        let target = bits + 16
        while precision < target {
            precision = min(precision * 2, target)
            let w = precision + 16
            let residual = BigFloat.one.minus(scaled.times(y, w), w)
            y = y.plus(y.times(residual, w), w)
        }
        var result = y.scaled(by: -e)
        result.negative = x.negative
        return result
    }

    static func quotient(_ a: BigFloat, _ b: BigFloat, bits: Int) -> BigFloat {
        a.times(reciprocal(b, bits: bits + 8), bits + 8)
    }

    /// √x for x > 0, by Newton's iteration on 1/√x.
    static func squareRoot(_ x: BigFloat, bits: Int) -> BigFloat {
        precondition(!x.negative && !x.isZero)
        var e = x.magnitudeExponent
        if e % 2 != 0 { e += 1 }
        let scaled = x.scaled(by: -e) // in [1/4, 1)
        var y = BigFloat(1 / scaled.doubleValue.squareRoot())
        var precision = 50
        let target = bits + 16
        while precision < target {
            precision = min(precision * 2, target)
            let w = precision + 16
            let residual = BigFloat.one.minus(scaled.times(y.squared(w), w), w)
            y = y.plus(y.times(residual, w).scaled(by: -1), w)
        }
        return scaled.times(y, target).scaled(by: e / 2)
    }

    // MARK: Constants

    private static let constants = ConstantCache()

    /// π to at least `bits` bits.
    static func pi(bits: Int) -> BigFloat {
        constants.value(name: 0, bits: bits) { w in
            // π = 16 atan(1/5) − 4 atan(1/239).
            inverseArctangent(5, bits: w).scaled(by: 4).minus(inverseArctangent(239, bits: w).scaled(by: 2), w)
        }
    }

    /// 1/√π to at least `bits` bits, the constant of every erf and erfc, cached like π: its
    /// square root and reciprocal (Newton's iterations at the full width) cost about a twentieth
    /// of the continued fraction's instructions when each call made its own.
    static func inverseRootPi(bits: Int) -> BigFloat {
        constants.value(name: 2, bits: bits) { w in reciprocal(squareRoot(pi(bits: w), bits: w), bits: w) }
    }

    /// ln 2 to at least `bits` bits: `ln2Table` truncated, or beyond its 8,192 bits the series.
    static func ln2(bits: Int) -> BigFloat {
        constants.value(name: 1, bits: bits) { w in
            w < ln2TableBits ? ln2Table.truncated(toBits: w).value : ln2Series(bits: w)
        }
    }

    /// ln 2 = 144 atanh(1/251) + 54 atanh(1/449) − 38 atanh(1/4801) + 62 atanh(1/8749), to at
    /// least `w` bits: 16 to 26 bits a term, where the classic 2 atanh(1/3) gives 3.2, so about
    /// 0.2 terms a bit instead of 0.32. Each series carries 10 bits more, room for the errors
    /// (each below 2^-(w+17)) times the coefficients, which add up to 298 < 2^9.
    static func ln2Series(bits w: Int) -> BigFloat {
        let p = w + 10
        var sum = BigFloat.zero
        for (n, coefficient) in [(251, 144), (449, 54), (4801, -38), (8749, 62)] as [(UInt64, Int)] {
            let piece = inverseArctangent(n, hyperbolic: true, bits: p).times(BigFloat(coefficient), p)
            sum = sum.plus(piece, p)
        }
        return sum
    }

    /// The bits a term of size 2^t < 1 of a constant's series needs for the sum to hold `w`:
    /// w + t + 32. A term is formed from the one before, so its error is the sum of the errors
    /// of the k terms before it, each below 2^-(w+32) absolute; over K terms (K < w/4, the
    /// slowest series being atan(1/5)'s at 4.6 bits a term) that is below K²·2^-(w+32) <
    /// 2^-(w+7) for w up to 13,000, far inside the 64 bits `ConstantCache` adds to every request.
    private static func taperedBits(_ term: BigFloat, _ w: Int) -> Int {
        Swift.max(64, w + term.magnitudeExponent + 32)
    }

    /// atan(1/n) = Σ (−1)^k / ((2k+1) n^(2k+1)), or with `hyperbolic` atanh(1/n), the same
    /// series without the alternating sign.
    private static func inverseArctangent(_ n: UInt64, hyperbolic: Bool = false, bits w: Int) -> BigFloat {
        var term = BigFloat.one.divided(by: n, bits: w)
        var sum = term
        var k: UInt64 = 1
        while term.magnitudeExponent > -(w + 8) {
            let p = taperedBits(term, w)
            term = term.divided(by: n * n, bits: p)
            let piece = term.divided(by: 2 * k + 1, bits: p)
            sum = k % 2 == 1 && !hyperbolic ? sum.minus(piece, w) : sum.plus(piece, w)
            k += 1
        }
        return sum
    }

    // MARK: Exponential and logarithm

    /// e^x for |x| < 2^50.
    ///
    /// The reduced argument is halved h times before the series and the sum squared h times
    /// after: h squarings against a series of about bits/h terms, so h grows as √bits (12 up to
    /// about 300 bits, 48 at 4,096). Each squaring doubles the relative error, so the working
    /// precision carries h bits more.
    static func exp(_ x: BigFloat, bits: Int) -> BigFloat {
        if x.isZero { return .one }
        let k = Int((x.doubleValue / 0.6931471805599453).rounded())
        let kBits = 64 - UInt64(k.magnitude).leadingZeroBitCount
        let halvings = Swift.max(12, Int(Double(bits).squareRoot() * 0.75))
        let w = bits + guardBits + 4 + halvings
        let reduced = x.minus(ln2(bits: w + kBits + 8).times(BigFloat(k), w + kBits + 8), w + kBits + 8)
        let r = reduced.truncated(toBits: w).value.scaled(by: -halvings)
        var term = BigFloat.one
        var sum = BigFloat.one
        var n: UInt64 = 1
        while true {
            // The sum is near 1, so a term of size 2^-t needs only w − t bits (24 spare for
            // the errors the terms carry forward).
            let p = Swift.max(w + term.magnitudeExponent + 24, 64)
            term = term.times(r, p).divided(by: n, bits: p)
            if term.isZero || term.magnitudeExponent < -(w + 8) { break }
            sum = sum.plus(term, w)
            n += 1
        }
        for _ in 0..<halvings { sum = sum.squared(w) }
        return sum.scaled(by: k)
    }

    /// e^x − 1, accurate relative to its value also for tiny x.
    static func expm1(_ x: BigFloat, bits: Int) -> BigFloat {
        if x.isZero { return .zero }
        let w = bits + guardBits
        if x.magnitudeExponent >= 0 { // |x| ≥ 1/2
            return exp(x, bits: w).minus(.one, w)
        }
        var term = x
        var sum = x
        var n: UInt64 = 2
        let floor = x.magnitudeExponent - (w + 8)
        while true {
            term = term.times(x, w).divided(by: n, bits: w)
            if term.isZero || term.magnitudeExponent < floor { break }
            sum = sum.plus(term, w)
            n += 1
        }
        return sum
    }

    /// ln x for x > 0.
    static func log(_ x: BigFloat, bits: Int) -> BigFloat {
        precondition(!x.negative && !x.isZero)
        let w = bits + guardBits
        var e = x.magnitudeExponent
        var m = x.scaled(by: -e) // [1/2, 1)
        if m.doubleValue < 0.7071067811865476 { m = m.scaled(by: 1); e -= 1 }
        let numerator = m.subtracting(.one)
        if numerator.isZero && e == 0 { return .zero }
        var sum = BigFloat.zero
        if !numerator.isZero {
            let z = quotient(numerator, m.adding(.one), bits: w)
            let z2 = z.times(z, w)
            var power = z
            sum = z
            var k: UInt64 = 1
            let floor = z.magnitudeExponent - (w + 8)
            while true {
                // The sum is near z: a power 2^-t below z needs only w − t bits.
                let p = Swift.max(w + power.magnitudeExponent - z.magnitudeExponent + 24, 64)
                power = power.times(z2, p)
                if power.isZero || power.magnitudeExponent < floor { break }
                sum = sum.plus(power.divided(by: 2 * k + 1, bits: p), w)
                k += 1
            }
            sum = sum.scaled(by: 1)
        }
        if e == 0 { return sum }
        let eBits = 64 - UInt64(e.magnitude).leadingZeroBitCount
        return ln2(bits: w + eBits).times(BigFloat(e), w + eBits).plus(sum, w)
    }

    // MARK: Trigonometric

    /// (sin x, cos x) for |x| < 2^60.
    static func sinCos(_ x: BigFloat, bits: Int) -> (sin: BigFloat, cos: BigFloat) {
        if x.isZero { return (.zero, .one) }
        let extra = max(x.magnitudeExponent, 0) + 64
        let w = bits + guardBits
        let halfPi = pi(bits: w + extra).scaled(by: -1)
        let k = Int((x.doubleValue / 1.5707963267948966).rounded())
        let r = x.minus(halfPi.times(BigFloat(k), w + extra), w + extra)
        let floor = min(r.magnitudeExponent, 0) - (w + 8)
        let r2 = r.times(r, w)
        var sinTerm = r, sinSum = r
        var cosTerm = BigFloat.one, cosSum = BigFloat.one
        var n: UInt64 = 1
        while true {
            cosTerm = cosTerm.times(r2, w).divided(by: (2 * n - 1) * (2 * n), bits: w).negated
            sinTerm = sinTerm.times(r2, w).divided(by: (2 * n) * (2 * n + 1), bits: w).negated
            let small = (cosTerm.isZero || cosTerm.magnitudeExponent < -(w + 8))
                && (sinTerm.isZero || sinTerm.magnitudeExponent < floor)
            cosSum = cosSum.plus(cosTerm, w)
            sinSum = sinSum.plus(sinTerm, w)
            if small { break }
            n += 1
        }
        switch ((k % 4) + 4) % 4 {
        case 0: return (sinSum, cosSum)
        case 1: return (cosSum, sinSum.negated)
        case 2: return (sinSum.negated, cosSum.negated)
        default: return (cosSum.negated, sinSum)
        }
    }

    /// atan x for any x.
    static func atan(_ x: BigFloat, bits: Int) -> BigFloat {
        if x.isZero { return .zero }
        let w = bits + guardBits
        if x.magnitudeExponent > 0 && compareMagnitudes(x, .one) > 0 {
            let halfPi = pi(bits: w).scaled(by: -1)
            let inner = atan(reciprocal(x, bits: w), bits: w)
            return x.negative ? halfPi.negated.minus(inner, w) : halfPi.minus(inner, w)
        }
        // atan x = 2 atan(x / (1 + √(1 + x²))), three times.
        var y = x
        for _ in 0..<3 {
            let root = squareRoot(BigFloat.one.plus(y.times(y, w), w), bits: w)
            y = quotient(y, BigFloat.one.plus(root, w), bits: w)
        }
        let y2 = y.times(y, w)
        var power = y, sum = y
        var k: UInt64 = 1
        let floor = y.magnitudeExponent - (w + 8)
        while true {
            power = power.times(y2, w).negated
            if power.isZero || power.magnitudeExponent < floor { break }
            sum = sum.plus(power.divided(by: 2 * k + 1, bits: w), w)
            k += 1
        }
        return sum.scaled(by: 3)
    }

    // MARK: Error function

    /// erf x by its Taylor series, with guard bits for the alternating terms; from |x| = 2 on,
    /// by the series of positive terms instead (`erfPositiveSeries`), which needs no such bits.
    static func erf(_ x: BigFloat, bits: Int) -> BigFloat {
        if x.isZero { return .zero }
        let xd = Swift.abs(x.doubleValue)
        return xd >= 2 ? erfPositiveSeries(x, bits: bits) : erfTaylorSeries(x, bits: bits)
    }

    /// erf x = (2/√π) Σₙ (−1)ⁿ x^(2n+1) / (n! (2n+1)), with x²·log₂e guard bits for the
    /// cancellation of its alternating terms.
    static func erfTaylorSeries(_ x: BigFloat, bits: Int) -> BigFloat {
        if x.isZero { return .zero }
        let xd = Swift.abs(x.doubleValue)
        let w = bits + guardBits + Int(xd * xd * 1.4427) + 8
        let x2 = x.times(x, w).negated
        var term = x
        var sum = x
        var n: UInt64 = 1
        let floor = x.magnitudeExponent - (w + 8)
        while true {
            // Past the largest term (n > x²) the terms shrink, and one of size 2^t needs only
            // the bits down to the floor; before it, the full width, which carries the
            // cancellation of the alternating sum.
            let p = Double(n) > xd * xd ? Swift.min(w, Swift.max(64, term.magnitudeExponent - floor + 16)) : w
            term = term.times(x2, p).divided(by: n, bits: p)
            let piece = term.divided(by: 2 * n + 1, bits: p)
            if Double(n) > xd * xd, piece.isZero || piece.magnitudeExponent < floor { break }
            sum = sum.plus(piece, w)
            n += 1
        }
        let twoOverRootPi = inverseRootPi(bits: w).scaled(by: 1)
        return sum.times(twoOverRootPi, w)
    }

    /// erf x = (2/√π) e^(−x²) Σₙ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)) (Abramowitz and Stegun 7.1.6), for
    /// |x| ≥ 2.
    ///
    /// Why: the Taylor series alternates, and its largest term is about e^(x²) times the result,
    /// so it carries x²·log₂e guard bits (160 at x = 10.6, 5,200 at x = 60) through every term.
    /// Here every term has the sign of x, so the sum is as accurate as its terms; the price is
    /// one exponential. Terms past the largest need only the bits down to the sum's last kept bit.
    ///
    /// Accuracy: each of the N terms (N < 4x² + w + 16, below 2^15 for x < 60) is formed by N
    /// products and quotients, each rounded by at most 2^-p relative, and a term of size 2^t is
    /// kept to p ≥ t − floor + 24 bits, so every term and the sum are in error by at most
    /// N²·2^(floor−24) + N·2^-w relative, below 2^-(bits+8) with the guard bits. The series
    /// stops at a term below 2^floor once the ratio of successive terms, 2x²/(2n+3), is below 1/2,
    /// so the tail left out is below 2^(floor+1), also inside the guard bits.
    static func erfPositiveSeries(_ x: BigFloat, bits: Int) -> BigFloat {
        let w = bits + guardBits + 8
        let m = x.magnitude
        let square = m.multiplied(by: m) // exact, for the exponential
        let twoSquare = square.truncated(toBits: w + 16).value.scaled(by: 1)
        // 4x² with room for the Double rounding of x, for the ratio test.
        let ratioBound = 4 * m.doubleValue * m.doubleValue * (1 + 0x1p-40) + 1
        var term = m
        var sum = m
        var n: UInt64 = 1
        while true {
            let floor = sum.magnitudeExponent - (w + 8)
            let p = Swift.min(w, Swift.max(64, term.magnitudeExponent - floor + 24))
            term = term.times(twoSquare, p).divided(by: 2 * n + 1, bits: p)
            if Double(2 * n + 1) > ratioBound, term.isZero || term.magnitudeExponent < floor { break }
            sum = sum.plus(term, w)
            n += 1
        }
        let twoOverRootPi = inverseRootPi(bits: w).scaled(by: 1)
        let value = sum.times(exp(square.negated, bits: w), w).times(twoOverRootPi, w)
        return x.negative ? value.negated : value
    }

    /// erfc x for x > 0: by the continued fraction where it is the cheaper way
    /// (`erfcContinuedFraction`, far out), otherwise as 1 − erf x with enough extra bits that
    /// the cancellation leaves `bits`.
    static func erfc(_ x: BigFloat, bits: Int) -> BigFloat {
        let xd = x.doubleValue
        if prefersContinuedFraction(x: xd, bits: bits) { return erfcContinuedFraction(x, bits: bits) }
        let extra = Int(xd * xd * 1.4427) + Int(Foundation.log2(Swift.max(xd, 1))) + 16
        let w = bits + guardBits + extra
        return BigFloat.one.minus(erf(x, bits: w), w)
    }

    /// Whether the continued fraction costs less than 1 − erf x at `bits`.
    ///
    /// 1 − erf x carries x²·log₂e bits of cancellation through a series whose terms climb to
    /// e^(x²) before they fall, so it gets dearer with x; the fraction needs about 0.14·w²/x²
    /// steps of two products each, so it gets cheaper with x and dearer with the width. Timed
    /// against each other for x from 2.5 to 45 and 128 to 4,000 bits, the two cost the same near
    /// x² = 0.16·(bits + 64), which is the rule. Either way the value is the same to the stated
    /// accuracy (`PreciseErrorFunctionTests`); only the time differs.
    static func prefersContinuedFraction(x: Double, bits: Int) -> Bool {
        x >= 2 && x < 60 && x * x > 0.16 * Double(bits + 64)
    }

    /// erfc x for x > 0 by Laplace's continued fraction (Abramowitz and Stegun 7.1.14):
    ///
    ///     √π e^(x²) erfc x = K = 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …)))))
    ///
    /// Why: far out, erfc is e^(−x²) times something near 1/x, and 1 − erf x would have to carry
    /// x²·log₂e bits of cancellation through hundreds of series terms (x = 10.6 at 300 bits: about
    /// 560 terms of 486 bits, against 100 steps of 360 here).
    ///
    /// The convergents C_n = A_n/B_n come from the forward recurrence A_n = x·A_{n−1} + a_n·A_{n−2}
    /// (the same for B), a_1 = 1 and a_n = (n−1)/2. Every element is positive, so:
    /// - the convergents lie alternately above and below K, so |K − C_n| ≤ |C_n − C_{n−1}|, which
    ///   is a_2·…·a_n / (B_n·B_{n−1}) = ((n−1)!/2^(n−1)) / (B_n·B_{n−1}); the loop stops once
    ///   that is below 2^-(w+8) of K (K > 1/(x+1), as it lies between C_2 = x/(x²+½) and C_1);
    /// - no sum cancels: each step adds a relative error of at most 2^(1−w) to quantities whose
    ///   errors are already relative, so after n steps (n < 2^15 here) A_n and B_n are within
    ///   2^(16−w) relative, inside the guard bits, as are the quotient, e^(−x²) and 1/√π.
    static func erfcContinuedFraction(_ x: BigFloat, bits: Int) -> BigFloat {
        let w = bits + guardBits + 16
        let m = x.magnitude
        let square = m.multiplied(by: m) // exact, for the exponential
        let target = -Double(w + 8) - Foundation.log2(m.doubleValue + 1)
        var aBefore = BigFloat.zero, bBefore = BigFloat.one // C_0 = 0/1
        var a = BigFloat.one, b = m                         // C_1 = 1/x
        var log2Numerator = 0.0                              // log₂ of a_2·…·a_n
        var n: UInt64 = 1
        while true {
            n += 1
            // a_n = (n − 1)/2: times the integer, then half.
            let coefficient = BigFloat(Int64(n - 1))
            let nextA = m.times(a, w).plus(aBefore.multiplied(by: coefficient).scaled(by: -1), w)
            let nextB = m.times(b, w).plus(bBefore.multiplied(by: coefficient).scaled(by: -1), w)
            (aBefore, bBefore, a, b) = (a, b, nextA, nextB)
            log2Numerator += Foundation.log2(Double(n - 1)) - 1
            // B ≥ 2^(E−1) for magnitude exponent E; one more bit for the rounding of all this.
            let log2Gap = log2Numerator - Double(b.magnitudeExponent - 1) - Double(bBefore.magnitudeExponent - 1) + 1
            if log2Gap < target { break }
        }
        let fraction = quotient(a, b, bits: w)
        return fraction.times(exp(square.negated, bits: w), w).times(inverseRootPi(bits: w), w)
    }
}

/// Constants computed once per block of precision and shared by threads.
private final class ConstantCache: Sendable {
    private let table = Mutex<[Int: BigFloat]>([:])

    func value(name: Int, bits: Int, compute: (Int) -> BigFloat) -> BigFloat {
        // Whole blocks of 512 bits: one computation serves the many nearby precisions a
        // comparison asks for (argument reduction adds a few bits that vary with the argument).
        let rounded = ((bits + 64 + 511) / 512) * 512
        let key = name &* 1_000_003 &+ rounded
        if let value = table.withLock({ $0[key] }) { return value }
        let value = compute(rounded)
        table.withLock { $0[key] = value }
        return value
    }
}

import Foundation
import Synchronization
