import CalculusCore
import CourseModels
@testable import Grading
import TestSupport
import Testing

struct FeedbackTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var function: String
        var key: String
        var answer: String
        var tag: String?
        var domain: Interval = Interval(-3, 3)
        var testDescription: String { "d/dx \(function) answered \(answer) → \(tag ?? "none")" }
    }

    static let cases: [Case] = [
        Case(function: "x^2*sin(x)", key: "2*x*sin(x) + x^2*cos(x)", answer: "2x cos(x)", tag: "product_rule_as_product"),
        Case(function: "sqrt(x)*exp(x)", key: "exp(x)*(1 + 2*x)/(2*sqrt(x))", answer: "e^x/(2 sqrt(x))",
             tag: "product_rule_as_product", domain: Interval(0.1, 5)),
        Case(function: "(x^2 + 1)/(x - 1)", key: "(x^2 - 2*x - 1)/(x - 1)^2", answer: "((x^2+1) - 2x(x-1))/(x-1)^2",
             tag: "quotient_numerator_swapped", domain: Interval(1.2, 5)),
        Case(function: "(x^2 + 1)/(x - 1)", key: "(x^2 - 2*x - 1)/(x - 1)^2", answer: "(2x(x-1) - (x^2+1))/(x-1)",
             tag: "quotient_denominator_not_squared", domain: Interval(1.2, 5)),
        Case(function: "sin(x^3)", key: "3*x^2*cos(x^3)", answer: "cos(x^3)", tag: "chain_missing_inner"),
        Case(function: "1/(1 + exp(-x))", key: "sigmoid(x)*(1 - sigmoid(x))", answer: "-e^(-x)/(1+e^(-x))^2",
             tag: "chain_missing_inner", domain: Interval(-6, 6)),
        Case(function: "2^x", key: "2^x*log(2)", answer: "x*2^(x-1)", tag: "exponential_as_power"),
        Case(function: "log(x^2 + 1)", key: "2*x/(x^2 + 1)", answer: "1/(x^2+1)", tag: "log_missing_inner"),
        Case(function: "cos(x)", key: "-sin(x)", answer: "sin(x)", tag: "cos_sign"),
        Case(function: "x^4", key: "4*x^3", answer: "4x^4", tag: "power_off_by_one"),
        Case(function: "x^4", key: "4*x^3", answer: "4x^2", tag: "power_off_by_one"),
        Case(function: "3*x^4 - 2*x^2 + 7", key: "12*x^3 - 4*x", answer: "4x^3 - 4x", tag: "dropped_constant_factor"),
        Case(function: "sqrt(x)", key: "1/(2*sqrt(x))", answer: "1/sqrt(x)", tag: "dropped_constant_factor", domain: Interval(0.1, 5)),
        Case(function: "x - x^3", key: "1 - 3*x^2", answer: "3x^2 - 1", tag: "sign_error"),
        Case(function: "x^3", key: "3*x^2", answer: "3x^2 + 1", tag: nil),
    ]

    @Test(arguments: cases)
    func namesTheMistakenRule(_ c: Case) {
        let part = GradingParts.derivative(c.key, of: c.function, domain: c.domain)
        let grade = PartGrader().grade(c.answer, part: part)
        #expect(grade.verdict == .incorrect)
        #expect(grade.mistake == c.tag)
    }

    @Test func thePartsOwnMessageOverridesTheDefault() {
        let part = GradingParts.part(
            .expression(ExpressionKey(key: "3*x^2*cos(x^3)", variables: ["x"], domain: ["x": Interval(-2, 2)],
                                      derivativeOf: "sin(x^3)", withRespectTo: "x")),
            mistakes: ["chain_missing_inner": "Multiply by the derivative of x³."])
        #expect(PartGrader().grade("cos(x^3)", part: part).feedback == "Multiply by the derivative of x³.")
        let plain = GradingParts.derivative("3*x^2*cos(x^3)", of: "sin(x^3)")
        #expect(PartGrader().grade("cos(x^3)", part: plain).feedback == MistakeTag.chainMissingInner.defaultMessage)
    }

    @Test func implicitDerivativesWithTheInnerFactorMissing() {
        // d/dx y³ taken as 3y² (no y′): 3x² + 3y² = 6y + 6x y′ gives y′ = (3x² + 3y² − 6y)/(6x).
        let grade = PartGrader().grade("(x^2 + y^2 - 2y)/(2x)", part: GradingParts.folium)
        #expect(grade.verdict == .incorrect)
        #expect(grade.mistake == "chain_missing_inner")
    }

    @Test func faultyDifferentiatorAppliesTheRuleAtEverySiteOrAtOne() {
        let function = try! Parser(variables: ["x"]).parse("sin(x^2) + cos(3x)")
        var all = FaultyDifferentiator(variable: "x", rule: .chainMissingInner)
        let everywhere = all.derivative(function)
        #expect(all.sites == 2)
        let expected = try! Parser(variables: ["x"]).parse("cos(x^2) - sin(3x)")
        #expect(EquivalenceChecker().judge(expected, everywhere).isEquivalent)
        var first = FaultyDifferentiator(variable: "x", rule: .chainMissingInner, site: 0)
        let once = try! Parser(variables: ["x"]).parse("cos(x^2) - 3 sin(3x)")
        #expect(EquivalenceChecker().judge(once, first.derivative(function)).isEquivalent)
        var correct = FaultyDifferentiator(variable: "x", rule: nil)
        #expect(EquivalenceChecker().judge(function.derivative(withRespectTo: "x"), correct.derivative(function)).isEquivalent)
    }

    @Test func keysAreRevealedAsTheLearnerReadsThem() {
        #expect(PartKey(answer: .numbers(values: [0.5, 2], tolerances: [], ordered: true)).displayText == "0.5, 2")
        #expect(PartKey(answer: .criticalPoints(points: [CriticalPointKey(x: 0, kind: .minimum)], tolerance: .standard)).displayText
            == "x = 0: minimum")
        #expect(PartKey(answer: .manual(rubric: "r")).displayText == nil)
    }
}
