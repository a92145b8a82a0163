import Foundation
import Testing
@testable import CalculusCore

struct ParserErrorTests {
    static func error(_ input: String, variables: Set<String>? = ["x"]) -> ParseError? {
        do {
            _ = try Parser(variables: variables).parse(input)
            return nil
        } catch {
            return error
        }
    }

    @Test func explainsFunctionGluedToItsArgument() throws {
        let error = try #require(Self.error("sinx"))
        #expect(error.description == """
            unknown name 'sinx' at column 1
              sinx
              ^
            hint: did you mean sin(x)?
            """)
    }

    /// Among equally close variables the hint names the first in name order, whatever order the
    /// set of variables holds them in.
    @Test func theHintAmongEquallyCloseVariablesIsTheFirstByName() {
        let names = ["w3", "w1", "w4", "w2", "w5"]
        for capacity in [0, 8, 64, 1000] {
            for rotation in 0..<names.count {
                var variables = Set<String>(minimumCapacity: capacity)
                for name in names[rotation...] + names[..<rotation] { variables.insert(name) }
                #expect(Self.error("w9", variables: variables)?.kind == .unknownName("w9", suggestion: "w1"))
            }
        }
    }

    @Test func pointsAtTheUnknownNameInContext() throws {
        let error = try #require(Self.error("3*x + cosx"))
        #expect(error.column == 7)
        #expect(error.description.hasPrefix("unknown name 'cosx' at column 7\n  3*x + cosx\n        ^\n"))
    }

    @Test(arguments: [
        ("", ParseError.Kind.empty, 1),
        ("   ", .empty, 1),
        ("(x + 1", .unclosedBracket("("), 1),
        ("x + 1)", .unmatchedClosingBracket(")"), 6),
        ("(x + 1]", .mismatchedBracket(open: "(", close: "]", openColumn: 1), 7),
        ("x +", .danglingOperator("+"), 3),
        ("x^", .danglingOperator("^"), 2),
        ("* x", .missingOperand(before: "*"), 1),
        ("x * / 2", .missingOperand(before: "/"), 5),
        ("foo(x)", .unknownFunction("foo", suggestion: nil), 1),
        ("sine(x)", .unknownFunction("sine", suggestion: "sin"), 1),
        ("sin x", .functionNeedsParentheses("sin"), 1),
        ("x $ 2", .unexpectedCharacter("$"), 3),
        ("()", .emptyBrackets, 1),
        ("2 3", .missingOperator, 3),
        ("1.2.3", .invalidNumber("1.2."), 1),
        ("x = 2", .unexpectedEquals, 3),
        ("z + 1", .unknownName("z", suggestion: "x"), 1),
        ("foo + 1", .unknownName("foo", suggestion: nil), 1),
    ])
    func reportsEachError(input: String, kind: ParseError.Kind, column: Int) throws {
        let error = try #require(Self.error(input))
        #expect(error.kind == kind)
        #expect(error.column == column)
        #expect(!error.hint.isEmpty)
    }

    @Test func refusesDeepNestingByItsLimits() throws {
        let deep = String(repeating: "(", count: 100_000) + "x" + String(repeating: ")", count: 100_000)
        let error = try #require(Self.error(deep))
        #expect(error.kind == .tooLong(length: deep.utf8.count, limit: Parser.maximumLength))
        let nested = String(repeating: "(", count: 300) + "x" + String(repeating: ")", count: 300)
        #expect(Self.error(nested)?.kind == .tooDeep(limit: Parser.maximumDepth))
        let bracketed = String(repeating: "[", count: 30_000) + "x" + String(repeating: "]", count: 30_000)
        #expect(Self.error(bracketed)?.kind == .tooDeep(limit: Parser.maximumDepth))
    }

    @Test func refusesHugeInput() throws {
        let huge = String(repeating: "x+", count: 512 * 1024) + "x"
        let error = try #require(Self.error(huge))
        #expect(error.kind == .tooLong(length: huge.utf8.count, limit: Parser.maximumLength))
        #expect(error.description.count < 400)
    }

    @Test func refusesTowerOfPowersAThousandDeep() throws {
        let tower = Array(repeating: "x", count: 1000).joined(separator: "^")
        #expect(Self.error(tower)?.kind == .tooDeep(limit: Parser.maximumDepth))
        // Within the limit a tower parses.
        let small = Array(repeating: "x", count: 50).joined(separator: "^")
        #expect(Self.error(small) == nil)
    }

    @Test func manyUnaryMinusesAreLimitedToo() throws {
        #expect(Self.error(String(repeating: "-", count: 10_000) + "x")?.kind == .tooDeep(limit: Parser.maximumDepth))
    }

    @Test func functionPowerShorthandMeansAPowerOfTheCall() throws {
        #expect(try Parser.parse("sin^2(x) + cos²(x)", variables: ["x"]).description == "sin(x)^2 + cos(x)^2")
        #expect(try Parser.parse("3tanh^2(2x)", variables: ["x"]).description == "3*tanh(2*x)^2")
        #expect(Self.error("sin^-1(x)")?.kind == .ambiguousFunctionPower("sin"))
        #expect(Self.error("sin⁻¹(x)")?.kind == .ambiguousFunctionPower("sin"))
    }

    @Test func namesSplitIntoDeclaredVariablesOnlyWhenUnambiguous() throws {
        #expect(try Parser.parse("sigma(w1x)", variables: ["x", "y", "w1", "w2"]).description == "sigmoid(w1*x)")
        #expect(try Parser.parse("ab", variables: ["a", "ab", "b"]).description == "ab")
        #expect(Self.error("abb", variables: ["a", "ab", "b"])?.kind == .unknownName("abb", suggestion: "a*b*b"))
    }

    @Test func declaredVariablesAllowCallSyntaxAsProduct() throws {
        #expect(try Parser.parse("x(x+1)", variables: ["x"]).description == "x*(x + 1)")
        #expect(try Parser.parse("6xy", variables: ["x", "y"]).description == "6*x*y")
    }

    @Test func parsesEquations() throws {
        let (lhs, rhs) = try Parser(variables: ["x", "y"]).parseEquation("x³ + y³ = 6xy")
        #expect(lhs.description == "x^3 + y^3")
        #expect(rhs.description == "6*x*y")
    }

    /// Tokens are read as the parser asks for them; a lexical error anywhere in the input still
    /// wins over a grammar error met before it, as when the whole input was lexed first.
    @Test(arguments: [
        ("(x + 1 $", ParseError.Kind.unexpectedCharacter("$"), 8),
        ("x + * 2 $", .unexpectedCharacter("$"), 9),
        ("sin x 1.2.3", .invalidNumber("1.2."), 7),
        ("2 3 #", .unexpectedCharacter("#"), 5),
        (")x ⁻", .invalidNumber("⁻"), 4),
        ("x^ 12345678901234567890.5", .tooManyDigits("12345678901234567890.5"), 4),
        ("x = 2 $", .unexpectedCharacter("$"), 7),
        ("sin^-1(x) ¢", .unexpectedCharacter("¢"), 11),
        ("((x)) ]", .unmatchedClosingBracket("]"), 7),
    ])
    func reportsALexicalErrorBeforeAnEarlierGrammarError(input: String, kind: ParseError.Kind, column: Int) throws {
        let error = try #require(Self.error(input))
        #expect(error.kind == kind)
        #expect(error.column == column)
    }

    @Test func reportsALexicalErrorBeforeTheDepthLimit() throws {
        let nested = String(repeating: "(", count: 300) + "x$"
        #expect(Self.error(nested)?.kind == .unexpectedCharacter("$"))
        #expect(Self.error(nested)?.column == 302)
        do {
            _ = try Parser(variables: ["x"]).parseEquation("x + = 1 $")
            Issue.record("'x + = 1 $' parsed as an equation")
        } catch {
            #expect(error.kind == .unexpectedCharacter("$"))
            #expect(error.column == 9)
        }
    }
}
