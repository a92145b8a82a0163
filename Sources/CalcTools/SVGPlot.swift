import CalculusCore
import Foundation

/// A line chart rendered as a standalone SVG document: axes with tick labels, one polyline per
/// series, and a legend. Written by hand (SVG is text) so the core needs no graphics library;
/// writing the file is the caller's business.
///
/// Each series is a `<path class="series" data-series="NAME">`, so tests and tools can find it.
/// Points that are not finite, or fall outside the plotted range, break the line rather than
/// drawing a spike to the edge.
public struct SVGPlot: Sendable {
    public enum Scale: Sendable { case linear, logarithmic }

    public struct Point: Hashable, Sendable {
        public var x: Double
        public var y: Double
        public init(x: Double, y: Double) { self.x = x; self.y = y }
    }

    public struct Series: Sendable {
        public var name: String
        /// What the legend says: the name and, for a function, its formula (`f′(x) = 2*x`).
        public var label: String
        /// NaN in `y` lifts the pen: a jump or a gap in the domain is not joined by a segment.
        public var points: [Point]
        public init(name: String, label: String? = nil, points: [Point]) {
            self.name = name
            self.label = label ?? name
            self.points = points
        }
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var xScale: Scale
    public var yScale: Scale
    public var series: [Series]
    public var width = 720.0
    public var height = 450.0

    public init(title: String, xLabel: String = "x", yLabel: String = "y",
                xScale: Scale = .linear, yScale: Scale = .linear, series: [Series] = []) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xScale = xScale
        self.yScale = yScale
        self.series = series
    }

    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2"]
    static let margin = (left: 70.0, right: 170.0, top: 40.0, bottom: 55.0)
    /// Legend labels longer than this are cut with "…" (the full text stays in `data-label`).
    static let legendCharacters = 48

    /// Legend labels as drawn.
    func legendLabel(_ s: Series) -> String {
        var label = s.label
        if yScale == .logarithmic {
            let zeros = s.points.filter { $0.y == 0 }.count
            if zeros > 0 { label += " (exactly 0 at \(zeros) step\(zeros == 1 ? "" : "s"): ▼)" }
        }
        return label.count <= Self.legendCharacters ? label : String(label.prefix(Self.legendCharacters - 1)) + "…"
    }

    /// The SVG document.
    public func render() -> String {
        var m = Self.margin
        // The legend sits right of the plot; make room for its longest label (about 7 px per character).
        m.right = Swift.max(m.right, 45 + 7 * Double(series.map { legendLabel($0).count }.max() ?? 0))
        let width = Swift.max(self.width, m.left + m.right + 360)
        let plotWidth = width - m.left - m.right, plotHeight = height - m.top - m.bottom
        let xs = series.flatMap { $0.points.map(\.x) }.compactMap { transform($0, xScale) }
        let ys = series.flatMap { $0.points.map(\.y) }.compactMap { transform($0, yScale) }
        let xRange = Self.range(of: xs, robust: false)
        let yRange = Self.range(of: ys, robust: yScale == .linear)
        func px(_ u: Double) -> Double { m.left + (u - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) * plotWidth }
        func py(_ v: Double) -> Double { m.top + (yRange.upperBound - v) / (yRange.upperBound - yRange.lowerBound) * plotHeight }

        var svg = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Self.format(width))" height="\(Self.format(height))" \
        viewBox="0 0 \(Self.format(width)) \(Self.format(height))" font-family="sans-serif" font-size="12">
        <title>\(Self.escape(title))</title>
        <rect x="0" y="0" width="\(Self.format(width))" height="\(Self.format(height))" fill="white"/>
        <text x="\(Self.format(m.left + plotWidth / 2))" y="24" text-anchor="middle" font-size="15">\(Self.escape(title))</text>

        """
        // Grid, ticks and labels.
        svg += "<g class=\"axes\" stroke=\"#cccccc\" stroke-width=\"1\">\n"
        for (u, label) in ticks(xRange, xScale) {
            let x = px(u)
            svg += "<line x1=\"\(Self.format(x))\" y1=\"\(Self.format(m.top))\" x2=\"\(Self.format(x))\" y2=\"\(Self.format(m.top + plotHeight))\"/>\n"
            svg += "<text x=\"\(Self.format(x))\" y=\"\(Self.format(m.top + plotHeight + 16))\" text-anchor=\"middle\" stroke=\"none\" fill=\"#333333\">\(Self.escape(label))</text>\n"
        }
        for (v, label) in ticks(yRange, yScale) {
            let y = py(v)
            svg += "<line x1=\"\(Self.format(m.left))\" y1=\"\(Self.format(y))\" x2=\"\(Self.format(m.left + plotWidth))\" y2=\"\(Self.format(y))\"/>\n"
            svg += "<text x=\"\(Self.format(m.left - 6))\" y=\"\(Self.format(y + 4))\" text-anchor=\"end\" stroke=\"none\" fill=\"#333333\">\(Self.escape(label))</text>\n"
        }
        svg += "</g>\n"
        svg += "<g class=\"frame\" stroke=\"#333333\" stroke-width=\"1.2\" fill=\"none\">\n"
        svg += "<rect x=\"\(Self.format(m.left))\" y=\"\(Self.format(m.top))\" width=\"\(Self.format(plotWidth))\" height=\"\(Self.format(plotHeight))\"/>\n"
        if xScale == .linear, xRange.contains(0) {
            svg += "<line class=\"axis\" x1=\"\(Self.format(px(0)))\" y1=\"\(Self.format(m.top))\" x2=\"\(Self.format(px(0)))\" y2=\"\(Self.format(m.top + plotHeight))\"/>\n"
        }
        if yScale == .linear, yRange.contains(0) {
            svg += "<line class=\"axis\" x1=\"\(Self.format(m.left))\" y1=\"\(Self.format(py(0)))\" x2=\"\(Self.format(m.left + plotWidth))\" y2=\"\(Self.format(py(0)))\"/>\n"
        }
        svg += "</g>\n"
        svg += "<text x=\"\(Self.format(m.left + plotWidth / 2))\" y=\"\(Self.format(height - 12))\" text-anchor=\"middle\">\(Self.escape(xLabel))</text>\n"
        svg += "<text transform=\"translate(18 \(Self.format(m.top + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\">\(Self.escape(yLabel))</text>\n"

        // Series, clipped to the plot area's range.
        for (index, s) in series.enumerated() {
            let color = Self.palette[index % Self.palette.count]
            var d = ""
            var penDown = false
            for point in s.points {
                guard let u = transform(point.x, xScale), let v = transform(point.y, yScale),
                      xRange.contains(u), yRange.contains(v) else {
                    penDown = false
                    continue
                }
                d += (penDown ? "L" : "M") + Self.format(px(u)) + "," + Self.format(py(v)) + " "
                penDown = true
            }
            let marker = s.points.count <= 40 ? " stroke-linejoin=\"round\"" : ""
            svg += "<path class=\"series\" data-series=\"\(Self.escape(s.name))\" d=\"\(d.trimmingCharacters(in: .whitespaces))\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"\(marker)/>\n"
            // On a log axis an error of exactly 0 has no place: it is marked with a triangle on
            // the bottom edge instead of silently missing.
            if yScale == .logarithmic {
                for point in s.points where point.y == 0 {
                    guard let u = transform(point.x, xScale), xRange.contains(u) else { continue }
                    let (x, y) = (px(u), m.top + plotHeight)
                    svg += "<path class=\"exact-zero\" data-series=\"\(Self.escape(s.name))\" d=\"M\(Self.format(x - 5)),\(Self.format(y - 9)) L\(Self.format(x + 5)),\(Self.format(y - 9)) L\(Self.format(x)),\(Self.format(y - 1)) Z\" fill=\"\(color)\"><title>\(Self.escape(s.name)): error exactly 0 at h = \(point.x)</title></path>\n"
                }
            }
        }

        // Legend.
        svg += "<g class=\"legend\">\n"
        for (index, s) in series.enumerated() {
            let color = Self.palette[index % Self.palette.count]
            let y = m.top + 10 + Double(index) * 20
            let x = m.left + plotWidth + 15
            svg += "<line x1=\"\(Self.format(x))\" y1=\"\(Self.format(y))\" x2=\"\(Self.format(x + 24))\" y2=\"\(Self.format(y))\" stroke=\"\(color)\" stroke-width=\"2\"/>\n"
            svg += "<text x=\"\(Self.format(x + 30))\" y=\"\(Self.format(y + 4))\" data-label=\"\(Self.escape(s.label))\">\(Self.escape(legendLabel(s)))</text>\n"
        }
        svg += "</g>\n</svg>\n"
        return svg
    }

    private func transform(_ value: Double, _ scale: Scale) -> Double? {
        guard value.isFinite else { return nil }
        switch scale {
        case .linear: return value
        case .logarithmic: return value > 0 ? Foundation.log10(value) : nil
        }
    }

    /// The plotted range: the data's range padded by 5%. A robust range (2nd to 98th percentile,
    /// widened by half its span) replaces it when a few huge values, such as near a pole, would
    /// flatten everything else.
    static func range(of values: [Double], robust: Bool) -> ClosedRange<Double> {
        guard var lo = values.min(), var hi = values.max() else { return 0...1 }
        if robust, values.count >= 20 {
            let sorted = values.sorted()
            let p2 = sorted[sorted.count * 2 / 100], p98 = sorted[sorted.count * 98 / 100]
            let span = p98 - p2
            if span > 0, hi - lo > 10 * span { lo = Swift.max(lo, p2 - span / 2); hi = Swift.min(hi, p98 + span / 2) }
        }
        if hi - lo < 1e-12 * Swift.max(1, Swift.abs(lo)) { lo -= 1; hi += 1 }
        let pad = 0.05 * (hi - lo)
        return (lo - pad)...(hi + pad)
    }

    /// Tick positions (in transformed units) with labels: 1-2-5 steps on a linear axis, whole
    /// decades on a logarithmic one.
    private func ticks(_ range: ClosedRange<Double>, _ scale: Scale) -> [(Double, String)] {
        let span = range.upperBound - range.lowerBound
        switch scale {
        case .logarithmic:
            let stride = Swift.max(1, (span / 8).rounded(.up))
            var result: [(Double, String)] = []
            var k = (range.lowerBound / stride).rounded(.up) * stride
            while k <= range.upperBound {
                result.append((k, "1e\(Int(k))"))
                k += stride
            }
            return result
        case .linear:
            let raw = span / 6
            let magnitude = Foundation.pow(10, Foundation.floor(Foundation.log10(raw)))
            let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
            var result: [(Double, String)] = []
            var k = (range.lowerBound / step).rounded(.up)
            while k * step <= range.upperBound {
                let value = k * step
                result.append((value, String(format: "%g", Swift.abs(value) < step * 1e-9 ? 0 : value)))
                k += 1
            }
            return result
        }
    }

    static func format(_ value: Double) -> String { String(format: "%.2f", value) }

    /// Text and attribute values with the five XML special characters escaped.
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default: result.append(character)
            }
        }
        return result
    }
}

extension SVGPlot {
    /// f and its first `derivatives` derivatives (symbolic) on `interval`, sampled at `samples` points.
    /// The series are named f, f′, f″, f‴, then f⁽ⁿ⁾.
    /// - Throws: `EvaluationError.unboundVariable` if `f` has a variable other than `variable`.
    public static func function(
        _ f: CalculusCore.Expression, variable: String, on interval: ClosedRange<Double>,
        derivatives: Int = 0, samples: Int = 400
    ) throws(EvaluationError) -> SVGPlot {
        var expressions = [f]
        for _ in 0..<Swift.max(0, derivatives) {
            expressions.append(expressions[expressions.count - 1].simplifiedDerivative(withRespectTo: variable))
        }
        let n = Swift.max(2, samples)
        let xs = (0..<n).map { interval.lowerBound + (interval.upperBound - interval.lowerBound) * Double($0) / Double(n - 1) }
        var series: [Series] = []
        for (order, expression) in expressions.enumerated() {
            let compiled = CompiledExpression(expression, variables: [variable])
            if let unbound = compiled.variables.dropFirst().first { throw .unboundVariable(unbound) }
            let points = withJumpsBroken(xs.map { Point(x: $0, y: compiled.evaluate([$0])) }) { compiled.evaluate([$0]) }
            let name = seriesName(order)
            series.append(Series(name: name, label: "\(name)(\(variable)) = \(expression.description)", points: points))
        }
        return SVGPlot(title: "f(\(variable)) = \(f.description)", xLabel: variable, yLabel: "value", series: series)
    }

    /// The log-log plot of each method's error against the step h.
    public static func errorPlot(_ sweep: StepSweep, title: String) -> SVGPlot {
        let series = sweep.methods.map { method in
            Series(name: method.rawValue, points: sweep.rows.map { Point(x: $0.step, y: $0.errors[method] ?? .nan) })
        }
        return SVGPlot(title: title, xLabel: "step h", yLabel: "absolute error",
                       xScale: .logarithmic, yScale: .logarithmic, series: series)
    }

    /// `points` with a NaN point inserted inside every interval where `f` jumps, so the curve is
    /// drawn with its jump (ReLU′ as two flat pieces) rather than a steep segment joining them.
    ///
    /// An interval is a jump when the change across it is over 5% of the curve's span and does
    /// not shrink under bisection: after 40 halvings, each keeping the half with the larger
    /// change, more than half the change is left (a continuous steep stretch shrinks to nothing).
    static func withJumpsBroken(_ points: [Point], _ f: (Double) -> Double) -> [Point] {
        let finite = points.map(\.y).filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max(), hi > lo else { return points }
        let threshold = 0.05 * (hi - lo)
        var result: [Point] = []
        for (index, point) in points.enumerated() {
            if index > 0 {
                let previous = points[index - 1]
                let change = Swift.abs(point.y - previous.y)
                if change.isFinite, change > threshold {
                    var (a, b) = ((previous.x, previous.y), (point.x, point.y))
                    for _ in 0..<40 {
                        let mid = (a.0 + b.0) / 2
                        let y = f(mid)
                        guard y.isFinite else { break }
                        if Swift.abs(y - a.1) >= Swift.abs(b.1 - y) { b = (mid, y) } else { a = (mid, y) }
                    }
                    if Swift.abs(b.1 - a.1) > 0.5 * change {
                        result.append(Point(x: a.0, y: a.1))
                        result.append(Point(x: (a.0 + b.0) / 2, y: .nan))
                        result.append(Point(x: b.0, y: b.1))
                    }
                }
            }
            result.append(point)
        }
        return result
    }

    /// f, f′, f″, f‴, f⁽⁴⁾, …
    static func seriesName(_ order: Int) -> String {
        switch order {
        case 0: return "f"
        case 1: return "f′"
        case 2: return "f″"
        case 3: return "f‴"
        default:
            let superscripts: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
            return "f⁽" + String(String(order).map { superscripts[Int(String($0))!] }) + "⁾"
        }
    }
}
