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
    /// A curve point is only accurate to the bisection's last bit, so the two sides are
    /// compared with a relative tolerance of `curveTolerance` (10⁻¹²): far above the error of
    /// evaluating at a point that close to the curve, far below any change a person would make.
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
        let answerProgram = CompiledExpression(answer, variables: names)
        guard keyProgram.variables.count == 2, answerProgram.variables.count == 2 else {
            // A name other than x and y: it cannot agree on the curve for every value of it.
            return .undetermined
        }
        let seed = curve.fingerprint ^ (reference ?? key).fingerprint &* 0x9E37_79B9_7F4A_7C15
        let points = CurvePointCache.shared.points(curve: curve, box: box, seed: seed) {
            CurveSampler(curve: CompiledExpression(curve, variables: names), box: box, seed: seed).points()
        }
        guard points.count >= 6 else { return .undetermined }
        var compared = 0
        for (px, py) in points {
            let precise = [px, py]
            let k: PreciseReal = keyProgram.evaluate(precise)
            guard k.isFinite, abs(k) < 1e6 else { continue }
            let a: PreciseReal = answerProgram.evaluate(precise)
            let point = [x: Double(px), y: Double(py)]
            guard a.isFinite else { return .different(point: point, expected: Double(k), actual: .nan) }
            let tolerance = PreciseReal(Self.curveTolerance) * max(abs(k), abs(a), 1e-3)
            if abs(a - k) > tolerance {
                return .different(point: point, expected: Double(k), actual: Double(a))
            }
            compared += 1
        }
        return compared >= 6 ? .equivalent : .undetermined
    }
}

extension EquivalenceChecker {
    /// Relative tolerance of a comparison at a point of a curve.
    static let curveTolerance = 1e-12
}

/// Finds points on a plane curve F(x, y) = 0 inside a box.
struct CurveSampler {
    let curve: CompiledExpression
    let box: (x: ClosedRange<Double>, y: ClosedRange<Double>)
    var seed: UInt64 = 0
    var lines = 96
    var cells = 160

    func points() -> [(PreciseReal, PreciseReal)] {
        var found: [(PreciseReal, PreciseReal)] = []
        var generator = SplitMix64(seed: seed ^ 0xC0_4E5A)
        for i in 0..<lines {
            let tx = (Double(i) + 0.05 + 0.9 * generator.nextUnit()) / Double(lines)
            let ty = (Double(i) + 0.05 + 0.9 * generator.nextUnit()) / Double(lines)
            let x0 = box.x.lowerBound + tx * (box.x.upperBound - box.x.lowerBound)
            let y0 = box.y.lowerBound + ty * (box.y.upperBound - box.y.lowerBound)
            for root in roots(along: box.y, fixed: x0, varyingSecond: true) { found.append((PreciseReal(x0), root)) }
            for root in roots(along: box.x, fixed: y0, varyingSecond: false) { found.append((root, PreciseReal(y0))) }
        }
        return found.filter { isRegular($0.0, $0.1) }
    }

    private func value(_ a: PreciseReal, _ b: PreciseReal) -> PreciseReal {
        curve.evaluate([a, b])
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
        var points: [(PreciseReal, PreciseReal)]
    }

    private let capacity: Int
    /// Most recently used last; at most `capacity` entries of a few thousand points each.
    private let entries = Mutex<[Entry]>([])

    init(capacity: Int) {
        self.capacity = capacity
    }

    func points(curve: Expression, box: (x: ClosedRange<Double>, y: ClosedRange<Double>), seed: UInt64,
                sample: () -> [(PreciseReal, PreciseReal)]) -> [(PreciseReal, PreciseReal)] {
        let bounds = [box.x.lowerBound, box.x.upperBound, box.y.lowerBound, box.y.upperBound]
        let cached: [(PreciseReal, PreciseReal)]? = entries.withLock { entries in
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
