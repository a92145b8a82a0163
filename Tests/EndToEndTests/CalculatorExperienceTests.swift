import Foundation
import Testing

/// The instructor's calculator as a newcomer uses it (issue 16), through the built binary.
struct CalculatorExperienceTests {
    static func out(_ result: CLI.Result) -> String { result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) }

    @Test func calcWorksOnSeveralDeclaredVariables() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        #expect(Self.out(try cli.admin("calc", "equiv", "x*y", "y*x", "--var", "x,y")) == "equivalent")
        #expect(Self.out(try cli.admin("calc", "equiv", "x*y", "x+y", "--var", "x,y")) == "not equivalent")
        #expect(Self.out(try cli.admin("calc", "diff", "x*y", "--var", "x")) == "y")
        #expect(Self.out(try cli.admin("calc", "diff", "x*y^2", "--var", "y")) == "2*x*y")
        #expect(Self.out(try cli.admin("calc", "diff", "xy", "--var", "x,y")) == "y")
    }

    @Test func anUndeclaredNameIsAnErrorNamingTheAssumedVariables() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let result = try cli.admin("calc", "diff", "xy")
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty, "answered \(result.stdout)")
        #expect(result.stderr.contains("'xy'"))
        #expect(result.stderr.contains("the variables assumed were x; declare the others with --var, as in --var x,y"))
        // `xx` with x in play is x*x, as in answers, never a variable of its own with derivative 0.
        #expect(Self.out(try cli.admin("calc", "diff", "xx")) == "2*x")
    }

    @Test func evalOutsideTheDomainSaysSo() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let result = try cli.admin("calc", "eval", "log(x)", "--at", "x=-1")
        #expect(result.status == 2)
        #expect(result.stderr.contains("is not defined at x = -1.0: the point is outside its domain"), "\(result.stderr)")
        #expect(!result.stdout.contains("nan"))
    }

    @Test func atAcceptsAConstantExpression() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let value = try #require(Double(Self.out(try cli.admin("calc", "eval", "sin(x)", "--at", "x=pi/6"))))
        #expect(abs(value - 0.5) < 1e-15)
        #expect(Self.out(try cli.admin("calc", "eval", "x", "--at", "x=pi")) == "\(Double.pi)")
        let bad = try cli.admin("calc", "eval", "x", "--at", "x=foo")
        #expect(bad.status != 0 && bad.stderr.contains("not a number or a constant expression"))
    }

    @Test func nderivPrintsShortestRoundTripDigits() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let result = try cli.admin("calc", "nderiv", "sin(x)", "--at", "x=1", "--method", "complex", "--h", "1e-20")
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        let estimate = try #require(lines.first { $0.hasPrefix("estimate: ") }?.dropFirst(10))
        let symbolic = try #require(lines.first { $0.hasPrefix("symbolic: ") }?.dropFirst(10))
        #expect(symbolic == "\(cos(1.0))")
        #expect(estimate == symbolic, "the complex step is exact to the last bit here")
        let centered = try cli.admin("calc", "nderiv", "sin(x)", "--at", "x=1", "--method", "centered")
        let other = try #require(centered.stdout.split(separator: "\n").first { $0.hasPrefix("estimate: ") })
        #expect(other != "estimate: \(cos(1.0))")
    }

    @Test func criticalReportsTiesForAGlobalExtremum() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let result = try cli.admin("calc", "critical", "x^4", "--on", "-1,1")
        #expect(result.status == 0)
        #expect(result.stdout.contains("global maximum: 1, reached at 2 points: x = -1, x = 1"), "\(result.stdout)")
        #expect(result.stdout.contains("global minimum: f(0) = 0"))
    }

    @Test func plotLegendNamesTheFunctionsWithTheirFormulas() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let path = cli.folder.appending(path: "f.svg").path
        #expect(try cli.admin("calc", "plot", "x^3 - 3x", "--on", "-2,2", "--derivatives", "1", "-o", path).status == 0)
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        let legend = try #require(svg.components(separatedBy: "<g class=\"legend\">").last)
        #expect(legend.contains("f(x) = x^3 - 3*x"), "\(legend)")
        #expect(legend.contains("f′(x) = "))
    }

    @Test func plotMarksAMethodWhoseErrorIsExactlyZero() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let path = cli.folder.appending(path: "sweep.svg").path
        // The derivative of a line is exact for every difference quotient at some steps.
        let result = try cli.admin("calc", "nderiv", "2x", "--at", "x=1", "--sweep", "--svg", path)
        #expect(result.status == 0, "\(result.stderr)")
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        #expect(svg.contains("class=\"exact-zero\""))
        #expect(svg.contains("exactly 0 at"))
    }

    @Test func plotDrawsReLUDerivativeWithItsJump() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let path = cli.folder.appending(path: "relu.svg").path
        #expect(try cli.admin("calc", "plot", "relu(x)", "--on", "-1,1", "--derivatives", "1", "-o", path).status == 0)
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        let line = try #require(svg.split(separator: "\n").first { $0.contains("data-series=\"f′\"") })
        let d = try #require(line.components(separatedBy: " d=\"").last?.components(separatedBy: "\"").first)
        // Two flat pieces (two move-to commands), not one curve with a vertical segment.
        let pieces = d.split(separator: "M").map { piece in
            Set(piece.split(separator: " ").compactMap { $0.drop { $0 == "L" }.split(separator: ",").last })
        }
        #expect(pieces.count == 2, "\(d)")
        #expect(pieces.allSatisfy { $0.count == 1 }, "\(pieces)")
    }
}
