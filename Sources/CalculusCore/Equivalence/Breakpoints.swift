/// The places on a line where a piecewise function in an expression changes its formula: the
/// roots of the arguments of `abs`, `sign`, `heaviside` and `relu`.
///
/// Roots are isolated by interval bisection with `Ball` arithmetic: an interval on which the
/// argument's ball excludes zero holds no root and is dropped, the others are halved until
/// narrower than about 1e-12 of the box. This finds roots that no grid of sample points would
/// (a step at −2.997 below the first point, a triangle of width 0.001), and tangential roots too.
enum Breakpoints {
    static let evaluationBudget = 3000
    static let maximumCount = 64

    static func find(in expressions: [Expression], variable: String, on box: ClosedRange<Double>) -> [Double] {
        find(arguments: arguments(in: expressions), variable: variable, on: box)
    }

    /// The arguments of the piecewise functions in `expressions`, each once.
    static func arguments(in expressions: [Expression]) -> [Expression] {
        var arguments: [Expression] = []
        for expression in expressions { collect(expression, into: &arguments) }
        return arguments
    }

    /// The roots of `arguments` in `box` along `variable`, the other variables held at `fixed`
    /// (a line parallel to that axis, in several variables).
    static func find(arguments: [Expression], variable: String, on box: ClosedRange<Double>,
                     fixed: [String: Ball] = [:]) -> [Double] {
        var roots: [Double] = []
        for argument in arguments where argument.contains(variable: variable) {
            roots += isolate(argument, variable: variable, on: box, fixed: fixed)
            if roots.count > maximumCount { break }
        }
        roots.sort()
        // Merge roots closer than the isolation width.
        let width = (box.upperBound - box.lowerBound) * 1e-12
        var merged: [Double] = []
        for root in roots where root > box.lowerBound && root < box.upperBound {
            if let last = merged.last, root - last <= width { continue }
            merged.append(root)
        }
        return Array(merged.prefix(maximumCount))
    }

    private static func collect(_ e: Expression, into arguments: inout [Expression]) {
        switch e {
        case .number, .variable, .constant: return
        case let .sum(items), let .product(items): for item in items { collect(item, into: &arguments) }
        case let .power(b, x): collect(b, into: &arguments); collect(x, into: &arguments)
        case let .call(function, argument):
            switch function {
            case .abs, .sign, .heaviside, .relu:
                if !arguments.contains(argument) { arguments.append(argument) }
            default: break
            }
            collect(argument, into: &arguments)
        }
    }

    /// Roots of `g` in `box`, each to within about 1e-12 of the box's width.
    static func isolate(_ g: Expression, variable: String, on box: ClosedRange<Double>,
                        fixed: [String: Ball] = [:]) -> [Double] {
        let tolerance = (box.upperBound - box.lowerBound) * 1e-13
        var stack: [(Double, Double)] = [(box.lowerBound, box.upperBound)]
        var roots: [Double] = []
        var evaluations = 0
        while let (lo, hi) = stack.popLast() {
            evaluations += 1
            if evaluations > evaluationBudget { break }
            let mid = lo + (hi - lo) / 2
            var arithmetic = BallArithmetic(bits: 64)
            let x = Ball(BigFloat(mid), radius: Radius(Swift.max(mid - lo, hi - mid)))
            var values = fixed
            values[variable] = x
            let value: Ball
            do {
                value = try g.ball(values, &arithmetic)
            } catch .undefined {
                continue
            } catch {
                if hi - lo <= tolerance { roots.append(mid); continue }
                stack.append((mid, hi)); stack.append((lo, mid))
                continue
            }
            if value.excludesZero { continue }
            if hi - lo <= tolerance {
                roots.append(mid)
                continue
            }
            stack.append((mid, hi)); stack.append((lo, mid))
        }
        return roots
    }

    /// The box cut at the breakpoints.
    static func pieces(of box: ClosedRange<Double>, splitAt breaks: [Double]) -> [ClosedRange<Double>] {
        var edges = [box.lowerBound] + breaks + [box.upperBound]
        edges = edges.sorted()
        var result: [ClosedRange<Double>] = []
        for i in 0..<(edges.count - 1) where edges[i] < edges[i + 1] { result.append(edges[i]...edges[i + 1]) }
        return result.isEmpty ? [box] : result
    }

    /// Both sides of every breakpoint (close to it, inside the neighbouring pieces) and the
    /// middle of every piece. The breakpoint itself is left out: a single point does not decide
    /// equivalence.
    static func probePoints(breaks: [Double], pieces: [ClosedRange<Double>], box: ClosedRange<Double>) -> [Double] {
        guard !breaks.isEmpty else { return [] }
        var points: [Double] = []
        for piece in pieces {
            let width = piece.upperBound - piece.lowerBound
            points.append(piece.lowerBound + width / 2)
            // Just inside each end that is a breakpoint.
            let offset = Swift.min(width / 4, Swift.max(Swift.abs(piece.lowerBound), Swift.abs(piece.upperBound), 1) * 1e-9)
            if piece.lowerBound > box.lowerBound { points.append(piece.lowerBound + offset) }
            if piece.upperBound < box.upperBound { points.append(piece.upperBound - offset) }
        }
        return points.filter { box.contains($0) }
    }
}
