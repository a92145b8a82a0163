import CalculusCore
import CourseModels
@testable import Grading
import Testing

/// The `estimate` form and the feedback details of issue 12 on hand-made keys: which wrong
/// approach is named, that round-off is never refused, counterexamples whose numbers differ,
/// and precedence readings.
struct EstimateFormTests {
    /// A centered estimate of x·ln(x + e^(−x)) at x = 1, as `import seeds` would store it.
    static func slot(_ h: Double) throws -> (value: Double, slot: EstimateSlot) {
        let f = try Parser(variables: ["x"]).parse("x*log(x + exp(-x))")
        let value = try FiniteDifference.estimate(f, variable: "x", at: ["x": 1], method: .centered, step: h)
        let exact = try f.simplifiedDerivative(withRespectTo: "x").evaluate(["x": 1])
        let forward = try FiniteDifference.estimate(f, variable: "x", at: ["x": 1], method: .forward, step: h)
        let band = try FiniteDifference.centered.roundOffBand(f, variable: "x", at: ["x": 1], step: h)
        let spacing = try FiniteDifference.centered.estimateSpacing(f, variable: "x", at: ["x": 1], step: h)
        return (value, EstimateSlot(method: "centered", step: h, band: band, spacing: spacing, alternatives: [
            EstimateAlternative(kind: .exact, value: exact), EstimateAlternative(kind: .forward, value: forward),
        ]))
    }

    static func key(_ steps: [Double], tolerances: [Tolerance]) throws -> PartKey {
        let slots = try steps.map(slot)
        return PartKey(answer: .numbers(values: slots.map(\.value), tolerances: tolerances, ordered: true),
                       form: .estimate, estimates: slots.map(\.slot))
    }

    static func grade(_ answer: String, _ key: PartKey) -> PartGrade {
        let part = ExercisePart(label: "c", prompt: "", kind: .numbers, keyJSON: key.json, objectives: [], hints: ["h"])
        return PartGrader().grade(answer, key: CompiledKey(key), part: part)
    }

    @Test func namesTheForwardDifferenceAndTheExactDerivativeWhereRoundOffCannotExplainThem() throws {
        let key = try Self.key([1e-1, 1e-5], tolerances: [Tolerance(relative: 1e-6, absolute: 1e-9), Tolerance(relative: 1e-6, absolute: 1e-9)])
        guard case let .numbers(values, _, _) = key.answer else { Issue.record("not a list key"); return }
        let right = values.map { "\($0)" }
        #expect(Self.grade(right.joined(separator: ", "), key).verdict == .correct)

        let forward = key.estimates.compactMap { $0?.alternatives.first { $0.kind == .forward }?.value }
        let wrong = Self.grade(forward.map { "\($0)" }.joined(separator: ", "), key)
        #expect(wrong.verdict == .incorrect)
        #expect(wrong.mistake == "used_forward_difference")
        #expect(wrong.feedback.contains("Value 1 (h = 0.1) is the forward-difference estimate"), "\(wrong.feedback)")
        #expect(wrong.feedback.contains("value 2 (h = 1e-05) is the forward-difference estimate"), "\(wrong.feedback)")

        let exact = try #require(key.estimates[0]?.alternatives.first { $0.kind == .exact }?.value)
        let exactFirst = Self.grade("\(exact), \(right[1])", key)
        #expect(exactFirst.mistake == "reported_exact_value")
        #expect(exactFirst.feedback.contains("is the exact derivative"), "\(exactFirst.feedback)")
    }

    @Test func acceptsAnyValueInTheRoundOffBandEvenTheExactOne() throws {
        let (value, slot) = try Self.slot(1e-15)
        // One ulp of f moves the estimate by about 0.028 here; two libraries differ by up to 2 ulps a point.
        #expect(slot.band > 0.1 && slot.band < 0.12, "\(slot.band)")
        #expect(abs(slot.spacing - 0.02776) < 1e-4, "\(slot.spacing)")
        let exact = try #require(slot.alternatives.first { $0.kind == .exact })
        #expect(!slot.distinguishes(exact, from: value))
        let key = PartKey(answer: .number(value: value, tolerance: Tolerance(relative: 0, absolute: slot.band)),
                          form: .estimate, estimates: [slot])
        let part = ExercisePart(label: "", prompt: "", kind: .number, keyJSON: key.json, objectives: [], hints: ["h"])
        for neighbour in [value - slot.spacing, value + 2 * slot.spacing, exact.value] {
            #expect(PartGrader().grade("\(neighbour)", key: CompiledKey(key), part: part).verdict == .correct, "\(neighbour)")
        }
        // The grid: a correct program prints a multiple of the spacing from this one, and the
        // exact derivative is not one (0.0018 from the nearest).
        #expect(slot.achievable(near: value - slot.spacing, window: 1e-6, estimate: value))
        #expect(!slot.achievable(near: exact.value, window: 1e-5, estimate: value))
        #expect(!slot.achievable(near: value + 3 * slot.band, window: 1e-5, estimate: value))
    }

    @Test func aCounterexamplePrintsBothValuesWithDigitsEnoughToDiffer() {
        for (expected, actual) in [(29.6502, 29.65), (1.25e5, 1.2500001e5), (0.280206, 0.280207), (1.0, 1.0 + 1e-12)] {
            let text = PartGrader.counterexample(["x": 1.5], expected: expected, actual: actual)
            let numbers = text.components(separatedBy: "gives ").last!.components(separatedBy: ", but the right value is ")
            let given = numbers[0], right = numbers[1].components(separatedBy: " (a difference of ")[0]
            #expect(given != right, "\(text)")
            #expect(Double(given) == Double(AnswerNotation.brief(actual, digits: AnswerNotation.distinguishingDigits(actual, expected))))
            let difference = Double(text.components(separatedBy: "a difference of ").last!.dropLast(2))!
            #expect(abs(difference - (actual - expected)) <= 1e-3 * abs(actual - expected), "\(text)")
        }
    }

    @Test(arguments: [
        ("e^x/2√x", "e^x/(2√x)"),
        ("1/2x", "1/(2x)"),
        ("e^-x^2", "(e^-x)^2"),
        ("1 + 2e^-x + e^-x^2", "1 + 2e^-x + (e^-x)^2"),
    ])
    func precedenceReadingsOfferTheBracketedText(_ text: String, _ bracketed: String) {
        #expect(PrecedenceReading.candidates(text).contains(bracketed), "\(PrecedenceReading.candidates(text))")
    }
}
