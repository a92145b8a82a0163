/// Decides whether two expressions are the same function of their variables on a domain.
///
/// What "the same" means: equal at every point of the domain where the key is defined, except
/// at isolated points (a removable hole such as x = 1 in `(x² − 1)/(x − 1)`, a pole of
/// `tan(x)·cos(x)`, or the value of a step exactly at its jump). Points where the key is
/// undefined are not part of the question.
///
/// How it is decided, in three layers:
/// 1. A fast `Double` pass over stratified sample points (seeded from the two expressions, so
///    the same pair always gets the same points, and the points cannot be known without
///    running the checker), plus the breakpoints of every piecewise function in either
///    expression (roots of the arguments of `abs`, `sign`, `heaviside`, `relu`, found by
///    interval bisection; in several variables along lines through the sample points), the two
///    sides of each and the middle of every piece.
/// 2. Every point that `Double` cannot settle (a difference, an overflow, an undefined value, a
///    value that lost a term or came through a cancellation) and one point of every piece are
///    re-decided by `Ball` arithmetic: exact for integers,
///    rationals, written decimals and sample coordinates, with rigorous error radii and the
///    precision raised (128 up to 4096 bits) until the two balls are disjoint (different) or
///    both narrow and overlapping with no term lost below the last bit (agree).
/// 3. A point where the key is defined and the answer is not, or where the answer cannot be
///    bounded at the highest precision, never counts as agreement.
///
/// Differences the `Double` pass cannot see and that vanish at the probe of a piece are the
/// one blind spot: a smooth bump narrower than the gap between sample points and smaller than
/// `Double` resolution. Any difference of 10⁻¹³ relative or more at a sample point, any
/// difference on a piece bounded by breakpoints, and any difference at a probe point that a
/// term of either side shows at 4096 bits or fewer is found: a nonzero term of a sum (and its
/// square, where a product, a power or a function can cancel its first-order effect), or the
/// first term of a function's series beyond its tangent line at a tiny argument (for the
/// trigonometric functions, a tiny distance from a multiple of π/2) or beyond its first tail
/// term far out (see `BallArithmetic`'s resolution rules).
public struct EquivalenceChecker: Sendable {
    /// The outcome of a comparison, with a witness when the expressions differ.
    public enum Verdict: Hashable, Sendable {
        case equivalent
        /// The expressions differ at `point`: there the key is `expected`, the answer `actual`
        /// (NaN when undefined).
        case different(point: [String: Double], expected: Double, actual: Double)
        /// Nothing can be concluded: the key is undefined almost everywhere on the domain, or
        /// the answer could not be evaluated precisely enough where the key is defined.
        case undetermined

        public var isEquivalent: Bool { self == .equivalent }
    }

    /// Sample points per variable box (more for more variables).
    public var samples: Int
    /// The box a variable without a stated interval is sampled in.
    public static let defaultInterval: ClosedRange<Double> = -3...3
    /// Points that differ by less than this in `Double` are taken as agreeing at this layer
    /// (the precise layer still probes every piece); larger differences go to the precise layer.
    static let doubleAgreement = 0x1p-48
    /// A difference above this, with no loss or cancellation on either side, is a counterexample
    /// `Double` alone proves.
    static let doubleDifference = 0x1p-20

    public init(samples: Int = 32) {
        self.samples = samples
    }

    /// Whether `answer` equals `key` at every point of `domain`.
    public func areEquivalent(
        _ key: Expression, _ answer: Expression, domain: [String: ClosedRange<Double>] = [:]
    ) -> Bool {
        judge(key, answer, domain: domain).isEquivalent
    }

    /// Compares `answer` with `key` over the box `domain`; variables missing from `domain` are
    /// sampled in `defaultInterval`.
    public func judge(
        _ key: Expression, _ answer: Expression, domain: [String: ClosedRange<Double>] = [:]
    ) -> Verdict {
        // The constructors keep domains, so one tree is one function.
        if key == answer { return .equivalent }
        var names = Array(key.variables.union(answer.variables)).sorted()
        for name in domain.keys.sorted() where !names.contains(name) { names.append(name) }
        let boxes = names.map { domain[$0] ?? Self.defaultInterval }
        // No point can be drawn from an infinite box (a key read from a damaged store, say).
        guard boxes.allSatisfy({ $0.lowerBound.isFinite && $0.upperBound.isFinite }) else { return .undetermined }
        let session = Comparison(key: key, answer: answer, names: names, boxes: boxes)
        let seed = key.fingerprint &* 0x9E37_79B9_7F4A_7C15 ^ answer.fingerprint ^ UInt64(names.count)
        var points = SamplePoints.coordinates(dimensions: names.count, count: sampleCount(for: names.count), seed: seed)
        let dimensions = max(names.count, 1)
        for i in points.indices {
            let box = boxes.isEmpty ? 0...1 : boxes[i % dimensions]
            points[i] = box.lowerBound + points[i] * (box.upperBound - box.lowerBound)
        }
        var tally = Tally(required: max(3, points.count / dimensions / 4))
        // The sample points first: most wrong answers are told apart there by `Double` alone,
        // before the dearer search for breakpoints.
        if let verdict = session.run(points: points, special: [], tally: &tally) {
            return verdict
        }
        if names.count == 1 {
            let box = boxes[0]
            let breaks = Breakpoints.find(in: [key, answer], variable: names[0], on: box)
            let pieces = Breakpoints.pieces(of: box, splitAt: breaks)
            let special = Breakpoints.probePoints(breaks: breaks, pieces: pieces, box: box).map { [$0] }
            if !special.isEmpty, let verdict = session.run(special: special, tally: &tally) {
                return verdict
            }
        } else if names.count > 1 {
            let special = Self.probePointsOnLines(key, answer, names: names, boxes: boxes, through: points)
            if !special.isEmpty, let verdict = session.run(special: special, tally: &tally) {
                return verdict
            }
        }
        // Too few points where the key is defined: look for them inside its domain.
        if tally.defined < tally.required {
            var generator = SplitMix64(seed: seed ^ 0xD0_3A1A)
            var extra: [Double] = []
            var found = 0
            for _ in 0..<4000 where found < 4 * samples {
                let point = boxes.map { $0.lowerBound + generator.nextUnit() * ($0.upperBound - $0.lowerBound) }
                if session.keyIsFinite(at: point) { extra += point; found += 1 }
            }
            points = extra
            if let verdict = session.run(points: points, special: [], tally: &tally) {
                return verdict
            }
        }
        if tally.undecided { return .undetermined }
        return tally.defined >= tally.required ? .equivalent : .undetermined
    }

    /// The most probe points the lines of `probePointsOnLines` give one comparison.
    static let lineProbeLimit = 4096

    /// In several variables the pieces are looked for on lines: through every sample point,
    /// one parallel to each axis, with the breakpoints along it and the probes of its pieces
    /// (`Breakpoints`). A piece that some line crosses is probed however narrow it is along that
    /// line; one that no line crosses (a corner narrower than the sample spacing in every other
    /// variable) can still be missed.
    static func probePointsOnLines(_ key: Expression, _ answer: Expression, names: [String],
                                   boxes: [ClosedRange<Double>], through points: [Double]) -> [[Double]] {
        // Most expressions have no piecewise function: then there is nothing to search.
        let arguments = Breakpoints.arguments(in: [key, answer])
        guard !arguments.isEmpty else { return [] }
        let dimensions = names.count
        var special: [[Double]] = []
        for start in stride(from: 0, to: points.count, by: dimensions) {
            let base = Array(points[start..<(start + dimensions)])
            for (d, name) in names.enumerated() {
                var fixed: [String: Ball] = [:]
                for (e, other) in names.enumerated() where e != d { fixed[other] = Ball(BigFloat(base[e])) }
                let breaks = Breakpoints.find(arguments: arguments, variable: name, on: boxes[d], fixed: fixed)
                guard !breaks.isEmpty else { continue }
                let pieces = Breakpoints.pieces(of: boxes[d], splitAt: breaks)
                for t in Breakpoints.probePoints(breaks: breaks, pieces: pieces, box: boxes[d]) {
                    var point = base
                    point[d] = t
                    special.append(point)
                    if special.count >= lineProbeLimit { return special }
                }
            }
        }
        return special
    }

    func sampleCount(for dimensions: Int) -> Int {
        dimensions <= 1 ? samples : samples * min(dimensions, 4)
    }
}

/// Counts of a comparison in progress.
struct Tally {
    let required: Int
    var defined = 0
    /// A point where the key is defined but the answer could not be bounded.
    var undecided = false
}

/// One comparison: both expressions compiled for the fast pass and kept as trees for the
/// precise one.
struct Comparison {
    let key: Expression
    let answer: Expression
    let names: [String]
    let boxes: [ClosedRange<Double>]
    let keyProgram: CompiledExpression
    let answerProgram: CompiledExpression
    let fineLiterals: Bool

    init(key: Expression, answer: Expression, names: [String], boxes: [ClosedRange<Double>]) {
        self.key = key
        self.answer = answer
        self.names = names
        self.boxes = boxes
        keyProgram = CompiledExpression(key, variables: names)
        answerProgram = CompiledExpression(answer, variables: names)
        fineLiterals = key.hasFineLiteral || answer.hasFineLiteral
    }

    func keyIsFinite(at point: [Double]) -> Bool {
        keyProgram.evaluate(point).isFinite
    }

    /// Runs the layers over `points` (sampled; the coordinates of one point after another, in
    /// `names` order) and `special` (breakpoint sides and piece middles, always decided
    /// precisely); returns a verdict as soon as one is certain.
    func run(points: [Double] = [], special: [[Double]], tally: inout Tally) -> EquivalenceChecker.Verdict? {
        var precise: [[Double]] = special
        // A literal finer than the fast pass resolves sends one sample point to the precise
        // layer, where the literal is exact (with breakpoints, every piece's middle goes there
        // anyway).
        var probesLeft = fineLiterals && !points.isEmpty ? 1 : 0
        var probes: [[Double]] = []
        let dimensions = max(names.count, 1)
        // One buffer of slot values serves every point and both programs.
        var slots = [WatchedDouble](repeating: WatchedDouble(0), count: dimensions)
        for start in stride(from: 0, to: points.count, by: dimensions) {
            for d in 0..<dimensions { slots[d] = WatchedDouble(points[start + d]) }
            let (k, a) = slots.withUnsafeBufferPointer { values -> (WatchedDouble, WatchedDouble) in
                (keyProgram.evaluate(values), answerProgram.evaluate(values))
            }
            let point = { Array(points[start..<(start + names.count)]) }
            // Clearly different: far beyond any rounding a computation without cancellation
            // or a pole can make. Double decides.
            if EquivalenceChecker.clearlyDiffer(k, a) {
                return .different(point: Dictionary(uniqueKeysWithValues: zip(names, point())),
                                  expected: k.value, actual: a.value)
            }
            // Agreement is trusted only where both values are accurate: a cancellation can turn
            // two different numbers that `Double` rounds alike (`1 + 2^-60` and 1) into the same
            // 0, which a factor then hides on part of the domain only.
            if k.isTrustworthy && a.isTrustworthy {
                let scale = max(abs(k.value), abs(a.value))
                if abs(a.value - k.value) <= EquivalenceChecker.doubleAgreement * scale {
                    tally.defined += 1
                    if probesLeft > 0 {
                        probesLeft -= 1
                        probes.append(point())
                    }
                    continue
                }
            }
            precise.append(point())
        }
        for point in precise {
            switch PreciseComparison.compare(key, answer, names: names, at: point) {
            case .agree: tally.defined += 1
            case .keyUndefined: continue
            case let .differ(expected, actual):
                return .different(point: Dictionary(uniqueKeysWithValues: zip(names, point)), expected: expected, actual: actual)
            case .undecided:
                tally.undecided = true
            }
        }
        for point in probes {
            switch PreciseComparison.compare(key, answer, names: names, at: point) {
            case .agree, .keyUndefined: continue
            case let .differ(expected, actual):
                return .different(point: Dictionary(uniqueKeysWithValues: zip(names, point)), expected: expected, actual: actual)
            case .undecided:
                tally.undecided = true
            }
        }
        // An undecided point makes the verdict "undetermined" once every point has been tried: a
        // counterexample found later says more.
        return nil
    }
}

/// Stratified sample points in the unit box.
///
/// In one dimension point i lies in the i-th of `count` equal cells, jittered away from the cell
/// edges, plus two points just inside the ends; the order is shuffled so that a wrong answer is
/// usually caught at the first point. In more dimensions each coordinate is an independent
/// stratified permutation (a Latin hypercube). Jitter and order come from `SplitMix64` and this
/// type's own Fisher–Yates shuffle (not the standard library's, whose algorithm may change), so
/// the points are a pure function of the seed on every machine and Swift version.
enum SamplePoints {
    /// The points as one flat array, point after point (no array per point).
    static func coordinates(dimensions: Int, count: Int, seed: UInt64) -> [Double] {
        var generator = SplitMix64(seed: 0x5EED_CA1C_0000 ^ seed &+ UInt64(dimensions) &* 7919 &+ UInt64(count))
        let width = max(dimensions, 1)
        // On a line, two more points just inside the ends, where a learner's answer is most
        // often right on only part of the interval.
        let extra = dimensions == 1 ? 2 : 0
        var flat = [Double](repeating: 0, count: (count + extra) * width)
        var column = [Double](repeating: 0, count: count)
        for d in 0..<width {
            for i in 0..<count { column[i] = (Double(i) + 0.1 + 0.8 * generator.nextUnit()) / Double(count) }
            generator.shuffle(&column)
            for i in 0..<count { flat[i * width + d] = column[i] }
        }
        if extra > 0 {
            flat[count] = 0.001
            flat[count + 1] = 0.999
        }
        return flat
    }
}
