import CourseModels
@testable import Grading
import TestSupport
import Testing

struct CheckerTests {
    let grader = PartGrader()

    @Test(arguments: [
        "12x^3 - 4x", "f'(x) = 4x(3x^2 - 1)", "dy/dx = 12*x^3-4*x", "y′ = 12x³ − 4x", "d/dx (3x^4 - 2x^2 + 7) = 12x^3 - 4x",
    ])
    func acceptsEquivalentExpressionsWithAnyLeftHandSide(answer: String) {
        let grade = grader.grade(answer, part: GradingParts.derivative("12*x^3 - 4*x", of: "3*x^4 - 2*x^2 + 7"))
        #expect(grade.verdict == .correct)
        #expect(grade.score == 1)
    }

    @Test func showsHowTheAnswerWasRead() {
        let grade = grader.grade("2x e^x", part: GradingParts.derivative("2*x*exp(x) + x^2*exp(x)", of: "x^2*exp(x)"))
        #expect(grade.readAs == "2*x*e^x")
        #expect(grade.mistake == "product_rule_as_product")
        #expect(grade.verdict == .incorrect)
    }

    @Test(arguments: [
        ("e^(sin x) cos x", "e^sin(x)*cos(x)"),
        ("e^(sinx)cosx", "e^sin(x)*cos(x)"),
        ("eˢⁱⁿˣ cos x", "e^sin(x)*cos(x)"),
    ])
    func echoesTheReadingOfFunctionsWithoutBrackets(answer: String, readAs: String) {
        let grade = grader.grade(answer, part: GradingParts.derivative("exp(sin(x))*cos(x)", of: "exp(sin(x))"))
        #expect(grade.verdict == .correct)
        #expect(grade.readAs == readAs)
    }

    @Test func aSyntaxErrorShowsTheCaretAndDoesNotGrade() {
        let grade = grader.grade("3x^2 +", part: GradingParts.derivative("3*x^2", of: "x^3"))
        #expect(grade.verdict == .syntaxError)
        #expect(grade.feedback.contains("^"))
        #expect(grade.feedback.contains("hint:"))
    }

    @Test func aWrongAnswerWithoutARecognisedMistakeGetsACounterexampleAndTheHint() {
        let grade = grader.grade("2x", part: GradingParts.derivative("3*x^2", of: "x^3"), wrongAttemptsBefore: 1)
        #expect(grade.verdict == .incorrect)
        #expect(grade.mistake == nil)
        #expect(grade.feedback.hasPrefix("At x = "))
        #expect(grade.feedback.hasSuffix("Hint: Second hint."))
    }

    @Test func multivariableExpressions() {
        let part = GradingParts.part(.expression(ExpressionKey(
            key: "2*(w1*x - y)*x", variables: ["x", "y", "w1"], domain: ["x": Interval(-2, 2), "y": Interval(-2, 2), "w1": Interval(-2, 2)])))
        #expect(grader.grade("∂L/∂w1 = 2x(w1 x - y)", part: part).verdict == .correct)
        #expect(grader.grade("2x(w1 x + y)", part: part).verdict == .incorrect)
    }

    @Test func implicitDerivativesAreComparedOnTheCurve() {
        #expect(grader.grade("dy/dx = (2y - x^2)/(y^2 - 2x)", part: GradingParts.folium).verdict == .correct)
        #expect(grader.grade("(6y - 3x^2)/(3y^2 - 6x)", part: GradingParts.folium).verdict == .correct)
        #expect(grader.grade("(2y - x^2)/(y^2 + 2x)", part: GradingParts.folium).verdict == .incorrect)
    }

    @Test func numbersUseTheirTolerance() {
        let part = GradingParts.part(.number(value: 1.6e-10, tolerance: Tolerance(relative: 5e-3, absolute: 0)))
        #expect(grader.grade("1.6e-10", part: part).verdict == .correct)
        #expect(grader.grade("1.605e-10", part: part).verdict == .correct)
        #expect(grader.grade("1.7e-10", part: part).verdict == .incorrect)
        #expect(grader.grade("0", part: part).verdict == .incorrect)
        #expect(grader.grade("one", part: part).verdict == .syntaxError)
        let quarter = GradingParts.part(.number(value: 0.25, tolerance: .standard))
        #expect(grader.grade("1/4", part: quarter).verdict == .correct)
    }

    @Test func orderedListsGivePartialCreditAndSpotTheWrongOrder() {
        let part = GradingParts.part(.numbers(values: [0.1, 0.25, 0.1], tolerances: [.standard], ordered: true), mistakes: ["wrong_order": "Order!"])
        #expect(grader.grade("0.1, 0.25, 0.1", part: part).verdict == .correct)
        let partial = grader.grade("0.1, 0.3, 0.1", part: part)
        #expect(partial.verdict == .incorrect)
        #expect(abs(partial.score - 2.0 / 3) < 1e-12)
        #expect(partial.feedback.hasPrefix("Value 2 is not right."))
        let swapped = grader.grade("0.25, 0.1, 0.1", part: GradingParts.part(
            .numbers(values: [0.1, 0.25, 0.2], tolerances: [.standard], ordered: true), mistakes: ["wrong_order": "Order!"]))
        #expect(swapped.mistake == nil)
        let reordered = grader.grade("0.25, 0.1, 0.1", part: GradingParts.part(
            .numbers(values: [0.1, 0.1, 0.25], tolerances: [.standard], ordered: true), mistakes: ["wrong_order": "Order!"]))
        #expect(reordered.mistake == "wrong_order")
        #expect(reordered.feedback == "Order!")
    }

    @Test(arguments: ["[0.1, 0.25, 0.1]", "(0.1, 0.25, 0.1)", "{0.1; 0.25; 0.1}", "(0.1), 1/4, (0.1)"])
    func aListMayBeWrittenInBrackets(answer: String) {
        let part = GradingParts.part(.numbers(values: [0.1, 0.25, 0.1], tolerances: [.standard], ordered: true))
        #expect(grader.grade(answer, part: part).verdict == .correct)
    }

    @Test func setsIgnoreOrder() {
        let part = GradingParts.part(.numbers(values: [-1, 2], tolerances: [.standard], ordered: false))
        #expect(grader.grade("2, -1", part: part).verdict == .correct)
        let short = grader.grade("2", part: part)
        #expect(short.verdict == .incorrect)
        #expect(short.score == 0.5)
    }

    @Test func criticalPointsNeedTheirClassification() {
        let part = GradingParts.part(.criticalPoints(
            points: [CriticalPointKey(x: 0, kind: .minimum), CriticalPointKey(x: 2, kind: .maximum)], tolerance: .standard))
        #expect(grader.grade("x = 0: local minimum; x = 2: max", part: part).verdict == .correct)
        #expect(grader.grade("x = 2: local maximum\nx=0: min", part: part).verdict == .correct)
        let misclassified = grader.grade("x = 0: minimum; x = 2: neither", part: part)
        #expect(misclassified.verdict == .incorrect)
        #expect(misclassified.score == 0.75)
        #expect(misclassified.mistake == "wrong_classification")
        #expect(misclassified.feedback.hasPrefix("x = 2 is in fact a minimum or a maximum."))
        let extra = grader.grade("x = 0: minimum; x = 1: saddle; x = 2: maximum", part: part)
        #expect(extra.mistake == "extra_critical_point")
        #expect(abs(extra.score - 2.0 / 3) < 1e-12)
        let missing = grader.grade("x = 0: minimum", part: part)
        #expect(missing.mistake == "missed_critical_point")
        #expect(missing.feedback.hasPrefix("A critical point is missing."))
        #expect(grader.grade("x = 0: minimum (second-derivative test); x = 2: max [f'' < 0]", part: part).verdict == .correct)
        #expect(grader.grade("x = 0", part: part).verdict == .syntaxError)
        #expect(grader.grade("x = 0: bottom", part: part).verdict == .syntaxError)
    }

    @Test func choicesCompareNumericallyOrAsText() {
        let part = GradingParts.part(.choice(options: ["1e-1", "1e-5", "1e-10", "1e-15"], key: "1e-5"))
        #expect(grader.grade("1e-5", part: part).verdict == .correct)
        #expect(grader.grade("0.00001", part: part).verdict == .correct)
        #expect(grader.grade("h = 1e-05", part: part).verdict == .correct)
        #expect(grader.grade("1e-10", part: part).verdict == .incorrect)
        #expect(grader.grade("1e-4", part: part).verdict == .syntaxError)
        let words = GradingParts.part(.choice(options: ["Forward", "Centered"], key: "Centered"))
        #expect(grader.grade("  centered ", part: words).verdict == .correct)
    }

    @Test func manualPartsWaitForReview() {
        let grade = grader.grade("Proof: by the MVT ...", part: GradingParts.part(.manual(rubric: "MVT"), label: ""))
        #expect(grade.verdict == .pendingReview)
        #expect(grade.readAs == nil)
    }
}
