import Foundation
import Testing

/// The instructor's numeric tools, run as built binaries.
struct NumericToolsCLITests {
    @Test func nderivPrintsTheEstimateAndItsError() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let result = try cli.admin("calc", "nderiv", "x*log(x+exp(-x))", "--at", "x=1", "--method", "centered", "--h", "1e-5")
        #expect(result.status == 0)
        #expect(result.stdout.contains("estimate: 0.7753788"))
        #expect(result.stdout.contains("error:"))
        let sweep = try cli.admin("calc", "nderiv", "sigmoid(x)", "--at", "x=2", "--sweep")
        #expect(sweep.stdout.contains("1e-16"))
        #expect(sweep.stdout.contains("richardson") && sweep.stdout.contains("complex"))
    }

    @Test func criticalClassifiesAndFindsGlobalExtrema() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let result = try cli.admin("calc", "critical", "x^4 - 4x^3 + 6x^2", "--on", "-1,4")
        #expect(result.status == 0)
        #expect(result.stdout.contains("x = 0"))
        #expect(result.stdout.contains("minimum"))
        #expect(result.stdout.contains("global maximum: f(4) = 96"))
    }

    @Test func implicitPrintsAnEquivalentDerivative() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let result = try cli.admin("calc", "implicit", "x^3+y^3=6*x*y")
        #expect(result.status == 0)
        let derivative = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        // Check it against the textbook form numerically, through the calculator itself.
        for (x, y) in [(1.0, 2.0), (-1.5, 0.7), (2.5, -1.0)] {
            let ours = try cli.admin("calc", "eval", derivative, "--at", "x=\(x),y=\(y)").stdout
            let book = try cli.admin("calc", "eval", "(2y - x^2)/(y^2 - 2x)", "--at", "x=\(x),y=\(y)").stdout
            let a = try #require(Double(ours.trimmingCharacters(in: .whitespacesAndNewlines)))
            let b = try #require(Double(book.trimmingCharacters(in: .whitespacesAndNewlines)))
            #expect(abs(a - b) <= 1e-12 * max(1, abs(b)))
        }
    }

    @Test func gradcheckReportsASmallRelativeError() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let result = try cli.admin("calc", "gradcheck", "(w2*sigmoid(w1*x) - y)^2/2",
                                   "--at", "x=1.5,y=0.5,w1=0.8,w2=-1.2", "--wrt", "w1,w2")
        #expect(result.status == 0)
        #expect(result.stdout.contains("0.455412175"))
        #expect(result.stdout.contains("relative error"))
    }

    @Test func plotWritesAnSVGFile() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let path = cli.folder.appending(path: "f.svg").path
        let result = try cli.admin("calc", "plot", "sin(x)", "--on", "-3,3", "--derivatives", "2", "-o", path)
        #expect(result.status == 0)
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        #expect(svg.hasPrefix("<?xml"))
        #expect(svg.contains("<svg") && svg.contains("</svg>"))
    }
}
