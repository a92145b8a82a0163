/// How a critical point was classified.
public enum CriticalPointKind: String, Hashable, Sendable {
    case minimum, maximum, neither
}

/// The test that decided a critical point's classification, reported to instructors and
/// learners so that "minimum" comes with its reason.
public enum ClassificationTest: Hashable, Sendable, CustomStringConvertible {
    /// f″(c) ≠ 0: a minimum when positive, a maximum when negative.
    case secondDerivative
    /// f″(c) = … = f⁽ⁿ⁻¹⁾(c) = 0 ≠ f⁽ⁿ⁾(c), n ≥ 3: an extremum when n is even (by the sign of
    /// f⁽ⁿ⁾(c)), neither when n is odd.
    case higherOrderDerivative(order: Int)
    /// The sign of f′ just left and just right of c: − then + is a minimum, + then − a maximum,
    /// no change is neither. Used when f′ does not exist at c or every derivative tried vanishes.
    case firstDerivative

    public var description: String {
        switch self {
        case .secondDerivative: return "second-derivative test"
        case let .higherOrderDerivative(order): return "higher-order derivative test (order \(order))"
        case .firstDerivative: return "first-derivative test"
        }
    }
}

/// A point c in the interval where f′(c) = 0 or f′ does not exist, with f(c) and its classification.
public struct CriticalPoint: Hashable, Sendable {
    public let x: Double
    /// f(x).
    public let value: Double
    public let kind: CriticalPointKind
    public let decidedBy: ClassificationTest
    /// True where f′(x) = 0; false at a corner or cusp, where f is continuous but f′ does not exist.
    public let isStationary: Bool

    public init(x: Double, value: Double, kind: CriticalPointKind, decidedBy: ClassificationTest, isStationary: Bool = true) {
        self.x = x
        self.value = value
        self.kind = kind
        self.decidedBy = decidedBy
        self.isStationary = isStationary
    }
}

/// A point and the function's value there.
public struct Extremum: Hashable, Sendable {
    public let x: Double
    public let value: Double
}

/// The global minimum and maximum of f on a closed interval, and the critical points considered.
public struct GlobalExtrema: Hashable, Sendable {
    public let minimum: Extremum
    public let maximum: Extremum
    public let criticalPoints: [CriticalPoint]
    /// Every candidate where f takes the minimum value, leftmost first (ties: values within a
    /// relative 1e-12, so x⁴ on [−1, 1] has its maximum 1 at both −1 and 1).
    public let minima: [Extremum]
    /// Every candidate where f takes the maximum value, leftmost first (same tolerance).
    public let maxima: [Extremum]
}

extension CriticalPoint {
    /// Every critical point of `f` (a function of `variable` alone) in `interval`, ascending, each
    /// classified by the second-derivative test, falling back to the first non-vanishing higher
    /// derivative (up to order 8), then to the first-derivative test.
    ///
    /// Method: if f is a polynomial, the roots of f′ are exact (closed forms up to degree 4, and
    /// splitting at the roots of f″ above it), repeated roots included. Otherwise f′ is taken
    /// symbolically and sampled at 2,048 subintervals; every sign change is refined by Brent's
    /// method to full precision (a sign change where f′ does not approach 0 but f is continuous is a
    /// corner, classified by the first-derivative test), and every local minimum of |f′| without a
    /// sign change (an even-multiplicity root, as for x³) is refined as a root of f″. Roots closer
    /// together than the sampling step, where f′ changes sign twice between samples, can be missed.
    /// A stretch where f′ is identically 0 is not reported as points.
    /// - Throws: `EvaluationError.unboundVariable` if `f` has a variable other than `variable`.
    public static func all(
        of f: Expression, variable: String, on interval: ClosedRange<Double>
    ) throws(EvaluationError) -> [CriticalPoint] {
        try CriticalPointFinder(f, variable: variable, interval: interval).criticalPoints()
    }
}

extension GlobalExtrema {
    /// The global minimum and maximum of the continuous function `f` on the closed `interval`: the
    /// smallest and largest of f at the endpoints and at the critical points (the closed-interval
    /// method). Nil when f is not finite and continuous on the interval (a pole or a gap in its
    /// domain), where one or both extrema do not exist; detected by checking that no sample of f on a
    /// fine grid lies outside the range found. `minimum` and `maximum` are the leftmost of their ties;
    /// `minima` and `maxima` list them all.
    /// - Throws: `EvaluationError.unboundVariable` if `f` has a variable other than `variable`.
    public init?(
        of f: Expression, variable: String, on interval: ClosedRange<Double>
    ) throws(EvaluationError) {
        guard let extrema = try Self.search(of: f, variable: variable, on: interval).extrema else { return nil }
        self = extrema
    }

    /// `CriticalPoint.all(of:variable:on:)` and `GlobalExtrema(of:variable:on:)` from one search,
    /// for a caller that wants both: the search (sampling f′ on its grid, refining each root) is
    /// nearly all of their cost, and asking each separately would run it twice.
    /// - Throws: `EvaluationError.unboundVariable` if `f` has a variable other than `variable`.
    public static func search(
        of f: Expression, variable: String, on interval: ClosedRange<Double>
    ) throws(EvaluationError) -> (criticalPoints: [CriticalPoint], extrema: GlobalExtrema?) {
        let finder = try CriticalPointFinder(f, variable: variable, interval: interval)
        let points = finder.criticalPoints()
        return (points, extrema(of: finder, criticalPoints: points))
    }

    /// The closed-interval method over the critical points `finder` found.
    private static func extrema(of finder: CriticalPointFinder, criticalPoints points: [CriticalPoint]) -> GlobalExtrema? {
        let interval = finder.interval
        var candidates = [Extremum(x: interval.lowerBound, value: finder.f(interval.lowerBound))]
        candidates += points.map { Extremum(x: $0.x, value: $0.value) }
        candidates.append(Extremum(x: interval.upperBound, value: finder.f(interval.upperBound)))
        guard candidates.allSatisfy({ $0.value.isFinite }),
              let minimum = candidates.min(by: { $0.value < $1.value }),
              let maximum = candidates.max(by: { $0.value < $1.value }) else { return nil }
        let slack = 1e-9 * Swift.max(1, Swift.abs(minimum.value), Swift.abs(maximum.value))
        for y in finder.f.values(at: finder.grid) {
            if !y.isFinite || y < minimum.value - slack || y > maximum.value + slack { return nil }
        }
        func ties(_ best: Extremum) -> [Extremum] {
            let tolerance = 1e-12 * Swift.max(1, Swift.abs(best.value))
            var seen: [Extremum] = []
            for candidate in candidates where Swift.abs(candidate.value - best.value) <= tolerance
                && !seen.contains(where: { $0.x == candidate.x }) {
                seen.append(candidate)
            }
            return seen.sorted { $0.x < $1.x }
        }
        return GlobalExtrema(minimum: minimum, maximum: maximum, criticalPoints: points,
                             minima: ties(minimum), maxima: ties(maximum))
    }
}
