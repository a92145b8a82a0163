@testable import Content
import CourseModels
import Foundation
import Grading
import TestSupport
import Testing

/// The prompt of every numeric seed part states the precision that grades it: generated from
/// the key, and checked against what the grader accepts just inside and just outside it.
struct PrecisionTextTests {
    @Test func everyNumericSeedPromptStatesTheToleranceThatGradesIt() throws {
        let content = try SeedImporter(directory: repositorySeeds).load()
        var numeric = 0
        for exercise in content.exercises {
            for part in exercise.parts {
                let key = try PartKey(json: part.keyJSON)
                let values: [Double], tolerances: [Tolerance]
                switch key.answer {
                case let .number(value, tolerance): (values, tolerances) = ([value], [tolerance])
                case let .numbers(list, tolerance, _): (values, tolerances) = (list, tolerance)
                default: continue
                }
                numeric += 1
                let sentence = try #require(PrecisionText.sentence(key))
                // With `form: estimate` the estimate sentence follows, generated from the same key.
                let ending = sentence + (PrecisionText.estimateSentence(key).map { " " + $0 } ?? "")
                #expect(part.prompt.hasSuffix(ending), "\(exercise.id)\(part.label): \(part.prompt)")
                #expect((key.form == .estimate) == (PrecisionText.estimateSentence(key) != nil))
                if let digits = key.significantDigits {
                    #expect(sentence.contains("at least \(digits) significant digit"))
                    for (value, tolerance) in zip(values, tolerances) {
                        #expect(tolerance == Tolerance.significantDigits(digits, key: value))
                    }
                } else {
                    for tolerance in tolerances { #expect(sentence.contains(PrecisionText.describe(tolerance))) }
                }
                // The stated band is the graded band: just inside passes, just outside fails.
                for (value, tolerance) in zip(values, tolerances) {
                    let width = tolerance.width(key: value)
                    #expect(tolerance.accepts(value + 0.99 * width, key: value))
                    #expect(!tolerance.accepts(value + 1.01 * width, key: value))
                }
            }
        }
        #expect(numeric >= 10)
    }

    @Test func significantDigitsToleranceIsOneUnitInTheLastAskedDigit() {
        #expect(abs(Tolerance.significantDigits(3, key: 0.25).width(key: 0.25) - 0.001) < 1e-15)
        #expect(abs(Tolerance.significantDigits(6, key: 0.104994).width(key: 0.104994) - 1e-6) < 1e-18)
    }
}
