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

    @Test func idsCompareInTextOrderWithoutTheirText() {
        var generator = SystemRandomNumberGenerator()
        // Random ids, and ids that differ only in one byte (each nibble against a letter or digit).
        var ids = (0..<200).map { _ in UUID() }
        for index in 0..<16 {
            for value: UInt8 in [0x09, 0x0A, 0x90, 0xA0, 0xFF] {
                var bytes = UUID().uuid
                withUnsafeMutableBytes(of: &bytes) { $0[index] = value }
                ids.append(UUID(uuid: bytes))
            }
        }
        for _ in 0..<2_000 {
            let a = ids.randomElement(using: &generator)!, b = ids.randomElement(using: &generator)!
            #expect(UUID.precedesInText(a, b) == (a.uuidString < b.uuidString))
        }
        #expect(ids.sorted(by: UUID.precedesInText) == ids.sorted { $0.uuidString < $1.uuidString })
    }

    /// Digests and fingerprints are stored and compared as this text (migration checksums,
    /// bundle digests), so its spelling must not change.
    @Test func bytesPrintAsLowerCaseHexTwoDigitsEach() {
        #expect([UInt8]().lowercaseHex == "")
        #expect([0x00, 0x09, 0x0A, 0x0F, 0x10, 0x9F, 0xA0, 0xFF].lowercaseHex == "00090a0f109fa0ff")
        let all = (0...255).map { UInt8($0) }
        #expect(all.lowercaseHex == all.map { String(format: "%02x", $0) }.joined())
    }

    /// The commands read `COURSE_DB`, `COURSE_LEARNER`, `HOME` and the colour switches from it:
    /// it must say what Foundation's reading of the same process says.
    @Test func theProcessEnvironmentIsReadAsFoundationReadsIt() {
        #expect(ProcessEnvironment.current == ProcessInfo.processInfo.environment)
        #expect(ProcessEnvironment.current["PATH"] != nil)
    }

    @Test func verdictRawValuesAreStable() {
        #expect(Verdict.allCases.map(\.rawValue) == ["correct", "incorrect", "syntax-error", "pending-review"])
    }
}
