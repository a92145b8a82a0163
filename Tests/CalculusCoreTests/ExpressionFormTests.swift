@testable import CalculusCore
import Testing

/// The written forms an answer can be asked for, on the trees the parser builds.
struct ExpressionFormTests {
    static func parse(_ text: String) throws -> Expression {
        try Parser(variables: ["x", "h"]).parse(text)
    }

    @Test(arguments: [
        ("((x + h)^2 - x^2)/h", true),     // the difference quotient: h cancels
        ("(x^2 - 1)/(x - 1)", true),       // a common factor
        ("(2*x^2 + x*h)/x", true),
        ("2*x + h", false),
        ("-1/(x*(x + h))", false),         // poles, not removable
        ("(x^2 - 2*x - 1)/(x - 1)^2", false),
        ("exp(x)*(1 + 2*x)/(2*sqrt(x))", false),  // undefined on one side: a boundary
        ("1/(x^2 + 1)", false),            // no real zero
    ])
    func findsADenominatorThatCancels(_ text: String, _ removable: Bool) throws {
        #expect(ExpressionForm.hasRemovableFactor(try Self.parse(text)) == removable)
    }

    @Test func aKeyCanBeCheckedAgainstItsOwnSimplifiedForm() throws {
        let copied = try Self.parse("((x + h)^2 - x^2)/h")
        #expect(!ExpressionForm.simplified.isSatisfied(by: copied, key: copied))
        let key = try Self.parse("2*x + h")
        #expect(ExpressionForm.simplified.isSatisfied(by: key, key: key))
    }
}
