/// Ball operations at a working precision of `bits` significand bits.
///
/// Besides the radius, the context records `resolution`: the relative width (in bits) to which
/// the two sides of a comparison must be known. It starts at `baseResolution` (96 bits, about
/// 29 digits) and grows when a sum adds a nonzero term smaller than that relative to the result
/// (`exp(40) + 1`, `1 + e^-200`): such a term is invisible at the base resolution, so the
/// comparison asks for enough bits to see it. Saturating functions (tanh, sigmoid, erf, Φ,
/// atan far out) are composed here as "limit − tail", so closeness to a limit is such a sum too.
/// Two kinds of small term ask for nothing: one whose sign the ball cannot tell (what is left of
/// a cancellation, which more precision only shrinks), and one more than `highestPrecision`
/// bits below (no precision here can show it, so chasing it only costs). The cosh/sinh pair
/// watches its own e^−m term, which its cancellations would otherwise hide.
///
/// The context also keeps the exponentials, erfc values, sine–cosine pairs, reciprocals, square
/// roots, logarithms and arctangents it has computed (see `exponential` and `kept`), so that the
/// two sides of a comparison evaluated in one context share them.
struct BallArithmetic {
    static let baseResolution = 96
    /// The highest working precision a comparison uses.
    static let highestPrecision = 4096
    /// A tail below 2^-saturationBits of its limit is invisible at every precision up to
    /// `highestPrecision`, and the resolution it asks for is beyond all of them: a saturating
    /// function that far out is "limit ± a bound of the tail" without computing the tail.
    static let saturationBits = highestPrecision + 256
    let bits: Int
    private(set) var resolution = BallArithmetic.baseResolution
    private var known: [KnownValue] = []
    private static let knownKept = 24

    init(bits: Int) { self.bits = bits }

    /// One computed f(m): `value` has at least `bits` bits.
    private struct KnownValue {
        enum Function { case exp, erfc, sinCos, reciprocal, squareRoot, log, atan }
        let function: Function
        let argument: BigFloat
        let bits: Int
        let value: BigFloat
        /// cos, beside sin in `value`, for `.sinCos`.
        var second: BigFloat = .zero
    }

    private func lookUp(_ function: KnownValue.Function, _ m: BigFloat, bits: Int, negated: Bool = false) -> BigFloat? {
        entry(function, m, bits: bits, negated: negated)?.value
    }

    private func entry(_ function: KnownValue.Function, _ m: BigFloat, bits: Int, negated: Bool = false) -> KnownValue? {
        for entry in known where entry.function == function && entry.bits >= bits
            && entry.argument.isRepresentation(of: m, negated: negated) {
            return entry
        }
        return nil
    }

    /// `compute(m, bits)`, computed once per context: the same value, digit for digit, each time
    /// it is asked for again.
    private mutating func kept(_ function: KnownValue.Function, _ m: BigFloat, bits: Int,
                               _ compute: (BigFloat, Int) -> BigFloat) -> BigFloat {
        if let value = lookUp(function, m, bits: bits) { return value }
        let value = compute(m, bits)
        remember(function, m, bits: bits, value)
        return value
    }

    private mutating func remember(_ function: KnownValue.Function, _ m: BigFloat, bits: Int, _ value: BigFloat,
                                   second: BigFloat = .zero) {
        if known.count == Self.knownKept { known.removeFirst() }
        known.append(KnownValue(function: function, argument: m, bits: bits, value: value, second: second))
    }

    /// e^m to `bits` bits (`BigFloat.exp`), computed once per context: both sides of a
    /// comparison, and `sinh(y)` beside `cosh(y)` or a subexpression written twice, need the same
    /// exponentials at the same point, and at high precision each costs more than the rest of an
    /// evaluation. e^−m is the reciprocal of a known e^m (a few products instead of a series).
    mutating func exponential(_ m: BigFloat, bits: Int) -> BigFloat {
        if let value = lookUp(.exp, m, bits: bits) { return value }
        let value = lookUp(.exp, m, bits: bits, negated: true).map { BigFloat.reciprocal($0, bits: bits + 16) }
            ?? BigFloat.exp(m, bits: bits)
        remember(.exp, m, bits: bits, value)
        return value
    }

    /// Whether e^m certainly lies more than `bits` bits below 1 (from m's `Double` value, with a
    /// margin for its rounding).
    private static func isNegligible(exponentialOf m: BigFloat, below bits: Int) -> Bool {
        m.negative && m.doubleValue * 1.4426950408889634 < -Double(bits + 8)
    }

    /// `limit · (1 − t)` for a tail 0 ≤ t < 2^log2Bound beyond `saturationBits`: the sum
    /// "limit − tail" would drop t into the radius, and a term that far below is one no
    /// precision up to `highestPrecision` shows, so it leaves the resolution alone (see
    /// `watch(termBelow:)`). This does that without computing t. Nil when t may be visible.
    private mutating func saturated(log2TailBound log2Bound: Double, negative: Bool) -> Ball? {
        guard log2Bound < -Double(Self.saturationBits) else { return nil }
        let exponent = log2Bound < -0x1p50 ? -(1 << 50) : Int(log2Bound.rounded(.up)) + 1
        return Ball(negative ? BigFloat(-1) : .one, radius: Radius(twoTo: exponent))
    }

    /// A lower bound of min |t| over the ball, for tail bounds far out (where radii are tiny
    /// and `Double` rounding is far inside the margins).
    private static func lowerMagnitudeBound(_ x: Ball) -> Double? {
        // Only balls narrow in absolute terms: a wide ball (root isolation) takes the
        // general path, whose failures there decide the bisection.
        guard x.radius < Radius(twoTo: -8) else { return nil }
        let low = Ball(x.mid.magnitude, radius: x.radius).lower.doubleValue
        guard low.isFinite, low > 0, low < 0x1p40 else { return nil }
        return low * (1 - 0x1p-40)
    }

    /// `body` run in a context at a lower working precision that shares this one's known values
    /// and resolution, for a term that will be added to a value of order 1 while lying below
    /// 2^log2Size (a saturating function's tail: 2/(e^2x + 1) for tanh, erfc for erf). Rounded to
    /// `bits` relative to itself, such a term would carry digits 2^log2Size below anything the sum
    /// keeps; `bits + log2Size + 24` bits of its own (at least 64) leave its absolute error below
    /// 2^-(bits+24), inside the rounding of the sum, so the result is as accurate as before.
    ///
    /// Why: far out the tail is where the comparison's time goes. tanh(677) at the 3,970 bits its
    /// squared tail asks for is 1 − 2^-1953·(…): the exponential and the division behind the tail
    /// cost as much at 3,970 bits as they would at the 2,040 that show in the result.
    private mutating func term<R>(below log2Size: Double,
                                  _ body: (inout BallArithmetic) throws(PreciseFailure) -> R) throws(PreciseFailure) -> R {
        let needed = log2Size.isFinite && log2Size > -0x1p40 ? Int((Double(bits) + log2Size).rounded(.up)) + 24 : 64
        guard needed < bits else { return try body(&self) }
        var inner = BallArithmetic(bits: Swift.max(64, needed))
        inner.resolution = resolution
        swap(&inner.known, &known)
        defer {
            swap(&inner.known, &known)
            resolution = inner.resolution
        }
        return try body(&inner)
    }

    /// Raises the resolution to show a nonzero term added `gap` bits below the other (by
    /// magnitude exponents), when it is below the resolution so far and some precision up to
    /// `highestPrecision` can show it: a term no precision here shows asks for nothing.
    mutating func watch(termBelow gap: Int) {
        if gap > resolution - 8, gap <= Self.highestPrecision {
            resolution = Swift.max(resolution, gap + 16)
        }
    }

    /// Raises the resolution to show t^k (+16 bits) beside a value of order 1, for a tiny t
    /// (|t| < 2^-12) of known sign: a term of a function's own series, watched as if it were
    /// written as a sum. Two uses: the first term beyond the tangent line of a function with a
    /// Taylor series at 0, at a tiny argument t (k = 3 covers x³ for sin, sigmoid, acos and x²
    /// for cos, exp), and the square of a saturating function's tail in t (k = 2: tanh is
    /// 1 − 2t + 2t² − … with t = e^−2x, and a sum already watches the first tail term), so that
    /// `sin(1e-100*x)*1e100` is told from `x` and `1 - 2*exp(-2*x)` from `tanh(x)`. A t of
    /// unknown sign is rounding and asks for nothing.
    mutating func watch(power k: Int, of t: Ball) {
        guard t.excludesZero else { return }
        let e = t.mid.magnitudeExponent // |t| < 2^e
        guard e < -12 else { return }
        watch(termBelow: k * (1 - e) + 16)
    }

    /// The rounding error of a result truncated to `bits`.
    private func roundingError(of value: BigFloat, exact: Bool) -> Radius {
        exact ? .zero : Radius(twoTo: value.magnitudeExponent - bits)
    }

    /// A value computed by an elementary routine with relative error below 2^-(bits+8), rounded.
    private func computed(_ value: BigFloat) -> Ball {
        let (rounded, _) = value.truncated(toBits: bits)
        return Ball(rounded, radius: value.isZero ? .zero : Radius(twoTo: value.magnitudeExponent - bits + 1))
    }

    func number(_ value: BigFloat) -> Ball {
        let (rounded, exact) = value.truncated(toBits: bits)
        return Ball(rounded, radius: roundingError(of: value, exact: exact))
    }

    func integer(_ n: Int64) -> Ball { Ball(BigFloat(n)) }

    // MARK: Arithmetic

    mutating func add(_ a: Ball, _ b: Ball) -> Ball {
        if a.mid.isZero { return Ball(b.mid, radius: a.radius + b.radius) }
        if b.mid.isZero { return Ball(a.mid, radius: a.radius + b.radius) }
        let gap = a.mid.magnitudeExponent - b.mid.magnitudeExponent
        let (big, small) = gap >= 0 ? (a, b) : (b, a)
        if let below = Self.termGap(a, b) { watch(termBelow: below) }
        if gap.magnitude > bits + 64 {
            return Ball(big.mid, radius: big.radius + small.radius + Radius(bounding: small.mid))
        }
        let sum = a.mid.adding(b.mid)
        let (rounded, exact) = sum.truncated(toBits: bits)
        return Ball(rounded, radius: a.radius + b.radius + roundingError(of: sum, exact: exact))
    }

    /// How many bits the smaller of two terms to be added lies below the other (by magnitude
    /// exponents), or nil when either is zero or the smaller one's sign is unknown: such a
    /// term (the remains of a cancellation, such as 1 − tanh(y)² far out) is rounding, not a
    /// term to resolve, since more precision only shrinks it. Its true size, if any, comes from
    /// a sum watched where it was made.
    static func termGap(_ a: Ball, _ b: Ball) -> Int? {
        guard !a.mid.isZero, !b.mid.isZero else { return nil }
        let gap = a.mid.magnitudeExponent - b.mid.magnitudeExponent
        guard (gap >= 0 ? b : a).excludesZero else { return nil }
        return Int(gap.magnitude)
    }

    mutating func subtract(_ a: Ball, _ b: Ball) -> Ball { add(a, negate(b)) }

    func negate(_ a: Ball) -> Ball { Ball(a.mid.negated, radius: a.radius) }

    func multiply(_ a: Ball, _ b: Ball) -> Ball {
        let product = a.mid.multiplied(by: b.mid)
        let (rounded, exact) = product.truncated(toBits: bits)
        var radius = roundingError(of: product, exact: exact)
        if !b.radius.isZero { radius = radius + Radius(bounding: a.mid) * b.radius }
        if !a.radius.isZero { radius = radius + Radius(bounding: b.mid) * a.radius + a.radius * b.radius }
        return Ball(rounded, radius: radius)
    }

    func scale(_ a: Ball, by k: Int) -> Ball { Ball(a.mid.scaled(by: k), radius: a.radius.scaled(by: k)) }

    /// 1/b.
    /// - Throws: `.undefined` for an exact zero, `.indeterminate` when the ball holds zero.
    mutating func reciprocal(_ b: Ball) throws(PreciseFailure) -> Ball {
        if b.mid.isZero && b.isExact { throw .undefined }
        guard b.excludesZero else { throw .indeterminate }
        // A denominator written on both sides of a comparison is divided by once.
        let value = kept(.reciprocal, b.mid, bits: bits + 8, BigFloat.reciprocal)
        let exactPowerOfTwo = b.isExact && b.mid.limbs.count == 1 && b.mid.limbs[0] == 1
        var result = exactPowerOfTwo ? Ball(value) : computed(value)
        if !b.radius.isZero {
            // |1/t − 1/m| ≤ r / (|m| − r)² over the ball.
            let low = Radius(lowerBounding: b.mid.magnitude.subtracting(b.radius.bigFloat))
            guard !low.isZero else { throw .indeterminate }
            result.radius = result.radius + b.radius * Radius(twoTo: -2 * Int(low.log2.rounded(.down)) + 2)
        }
        return result
    }

    mutating func divide(_ a: Ball, _ b: Ball) throws(PreciseFailure) -> Ball {
        try multiply(a, reciprocal(b))
    }

    /// x^n for an integer n, by repeated squaring (exact for exact operands that fit).
    mutating func power(_ x: Ball, integer n: Int64) throws(PreciseFailure) -> Ball {
        if n == 0 { return .one }
        var base = n < 0 ? try reciprocal(x) : x
        var k = n.magnitude
        // The first factor is taken as it is, not multiplied into 1.
        var result: Ball?
        while true {
            if k & 1 == 1 { result = result.map { multiply($0, base) } ?? base }
            k >>= 1
            if k == 0 { return result! }
            base = multiply(base, base)
        }
    }

    // MARK: Constants

    var pi: Ball { computed(BigFloat.pi(bits: bits + 16)) }

    /// e, through the context's exponentials: `e` beside `exp(1)`, or written on both sides, is
    /// computed once.
    var e: Ball { mutating get { computed(exponential(.one, bits: bits + 8)) } }

    /// 2^x bounds a Lipschitz constant given the log2 of its value (rounded up, one bit spare).
    private func lipschitz(log2 value: Double) throws(PreciseFailure) -> Radius {
        guard value.isFinite, value.magnitude < 1e15 else { throw .indeterminate }
        return Radius(twoTo: Int(value.rounded(.up)) + 1)
    }

    /// The ball f(m) ± (its computation error + r · L), with L bounding |f′| over the ball.
    private func propagate(_ value: Ball, _ x: Ball, log2Lipschitz: @autoclosure () throws(PreciseFailure) -> Double) throws(PreciseFailure) -> Ball {
        guard !x.radius.isZero else { return value }
        var result = value
        result.radius = result.radius + x.radius * (try lipschitz(log2: log2Lipschitz()))
        return result
    }

    /// The largest value in the ball as a Double (or ±huge).
    private func upperDouble(_ x: Ball) -> Double { x.upper.doubleValue }
    private func lowerDouble(_ x: Ball) -> Double { x.lower.doubleValue }
}

// MARK: - Functions

extension BallArithmetic {
    mutating func exp(_ x: Ball) throws(PreciseFailure) -> Ball {
        if x.mid.isZero && x.isExact { return .one }
        guard x.mid.magnitudeExponent < 48 else { throw .indeterminate }
        let value: Ball
        if x.mid.magnitudeExponent < -4 {
            // Near zero, 1 + expm1(x), so that a result within a hair of 1 is seen as such.
            value = add(.one, computed(BigFloat.expm1(x.mid, bits: bits + 8)))
        } else {
            value = computed(exponential(x.mid, bits: bits + 8))
        }
        return try propagate(value, x, log2Lipschitz: self.upperDouble(x) * 1.4426950408889634 + 1)
    }

    mutating func log(_ x: Ball) throws(PreciseFailure) -> Ball {
        if x.isExact, x.mid.limbs.isSingleOne, x.mid.exponent == 0, !x.mid.negative { return .zero }
        if x.mid.isZero && x.isExact { throw .undefined }
        if x.isNegative || (x.isExact && x.mid.negative) { throw .undefined }
        guard x.isPositive else { throw .indeterminate }
        let value = computed(kept(.log, x.mid, bits: bits + 8, BigFloat.log))
        return try propagate(value, x, log2Lipschitz: -Radius(lowerBounding: x.lower).log2 + 0.01)
    }

    mutating func sqrt(_ x: Ball) throws(PreciseFailure) -> Ball {
        if x.mid.isZero && x.isExact { return .zero }
        if x.isNegative || (x.isExact && x.mid.negative) { throw .undefined }
        guard x.isPositive else { throw .indeterminate }
        let value = computed(kept(.squareRoot, x.mid, bits: bits + 8, BigFloat.squareRoot))
        return try propagate(value, x, log2Lipschitz: -1 - Radius(lowerBounding: x.lower).log2 / 2 + 0.01)
    }

    /// x^(p/q) with q > 1 and gcd(p, q) = 1: the real root for odd q.
    mutating func power(_ x: Ball, rational p: Int64, _ q: Int64) throws(PreciseFailure) -> Ball {
        if q == 1 { return try power(x, integer: p) }
        if x.mid.isZero && x.isExact {
            if p > 0 { return .zero }
            throw .undefined
        }
        if q % 2 == 0 {
            if x.isNegative || (x.isExact && x.mid.negative) { throw .undefined }
            guard x.isPositive else { throw .indeterminate }
            // (√x)^p: a square root costs a few products, exp(p/2 · ln x) two series.
            if q == 2 { return try power(sqrt(x), integer: p) }
            return try exp(multiply(try divide(integer(p), integer(q)), log(x)))
        }
        guard x.excludesZero else { throw .indeterminate }
        let magnitude = Ball(x.mid.magnitude, radius: x.radius)
        let root = try exp(multiply(try divide(integer(p), integer(q)), log(magnitude)))
        return x.mid.negative && p % 2 != 0 ? negate(root) : root
    }

    /// x^y for a general exponent: exact integer exponents by multiplication, otherwise
    /// exp(y ln x) for x > 0.
    mutating func power(_ x: Ball, _ y: Ball) throws(PreciseFailure) -> Ball {
        if y.isExact, let n = y.mid.truncatedInteger, BigFloat.compare(BigFloat(n), y.mid) == 0, n.magnitude <= 1 << 20 {
            return try power(x, integer: Int64(n))
        }
        if x.mid.isZero && x.isExact {
            if y.isPositive { return .zero }
            if y.isNegative || (y.mid.isZero && y.isExact) { throw y.isNegative ? .undefined : .indeterminate }
            throw .indeterminate
        }
        if x.isPositive {
            // x^y = e^(y·log x): with a tiny exponent (`x^(1e-20)`), a function at a tiny argument.
            let t = multiply(y, try log(x))
            watch(power: 3, of: t)
            return try exp(t)
        }
        if x.isNegative && y.isExact { throw .undefined }
        throw .indeterminate
    }

    mutating func sinCos(_ x: Ball) throws(PreciseFailure) -> (sin: Ball, cos: Ball) {
        if x.mid.isZero && x.isExact { return (.zero, .one) }
        guard x.mid.magnitudeExponent < 60 else { throw .indeterminate }
        watchNearHalfPiMultiple(x)
        // sin(x) beside cos(x), tan(x) or sec(x) in one expression, or on both sides of a
        // comparison, is one computation.
        let s: BigFloat, c: BigFloat
        if let known = entry(.sinCos, x.mid, bits: bits + 8) {
            (s, c) = (known.value, known.second)
        } else {
            (s, c) = BigFloat.sinCos(x.mid, bits: bits + 8)
            remember(.sinCos, x.mid, bits: bits + 8, s, second: c)
        }
        return (try propagate(computed(s), x, log2Lipschitz: 0), try propagate(computed(c), x, log2Lipschitz: 0))
    }

    /// Near a nonzero multiple of π/2 the trigonometric functions are their tiny-argument
    /// selves at r = x − kπ/2 (sin(π + t) = −sin t, cos(2π + t) = cos t, tan(π + t) = tan t):
    /// r is watched as `Function.ball` watches a tiny argument at 0. `Double` finds the few
    /// candidates; r itself is a ball, exact but for π's rounding.
    private mutating func watchNearHalfPiMultiple(_ x: Ball) {
        let m = x.mid.doubleValue
        let k = (m / (Double.pi / 2)).rounded()
        // Beyond 2^40 the `Double` remainder is no guide (its error passes 2^-12).
        guard k != 0, Swift.abs(m - k * (Double.pi / 2)) < 0x1p-10 || Swift.abs(m) > 0x1p40 else { return }
        let r = subtract(x, multiply(integer(Int64(k)), scale(pi, by: -1)))
        watch(power: 3, of: r)
    }

    mutating func atan(_ x: Ball) throws(PreciseFailure) -> Ball {
        if x.mid.isZero && x.isExact { return .zero }
        if BigFloat.compareMagnitudes(x.mid, .one) > 0, x.excludesZero {
            // ±π/2 − atan(1/x): the closeness to π/2 is a sum the context can watch.
            let halfPi = scale(pi, by: -1)
            // And atan(1/x) is a function at a tiny argument: 1/x plus a term to watch.
            let r = try reciprocal(x)
            watch(power: 3, of: r)
            // atan(1/x) < 1/|x| < 2^-(E−1) for 2^(E−1) ≤ |x| − r, added to π/2 (only looked at
            // from |x| = 256 on: nearer, a narrower context would save a few bits at most).
            var log2Term = 0.0
            if x.mid.magnitudeExponent > 8 {
                let lower = x.mid.magnitude.subtracting(x.radius.bigFloat)
                if !lower.negative, !lower.isZero { log2Term = -Double(lower.magnitudeExponent - 1) }
            }
            let inner = try term(below: log2Term) { (c) throws(PreciseFailure) in try c.atan(r) }
            return x.mid.negative ? subtract(negate(halfPi), inner) : subtract(halfPi, inner)
        }
        let value = computed(kept(.atan, x.mid, bits: bits + 8, BigFloat.atan))
        return try propagate(value, x, log2Lipschitz: 0)
    }

    /// asin on [−1, 1].
    mutating func asin(_ x: Ball) throws(PreciseFailure) -> Ball {
        if x.mid.isZero && x.isExact { return .zero }
        let order = BigFloat.compareMagnitudes(x.mid, .one)
        if x.isExact && order == 0 { return x.mid.negative ? negate(scale(pi, by: -1)) : scale(pi, by: -1) }
        if x.isExact && order > 0 { throw .undefined }
        let outside = BigFloat.compareMagnitudes(x.mid.magnitude.subtracting(x.radius.bigFloat), .one) > 0 && order > 0
        if outside { throw .undefined }
        let inside = BigFloat.compare(x.mid.magnitude.adding(x.radius.bigFloat), .one) < 0
        guard inside else { throw .indeterminate }
        // asin m = atan(m / √(1 − m²)).
        let w = bits + 16
        let oneMinus = BigFloat.one.minus(x.mid.times(x.mid, w), w)
        let value = BigFloat.atan(BigFloat.quotient(x.mid, BigFloat.squareRoot(oneMinus, bits: w), bits: w), bits: bits + 8)
        let gapToOne = BigFloat.one.subtracting(x.mid.magnitude.adding(x.radius.bigFloat))
        return try propagate(computed(value), x, log2Lipschitz: -Radius(lowerBounding: gapToOne).log2 / 2 + 0.01)
    }

    mutating func acos(_ x: Ball) throws(PreciseFailure) -> Ball {
        if x.isExact, x.mid.limbs.isSingleOne, x.mid.exponent == 0, !x.mid.negative { return .zero }
        return subtract(scale(pi, by: -1), try asin(x))
    }

    /// (e^m − e^−m)/2 or (e^m + e^−m)/2 to `bits` for |m| ≥ 1/2; the smaller exponential is
    /// not computed where the sum would drop it.
    private mutating func hyperbolic(_ m: BigFloat, bits: Int, subtracting: Bool) -> BigFloat {
        let large = m.negative ? m.negated : m
        let big = exponential(large, bits: bits)
        // e^−m is a term 2m·log2(e) bits below e^m, computed in or dropped: watched as a sum.
        watch(termBelow: Int(Swift.min(large.doubleValue * 2 * 1.4426950408889634, 0x1p40)))
        let sum: BigFloat
        if Self.isNegligible(exponentialOf: large.negated, below: bits / 2 + 4) {
            sum = big.truncated(toBits: bits).value
        } else {
            // Needed only to the bits that show in the sum: 2m·log₂e of its own lie below them.
            let gap = Int(Swift.min(large.doubleValue * 2 * 1.4426950408889634, 0x1p40)) - 2
            let small = exponential(large.negated, bits: Swift.max(64, Swift.min(bits, bits - gap + 24)))
            sum = subtracting ? big.minus(small, bits) : big.plus(small, bits)
        }
        return (subtracting && m.negative ? sum.negated : sum).scaled(by: -1)
    }

    mutating func sinh(_ x: Ball) throws(PreciseFailure) -> Ball {
        if x.mid.isZero && x.isExact { return .zero }
        guard x.mid.magnitudeExponent < 48 else { throw .indeterminate }
        let w = bits + 16
        // Near zero from expm1, where e^m − e^−m cancels.
        let value = x.mid.magnitudeExponent >= 0
            ? hyperbolic(x.mid, bits: w, subtracting: true)
            : BigFloat.expm1(x.mid, bits: w).minus(BigFloat.expm1(x.mid.negated, bits: w), w).scaled(by: -1)
        // |sinh′| = cosh ≤ e^max|t| over the ball.
        let upper = Swift.max(Swift.abs(upperDouble(x)), Swift.abs(lowerDouble(x)))
        return try propagate(computed(value), x, log2Lipschitz: upper * 1.4426950408889634 + 1)
    }

    mutating func cosh(_ x: Ball) throws(PreciseFailure) -> Ball {
        if x.mid.isZero && x.isExact { return .one }
        guard x.mid.magnitudeExponent < 48 else { throw .indeterminate }
        let value = hyperbolic(x.mid, bits: bits + 16, subtracting: false)
        let upper = Swift.max(Swift.abs(upperDouble(x)), Swift.abs(lowerDouble(x)))
        return try propagate(computed(value), x, log2Lipschitz: upper * 1.4426950408889634 + 1)
    }

    mutating func tanh(_ x: Ball) throws(PreciseFailure) -> Ball {
        if x.mid.isZero && x.isExact { return .zero }
        if x.mid.magnitudeExponent <= 0 {
            let w = bits + 16
            let e = BigFloat.expm1(x.mid.scaled(by: 1), bits: w)
            return try propagate(computed(BigFloat.quotient(e, e.plus(BigFloat(2), w), bits: w)), x, log2Lipschitz: 0)
        }
        // ±(1 − 2/(e^{2|x|} + 1)), the tail below 2e^{−2|x|}.
        let log2Tail = 1 + Self.log2ExponentialTail(x, rate: 2)
        if let value = saturated(log2TailBound: log2Tail, negative: x.mid.negative) { return value }
        let magnitude = Ball(x.mid.magnitude, radius: x.radius)
        let tail = try term(below: log2Tail) { (c) throws(PreciseFailure) in
            try c.divide(c.integer(2), c.add(try c.exp(c.scale(magnitude, by: 1)), .one))
        }
        watch(power: 2, of: tail)
        let value = subtract(.one, tail)
        return x.mid.negative ? negate(value) : value
    }

    mutating func sigmoid(_ x: Ball) throws(PreciseFailure) -> Ball {
        if x.mid.negative {
            let z = try exp(x)
            return try divide(z, add(.one, z))
        }
        // 1/(1 + z) for z = e^−x.
        let z = try term(below: Self.log2ExponentialTail(x, rate: 1)) { (c) throws(PreciseFailure) in try c.exp(c.negate(x)) }
        watch(power: 2, of: z)
        return try reciprocal(add(.one, z))
    }

    mutating func softplus(_ x: Ball) throws(PreciseFailure) -> Ball {
        // x + log(1 + e^−x) for x ≥ 0, log(1 + e^x) below.
        if x.mid.negative { return try log(add(.one, try exp(x))) }
        // z = e^−x is added to 1 (at the full width: 1 + z rounded to fewer bits would lose z).
        let z = try term(below: Self.log2ExponentialTail(x, rate: 1)) { (c) throws(PreciseFailure) in try c.exp(c.negate(x)) }
        watch(power: 2, of: z)
        return add(x, try log(add(.one, z)))
    }

    /// erf, composed as ±(1 − erfc|x|) away from zero.
    mutating func erf(_ x: Ball) throws(PreciseFailure) -> Ball {
        if x.mid.isZero && x.isExact { return .zero }
        if x.mid.magnitudeExponent <= 0 {
            return try propagate(computed(BigFloat.erf(x.mid, bits: bits + 8)), x, log2Lipschitz: 0.2)
        }
        let magnitude = Ball(x.mid.magnitude, radius: x.radius)
        let tail = try term(below: Self.log2ErfcBound(magnitude)) { (c) throws(PreciseFailure) in try c.erfc(magnitude) }
        let value = subtract(.one, tail)
        return x.mid.negative ? negate(value) : value
    }

    /// erfc for x > 1/2.
    mutating func erfc(_ x: Ball) throws(PreciseFailure) -> Ball {
        let xd = x.mid.doubleValue
        guard xd < 60 else { throw .indeterminate }
        let value = computed(kept(.erfc, x.mid, bits: bits + 8, BigFloat.erfc))
        let low = Swift.max(lowerDouble(x), 0)
        return try propagate(value, x, log2Lipschitz: 0.2 - low * low * 1.4426950408889634)
    }

    /// Φ(x) = erfc(−x/√2)/2.
    mutating func phi(_ x: Ball) throws(PreciseFailure) -> Ball {
        if x.mid.isZero && x.isExact { return Ball(BigFloat.one.scaled(by: -1)) }
        let scaled = try divide(x, sqrt(integer(2)))
        if x.mid.negative {
            return scale(try erfcAnywhere(negate(scaled)), by: -1)
        }
        let tail = try term(below: Self.log2ErfcBound(scaled) - 1) { (c) throws(PreciseFailure) in try c.erfcAnywhere(scaled) }
        return subtract(.one, scale(tail, by: -1))
    }

    /// log₂ of a bound of e^(−k|t|) over the ball, for the tails of tanh (k = 2), sigmoid and
    /// softplus (k = 1); 0 (no bound) for a wide ball or |x| < 16, where a narrower context
    /// would save a few bits at most and the bound itself costs more.
    private static func log2ExponentialTail(_ x: Ball, rate k: Double) -> Double {
        guard x.mid.magnitudeExponent > 4, let low = lowerMagnitudeBound(x) else { return 0 }
        return -k * low * 1.4426950408889634
    }

    /// log₂ of a bound of erfc over the ball (erfc t < e^−t² for t ≥ 0); 0 for a wide ball or
    /// |x| < 4, as for `log2ExponentialTail`.
    private static func log2ErfcBound(_ x: Ball) -> Double {
        guard x.mid.magnitudeExponent > 2, let low = lowerMagnitudeBound(x) else { return 0 }
        return -low * low * 1.4426950408889634
    }

    /// erfc for x ≥ 0 of any size (near zero as 1 − erf).
    private mutating func erfcAnywhere(_ x: Ball) throws(PreciseFailure) -> Ball {
        if x.mid.magnitudeExponent <= 0 { return subtract(.one, try erf(x)) }
        return try erfc(x)
    }

    func abs(_ x: Ball) -> Ball { Ball(x.mid.magnitude, radius: x.radius) }

    func relu(_ x: Ball) -> Ball {
        if x.mid.negative { return x.excludesZero ? .zero : Ball(.zero, radius: x.radius) }
        return x
    }

    func sign(_ x: Ball) throws(PreciseFailure) -> Ball {
        if x.mid.isZero && x.isExact { return .zero }
        guard x.excludesZero else { throw .indeterminate }
        return x.mid.negative ? Ball(BigFloat(-1)) : .one
    }

    func heaviside(_ x: Ball) throws(PreciseFailure) -> Ball {
        if x.mid.isZero && x.isExact { return .zero }
        guard x.excludesZero else { throw .indeterminate }
        return x.mid.negative ? .zero : .one
    }
}
