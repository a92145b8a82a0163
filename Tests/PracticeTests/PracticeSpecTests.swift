import CourseModels
import Practice
import Testing

struct PracticeSpecTests {
    /// Ids and items are fixed forever for a generator version: these pins change only with a
    /// new `PracticeGenerator.version`.
    @Test func idsAndItemsArePinnedForVersion1() throws {
        let spec = PracticeSpec(family: "differentiation-rules", tier: 1, version: 1, seed: 0)
        let item = try PracticeGenerator.item(spec)
        #expect(item.function == "-2*x^7 + 2*x^3 - 6")
        #expect(item.key.displayText == "-14*x^6 + 6*x^2")
        #expect(spec.exerciseID == item.exercise.id)
        #expect(PracticeSpec.isPracticeID(spec.exerciseID))
        #expect(spec.exerciseID == "p-" + String(PracticeSpec.hash("differentiation-rules/1/1/0000000000000000") >> 16, radix: 16)
            .leftPadded(12))
    }

    @Test func textFormsReadBack() {
        let spec = PracticeSpec(family: "chain-rule", tier: 3, version: 1, seed: 0xFFFF_0000_1234_ABCD)
        #expect(spec.seedText == "ffff00001234abcd")
        #expect(PracticeSpec.seed(fromText: spec.seedText) == spec.seed)
        #expect(PracticeSpec(text: spec.text) == spec)
        #expect(PracticeSpec(text: "chain-rule/3/1/12") == nil)
        #expect(PracticeSpec.seed(fromText: "FFFF00001234ABCD") == nil)
        #expect(!PracticeSpec.isPracticeID("ex4") && !PracticeSpec.isPracticeID("p-12345"))
    }

    @Test func anExerciseCarriesItsSpec() throws {
        let spec = PracticeSpec(family: "backpropagation", tier: 2, version: 1, seed: 7)
        let exercise = try PracticeGenerator.item(spec).exercise
        #expect(PracticeSpec(exercise: exercise) == spec)
        var renamed = exercise
        renamed.id = "p-000000000000"
        #expect(PracticeSpec(exercise: renamed) == nil, "a spec that does not name the id is not the exercise's")
    }

    @Test func unknownFamiliesTiersAndVersionsAreRefusedWithASentence() {
        #expect(throws: PracticeError.unknownFamily("limits")) {
            try PracticeGenerator.item(PracticeSpec(family: "limits", tier: 1, version: 1, seed: 0))
        }
        #expect(throws: PracticeError.unknownTier(family: "chain-rule", tier: 4)) {
            try PracticeGenerator.item(PracticeSpec(family: "chain-rule", tier: 4, version: 1, seed: 0))
        }
        #expect(throws: PracticeError.unsupportedVersion(2)) {
            try PracticeGenerator.item(PracticeSpec(family: "chain-rule", tier: 1, version: 2, seed: 0))
        }
        #expect(PracticeError.unsupportedVersion(2).description.contains("update the program"))
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

struct PracticeTierRuleTests {
    static let rules = MasteryParameters(pInit: 0.3, pLearn: 0.2, pSlip: 0.15, pGuess: 0.1)

    @Test(arguments: [(0.3, 1), (0.9, 2), (0.95, 3)])
    func theTierRisesWithMastery(pKnown: Double, tier: Int) {
        #expect(PracticeTierRule.tier(pKnown: pKnown, parameters: Self.rules, records: [:]) == tier)
    }

    @Test func aRecordOfRightAnswersAtATierEarnsIt() {
        let record = PracticeTierRule.Record(right: 10, tried: 10)
        // (10 + 4·(0.325 − 0.05)) / 14 = 0.793
        #expect(abs(PracticeTierRule.predictedSuccess(tier: 2, pKnown: 0.3, parameters: Self.rules, record: record) - 0.7929) < 1e-3)
        #expect(PracticeTierRule.tier(pKnown: 0.3, parameters: Self.rules, records: [2: record]) == 2)
        // Wrong answers at the top tier bring a strong learner down.
        #expect(PracticeTierRule.tier(pKnown: 0.95, parameters: Self.rules, records: [3: .init(right: 0, tried: 6)]) == 2)
    }
}
