import Testing
@testable import CalculusCore

/// The notation learners type and prompts use, read only by the learner parser
/// (`Parser.learner`): keys and the calculator keep the stricter errors.
struct ParserLearnerNotationTests {
    static func read(_ input: String, variables: Set<String>? = ["x"]) throws -> String {
        try Parser.learner(variables: variables).parse(input).description
    }

    static func errorKind(_ input: String, variables: Set<String>? = ["x"]) -> ParseError.Kind? {
        do {
            _ = try Parser.learner(variables: variables).parse(input)
            return nil
        } catch {
            return error.kind
        }
    }

    @Test(arguments: [
        ("sin x", "sin(x)"),
        ("e^(sin x)", "e^(sin(x))"),
        ("2 sin x cos x", "2*sin(x)*cos(x)"),
        ("sin x + 1", "sin(x) + 1"),
        ("ln x / x", "log(x)/x"),
        ("cos pi", "cos(pi)"),
        ("(sin x)^2", "sin(x)^2"),
        ("sinx", "sin(x)"),
        ("lnx", "log(x)"),
        ("3x^2 cosx", "3*x^2*cos(x)"),
        ("sinx cosx", "sin(x)*cos(x)"),
        ("xe^x", "x*e^x"),
    ])
    func readsAFunctionWithAnUnbracketedArgument(input: String, expected: String) throws {
        #expect(try Self.read(input) == Parser.parse(expected, variables: ["x"]).description)
    }

    @Test func readsTheGluedNameOfAnotherDeclaredVariable() throws {
        #expect(try Self.read("tant", variables: ["t"]) == "tan(t)")
        #expect(try Self.read("expw1", variables: ["w1"]) == "exp(w1)")
    }

    @Test(arguments: [
        ("sin x^2", ParseError.Kind.functionNeedsParentheses("sin")),
        ("sin 2x", .functionNeedsParentheses("sin")),
        ("sin x y", .functionNeedsParentheses("sin")),
        ("sin -x", .functionNeedsParentheses("sin")),
        ("sinx^2", .unknownName("sinx", suggestion: "sin(x)")),
        ("sinxy", .unknownName("sinxy", suggestion: nil)),
    ])
    func keepsTheErrorWhereTheReadingIsAmbiguous(input: String, kind: ParseError.Kind) {
        #expect(Self.errorKind(input, variables: ["x", "y"]) == kind)
    }

    @Test func keepsTheErrorForAGluedNameWhenNoVariablesAreDeclared() {
        #expect(Self.errorKind("sinx", variables: nil) == .unknownName("sinx", suggestion: "sin(x)"))
    }

    @Test func keepsTheErrorWhenTheNameAlsoSplitsIntoVariables() {
        #expect(Self.errorKind("sinx", variables: ["s", "i", "n", "x"]) == .unknownName("sinx", suggestion: "sin(x)"))
    }

    @Test func theStrictParserStillRefusesUnbracketedArguments() {
        #expect(throws: ParseError.self) { try Parser.parse("sin x", variables: ["x"]) }
        #expect(throws: ParseError.self) { try Parser.parse("sinx", variables: ["x"]) }
    }

    @Test(arguments: [
        ("eˣ", "e^x"),
        ("e⁻ˣ", "e^(-x)"),
        ("e²ˣ", "e^(2*x)"),
        ("xⁿ", "x^n"),
        ("3eˣ + 1", "3*e^x + 1"),
        ("eˣ²", "e^x^2"),
    ])
    func readsSuperscriptLetters(input: String, expected: String) throws {
        let variables: Set<String> = ["x", "n"]
        #expect(try Parser.parse(input, variables: variables).description
            == Parser.parse(expected, variables: variables).description)
    }

    @Test func anUnknownLetterInASuperscriptIsReportedAtTheSuperscript() throws {
        let error = try #require(throws: ParseError.self) { try Parser.parse("2eʸ", variables: ["x"]) }
        #expect(error.kind == .unknownName("y", suggestion: "x"))
        #expect(error.column == 3)
    }
}
