/// Decides whether two expressions are the same function of their variables on a domain.
///
/// The method is deterministic sampling: both sides are evaluated at stratified points spread
/// over the whole domain (so an answer right on only part of it is caught), first in `Double`;
/// any point where they differ by more than a relative 1e-13 is re-evaluated in `Float80` with a
/// running bound on each side's rounding error (`RoundingBound`), and the difference counts only
/// if it exceeds both the relative tolerance and that bound, so cancellation (an expanded
/// polynomial near its root) is not mistaken for a wrong answer. Points where the key is
/// undefined, or where either side overflows from finite inputs, are skipped; points where the
/// key is defined and the answer is not count against the answer. A single surviving difference
/// rejects, so near-misses such as `2.0001*x` or an offset of 1e-5 fail.
public struct EquivalenceChecker: Sendable {
    /// The outcome of a comparison, with a witness when the expressions differ.
    public enum Verdict: Hashable, Sendable {
        case equivalent
        /// The expressions differ at `point`: there the key is `expected`, the answer `actual`
        /// (NaN when undefined).
        case different(point: [String: Double], expected: Double, actual: Double)
        /// The key is undefined at almost every sample point, so nothing can be concluded.
        case undetermined

        public var isEquivalent: Bool { self == .equivalent }
    }

    /// Sample points per variable box (more for more variables).
    public var samples: Int
    /// Relative tolerance of the comparison.
    public var relativeTolerance: Double
    /// The box a variable without a stated interval is sampled in.
    public static let defaultInterval: ClosedRange<Double> = -3...3

    public init(samples: Int = 32, relativeTolerance: Double = 1e-13) {
        self.samples = samples
        self.relativeTolerance = relativeTolerance
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
        if key == answer { return .equivalent }
        var names = Array(key.variables.union(answer.variables)).sorted()
        for name in domain.keys.sorted() where !names.contains(name) { names.append(name) }
        let keyProgram = CompiledExpression(key, variables: names)
        let answerProgram = CompiledExpression(answer, variables: names)
        let boxes = names.map { domain[$0] ?? Self.defaultInterval }
        let unit = SamplePoints.shared(dimensions: names.count, count: sampleCount(for: names.count))
        // One flat buffer of coordinates: no allocation per point.
        let dimensions = names.count
        var coordinates = [Double](repeating: 0, count: unit.count * max(dimensions, 1))
        for (i, point) in unit.enumerated() {
            for d in 0..<dimensions {
                let box = boxes[d]
                coordinates[i * dimensions + d] = box.lowerBound + point[d] * (box.upperBound - box.lowerBound)
            }
        }
        return compare(keyProgram, answerProgram, names: names, coordinates: coordinates, count: unit.count)
    }

    func sampleCount(for dimensions: Int) -> Int {
        dimensions <= 1 ? samples : samples * min(dimensions, 4)
    }

    /// Compares two compiled expressions at `count` points stored one after another in `coordinates`.
    func compare(
        _ key: CompiledExpression, _ answer: CompiledExpression, names: [String],
        coordinates: [Double], count: Int
    ) -> Verdict {
        let dimensions = names.count
        return coordinates.withUnsafeBufferPointer { all in
            var defined = 0
            for i in 0..<count {
                let point = UnsafeBufferPointer(rebasing: all[(i * dimensions)..<((i + 1) * dimensions)])
                switch comparePoint(key, answer, point) {
                case .agree: defined += 1
                case .keyUndefined: continue
                case let .differ(expected, actual):
                    return .different(point: Dictionary(uniqueKeysWithValues: zip(names, point)),
                                      expected: expected, actual: actual)
                }
            }
            return defined >= max(3, count / 4) ? .equivalent : .undetermined
        }
    }

    enum PointResult { case agree, keyUndefined, differ(Double, Double) }

    @inline(__always)
    func comparePoint(_ key: CompiledExpression, _ answer: CompiledExpression, _ point: UnsafeBufferPointer<Double>) -> PointResult {
        let k = key.evaluate(point)
        let a = answer.evaluate(point)
        if k.isFinite && a.isFinite {
            let difference = abs(a - k)
            if difference <= relativeTolerance * max(abs(a), abs(k)) { return .agree }
            return recheck(key, answer, point)
        }
        if !k.isFinite && !a.isFinite { return .keyUndefined }
        return recheck(key, answer, point)
    }

    /// Re-evaluates one point in the wider type, with a bound on each side's rounding error,
    /// and decides whether the difference is real: it must exceed both the relative tolerance
    /// and several times the combined error bound. A point where either side overflowed from
    /// finite inputs is no evidence either way and is skipped.
    func recheck(
        _ key: CompiledExpression, _ answer: CompiledExpression, _ point: UnsafeBufferPointer<Double>
    ) -> PointResult {
        let precise = point.map { RoundingBound(exact: $0) }
        let k80: RoundingBound = key.evaluate(precise)
        let a80: RoundingBound = answer.evaluate(precise)
        if k80.overflowed || a80.overflowed { return .keyUndefined }
        guard k80.value.isFinite else { return .keyUndefined }
        guard a80.value.isFinite else { return .differ(Double(k80.value), Double(a80.value)) }
        let difference = Double(abs(a80.value - k80.value))
        let scale = Double(max(abs(a80.value), abs(k80.value)))
        let noise = 16 * (k80.error + a80.error)
        if difference <= max(relativeTolerance * scale, noise) { return .agree }
        return .differ(Double(k80.value), Double(a80.value))
    }
}

/// Stratified sample points in the unit box, made once per dimension and count.
///
/// In one dimension point i lies in the i-th of `count` equal cells, jittered away from the cell
/// edges, plus two points just inside the ends; the order is shuffled so that a wrong answer is
/// usually caught at the first point.
/// In more dimensions each coordinate is an independent stratified permutation (a Latin
/// hypercube). The seed is fixed: the points are identical on every machine.
enum SamplePoints {
    private static let cache = Cache()

    static func shared(dimensions: Int, count: Int) -> [[Double]] {
        cache.points(dimensions: dimensions, count: count)
    }

    static func make(dimensions: Int, count: Int) -> [[Double]] {
        var generator = SplitMix64(seed: 0x5EED_CA1C_0000 &+ UInt64(dimensions) &* 7919 &+ UInt64(count))
        var columns: [[Double]] = []
        for _ in 0..<max(dimensions, 1) {
            var column = (0..<count).map { i in
                (Double(i) + 0.1 + 0.8 * generator.nextUnit()) / Double(count)
            }
            column.shuffle(using: &generator)
            columns.append(column)
        }
        var points = (0..<count).map { i in (0..<dimensions).map { columns[$0][i] } }
        // On a line, two more points just inside the ends, where a learner's answer is most
        // often right on only part of the interval.
        if dimensions == 1 { points += [[0.001], [0.999]] }
        return points
    }

    private final class Cache: @unchecked Sendable {
        private var table: [Int: [[Double]]] = [:]
        private let lock = NSLock()

        func points(dimensions: Int, count: Int) -> [[Double]] {
            let key = dimensions &* 1_000_003 &+ count
            lock.lock()
            defer { lock.unlock() }
            if let points = table[key] { return points }
            let points = SamplePoints.make(dimensions: dimensions, count: count)
            table[key] = points
            return points
        }
    }
}

import Foundation
