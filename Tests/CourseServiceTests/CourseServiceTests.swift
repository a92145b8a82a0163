import CourseModels
import CourseStore
import Foundation
@testable import CourseService
import Grading
import TestSupport
import Testing

/// A temporary database with a small course: ex1 (a: derivative, b: numbers), ex6 (manual).
final class ServiceSandbox {
    let folder: URL
    let store: Store
    let service: CourseService
    let ada: Learner
    static let epoch = Date(millisecondsSince1970: 1_700_000_000_000)
    static let device = UUID(uuidString: "D0000000-0000-4000-8000-000000000001")!

    static let objectives = [
        Objective(id: "rules", title: "Rules", mastery: MasteryParameters(pInit: 0.1, pLearn: 0.1, pSlip: 0.1, pGuess: 0.2)),
        Objective(id: "numeric", title: "Numerics", mastery: MasteryParameters(pInit: 0.2, pLearn: 0.15, pSlip: 0.1, pGuess: 0.1)),
        Objective(id: "proofs", title: "Proofs"),
    ]

    static func ex1(key: String = "3*x^2") -> Exercise {
        Exercise(
            id: "ex1", title: "Rules", prompt: "",
            parts: [
                GradingParts.part(
                    .expression(ExpressionKey(key: key, variables: ["x"], domain: ["x": Interval(-3, 3)],
                                              derivativeOf: "x^3", withRespectTo: "x")),
                    label: "a", objectives: [ObjectiveLink(objectiveID: "rules")]),
                GradingParts.part(
                    .numbers(values: [1, 2], tolerances: [.standard], ordered: true), label: "b",
                    objectives: [ObjectiveLink(objectiveID: "numeric"), ObjectiveLink(objectiveID: "rules", weight: 0.5)]),
            ],
            position: 1, contentHash: key, revealKeyAfter: 2)
    }

    static let ex6 = Exercise(
        id: "ex6", title: "Proof", prompt: "",
        parts: [GradingParts.part(.manual(rubric: "Use the MVT."), label: "", objectives: [ObjectiveLink(objectiveID: "proofs")])],
        position: 2, contentHash: "p", revealKeyAfter: nil)

    init() throws {
        folder = FileManager.default.temporaryDirectory.appending(path: "grading-service-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try Store(path: folder.appending(path: "course.db").path)
        try importContent(objectives: Self.objectives, exercises: [Self.ex1(), Self.ex6], into: store)
        ada = Learner(handle: "ada", displayName: "Ada", createdAt: Self.epoch)
        try store.learners.insert(ada)
        service = CourseService(store: store)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    func at(_ seconds: Int) -> Date { Self.epoch.addingTimeInterval(Double(seconds)) }

    @discardableResult
    func submit(_ reference: String, _ text: String, at seconds: Int, learner: Learner? = nil) throws -> SubmissionResult {
        try service.submit(learner: learner ?? ada, reference: reference, text: text, deviceID: Self.device, now: at(seconds))
    }
}

struct ServiceTests {
    @Test func gradesEachPartAndStoresOneAttemptPerPart() throws {
        let box = try ServiceSandbox()
        let result = try box.submit("ex1", "a) 3x^2\nb) 1, 3", at: 1)
        #expect(result.parts.map(\.verdict) == [.correct, .incorrect])
        #expect(result.parts[0].readAs == "3*x^2")
        #expect(result.score == 0.75)
        #expect(try box.store.attempts.count(learnerID: box.ada.id) == 2)
        #expect(result.mastery.map(\.objective) == ["rules", "numeric"])
        let rules = result.mastery[0]
        #expect(rules.before == 0.1)
        // Both parts link to rules, so each link weight is shared by the two: right at 1/2,
        // then wrong at 0.5/2.
        let expected = KnowledgeTracing.update(
            KnowledgeTracing.update(0.1, correct: true, parameters: ServiceSandbox.objectives[0].mastery, weight: 0.5),
            correct: false, parameters: ServiceSandbox.objectives[0].mastery, weight: 0.25)
        #expect(rules.after == expected)
    }

    @Test func encodesTheJSONContract() throws {
        let box = try ServiceSandbox()
        let result = try box.submit("ex1a", "3x^2 +", at: 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.json.utf8)) as? [String: Any])
        #expect(object["learner"] as? String == "ada")
        #expect(object["exercise"] as? String == "ex1")
        #expect(object["score"] as? Double == 0)
        let parts = try #require(object["parts"] as? [[String: Any]])
        #expect(parts.first?["part"] as? String == "a")
        #expect(parts.first?["verdict"] as? String == "syntax-error")
        #expect(parts.first?["read_as"] is NSNull)
        #expect(parts.first?["mistake"] is NSNull)
        #expect((parts.first?["feedback"] as? String)?.contains("^") == true)
        let mastery = try #require(object["mastery"] as? [[String: Any]])
        #expect(mastery.first?["objective"] as? String == "rules")
        #expect(mastery.first?["before"] as? Double == mastery.first?["after"] as? Double)
    }

    @Test func anIdenticalAnswerIsReportedButNotStoredOrCounted() throws {
        let box = try ServiceSandbox()
        let first = try box.submit("ex1a", "x^2", at: 1)
        let second = try box.submit("ex1a", "  x^2 ", at: 2)
        #expect(second.parts[0].identicalToLast)
        #expect(second.parts[0].attemptID == nil)
        #expect(second.mastery[0].before == first.mastery[0].after)
        #expect(second.mastery[0].after == first.mastery[0].after)
        #expect(try box.store.attempts.count(learnerID: box.ada.id) == 1)
    }

    @Test func revealsTheKeyAfterTheConfiguredWrongAttempts() throws {
        let box = try ServiceSandbox()
        let first = try box.submit("ex1a", "x^2", at: 1)
        #expect(first.parts[0].key == nil)
        #expect(first.parts[0].mistake == "dropped_constant_factor")
        let second = try box.submit("ex1a", "2x", at: 2)
        #expect(second.parts[0].wrongAttempts == 2)
        #expect(second.parts[0].key == "3*x^2")
    }

    @Test func badFilesAndUnknownNamesStoreNothing() throws {
        let box = try ServiceSandbox()
        #expect(throws: CourseError.self) { try box.submit("ex1", "a) 1\nz) 2", at: 1) }
        #expect(throws: CourseError.self) { try box.submit("ex1", "", at: 1) }
        #expect(throws: CourseError.self) { try box.submit("ex9", "a) 1", at: 1) }
        #expect(throws: CourseError.self) { try box.submit("ex1z", "1", at: 1) }
        #expect(try box.store.attempts.count() == 0)
        do {
            try box.submit("ex9", "1", at: 1)
        } catch {
            #expect(String(describing: error) == "There is no exercise 'ex9': the exercises are ex1, ex6.")
        }
    }

    @Test func theMasteryCacheEqualsTheReplay() throws {
        let box = try ServiceSandbox()
        let answers = ["a) 3x^2\nb) 1, 2", "a) x^2", "b) 2, 1", "a) 3*x^2 + 0", "b) 1,2\na) 2x", "a) sin(", "a) 3x^2"]
        for (index, text) in answers.enumerated() { try box.submit("ex1", text, at: index) }
        let cached = try box.store.mastery.states(learnerID: box.ada.id)
        let replayed = try box.service.computeMastery(learnerID: box.ada.id)
        #expect(cached == replayed)
        // Repeats (`3*x^2 + 0` and `3x^2` after `3x^2`, `1,2` after `1, 2`) are not stored; every
        // stored graded attempt is one observation.
        let stored = try box.store.attempts.attempts(learnerID: box.ada.id)
        #expect(!stored.contains { $0.answer == "3*x^2 + 0" || $0.answer == "1,2" })
        let observed = stored.filter { MasteryModel.outcome(of: $0, review: nil) != nil }.count
        #expect(cached.first { $0.objectiveID == "rules" }?.observations == observed)
    }

    @Test func manualAnswersWaitForReviewAndCountOnceDecided() throws {
        let box = try ServiceSandbox()
        let result = try box.submit("ex6", "Proof: apply the MVT on [a, b].", at: 1)
        #expect(result.parts[0].verdict == .pendingReview)
        #expect(result.mastery[0].after == result.mastery[0].before)
        let queue = try box.service.pendingReviews()
        #expect(queue.map(\.learner) == ["ada"])
        #expect(queue.first?.rubric == "Use the MVT.")
        let decided = try box.service.review(exerciseID: "ex6", learner: "ada", accept: true, comment: "Good.", now: box.at(5))
        #expect(decided.mastery[0].after > decided.mastery[0].before)
        #expect(try box.service.pendingReviews().isEmpty)
        // Deciding again changes the decision: the later one wins.
        let changed = try box.service.review(exerciseID: "ex6", learner: "ada", accept: false, now: box.at(6))
        #expect(changed.replaced == true)
        #expect(changed.mastery[0].after < decided.mastery[0].after)
        #expect(try box.service.exerciseStatuses(learnerID: box.ada.id).first { $0.exercise == "ex6" }?.state == .inProgress)
        _ = try box.service.review(exerciseID: "ex6", learner: "ada", accept: true, now: box.at(7))
        #expect(try box.service.exerciseStatuses(learnerID: box.ada.id).first { $0.exercise == "ex6" }?.state == .done)
    }

    @Test func regradeAppliesTheCurrentKeyAndReplaysMastery() throws {
        let box = try ServiceSandbox()
        try box.submit("ex1a", "3x^2 + 1", at: 1)
        try box.submit("ex1a", "3x^2", at: 2)
        // The instructor changes the key (a deliberately different function).
        try importContent(objectives: ServiceSandbox.objectives, exercises: [ServiceSandbox.ex1(key: "3*x^2 + 1"), ServiceSandbox.ex6], into: box.store)
        let report = try box.service.regrade(exerciseID: "ex1")
        #expect(report.examined == 2)
        #expect(report.changes.map(\.after) == [.correct, .incorrect])
        #expect(report.learnersReplayed == ["ada"])
        #expect(try box.store.mastery.states(learnerID: box.ada.id) == box.service.computeMastery(learnerID: box.ada.id))
        let again = try box.service.regrade(exerciseID: "ex1")
        #expect(again.updated == 0)
    }

    @Test func statusesProgressHistoryAndReport() throws {
        let box = try ServiceSandbox()
        #expect(try box.service.exerciseStatuses(learnerID: box.ada.id).map(\.state) == [.notStarted, .notStarted])
        try box.submit("ex1", "a) 3x^2\nb) 1, 5", at: 1)
        let statuses = try box.service.exerciseStatuses(learnerID: box.ada.id)
        #expect(statuses[0].state == .inProgress)
        #expect(statuses[0].score == 0.75)
        let progress = try box.service.progress(learner: box.ada)
        // Course order (as the exercises first link to them), not alphabetical; next is the
        // unfinished exercise of the weakest objective observed so far.
        #expect(progress.objectives.map(\.objective) == ["rules", "numeric", "proofs"])
        #expect(progress.next == "ex1")
        #expect(try box.service.history(learnerID: box.ada.id, exerciseID: "ex1").count == 2)
        #expect(try box.service.unlockedHints(learnerID: box.ada.id, exercise: ServiceSandbox.ex1())["b"] == ["First hint."])
        try box.submit("ex1b", "1, 2", at: 2)
        #expect(try box.service.exerciseStatuses(learnerID: box.ada.id)[0].state == .done)
        let report = try box.service.report()
        #expect(report.learners.map(\.learner) == ["ada"])
        #expect(report.learners[0].attempts == 3)
        #expect(report.objectives == ["rules", "numeric", "proofs"])
    }

    /// RFC 4180 quoting decided and done over scalars: a quote or comma with a combining mark
    /// after it is one Character, and still a quote or comma to a CSV reader.
    @Test func csvQuotesEveryQuoteCommaAndLineBreakScalar() throws {
        let box = try ServiceSandbox()
        try box.submit("ex1a", "x^2", at: 1)
        var report = try box.service.report()
        let cases = [("plain", "plain"), ("a\"\u{301}b", "\"a\"\"\u{301}b\""), ("x,\u{301}y", "\"x,\u{301}y\""),
                     ("two\r\nlines", "\"two\r\nlines\""), ("say \"hi\"", "\"say \"\"hi\"\"\"")]
        for (handle, written) in cases {
            report.learners[0].learner = handle
            let row = report.csv(.learners).split(separator: "\n", omittingEmptySubsequences: false)[1...].joined(separator: "\n")
            #expect(row.hasPrefix(written + ","), "\(handle.debugDescription): \(row.debugDescription)")
        }
    }

    @Test func reportCountsMistakeTagsPerPart() throws {
        let box = try ServiceSandbox()
        let bob = Learner(handle: "bob", displayName: "Bob", createdAt: ServiceSandbox.epoch)
        try box.store.learners.insert(bob)
        try box.submit("ex1a", "x^2", at: 1)
        try box.submit("ex1a", "x^2", at: 1, learner: bob)
        try box.submit("ex1a", "-3x^2", at: 2, learner: bob)
        let mistakes = try box.service.report().mistakes
        #expect(mistakes.map(\.mistake) == ["dropped_constant_factor", "sign_error"])
        #expect(mistakes.map(\.count) == [2, 1])
    }
}

/// Real `course submit` processes writing at once for one learner.
@Suite(.serialized) struct ConcurrentSubmitTests {
    @Test func eightProcessesSubmittingForOneLearnerLoseNoAttemptAndKeepMasteryEqualToTheReplay() throws {
        let box = try ServiceSandbox()
        let course = try builtExecutable("course", override: "COURSE")
        // Different answers by the engine: an equivalent one would be "already answered".
        let answers = ["3x^2", "x^2", "2x", "5x^2", "x^3", "6x", "x^4", "4x^2"]
        let processes = try answers.enumerated().map { index, answer -> Process in
            let file = box.folder.appending(path: "answer\(index).txt")
            try answer.write(to: file, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = course
            process.arguments = ["submit", "ex1a", file.path, "--learner", "ada",
                                 "--db", box.folder.appending(path: "course.db").path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            return process
        }
        for process in processes { try process.run() }
        for process in processes { process.waitUntilExit() }
        #expect(processes.map(\.terminationStatus) == Array(repeating: 0, count: answers.count))
        let stored = try box.store.attempts.attempts(learnerID: box.ada.id)
        #expect(stored.count == answers.count, "attempts lost: \(answers.count - stored.count)")
        #expect(Set(stored.map(\.answer)) == Set(answers))
        let cached = try box.store.mastery.states(learnerID: box.ada.id).sorted { $0.objectiveID < $1.objectiveID }
        let replayed = try box.service.computeMastery(learnerID: box.ada.id).sorted { $0.objectiveID < $1.objectiveID }
        #expect(cached == replayed)
    }
}
