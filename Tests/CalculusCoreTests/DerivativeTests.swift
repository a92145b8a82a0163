import Foundation
import Testing
@testable import CalculusCore

struct DerivativeTests {
    // MARK: Exact output

    @Test(arguments: [
        ("3x^4 - 2x^2 + 7", "12*x^3 - 4*x"),
        ("x^2", "2*x"),
        ("sin(x^3)", "3*x^2*cos(x^3)"),
        ("x^2*sin(x)", "2*x*sin(x) + x^2*cos(x)"),
        ("sqrt(x)", "1/(2*sqrt(x))"),
        ("exp(2*x)", "2*exp(2*x)"),
        ("log(x)", "1/x"),
        ("sigmoid(x)", "sigmoid(x)*(1 - sigmoid(x))"),
        ("(1 + x^2)^10", "20*x*(x^2 + 1)^9"),
        ("e^x", "e^x"),
        ("x*e^x", "e^x + x*e^x"),
        ("5", "0"),
        ("x", "1"),
        ("2*cos(x)/x", "-2*sin(x)/x - 2*cos(x)/x^2"),
        ("tanh(x)", "1 - tanh(x)^2"),
        ("sec(x)", "sec(x)*tan(x)"),
        ("csc(x)", "-csc(x)*cot(x)"),
        ("cot(x)", "-csc(x)^2"),
        ("tan(x)", "sec(x)^2"),
        ("relu(x)", "heaviside(x)"),
        ("abs(x)", "sign(x)"),
        ("sign(x)", "0"),
        ("heaviside(x)", "0"),
        ("softplus(x)", "sigmoid(x)"),
        ("x^x", "x^x*(log(x) + 1)"),
        ("2^x", "2^x*log(2)"),
        ("log10(x)", "1/(x*log(10))"),
        ("atan(x)", "1/(x^2 + 1)"),
        ("1/x", "-1/x^2"),
        ("(x^2 + 1)*(x - 1)", "3*x^2 - 2*x + 1"),
        ("(x + 1)^2", "2*x + 2"),
        ("asin(x)", "1/sqrt(1 - x^2)"),
        ("sqrt(6*x^2 + 2*x + 7)", "(6*x + 1)/sqrt(6*x^2 + 2*x + 7)"),
    ])
    func printsTeacherForm(function: String, expected: String) throws {
        let f = try Parser.parse(function, variables: ["x"])
        #expect(f.simplifiedDerivative(withRespectTo: "x").description == expected)
    }

    @Test func secondDerivativeOfQuarticIsTwelveXSquared() throws {
        let f = try Parser.parse("x^4", variables: ["x"])
        #expect(f.derivative(withRespectTo: "x", order: 2).description == "12*x^2")
        #expect(f.derivative(withRespectTo: "x", order: 4).description == "24")
        #expect(f.derivative(withRespectTo: "x", order: 7).description == "0")
        #expect(f.derivative(withRespectTo: "x", order: 0).description == "x^4")
    }

    @Test func higherDerivativesOfSineCycle() throws {
        let f = try Parser.parse("sin(x)", variables: ["x"])
        #expect(f.derivative(withRespectTo: "x", order: 2).description == "-sin(x)")
        #expect(f.derivative(withRespectTo: "x", order: 3).description == "-cos(x)")
        #expect(f.derivative(withRespectTo: "x", order: 4).description == "sin(x)")
    }

    @Test func partialDerivativeTreatsOtherVariablesAsConstants() throws {
        let f = try Parser.parse("w1*x")
        #expect(f.simplifiedDerivative(withRespectTo: "w1").description == "x")
        #expect(f.simplifiedDerivative(withRespectTo: "x").description == "w1")
        #expect(f.simplifiedDerivative(withRespectTo: "z").description == "0")
        let g = try Parser.parse("x^2*y^3 + sin(x*y)")
        #expect(g.simplifiedDerivative(withRespectTo: "y").description == "3*x^2*y^2 + x*cos(x*y)")
    }

    @Test func reluUsesSubgradientZeroAtZero() throws {
        let d = try Parser.parse("relu(x)", variables: ["x"]).derivative(withRespectTo: "x")
        #expect(try d.evaluate(["x": 0]) == 0)
        #expect(try d.evaluate(["x": 2]) == 1)
        #expect(try d.evaluate(["x": -2]) == 0)
        let a = try Parser.parse("abs(x)", variables: ["x"]).derivative(withRespectTo: "x")
        #expect(try a.evaluate(["x": 0]) == 0)
        #expect(try a.evaluate(["x": -3]) == -1)
    }

    // MARK: Every rule against a centered difference

    /// A function, and points where it and its derivative are smooth.
    static let rules: [(String, [Double])] = [
        // power, sum, product, quotient, chain
        ("x^5", [-1.3, 0.4, 2.1]),
        ("x^(7/2)", [0.3, 1.7]),
        ("x^(-3)", [-1.5, 0.8]),
        ("x^(1/3)", [-2.0, 0.5, 3.0]),
        ("3x^4 - 2x^2 + 7", [-1.1, 0.2, 1.9]),
        ("x^2*sin(x)", [-2.0, 0.7, 3.0]),
        ("x*exp(x)*cos(x)", [-1.0, 0.5, 1.5]),
        ("(x^2 + 1)/(x - 3)", [-1.0, 0.5, 4.0]),
        ("sin(x)/x", [0.5, 2.5]),
        ("sin(cos(x^2))", [-1.2, 0.3, 1.4]),
        ("(1 + x^2)^10", [-0.6, 0.2, 0.9]),
        ("x^x", [0.4, 1.3, 2.2]),
        ("x^sin(x)", [0.5, 2.0]),
        ("2^x", [-1.0, 1.5]),
        ("e^(x^2)", [-0.8, 0.6]),
        ("pi^x", [0.5]),
        // each function
        ("sin(2x)", [0.3, 2.0]), ("cos(3x)", [0.3, 2.0]), ("tan(x)", [0.3, -1.2]),
        ("sec(x)", [0.3, 2.0]), ("csc(x)", [0.3, 2.0]), ("cot(x)", [0.3, 2.0]),
        ("asin(x^2)", [-0.7, 0.3]), ("acos(x/2)", [-1.2, 0.9]), ("atan(3x)", [-2.0, 0.4]),
        ("sinh(x)", [-1.0, 2.0]), ("cosh(x)", [-1.0, 2.0]), ("tanh(2x)", [-0.5, 0.8]),
        ("exp(-x^2)", [-1.0, 0.5]), ("log(x^2 + 1)", [-2.0, 0.5]), ("log10(x)", [0.5, 3.0]),
        ("log2(3x)", [0.5, 3.0]), ("sqrt(x^3 + 1)", [0.2, 2.0]), ("cbrt(x)", [-2.0, 0.7]),
        ("abs(x^3 - 1)", [-1.0, 0.5, 2.0]), ("sign(x)", [-1.0, 1.0]), ("heaviside(x - 1)", [0.0, 2.0]),
        // each activation
        ("sigmoid(x)", [-2.0, 0.0, 1.5]), ("relu(x^2 - 1)", [-2.0, 0.5, 1.5]),
        ("softplus(2x)", [-1.0, 0.0, 1.0]), ("gelu(x)", [-1.5, 0.0, 0.8]),
        ("Phi(x^2)", [-1.0, 0.7]), ("erf(x)", [-0.9, 0.4]), ("swish(x)", [-1.7, 0.0, 1.2]),
        ("mish(x)", [-1.3, 0.0, 2.2]),
    ]

    @Test(arguments: rules)
    func matchesCenteredDifference(function: String, points: [Double]) throws {
        let f = try Parser.parse(function, variables: ["x"])
        let exact = f.derivative(withRespectTo: "x")
        let simplified = f.simplifiedDerivative(withRespectTo: "x")
        let (cf, cd, cs) = (
            CompiledExpression(f, variables: ["x"]),
            CompiledExpression(exact, variables: ["x"]),
            CompiledExpression(simplified, variables: ["x"])
        )
        for x in points {
            let h = 1e-5 * max(1, abs(x))
            let difference = (cf.evaluate([x + h]) - cf.evaluate([x - h])) / (2 * h)
            let tolerance = 1e-6 * max(1, abs(difference))
            #expect(abs(cd.evaluate([x]) - difference) < tolerance, "d/dx \(function) = \(exact) at \(x)")
            #expect(abs(cs.evaluate([x]) - difference) < tolerance, "d/dx \(function) = \(simplified) at \(x)")
        }
    }

    @Test func partialDerivativesMatchCenteredDifferences() throws {
        let f = try Parser.parse("x^2*y^3 + sin(x*y) + exp(x/y) + w1*x*y")
        let point = ["x": 0.7, "y": 1.3, "w1": -0.4]
        for name in ["x", "y", "w1"] {
            let d = f.simplifiedDerivative(withRespectTo: name)
            var plus = point, minus = point
            let h = 1e-5
            plus[name]! += h
            minus[name]! -= h
            let difference = (try f.evaluate(plus) - f.evaluate(minus)) / (2 * h)
            #expect(abs(try d.evaluate(point) - difference) < 1e-6, "d/d\(name) = \(d)")
        }
    }

    @Test func secondDerivativesMatchDifferences() throws {
        for function in ["x^3*sin(x)", "sigmoid(x)", "x^x", "log(x)/x", "mish(x)"] {
            let f = try Parser.parse(function, variables: ["x"])
            let d2 = CompiledExpression(f.derivative(withRespectTo: "x", order: 2), variables: ["x"])
            let cf = CompiledExpression(f, variables: ["x"])
            let (x, h) = (1.3, 1e-4)
            let difference = (cf.evaluate([x + h]) - 2 * cf.evaluate([x]) + cf.evaluate([x - h])) / (h * h)
            #expect(abs(d2.evaluate([x]) - difference) < 1e-4 * max(1, abs(difference)), "\(function)")
        }
    }

    // MARK: Corpus

    @Test func corpusDerivativesMatchTheirKeys() throws {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/corpus/equivalence-dev.jsonl")
        guard let data = try? String(contentsOf: url, encoding: .utf8) else {
            print("skipping: \(url.path) is absent")
            return
        }
        var seen = Set<String>()
        for line in data.split(separator: "\n") {
            let item = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            let function = item["function"] as! String
            guard seen.insert(function).inserted else { continue }
            let key = try Parser.parse(item["key"] as! String, variables: ["x"])
            let domain = item["domain"] as! [Double]
            let d = try Parser.parse(function, variables: ["x"]).simplifiedDerivative(withRespectTo: "x")
            let (ck, cd) = (CompiledExpression(key, variables: ["x"]), CompiledExpression(d, variables: ["x"]))
            for i in 0...10 {
                let x = domain[0] + (domain[1] - domain[0]) * Double(i) / 10
                let (k, v) = (ck.evaluate([x]), cd.evaluate([x]))
                guard k.isFinite else { continue }
                #expect(abs(k - v) <= 1e-8 * max(1, abs(k)), "d/dx \(function) = \(d), key \(key) at \(x)")
            }
        }
    }
}
