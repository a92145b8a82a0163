import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import CalcTools
import CalculusCore

/// Collects what a test needs from an SVG: whether it parsed, the root element and each
/// series' name and path data.
private final class SVGInspector: NSObject, XMLParserDelegate {
    var root: String?
    var series: [(name: String, path: String)] = []
    var legendTexts: [String] = []
    private var inLegend = false
    private var text = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        if root == nil { root = name }
        if name == "path", attributes["class"] == "series" {
            series.append((attributes["data-series"] ?? "", attributes["d"] ?? ""))
        }
        if name == "g", attributes["class"] == "legend" { inLegend = true }
        text = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if inLegend && name == "text" { legendTexts.append(text) }
        if name == "g" { inLegend = false }
    }

    static func inspect(_ svg: String) -> (ok: Bool, inspector: SVGInspector) {
        let inspector = SVGInspector()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = inspector
        return (parser.parse(), inspector)
    }
}

struct SVGPlotTests {
    @Test func functionPlotIsWellFormedWithOneSeriesPerDerivative() throws {
        let f = try Parser.parse("x^3 - 3x", variables: ["x"])
        let svg = try SVGPlot.function(f, variable: "x", on: -3...3, derivatives: 2).render()
        let (ok, inspector) = SVGInspector.inspect(svg)
        #expect(ok)
        #expect(inspector.root == "svg")
        #expect(inspector.series.map(\.name) == ["f", "f′", "f″"])
        #expect(inspector.legendTexts == ["f(x) = x^3 - 3*x", "f′(x) = 3*x^2 - 3", "f″(x) = 6*x"])
        for s in inspector.series {
            #expect(s.path.hasPrefix("M"))
            #expect(s.path.split(separator: " ").count > 100)
        }
    }

    @Test func errorPlotHasASeriesPerMethodOnLogAxes() throws {
        let f = try Parser.parse("x*ln(x + e^(-x))", variables: ["x"])
        let exact = try f.simplifiedDerivative(withRespectTo: "x").evaluate(["x": 1])
        let sweep = try StepSweep(f, variable: "x", at: ["x": 1], reference: exact)
        let svg = SVGPlot.errorPlot(sweep, title: "error of d/dx at x = 1").render()
        let (ok, inspector) = SVGInspector.inspect(svg)
        #expect(ok)
        #expect(inspector.series.map(\.name) == ["forward", "backward", "centered", "richardson", "complex"])
        #expect(svg.contains(">1e-12<") && svg.contains(">1e-3<"))
    }

    @Test func textIsEscapedAndGapsBreakTheLine() {
        let plot = SVGPlot(title: "a < b & \"c\"", series: [
            SVGPlot.Series(name: "1/x <pole>", points: [
                .init(x: -1, y: -1), .init(x: -0.5, y: -2), .init(x: 0, y: .infinity),
                .init(x: 0.5, y: 2), .init(x: 1, y: 1),
            ]),
        ])
        let (ok, inspector) = SVGInspector.inspect(plot.render())
        #expect(ok)
        #expect(inspector.series.first?.name == "1/x <pole>")
        #expect(inspector.series.first?.path.filter { $0 == "M" }.count == 2)
    }

    @Test func higherDerivativeNamesUseSuperscripts() {
        #expect(SVGPlot.seriesName(4) == "f⁽⁴⁾")
        #expect(SVGPlot.seriesName(12) == "f⁽¹²⁾")
    }
}
