/// The search behind `CriticalPoint.all(of:variable:on:)` and `GlobalExtrema(of:variable:on:)`.
struct CriticalPointFinder {
    /// Subintervals sampled when f is not a polynomial.
    static let sampleCount = 2_048
    /// The highest derivative the higher-order test tries.
    static let maximumOrder = 8

    let expression: Expression
    let variable: String
    let interval: ClosedRange<Double>
    let f: UnivariateSlice
    let polynomial: Polynomial?

    init(_ expression: Expression, variable: String, interval: ClosedRange<Double>) throws(EvaluationError) {
        self.expression = expression
        self.variable = variable
        self.interval = interval
        self.f = try UnivariateSlice(expression, variable: variable)
        self.polynomial = Polynomial(expression, variable: variable)
    }

    /// The sample points: both endpoints and `sampleCount − 1` points between.
    var grid: [Double] {
        let n = Self.sampleCount
        let (a, b) = (interval.lowerBound, interval.upperBound)
        guard a < b else { return [a] }
        return (0...n).map { i in i == n ? b : a + (b - a) * Double(i) / Double(n) }
    }

    func criticalPoints() -> [CriticalPoint] {
        var derivatives = DerivativeTable(expression: expression, variable: variable, polynomial: polynomial)
        let located: [(x: Double, isStationary: Bool)]
        if let polynomial {
            located = polynomial.derivative.realRoots(in: interval).map { ($0, true) }
        } else {
            located = locateNumerically(&derivatives)
        }
        return located.enumerated().map { index, point in
            let neighbours = [index > 0 ? located[index - 1].x : nil,
                              index + 1 < located.count ? located[index + 1].x : nil].compactMap { $0 }
            let gap = neighbours.map { Swift.abs($0 - point.x) }.min() ?? .infinity
            let (kind, test) = classify(point.x, isStationary: point.isStationary, gap: gap, &derivatives)
            return CriticalPoint(x: point.x, value: f(point.x), kind: kind, decidedBy: test,
                                 isStationary: point.isStationary)
        }
    }

    // MARK: Location

    private func locateNumerically(_ derivatives: inout DerivativeTable) -> [(x: Double, isStationary: Bool)] {
        let d1 = derivatives.slice(1)
        let xs = grid
        guard xs.count > 1 else { return [] }
        let ys = d1.values(at: xs)
        let scale = Swift.max(1, ys.filter(\.isFinite).map(Swift.abs).max() ?? 1)
        let tolerance = 1e-10 * scale
        var found: [(x: Double, isStationary: Bool)] = []

        for i in xs.indices where ys[i] == 0 {
            let leftFlat = i > 0 && ys[i - 1] == 0, rightFlat = i + 1 < ys.count && ys[i + 1] == 0
            if !leftFlat && !rightFlat { found.append((xs[i], true)) }
        }
        for i in 0..<(xs.count - 1) {
            let (y0, y1) = (ys[i], ys[i + 1])
            guard y0.isFinite, y1.isFinite, y0 != 0, y1 != 0 else { continue }
            if (y0 < 0) != (y1 < 0) {
                let c = RootFinder.brent({ d1($0) }, xs[i], xs[i + 1], y0, y1)
                let slope = d1(c)
                if slope.isFinite && Swift.abs(slope) <= tolerance {
                    found.append((c, true))
                } else if isContinuous(at: c) {
                    found.append((c, false))
                }
            } else if i > 0, ys[i - 1].isFinite, ys[i - 1] != 0, (ys[i - 1] < 0) == (y0 < 0),
                      Swift.abs(y0) <= Swift.abs(ys[i - 1]), Swift.abs(y0) <= Swift.abs(y1) {
                // |f′| has a local minimum at xs[i] without a sign change: look for a touching
                // root where f″ changes sign.
                let d2 = derivatives.slice(2)
                let (lo, hi) = (xs[i - 1], xs[i + 1])
                let (g0, g1) = (d2(lo), d2(hi))
                guard g0.isFinite, g1.isFinite, (g0 < 0) != (g1 < 0) || g0 == 0 || g1 == 0 else { continue }
                let c = RootFinder.brent({ d2($0) }, lo, hi, g0, g1)
                if Swift.abs(d1(c)) <= tolerance { found.append((c, true)) }
            }
        }
        found.sort { $0.x < $1.x }
        var distinct: [(x: Double, isStationary: Bool)] = []
        let step = (interval.upperBound - interval.lowerBound) / Double(Self.sampleCount)
        for point in found {
            if let last = distinct.last, point.x - last.x <= Swift.max(1e-9 * Swift.max(1, Swift.abs(point.x)), step * 1e-6) {
                continue
            }
            distinct.append(point)
        }
        return distinct
    }

    /// Whether f is finite at c and its values just either side agree with f(c), which tells a
    /// corner (f′ jumps) from a pole or gap (f jumps or is undefined).
    private func isContinuous(at c: Double) -> Bool {
        let value = f(c)
        guard value.isFinite else { return false }
        let delta = 1e-7 * Swift.max(1, Swift.abs(c))
        let slack = 1e-4 * Swift.max(1, Swift.abs(value))
        return [f(c - delta), f(c + delta)].allSatisfy { $0.isFinite && Swift.abs($0 - value) <= slack }
    }

    // MARK: Classification

    private func classify(
        _ c: Double, isStationary: Bool, gap: Double, _ derivatives: inout DerivativeTable
    ) -> (CriticalPointKind, ClassificationTest) {
        if isStationary {
            let width = 1e-2 * Swift.max(1, Swift.abs(c))
            for order in 2...Self.maximumOrder {
                let value = derivatives.value(order, at: c)
                guard value.isFinite else { break }
                let nearby = Swift.max(Swift.abs(derivatives.value(order, at: c - width)),
                                       Swift.abs(derivatives.value(order, at: c + width)))
                let zero = 1e-9 * Swift.max(1, nearby.isFinite ? nearby : 1)
                if Swift.abs(value) <= zero { continue }
                let test: ClassificationTest = order == 2 ? .secondDerivative : .higherOrderDerivative(order: order)
                if order % 2 == 1 { return (.neither, test) }
                return (value > 0 ? .minimum : .maximum, test)
            }
        }
        return (firstDerivativeTest(c, gap: gap, &derivatives), .firstDerivative)
    }

    private func firstDerivativeTest(_ c: Double, gap: Double, _ derivatives: inout DerivativeTable) -> CriticalPointKind {
        let delta = Swift.min(1e-4 * Swift.max(1, Swift.abs(c)), gap / 2)
        let left = derivatives.value(1, at: c - delta), right = derivatives.value(1, at: c + delta)
        if left < 0 && right > 0 { return .minimum }
        if left > 0 && right < 0 { return .maximum }
        return .neither
    }
}

/// f′, f″, … of one expression, computed symbolically (and simplified) on first use, or from
/// the coefficients when f is a polynomial.
struct DerivativeTable {
    let expression: Expression
    let variable: String
    let polynomial: Polynomial?
    private var symbolic: [Expression] = []
    private var slices: [Int: UnivariateSlice] = [:]
    private var polynomials: [Polynomial] = []

    init(expression: Expression, variable: String, polynomial: Polynomial?) {
        self.expression = expression
        self.variable = variable
        self.polynomial = polynomial
        symbolic = [expression]
        if let polynomial { polynomials = [polynomial] }
    }

    /// f⁽ᵏ⁾ as a compiled function of the variable.
    mutating func slice(_ order: Int) -> UnivariateSlice {
        if let cached = slices[order] { return cached }
        while symbolic.count <= order {
            symbolic.append(symbolic[symbolic.count - 1].derivative(withRespectTo: variable).simplified)
        }
        // The expression has no other variable (checked when f was compiled), so this cannot throw.
        let compiled = (try? UnivariateSlice(symbolic[order], variable: variable))
            ?? (try! UnivariateSlice(.real(.nan), variable: variable))
        slices[order] = compiled
        return compiled
    }

    /// f⁽ᵏ⁾(x).
    mutating func value(_ order: Int, at x: Double) -> Double {
        if polynomial != nil {
            while polynomials.count <= order { polynomials.append(polynomials[polynomials.count - 1].derivative) }
            return polynomials[order](x)
        }
        return slice(order)(x)
    }
}
