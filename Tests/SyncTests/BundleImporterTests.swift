import CourseModels
import CourseStore
import Foundation
import Grading
@testable import Sync
import TestSupport
import Testing

/// Import semantics: idempotence, the grow-only set, conflicts, learners, re-grading, reviews.
struct BundleImporterTests {
    let folder: TemporaryFolder
    let laptop: Machine
    let lab: Machine
    let ada: Learner

    init() throws {
        folder = try TemporaryFolder()
        laptop = try Machine("laptop", in: folder)
        lab = try Machine("lab", in: folder)
        ada = try laptop.addLearner("ada")
        try laptop.answer(ada.id, exercise: "ex1", part: "a", "x^2", at: 1_700_000_001_000)
        try laptop.answer(ada.id, exercise: "ex1", part: "a", "2*x", at: 1_700_000_002_000)
        try laptop.answer(ada.id, exercise: "ex1", part: "b", "4", at: 1_700_000_003_000)
        try laptop.answer(ada.id, exercise: "ex2", part: "", "chain", at: 1_700_000_004_000)
    }

    @Test func importCopiesAttemptsLearnersAndMastery() throws {
        let bundle = folder.path("ada.json")
        let summary = try laptop.export(bundle)
        #expect(summary.attempts == 4 && summary.learners == 1)
        let report = try lab.importBundle(bundle)
        #expect(report.added == 4 && report.alreadyPresent == 0 && report.conflicts.isEmpty)
        #expect(report.learnersCreated.map(\.id) == [ada.id])
        #expect(report.verdictDifferenceCount == 0)
        #expect(!report.masteryChanges.isEmpty)
        #expect(try lab.attempts() == laptop.attempts())
        #expect(try lab.mastery() == laptop.mastery())
    }

    @Test func importingABundleTwiceChangesNothing() throws {
        let bundle = folder.path("ada.json")
        _ = try laptop.export(bundle)
        try lab.importBundle(bundle)
        let before = try lab.dump()
        let again = try lab.importBundle(bundle)
        #expect(again.added == 0 && again.alreadyPresent == 4)
        #expect(again.changedNothing)
        #expect(try lab.dump() == before)
        // Importing one's own export back changes nothing either.
        let home = try laptop.dump()
        #expect(try laptop.importBundle(bundle).changedNothing)
        #expect(try laptop.dump() == home)
    }

    @Test func sameIdWithOtherContentIsAConflictThatKeepsTheStoredAttempt() throws {
        let bundle = folder.path("ada.json")
        _ = try laptop.export(bundle)
        try lab.importBundle(bundle)
        var forged = try laptop.attempts()
        let original = forged[0]
        forged[0].answer = "something else"
        let extra = Attempt(learnerID: ada.id, exerciseID: "ex2", part: "", answer: "power",
                            submittedAt: Date(millisecondsSince1970: 1_700_000_009_000), deviceID: laptop.device,
                            graderVersion: GraderVersion.current, verdict: .incorrect, score: 0)
        let edited = folder.path("edited.json")
        try writeBundle(edited, learners: [ada], attempts: forged + [extra], signer: try laptop.identity())
        let report = try lab.importBundle(edited)
        #expect(report.conflicts.count == 1)
        #expect(report.conflicts.first?.stored == original)
        #expect(report.conflicts.first?.incoming.answer == "something else")
        #expect(report.added == 1 && report.alreadyPresent == 3)
        #expect(try lab.store.attempts.attempt(id: original.id) == original)
        #expect(report.text().contains("conflict: attempt \(original.id.uuidString)"))
    }

    @Test func aBundleCannotMakeAWrongAnswerCountAsRight() throws {
        let forged = Attempt(learnerID: ada.id, exerciseID: "ex1", part: "a", answer: "x^3",
                             submittedAt: Date(millisecondsSince1970: 1_700_000_005_000), deviceID: laptop.device,
                             graderVersion: "grader-0", verdict: .correct, score: 1, feedback: "Correct.")
        let bundle = folder.path("forged.json")
        try writeBundle(bundle, learners: [ada], attempts: [forged], signer: try laptop.identity())
        let report = try lab.importBundle(bundle)
        #expect(report.verdictDifferenceCount == 1)
        #expect(report.verdictDifferences.first?.bundleVerdict == .correct)
        #expect(report.verdictDifferences.first?.localVerdict == .incorrect)
        let stored = try #require(try lab.store.attempts.attempt(id: forged.id))
        #expect(stored.verdict == .incorrect && stored.score == 0 && stored.graderVersion == GraderVersion.current)
        #expect(report.text().contains("bundle correct, here incorrect"))
    }

    @Test func aNewLearnerWhoseHandleIsTakenIsCreatedUnderAnotherHandleAndReported() throws {
        let otherAda = try lab.addLearner("ada")
        let bundle = folder.path("ada.json")
        _ = try laptop.export(bundle)
        let report = try lab.importBundle(bundle)
        let clash = try #require(report.handleClashes.first)
        #expect(clash.incomingID == ada.id && clash.existingID == otherAda.id)
        #expect(clash.createdAs == "ada-" + ada.id.uuidString.prefix(8).lowercased())
        #expect(try lab.store.learners.learner(id: ada.id)?.handle == clash.createdAs)
        #expect(try lab.store.learners.learner(handle: "ada")?.id == otherAda.id)
        #expect(try lab.store.attempts.count(learnerID: otherAda.id) == 0)
        #expect(try lab.store.attempts.count(learnerID: ada.id) == 4)
    }

    @Test func theLaterReviewDecisionWinsOnEveryMachine() throws {
        let essay = try laptop.answer(ada.id, exercise: "ex3", part: "", "Because.", at: 1_700_000_006_000)
        try laptop.review(essay.id, learner: ada.id, accepted: false, at: 1_700_000_007_000)
        let first = folder.path("first.json")
        _ = try laptop.export(first)
        try lab.importBundle(first)
        try lab.review(essay.id, learner: ada.id, accepted: true, at: 1_700_000_008_000)
        let second = folder.path("second.json")
        _ = try lab.export(second)
        let report = try laptop.importBundle(second)
        #expect(report.reviewsReplaced == 1)
        #expect(try laptop.store.reviews.review(attemptID: essay.id)?.accepted == true)
        #expect(try laptop.mastery() == lab.mastery())
        // The older decision coming back does not undo the later one.
        let stale = try lab.importBundle(first)
        #expect(stale.reviewsKept == 1)
        #expect(try lab.store.reviews.review(attemptID: essay.id)?.accepted == true)
    }

    @Test func sinceLastExportsOnlyWhatThePeerHasNotSeen() throws {
        let one = folder.path("one.json"), two = folder.path("two.json"), three = folder.path("three.json")
        #expect(try laptop.export(one, since: "lab").attempts == 4)
        #expect(try laptop.export(two, since: "lab").attempts == 1, "only the boundary millisecond is sent again")
        try laptop.answer(ada.id, exercise: "ex2", part: "", "power", at: 1_700_000_010_000)
        #expect(try laptop.export(three, since: "lab").attempts == 2)
        // Attempts older than the watermark that arrive from a third machine are passed on.
        let phone = try Machine("phone", in: folder)
        try phone.store.learners.insert(ada)
        // The phone is ada's second device: enrolled on the laptop, the enrolment carried over.
        try DeviceEnrolment.add(code: try phone.identity().enrolmentCode, learner: ada, store: laptop.store,
                                now: Date(millisecondsSince1970: 1_700_000_000_000))
        let enrolment = folder.path("enrolment.json")
        _ = try laptop.export(enrolment)
        try phone.importBundle(enrolment)
        try phone.answer(ada.id, exercise: "ex1", part: "b", "5", at: 1_600_000_000_000)
        let fromPhone = folder.path("phone.json")
        _ = try phone.export(fromPhone)
        try laptop.importBundle(fromPhone)
        let four = folder.path("four.json")
        #expect(try laptop.export(four, since: "lab").attempts == 6)
        #expect(try laptop.export(four, since: "office").attempts == 6, "another peer has its own watermark")
    }
}
