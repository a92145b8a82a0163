import CourseModels
import Foundation
import TestSupport
import Testing

@Suite struct ModelValidationTests {
    @Test(arguments: ["ada", "Ada.Lovelace", "a_b-c.9", String(repeating: "x", count: 64)])
    func acceptsHandle(handle: String) throws {
        try Learner.validate(handle: handle)
    }

    @Test func refusesHandlesWithAMessageSayingWhatToFix() {
        #expect(throws: HandleError.empty) { try Learner.validate(handle: "") }
        #expect((try? Learner.validate(handle: "a b")) == nil)
        let error = #expect(throws: HandleError.self) { try Learner.validate(handle: "ada lovelace") }
        #expect(error?.description == "The handle 'ada lovelace' contains ' ': use only letters, digits, '-', '_' or '.'.")
        let long = String(repeating: "x", count: 65)
        #expect(throws: HandleError.tooLong(long, limit: 64)) { try Learner.validate(handle: long) }
        #expect(throws: HandleError.invalidCharacter("é", "é")) { try Learner.validate(handle: "é") }
    }

    @Test func masteryDefaultsAreValid() throws {
        let standard = MasteryParameters()
        #expect([standard.pInit, standard.pLearn, standard.pSlip, standard.pGuess, standard.masteredAt] == [0.1, 0.1, 0.1, 0.2, 0.95])
        try standard.validate()
    }

    @Test func masteryValidationNamesTheBadParameter() {
        #expect(throws: MasteryParametersError.notBelowOneHalf(parameter: "pGuess", value: 0.5)) {
            try MasteryParameters(pGuess: 0.5).validate()
        }
        #expect(throws: MasteryParametersError.outOfRange(parameter: "pLearn", value: 1.5)) {
            try MasteryParameters(pLearn: 1.5).validate()
        }
    }

    @Test func attemptTimeIsRoundedToTheMillisecond() {
        let attempt = Attempt(
            learnerID: UUID(), exerciseID: "ex1", part: "", answer: "x", submittedAt: Date(timeIntervalSince1970: 1.2345678),
            deviceID: UUID(), graderVersion: "1", verdict: .correct, score: 1)
        #expect(attempt.submittedAt.millisecondsSince1970 == 1235)
        #expect(attempt.submittedAt == Date(millisecondsSince1970: 1235))
    }

    @Test func attemptIdsAreTimeOrderedVersion7() {
        let early = Attempt(
            learnerID: UUID(), exerciseID: "ex1", part: "", answer: "x", submittedAt: Date(millisecondsSince1970: 1_000),
            deviceID: UUID(), graderVersion: "1", verdict: .correct, score: 1)
        let late = UUID.timeOrdered(at: Date(millisecondsSince1970: 2_000))
        #expect(early.id.uuidString.hasPrefix("00000000-03E8-7"))
        #expect(early.id.uuidString < late.uuidString)
        #expect(["8", "9", "A", "B"].contains(early.id.uuidString.split(separator: "-")[3].prefix(1)))
    }

    @Test func verdictRawValuesAreStable() {
        #expect(Verdict.allCases.map(\.rawValue) == ["correct", "incorrect", "syntax-error", "pending-review"])
    }
}
