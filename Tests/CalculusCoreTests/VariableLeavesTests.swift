import Foundation
import Testing
@testable import CalculusCore

/// The parser shares the small subtrees of a declared variable (`x^2`, `sin(x)`, `e^x`, `-x`)
/// across parses (`VariableLeaves`). Sharing must be invisible: every tree equals the one a
/// parser without declared variables builds, which shares nothing.
struct VariableLeavesTests {
    /// Texts that reach every shared subtree, and some just outside the kept range.
    static let texts: [String] = {
        var texts = (-7...15).map { "x^\($0)" } + (-7...15).map { "x^(\($0))" }
        texts += Function.allCases.map { "\($0.rawValue)(x)" }
        texts += ["x^2.0", "x^0.5", "x^(1/2)", "x^-1", "1/x", "2/x^2", "x²", "x⁻¹", "x³ + x¹²", "e^x", "eˣ", "e^(x)",
                  "e^-x", "e^(2x)", "-x", "1 - x", "-x^2", "-(x)", "2 - -x", "√x", "|x|", "ln|x|", "sin^2(x)",
                  "3x^2*sin(x) + e^(2x)", "(x^2 + 1)/(2*sqrt(x))", "2x*cos(x^2) - 1/x", "exp(-x)/x^3",
                  "2x", "2*x", "-2x", "-2*x", "1 - 2x", "1 - -2x", "x - 16x", "x - 17x", "-16x", "17x", "0x", "0*x", "1x",
                  "1*x", "-1*x", "1 - x*1", "2x*3", "2*3*x", "2x^2", "2x^-1", "4*x/2", "x*2", "2.5x", "2(x)", "2 - 1x", "x - 9223372036854775807x", "-9223372036854775807x",
                  "e^(-x)", "e^(-2x)", "e^(16x)", "e^(17x)", "e^(-17x)", "e^(0x)", "e^(1x)", "e^(x*2)", "e^(2x^2)", "e^(2.0x)",
                  "exp(2x)", "e^(x/2)", "e^(-(x))"]
        return texts
    }()

    @Test(arguments: texts)
    func aSharedSubtreeIsTheTreeTheConstructorsBuild(_ text: String) throws {
        let shared = try Parser(variables: ["x"]).parse(text)
        let unshared = try Parser(variables: nil).parse(text)
        #expect(shared == unshared, "\(text)")
        #expect(shared.description == unshared.description)
    }

    @Test func learnerNotationSharesTheSameTrees() throws {
        for text in ["sin x", "ln x + cos x", "sinx", "e^(sin x)", "tanh x^2"] {
            let learner = Parser.learner(variables: ["x"])
            guard let shared = try? learner.parse(text) else { continue }
            let spelled = text.replacingOccurrences(of: "sinx", with: "sin(x)")
                .replacingOccurrences(of: "sin x", with: "sin(x)")
                .replacingOccurrences(of: "ln x", with: "ln(x)")
                .replacingOccurrences(of: "cos x", with: "cos(x)")
            #expect(shared == (try Parser(variables: nil).parse(spelled)), "\(text)")
        }
    }

    @Test func everyFunctionHasItsOwnCall() throws {
        let leaves = try #require(VariableLeaves.leaves(for: "x"))
        for k in Int64(-20)...20 where k != 0 && k != 1 {
            #expect(leaves.multiple(k) == (k.magnitude <= 16 ? .product(of: [.integer(Int(k)), .variable("x")]) : nil))
            #expect(leaves.exponential(k) == (k.magnitude <= 16 ? .power(.constant(.e), to: .product(of: [.integer(Int(k)), .variable("x")])) : nil))
        }
        for (index, function) in Function.allCases.enumerated() {
            #expect(VariableLeaves.ordinal(function) == index, "\(function)")
            #expect(leaves.call(function) == .call(function, .variable("x")))
        }
    }

    @Test func aParserWithManyVariablesBuildsTheSameTrees() throws {
        let names = (1...(VariableLeaves.variablesShared + 4)).map { "w\($0)" }
        let text = names.map { "2\($0)^2 - sin(\($0))" }.joined(separator: " + ")
        #expect(try Parser(variables: Set(names)).parse(text) == (try Parser(variables: nil).parse(text)))
    }

    @Test func aVariableOfManyLettersIsSharedToo() throws {
        let name = "weight_of_the_first_layer"
        let parser = Parser(variables: [name])
        let tree = try parser.parse("\(name)^3 + tanh(\(name))")
        #expect(tree == .sum(of: [.power(.variable(name), to: .integer(3)), .call(.tanh, .variable(name))]))
    }
}
