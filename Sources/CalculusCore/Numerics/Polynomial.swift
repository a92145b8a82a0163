import Foundation

/// A real polynomial in one variable, c₀ + c₁x + … + cₙxⁿ, recognised from an expression so that
/// its critical points come from exact formulas rather than sampling.
struct Polynomial: Hashable, Sendable {
    /// Coefficients in increasing degree, without trailing zeros (empty for the zero polynomial).
    private(set) var coefficients: [Double]

    /// The largest degree accepted when expanding powers, to keep expansion cheap.
    static let maximumDegree = 64

    init(coefficients: [Double]) {
        self.coefficients = coefficients
        trim()
    }

    /// The polynomial `expression` is in `variable`, or nil if it is not one (a negative or
    /// fractional power of the variable, the variable inside a function, another variable, or
    /// degree above `maximumDegree`). Subexpressions free of the variable are evaluated.
    init?(_ expression: Expression, variable: String) {
        func expand(_ e: Expression) -> Polynomial? {
            if !e.contains(variable: variable) {
                guard e.variables.isEmpty, let value = try? e.evaluate([:]), value.isFinite else { return nil }
                return Polynomial(coefficients: [value])
            }
            switch e {
            case .variable: return Polynomial(coefficients: [0, 1])
            case let .sum(terms):
                var total = Polynomial(coefficients: [])
                for term in terms {
                    guard let p = expand(term) else { return nil }
                    total = total + p
                }
                return total
            case let .product(factors):
                var total = Polynomial(coefficients: [1])
                for factor in factors {
                    guard let p = expand(factor) else { return nil }
                    total = total * p
                    if total.degree > Polynomial.maximumDegree { return nil }
                }
                return total
            case let .power(base, .number(n)):
                guard let k = n.integerValue, n.isExact, k >= 0,
                      let p = expand(base), p.degree * Int(k) <= Polynomial.maximumDegree else { return nil }
                var total = Polynomial(coefficients: [1])
                for _ in 0..<k { total = total * p }
                return total
            default:
                return nil
            }
        }
        guard let p = expand(expression) else { return nil }
        self = p
    }

    /// The degree; −1 for the zero polynomial.
    var degree: Int { coefficients.count - 1 }

    var derivative: Polynomial {
        guard coefficients.count > 1 else { return Polynomial(coefficients: []) }
        return Polynomial(coefficients: (1..<coefficients.count).map { Double($0) * coefficients[$0] })
    }

    /// p(x) by Horner's rule.
    func callAsFunction(_ x: Double) -> Double {
        coefficients.reversed().reduce(0) { $0 * x + $1 }
    }

    static func + (a: Polynomial, b: Polynomial) -> Polynomial {
        var c = [Double](repeating: 0, count: Swift.max(a.coefficients.count, b.coefficients.count))
        for (i, v) in a.coefficients.enumerated() { c[i] += v }
        for (i, v) in b.coefficients.enumerated() { c[i] += v }
        return Polynomial(coefficients: c)
    }

    static func * (a: Polynomial, b: Polynomial) -> Polynomial {
        guard !a.coefficients.isEmpty, !b.coefficients.isEmpty else { return Polynomial(coefficients: []) }
        var c = [Double](repeating: 0, count: a.coefficients.count + b.coefficients.count - 1)
        for (i, u) in a.coefficients.enumerated() {
            for (j, v) in b.coefficients.enumerated() { c[i + j] += u * v }
        }
        return Polynomial(coefficients: c)
    }

    private mutating func trim() {
        while let last = coefficients.last, last == 0 { coefficients.removeLast() }
    }
}

// MARK: - Real roots

extension Polynomial {
    /// The distinct real roots in `interval`, ascending, each listed once whatever its multiplicity.
    ///
    /// Degrees 1 to 4 use the closed forms (the stable quadratic formula, Cardano's and the
    /// trigonometric cubic, Ferrari's quartic through its resolvent cubic), with discriminants
    /// within rounding of zero treated as zero so that repeated roots are found exactly, then one
    /// Newton polish. Higher degrees split the interval at the roots of p′ (found recursively):
    /// p is monotone between them, so each sign change holds one root, refined by bisection to
    /// full precision, and a root of p′ where p vanishes is a repeated root.
    func realRoots(in interval: ClosedRange<Double>) -> [Double] {
        guard degree >= 1 else { return [] }
        let candidates: [Double]
        if degree <= 4 {
            candidates = closedFormRoots().map(polished)
        } else {
            candidates = splitRoots(in: interval)
        }
        let slack = 1e-12 * Swift.max(1, Swift.abs(interval.lowerBound), Swift.abs(interval.upperBound))
        let inside = candidates.filter { $0 >= interval.lowerBound - slack && $0 <= interval.upperBound + slack }
            .map { Swift.min(Swift.max($0, interval.lowerBound), interval.upperBound) }
            .sorted()
        var distinct: [Double] = []
        for root in inside {
            if let last = distinct.last, Swift.abs(root - last) <= 1e-9 * Swift.max(1, Swift.abs(root)) { continue }
            distinct.append(root + 0)  // + 0 turns −0 into 0
        }
        return distinct
    }

    /// One Newton step if it reduces |p| (it cannot hurt a simple root and leaves a repeated one alone).
    private func polished(_ x: Double) -> Double {
        let dp = derivative(x)
        guard dp != 0, dp.isFinite else { return x }
        let next = x - self(x) / dp
        return Swift.abs(self(next)) < Swift.abs(self(x)) ? next : x
    }

    private func closedFormRoots() -> [Double] {
        let c = coefficients
        let lead = c[degree]
        let a = c.map { $0 / lead }
        switch degree {
        case 1: return [-a[0]]
        case 2: return Polynomial.quadraticRoots(b: a[1], c: a[0])
        case 3: return Polynomial.cubicRoots(a: a[2], b: a[1], c: a[0])
        default: return Polynomial.quarticRoots(a: a[3], b: a[2], c: a[1], d: a[0])
        }
    }

    /// Real roots of x² + bx + c, by q = −½(b + sign(b)√Δ), roots q and c/q (no cancellation).
    static func quadraticRoots(b: Double, c: Double) -> [Double] {
        var discriminant = b * b - 4 * c
        if Swift.abs(discriminant) <= 1e-12 * Swift.max(b * b, Swift.abs(4 * c)) { discriminant = 0 }
        if discriminant < 0 { return [] }
        if discriminant == 0 { return [-b / 2] }
        let q = -0.5 * (b + (b >= 0 ? 1 : -1) * discriminant.squareRoot())
        return q == 0 ? [0] : [q, c / q]
    }

    /// Real roots of x³ + ax² + bx + c through the depressed cubic t³ + pt + q (x = t − a/3).
    static func cubicRoots(a: Double, b: Double, c: Double) -> [Double] {
        let shift = a / 3
        let p = b - a * a / 3
        let q = 2 * a * a * a / 27 - a * b / 3 + c
        let scale = Swift.max(Swift.abs(q / 2) * Swift.abs(q / 2), Swift.abs(p / 3 * p / 3 * p / 3), 1e-300)
        var discriminant = (q / 2) * (q / 2) + (p / 3) * (p / 3) * (p / 3)
        if Swift.abs(discriminant) <= 1e-12 * scale { discriminant = 0 }
        if Swift.abs(p) <= 1e-14 * Swift.max(1, a * a) && Swift.abs(q) <= 1e-14 * Swift.max(1, Swift.abs(a * a * a)) {
            return [-shift]  // a triple root
        }
        if discriminant > 0 {
            let s = discriminant.squareRoot()
            let t = Foundation.cbrt(-q / 2 + s) + Foundation.cbrt(-q / 2 - s)
            return [t - shift]
        }
        if discriminant == 0 {
            // A double root −3q/(2p) and a simple root 3q/p.
            return [3 * q / p - shift, -3 * q / (2 * p) - shift]
        }
        let r = 2 * (-p / 3).squareRoot()
        let phi = Foundation.acos(Swift.max(-1, Swift.min(1, 3 * q / (p * r))))
        return (0..<3).map { k in r * Foundation.cos((phi - 2 * Double.pi * Double(k)) / 3) - shift }
    }

    /// Real roots of x⁴ + ax³ + bx² + cx + d (Ferrari): with x = y − a/4 the depressed quartic
    /// y⁴ + py² + qy + r factors, for a positive root m of 8m³ + 8pm² + (2p² − 8r)m − q² = 0, into
    /// y² ∓ √(2m)·y + (p/2 + m ± q/(2√(2m))); when q = 0 it is a quadratic in y².
    static func quarticRoots(a: Double, b: Double, c: Double, d: Double) -> [Double] {
        let shift = a / 4
        let p = b - 3 * a * a / 8
        let q = c - a * b / 2 + a * a * a / 8
        let r = d - a * c / 4 + a * a * b / 16 - 3 * a * a * a * a / 256
        let scale = Swift.max(1, Swift.abs(a), Swift.abs(b), Swift.abs(c), Swift.abs(d))
        var ys: [Double] = []
        if Swift.abs(q) <= 1e-14 * scale * scale * scale {
            for z in quadraticRoots(b: p, c: r) {
                if z > 0 { ys += [z.squareRoot(), -z.squareRoot()] }
                else if z >= -1e-12 * scale { ys.append(0) }
            }
        } else {
            let resolvent = cubicRoots(a: p, b: (2 * p * p - 8 * r) / 8, c: -q * q / 8)
            guard let m = resolvent.filter({ $0 > 0 }).max() else { return [] }
            let s = (2 * m).squareRoot()
            ys += quadraticRoots(b: -s, c: p / 2 + m + q / (2 * s))
            ys += quadraticRoots(b: s, c: p / 2 + m - q / (2 * s))
        }
        return ys.map { $0 - shift }
    }

    /// Roots of a polynomial of degree above 4: between consecutive critical points p is
    /// monotone, so each sign change brackets exactly one root.
    private func splitRoots(in interval: ClosedRange<Double>) -> [Double] {
        let turning = derivative.realRoots(in: interval)
        let knots = [interval.lowerBound] + turning + [interval.upperBound]
        var roots: [Double] = []
        let tolerance = 1e-12 * Swift.max(1, coefficients.map(Swift.abs).max() ?? 1)
        for x in knots where Swift.abs(self(x)) <= tolerance { roots.append(x) }
        for (lo, hi) in zip(knots, knots.dropFirst()) where lo < hi {
            let flo = self(lo), fhi = self(hi)
            if (flo < 0 && fhi > 0) || (flo > 0 && fhi < 0) {
                roots.append(RootFinder.bisect({ self($0) }, lo, hi, flo, fhi))
            }
        }
        return roots
    }
}
