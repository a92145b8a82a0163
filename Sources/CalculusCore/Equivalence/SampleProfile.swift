/// A few fixed points of one domain at which many expressions are evaluated once each, so that
/// two of them can be told apart without a comparison of their own.
///
/// A grader that compares one answer with many others (a wrong answer with each mistaken
/// derivative of the key, or with each earlier wrong answer to the part) would otherwise start
/// a full `EquivalenceChecker.judge` per pair: compile both sides, seed and scale sample
/// points, evaluate. Most such pairs differ at the first point, so a profile (the values at
/// these points) worked out once per expression settles them by a comparison of numbers.
///
/// A profile only ever proves a difference, by the very test with which the checker's fast
/// pass proves one (`EquivalenceChecker.clearlyDiffer`): at a point of the domain both values
/// are finite, neither lost information nor cancelled, and they differ far beyond rounding.
/// The judge would then not find the pair equivalent either, so a grader may skip it; pairs a
/// profile cannot tell apart still go to the judge, which decides them as before.
public struct ProfilePoints: Sendable {
    /// The variables, in the order of each point's coordinates.
    public let names: [String]
    /// The points, one after another (`names.count` coordinates each).
    let coordinates: [Double]

    /// Stratified points of the box `domain` (a variable missing from it is sampled in
    /// `EquivalenceChecker.defaultInterval`), chosen by `seed`.
    public init(variables: Set<String>, domain: [String: ClosedRange<Double>], seed: UInt64, count: Int = 6) {
        names = variables.union(domain.keys).sorted()
        let dimensions = max(names.count, 1)
        var points = SamplePoints.coordinates(dimensions: names.count, count: count, seed: seed ^ 0x9F0F_11E5)
        let boxes = names.map { domain[$0] ?? EquivalenceChecker.defaultInterval }
        for i in points.indices {
            let box = boxes.isEmpty ? 0...1 : boxes[i % dimensions]
            points[i] = box.lowerBound + points[i] * (box.upperBound - box.lowerBound)
        }
        coordinates = points
    }

    /// The values of `expression` at the points; nil when it has a variable the points do not
    /// give a value (such an expression is never told apart by a profile).
    public func profile(of expression: Expression) -> SampleProfile? {
        guard expression.variables.isSubset(of: names) else { return nil }
        let program = CompiledExpression(expression, variables: names)
        let dimensions = max(names.count, 1)
        var values: [WatchedDouble] = []
        values.reserveCapacity(coordinates.count / dimensions)
        var slots = [WatchedDouble](repeating: WatchedDouble(0), count: dimensions)
        for start in stride(from: 0, to: coordinates.count, by: dimensions) {
            for d in 0..<dimensions { slots[d] = WatchedDouble(coordinates[start + d]) }
            values.append(slots.withUnsafeBufferPointer { program.evaluate($0) })
        }
        return SampleProfile(values: values)
    }
}

/// An expression's values at one set of `ProfilePoints`.
public struct SampleProfile: Sendable {
    let values: [WatchedDouble]

    /// True when the two expressions are certainly different functions: at one of the points
    /// both values are trustworthy and differ clearly (see `ProfilePoints`). False proves nothing.
    public func certainlyDiffers(from other: SampleProfile) -> Bool {
        zip(values, other.values).contains { EquivalenceChecker.clearlyDiffer($0, $1) }
    }

    /// True when this expression is certainly no constant multiple of `other`: at two points
    /// where both values are trustworthy (as for `certainlyDiffers`) and nonzero, their ratios
    /// differ clearly. False proves nothing.
    public func certainlyNoMultiple(of other: SampleProfile) -> Bool {
        var first: Double?
        for (mine, theirs) in zip(values, other.values) {
            guard mine.isTrustworthy, theirs.isTrustworthy, theirs.value != 0 else { continue }
            let ratio = mine.value / theirs.value
            guard let known = first else { first = ratio; continue }
            if abs(ratio - known) > EquivalenceChecker.doubleDifference * max(abs(ratio), abs(known)) { return true }
        }
        return false
    }

    /// The profile of `factor` times this expression: exact enough for the test, since scaling
    /// neither cancels nor loses a term (a product that underflows is marked lost).
    public func scaled(by factor: Double) -> SampleProfile {
        SampleProfile(values: values.map { $0 * WatchedDouble(factor) })
    }
}

extension EquivalenceChecker {
    /// The fast pass's proof of a difference at one point: both values finite, neither lost nor
    /// cancelled, and apart by more than any rounding of a computation without cancellation
    /// (`doubleDifference` relative).
    static func clearlyDiffer(_ k: WatchedDouble, _ a: WatchedDouble) -> Bool {
        guard k.isTrustworthy, a.isTrustworthy else { return false }
        return abs(a.value - k.value) > doubleDifference * max(abs(k.value), abs(a.value))
    }
}

extension WatchedDouble {
    /// Finite, with nothing lost or cancelled on the way: accurate to a few units of `Double`
    /// rounding relative to its size, so a clear difference from another such value is real.
    var isTrustworthy: Bool { value.isFinite && !lost && !cancelled }
}
