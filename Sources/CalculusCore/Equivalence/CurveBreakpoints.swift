/// Where a piecewise function changes its formula along a curve F = 0: the points where the
/// curve meets g = 0, for each argument g of `abs`, `sign`, `heaviside` or `relu` (see
/// `Breakpoints.arguments(in:)`). The scan lines of `CurveSampler` miss a piece of the curve
/// narrower than their spacing (`key + relu(1e-4 - (x - 3)^2 - (y - 3)^2)` on the folium); this
/// search does not.
///
/// The box is subdivided with `Ball` arithmetic, as `Breakpoints` bisects a line: a cell where
/// F's ball or g's ball excludes zero holds no such point and is dropped, the others are
/// quartered until about 10⁻⁹ of the box wide. Near each point found, a certified curve point
/// (`CurveEnclosure`) is made on either side of it along the curve, close enough to lie inside
/// the narrowest piece.
enum CurveBreakpoints {
    /// Cell evaluations per argument: a g that vanishes along the curve itself (relu(F)) would
    /// otherwise be followed cell by cell.
    static let evaluationBudget = 8_000
    static let maximumCount = 64

    typealias Box = (x: ClosedRange<Double>, y: ClosedRange<Double>)

    static func probes(curve: Expression, arguments: [Expression], names: [String], box: Box) -> [CurveEnclosure] {
        var crossings: [(x: Double, y: Double)] = []
        for argument in arguments where names.contains(where: argument.contains(variable:)) {
            crossings += find(curve: curve, argument: argument, names: names, box: box)
            if crossings.count >= maximumCount { break }
        }
        guard !crossings.isEmpty else { return [] }
        let slopes = names.map { curve.derivative(withRespectTo: $0) }
        let gradient = slopes.map { CompiledExpression($0, variables: names) }
        let size = Swift.max(box.x.upperBound - box.x.lowerBound, box.y.upperBound - box.y.lowerBound)
        var probes: [CurveEnclosure] = []
        for (index, q) in crossings.prefix(maximumCount).enumerated() {
            let fx: Double = gradient[0].evaluate([q.x, q.y])
            let fy: Double = gradient[1].evaluate([q.x, q.y])
            let norm = (fx * fx + fy * fy).squareRoot()
            guard norm.isFinite, norm > 0 else { continue }
            // Along the curve, no further than a third of the way to the nearest other crossing,
            // so that a piece between two crossings is probed inside.
            var distance = size * 1e-6
            for (other, p) in crossings.enumerated() where other != index {
                let gap = ((p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y)).squareRoot()
                if gap > 0 { distance = Swift.min(distance, gap / 3) }
            }
            // The line across the curve is the one along the larger partial derivative.
            let varying = Swift.abs(fy) >= Swift.abs(fx) ? 1 : 0
            for side in [-1.0, 1.0] {
                let x = q.x - side * distance * fy / norm, y = q.y + side * distance * fx / norm
                if let point = CurveEnclosure(curve: curve, slope: slopes[varying], names: names,
                                              x: PreciseReal(x), y: PreciseReal(y), varying: varying) {
                    probes.append(point)
                }
            }
        }
        return probes
    }

    /// Points within about 10⁻⁹ of the box of where F = 0 meets g = 0, one per cell that
    /// neither ball could clear.
    private static func find(curve: Expression, argument: Expression, names: [String], box: Box) -> [(x: Double, y: Double)] {
        let width = (x: (box.x.upperBound - box.x.lowerBound) * 1e-9, y: (box.y.upperBound - box.y.lowerBound) * 1e-9)
        var stack: [Box] = [box]
        var found: [(x: Double, y: Double)] = []
        var evaluations = 0
        while let cell = stack.popLast(), evaluations < evaluationBudget, found.count < maximumCount {
            evaluations += 1
            let mid = (x: cell.x.lowerBound + (cell.x.upperBound - cell.x.lowerBound) / 2,
                       y: cell.y.lowerBound + (cell.y.upperBound - cell.y.lowerBound) / 2)
            let values = [
                names[0]: Ball(BigFloat(mid.x), radius: Radius(Swift.max(mid.x - cell.x.lowerBound, cell.x.upperBound - mid.x))),
                names[1]: Ball(BigFloat(mid.y), radius: Radius(Swift.max(mid.y - cell.y.lowerBound, cell.y.upperBound - mid.y))),
            ]
            var arithmetic = BallArithmetic(bits: 64)
            var cleared = false
            for g in [curve, argument] {
                do {
                    if try g.ball(values, &arithmetic).excludesZero { cleared = true; break }
                } catch .undefined {
                    // Undefined on the whole cell: no point of the curve, or no piece, there.
                    cleared = true
                    break
                } catch {
                    // Straddles a pole or an edge: look closer.
                }
            }
            if cleared { continue }
            if cell.x.upperBound - cell.x.lowerBound <= width.x, cell.y.upperBound - cell.y.lowerBound <= width.y {
                if !found.contains(where: { Swift.abs($0.x - mid.x) <= 8 * width.x && Swift.abs($0.y - mid.y) <= 8 * width.y }) {
                    found.append(mid)
                }
                continue
            }
            stack.append((cell.x.lowerBound...mid.x, cell.y.lowerBound...mid.y))
            stack.append((mid.x...cell.x.upperBound, cell.y.lowerBound...mid.y))
            stack.append((cell.x.lowerBound...mid.x, mid.y...cell.y.upperBound))
            stack.append((mid.x...cell.x.upperBound, mid.y...cell.y.upperBound))
        }
        return found
    }
}
