import Foundation
import Synchronization

extension EquivalenceChecker {
    /// Compares two expressions in `x` and `y` only at points of the curve `curve = 0`, as
    /// implicit differentiation needs: `(2y − x²)/(y² − 2x)` and any form that agrees with it on
    /// x³ + y³ = 6xy are equivalent there, even where they differ off the curve.
    ///
    /// Curve points come from scanning 96 horizontal and 96 vertical lines across `box` (at
    /// offsets seeded from the curve and the key, so they cannot be predicted without running
    /// the checker) for sign changes of the curve's function, refined by bisection in
    /// `PreciseReal`. Points near a singular point of the curve (where both partial derivatives
    /// nearly vanish) are left out, since neither side is well defined there.
    ///
    /// Each point is then decided as a sample point is elsewhere (`PreciseComparison`): the
    /// scan line's coordinate is exact, and the other is a ball that Newton's method tightens to
    /// the working precision and a sign change of the curve's function at its two ends certifies
    /// to hold a point of the curve (`CurveEnclosure`). So a difference of any size is seen, as
    /// off a curve (`key*(1 + 1e-13)`, `key + 1e-20`), and a form that equals the key only
    /// because the curve's function vanishes there (`key + (x³ + y³ − 6xy)`) agrees, since that
    /// function's ball holds 0. A point that cannot be certified (the line nearly tangent to the
    /// curve) is left out, and so is one where the key exceeds 10⁶ (near its pole). Pieces of
    /// the curve narrower than the scan's spacing are found too: both sides of every place where
    /// the curve crosses a breakpoint of `abs`, `sign`, `heaviside` or `relu` in either
    /// expression are compared as well (`CurveBreakpoints`).
    ///
    /// `reference`, when given, seeds the points instead of `key`: a caller comparing many
    /// expressions that all belong to one part (two answers, or an answer and a mistaken form of
    /// the key) passes the part's key, so every comparison for that part uses the one sampling
    /// `CurvePointCache` keeps, as grading the part itself does.
    public func judgeOnCurve(
        _ key: Expression, _ answer: Expression, curve: Expression,
        x: String, y: String, box: (x: ClosedRange<Double>, y: ClosedRange<Double>),
        seededBy reference: Expression? = nil
    ) -> Verdict {
        let names = [x, y]
        guard [box.x, box.y].allSatisfy({ $0.lowerBound.isFinite && $0.upperBound.isFinite }) else { return .undetermined }
        let keyProgram = CompiledExpression(key, variables: names)
        guard keyProgram.variables.count == 2, answer.variables.isSubset(of: names) else {
            // A name other than x and y: it cannot agree on the curve for every value of it.
            return .undetermined
        }
        let seed = curve.fingerprint ^ (reference ?? key).fingerprint &* 0x9E37_79B9_7F4A_7C15
        let points = CurvePointCache.shared.points(curve: curve, box: box, seed: seed) {
            CurveSampler(curve: curve, names: names, box: box, seed: seed).points()
        }
        guard points.count >= 6 else { return .undetermined }
        var compared = 0
        var undecided = false
        func decide(_ points: [CurveEnclosure]) -> Verdict? {
            for var point in points {
                // Near a pole of the key neither side is well conditioned: such points say nothing.
                let (px, py) = point.approximate
                let k: PreciseReal = keyProgram.evaluate([px, py])
                guard k.isFinite, abs(k) < 1e6 else { continue }
                switch PreciseComparison.compare(key, answer, values: { point.values(bits: $0) }) {
                case .agree: compared += 1
                case .keyUndefined: continue
                case let .differ(expected, actual):
                    return .different(point: [x: Double(px), y: Double(py)], expected: expected, actual: actual)
                case .undecided: undecided = true
                }
            }
            return nil
        }
        if let verdict = decide(points) { return verdict }
        // Then both sides of every place along the curve where a piecewise function in either
        // side changes its formula (none in most answers).
        let arguments = Breakpoints.arguments(in: [key, answer])
        if !arguments.isEmpty,
           let verdict = decide(CurveBreakpoints.probes(curve: curve, arguments: arguments, names: names, box: box)) {
            return verdict
        }
        if undecided { return .undetermined }
        return compared >= 6 ? .equivalent : .undetermined
    }
}

/// A point of the curve F = 0 as balls, as tight as each working precision allows: the scan
/// line's coordinate exact, the other `estimate ± δ`, where Newton's method along the line
/// (with `slope`, ∂F along it) has brought `estimate` to the working precision and F has,
/// certainly, opposite signs at the two ends. So the ball holds a point of the curve, and an
/// expression's ball there holds its value at that point.
struct CurveEnclosure: Sendable {
    let curve: Expression
    let slope: Expression
    let names: [String]
    /// Which coordinate varies along the scan line: 0 for x, 1 for y.
    let varying: Int
    let fixed: BigFloat
    /// The point as the scan found it, in `PreciseReal` (for a quick look at the key there, and
    /// to report where a difference is).
    let approximate: (x: PreciseReal, y: PreciseReal)
    /// The varying coordinate, as refined for the last precision asked for.
    private var estimate: BigFloat
    /// The certified enclosure at `PreciseComparison.startBits`, which most comparisons need
    /// and nothing more: made once per sampled point, shared by every comparison on it.
    private var start: Ball = .zero

    /// A certified point near the scan's root, or nil when none can be certified there (the
    /// line nearly tangent to the curve, or F undefined nearby).
    init?(curve: Expression, slope: Expression, names: [String], x: PreciseReal, y: PreciseReal, varying: Int) {
        self.curve = curve
        self.slope = slope
        self.names = names
        self.varying = varying
        approximate = (x, y)
        fixed = BigFloat(Double(varying == 0 ? y : x))
        estimate = Self.exact(varying == 0 ? x : y)
        guard let ball = refined(bits: PreciseComparison.startBits) else { return nil }
        start = ball
    }

    /// The exact value of a `PreciseReal` (a `Double` and the `Double` of what it leaves).
    private static func exact(_ value: PreciseReal) -> BigFloat {
        let high = Double(value)
        return BigFloat(high).adding(BigFloat(Double(value - PreciseReal(high))))
    }

    private func bound(_ coordinate: Ball) -> [String: Ball] {
        varying == 0 ? [names[0]: coordinate, names[1]: Ball(fixed)] : [names[0]: Ball(fixed), names[1]: coordinate]
    }

    /// The point at `bits`, or nil when it cannot be certified at that precision.
    mutating func values(bits: Int) -> [String: Ball]? {
        if bits == PreciseComparison.startBits { return bound(start) }
        return refined(bits: bits).map(bound)
    }

    /// The varying coordinate as a certified ball of relative width 2^-(bits − 16).
    private mutating func refined(bits: Int) -> Ball? {
        var arithmetic = BallArithmetic(bits: bits + 32)
        do throws(PreciseFailure) {
            // Newton's method doubles the correct bits with each step: after a step of 2^-s
            // (relative) the error is about 2^-2s. So from the 60-odd bits of the scan one step
            // is enough for 128 bits; the sign change certifies it, and one more step is taken
            // when it does not.
            for _ in 0..<16 {
                let f = try curve.ball(bound(Ball(estimate)), &arithmetic)
                let d = try slope.ball(bound(Ball(estimate)), &arithmetic)
                let step = try arithmetic.divide(f, d).mid
                estimate = arithmetic.subtract(Ball(estimate), Ball(step)).mid
                let size = step.isZero ? Int.min : step.magnitudeExponent - scale
                guard size < -(bits / 2 - 8) else { continue }
                let delta = Radius(twoTo: scale - bits + 16)
                let below = try curve.ball(bound(Ball(estimate.subtracting(delta.bigFloat))), &arithmetic)
                let above = try curve.ball(bound(Ball(estimate.adding(delta.bigFloat))), &arithmetic)
                if below.excludesZero, above.excludesZero, below.mid.negative != above.mid.negative {
                    return Ball(estimate, radius: delta)
                }
                // Newton has converged as far as this precision goes, and still no sign change.
                if size < -(bits + 8) { return nil }
            }
            return nil
        } catch {
            return nil
        }
    }

    /// The magnitude exponent the enclosure's width is relative to (at least 2^-64, so a root
    /// at 0 gets an absolute width).
    private var scale: Int { estimate.isZero ? -64 : Swift.max(estimate.magnitudeExponent, -64) }
}

/// Finds points on a plane curve F(x, y) = 0 inside a box: roots of F along scan lines, found
/// in `PreciseReal` and then certified (`CurveEnclosure`).
struct CurveSampler {
    let curve: Expression
    let names: [String]
    let box: (x: ClosedRange<Double>, y: ClosedRange<Double>)
    var seed: UInt64 = 0
    var lines = 96
    var cells = 160
    private let program: CompiledExpression

    init(curve: Expression, names: [String], box: (x: ClosedRange<Double>, y: ClosedRange<Double>), seed: UInt64 = 0) {
        self.curve = curve
        self.names = names
        self.box = box
        self.seed = seed
        program = CompiledExpression(curve, variables: names)
    }

    func points() -> [CurveEnclosure] {
        var found: [(x: PreciseReal, y: PreciseReal, varying: Int)] = []
        var generator = SplitMix64(seed: seed ^ 0xC0_4E5A)
        for i in 0..<lines {
            let tx = (Double(i) + 0.05 + 0.9 * generator.nextUnit()) / Double(lines)
            let ty = (Double(i) + 0.05 + 0.9 * generator.nextUnit()) / Double(lines)
            let x0 = box.x.lowerBound + tx * (box.x.upperBound - box.x.lowerBound)
            let y0 = box.y.lowerBound + ty * (box.y.upperBound - box.y.lowerBound)
            for root in roots(along: box.y, fixed: x0, varyingSecond: true) { found.append((PreciseReal(x0), root, 1)) }
            for root in roots(along: box.x, fixed: y0, varyingSecond: false) { found.append((root, PreciseReal(y0), 0)) }
        }
        let slopes = names.map { curve.derivative(withRespectTo: $0) }
        return found.filter { isRegular($0.x, $0.y) }.compactMap {
            CurveEnclosure(curve: curve, slope: slopes[$0.varying], names: names, x: $0.x, y: $0.y, varying: $0.varying)
        }
    }

    private func value(_ a: PreciseReal, _ b: PreciseReal) -> PreciseReal {
        program.evaluate([a, b])
    }

    /// Roots of the curve's function along one line, refined by bisection.
    private func roots(along range: ClosedRange<Double>, fixed: Double, varyingSecond: Bool) -> [PreciseReal] {
        func f(_ t: PreciseReal) -> PreciseReal {
            varyingSecond ? value(PreciseReal(fixed), t) : value(t, PreciseReal(fixed))
        }
        var result: [PreciseReal] = []
        let step = (range.upperBound - range.lowerBound) / Double(cells)
        var previousT = PreciseReal(range.lowerBound)
        var previous = f(previousT)
        for j in 1...cells {
            let t = PreciseReal(range.lowerBound + Double(j) * step)
            let current = f(t)
            if previous.isFinite, current.isFinite, (previous < 0) != (current < 0) {
                var lo = previousT, hi = t, flo = previous
                for _ in 0..<80 {
                    let mid = (lo + hi) / 2
                    let fm = f(mid)
                    guard fm.isFinite else { break }
                    if (fm < 0) == (flo < 0) { lo = mid; flo = fm } else { hi = mid }
                    if hi - lo <= abs(lo) * 1e-18 { break }
                }
                let root = (lo + hi) / 2
                // A sign change across a pole is not a root.
                let scale = max(abs(previous), abs(current), 1)
                if abs(f(root)) <= 1e-9 * scale { result.append(root) }
            }
            previousT = t
            previous = current
        }
        return result
    }

    /// Leaves out points near a singular point of the curve, where the gradient vanishes.
    private func isRegular(_ x: PreciseReal, _ y: PreciseReal) -> Bool {
        let h: PreciseReal = 1e-7
        let fx = (value(x + h, y) - value(x - h, y)) / (2 * h)
        let fy = (value(x, y + h) - value(x, y - h)) / (2 * h)
        guard fx.isFinite, fy.isFinite else { return false }
        return abs(fy) > 1e-3 && (abs(fx) + abs(fy)) > 1e-2
    }
}

/// The points last sampled on a few curves, shared by threads. Sampling a curve (192 scan lines,
/// each root refined in extended precision) costs far more than comparing two slopes at its
/// points, and the points depend only on the curve, the box and the seed, which depends on the
/// key side: grading one answer checks it and each named mistake against the same key, and a
/// replay compares many answers with the same earlier one, all on the same points. An entry is
/// reused only for an identical curve (the tree is compared, not just its fingerprint), box and
/// seed, so a hit returns exactly what sampling would.
final class CurvePointCache: @unchecked Sendable {
    static let shared = CurvePointCache(capacity: 32)

    private struct Entry {
        var curve: Expression
        var box: [Double]
        var seed: UInt64
        var points: [CurveEnclosure]
    }

    private let capacity: Int
    /// Most recently used last; at most `capacity` entries of a few thousand points each.
    private let entries = Mutex<[Entry]>([])

    init(capacity: Int) {
        self.capacity = capacity
    }

    func points(curve: Expression, box: (x: ClosedRange<Double>, y: ClosedRange<Double>), seed: UInt64,
                sample: () -> [CurveEnclosure]) -> [CurveEnclosure] {
        let bounds = [box.x.lowerBound, box.x.upperBound, box.y.lowerBound, box.y.upperBound]
        let cached: [CurveEnclosure]? = entries.withLock { entries in
            guard let index = entries.lastIndex(where: { $0.seed == seed && $0.box == bounds && $0.curve == curve })
            else { return nil }
            let entry = entries.remove(at: index)
            entries.append(entry)
            return entry.points
        }
        if let cached { return cached }
        let points = sample()
        let capacity = capacity
        entries.withLock { entries in
            guard !entries.contains(where: { $0.seed == seed && $0.box == bounds && $0.curve == curve }) else { return }
            if entries.count == capacity { entries.removeFirst() }
            entries.append(Entry(curve: curve, box: bounds, seed: seed, points: points))
        }
        return points
    }
}
