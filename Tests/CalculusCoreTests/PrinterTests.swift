import Testing
@testable import CalculusCore

struct PrinterTests {
    /// Random trees built through the canonicalising constructors, as every tree in the program is.
    static func randomExpression(_ generator: inout SplitMix64, depth: Int) -> Expression {
        let leafChoice = generator.next() % 6
        if depth == 0 || generator.next() % 4 == 0 {
            switch leafChoice {
            case 0: return .variable("x")
            case 1: return .variable("y")
            case 2: return .integer(Int(generator.next() % 9) - 4)
            case 3: return .fraction(Int64(generator.next() % 7) + 1, Int64(generator.next() % 5) + 2)
            case 4:
                // Written decimals, as the parser reads them: 0.5, 1e-05, 2.25, -0.125, 1e+20.
                let (s, e) = [(5, -1), (1, -5), (225, -2), (-125, -3), (1, 20)][Int(generator.next() % 5)]
                return .number(.decimal(significand: Int64(s), exponent: e))
            default: return .constant(generator.next() % 2 == 0 ? .e : .pi)
            }
        }
        let a = randomExpression(&generator, depth: depth - 1)
        let b = randomExpression(&generator, depth: depth - 1)
        switch generator.next() % 7 {
        case 0: return a + b
        case 1: return a - b
        case 2: return a * b
        case 3: return a / b
        case 4: return .power(a, to: b)
        case 5: return -a
        default:
            let functions = Function.allCases
            return .call(functions[Int(generator.next() % UInt64(functions.count))], a)
        }
    }

    @Test func asciiOutputParsesBackToTheSameTree() throws {
        var generator = SplitMix64(seed: 42)
        for _ in 0..<3000 {
            let expression = Self.randomExpression(&generator, depth: 4)
            let text = expression.description
            let reparsed = try Parser.parse(text)
            // The same tree, or (where the constructors keep a domain-restricting form such as
            // (u^-1)^-1 or 0/0, or a value computed in floating point) the same values, and a
            // tree that reads back as itself.
            if reparsed != expression {
                // Then one more round must be a fixed point.
                let again = try Parser.parse(reparsed.description)
                #expect(again == reparsed, "\(text) read back as \(reparsed.description), then \(again.description)")
                for point in [["x": 0.7, "y": 1.3], ["x": -1.2, "y": 2.1]] {
                    let before = try expression.evaluate(point), after = try reparsed.evaluate(point)
                    #expect(before == after || (before.isNaN && after.isNaN) || abs(before - after) <= 1e-12 * abs(before),
                            "\(text) read back as \(reparsed.description)")
                }
            }
        }
    }

    @Test(arguments: [
        ("3*x^2*cos(x^3)", "3x²·cos(x³)"),
        ("sqrt(x) + sigmoid(x)", "√x + σ(x)"),
        ("x - 1/x^2", "x − 1/x²"),
        ("abs(x)*pi", "|x|·π"),
    ])
    func prettyPrintsForPeople(input: String, expected: String) throws {
        #expect(try Parser.parse(input).pretty == expected)
    }
}
