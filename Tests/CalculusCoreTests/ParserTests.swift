import Testing
@testable import CalculusCore

struct ParserTests {
    @Test(arguments: [
        ("3", "3"), ("0.5", "0.5"), (".5", "0.5"), ("1e-5", "1e-05"), ("2.5E3", "2500.0"),
        ("x + y", "x + y"), ("w1*w_2", "w1*w_2"), ("x**2", "x^2"), ("x^y^z", "x^(y^z)"),
        ("-x^2", "-x^2"), ("2^-x", "2^(-x)"), ("2x", "2*x"), ("3x^2", "3*x^2"),
        ("2(x+1)", "2*(x + 1)"), ("(x+1)(x-1)", "(x + 1)*(x - 1)"), ("2 sin(x)", "2*sin(x)"),
        ("x sin(x)", "x*sin(x)"), ("2x e^x", "2*x*e^x"), ("1/2x", "x/2"), ("x(x+1)", "x*(x + 1)"),
        ("[x+1]*2", "2*(x + 1)"), ("3×x", "3*x"), ("3·x", "3*x"), ("x÷2", "x/2"), ("x−1", "x - 1"),
        ("x²", "x^2"), ("x³", "x^3"), ("x⁻¹", "1/x"), ("√x", "sqrt(x)"), ("√(x+1)", "sqrt(x + 1)"),
        ("π", "pi"), ("σ(x)", "sigmoid(x)"), ("|x|", "abs(x)"), ("ln(x)", "log(x)"),
        ("arcsin(x)", "asin(x)"), ("sigma(x)", "sigmoid(x)"), ("silu(x)", "swish(x)"),
        ("x - 3*y", "x - 3*y"), ("a/(b*c)", "a/(b*c)"), ("sin(x)cos(x)", "sin(x)*cos(x)"),
    ])
    func readsAnswerLanguage(input: String, expected: String) throws {
        let variables: Set<String>? = input.contains("a/") || input.contains("w1") || input.contains("y") ? nil : ["x"]
        #expect(try Parser.parse(input, variables: variables).description == expected)
    }

    /// The name table looks functions up on packed bytes: every ASCII spelling of
    /// `Function.byName` must read as its function.
    @Test func readsEverySpellingOfEveryFunction() throws {
        for (name, function) in Function.byName where name.unicodeScalars.allSatisfy(\.isASCII) {
            #expect(try Parser.parse("\(name)(x)", variables: ["x"]) == .call(function, .variable("x")), "\(name)")
        }
    }

    @Test func tellsLongNamesApartBeyondTheirFirstSixteenBytes() throws {
        let a = "a_very_long_variable_1", b = "a_very_long_variable_2"
        let product = try Parser.parse("\(a)*\(b)*\(a)", variables: [a, b])
        #expect(product == .product([.variable(a), .variable(b), .variable(a)]))
        #expect(try Parser.parse("\(a) + \(b)") == .sum([.variable(a), .variable(b)]))
    }

    @Test func readsASymbolAndItsSpelledNameAlike() throws {
        #expect(try Parser.parse("π + pi + π", variables: ["x"]) == .sum([.constant(.pi), .constant(.pi), .constant(.pi)]))
        #expect(try Parser.parse("σ(x) + sigmoid(x)", variables: ["x"]) == .sum([.call(.sigmoid, .variable("x")), .call(.sigmoid, .variable("x"))]))
    }

    /// A minus term's -1 leads its factors: the tree is the one `-(term)` builds.
    @Test(arguments: ["x - 4*x*y", "x - 2*y/3", "x - 0.5*y*2", "x - y/x*2", "x - 0*log(y)", "x - 2*0.5*y"])
    func readsAMinusTermAsTheNegatedTerm(input: String) throws {
        let parser = Parser(variables: ["x", "y"])
        let minus = input.firstRange(of: " - ")!
        let left = try parser.parse(String(input[..<minus.lowerBound]))
        let right = try parser.parse(String(input[minus.upperBound...]))
        #expect(try parser.parse(input) == .sum(of: [left, -right]))
    }
}
