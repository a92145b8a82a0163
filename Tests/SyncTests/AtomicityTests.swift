import CourseModels
import CourseStore
import Foundation
import Grading
@testable import Sync
import TestSupport
import Testing

/// All or nothing: a bundle refused anywhere, or an import killed midway, leaves the database
/// as it was.
@Suite(.serialized) struct AtomicityTests {
    let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder()
    }

    /// Where in the bundle the one bad record sits.
    enum Place: String, CaseIterable, CustomTestStringConvertible {
        case firstAttempt, middleAttempt, lastAttempt, review
        var testDescription: String { rawValue }
    }

    @Test(arguments: Place.allCases)
    func aBundleFailingValidationAnywhereLeavesTheDatabaseUnchanged(_ place: Place) throws {
        let source = try Machine("source", in: folder)
        let target = try Machine("target-\(place.rawValue)", in: folder)
        let ada = try source.addLearner("ada")
        for index in 0..<50 {
            let (exercise, part, answers) = TestContent.answers[index % TestContent.answers.count]
            try source.answer(ada.id, exercise: exercise, part: part, answers[index % answers.count],
                              at: 1_700_000_000_000 + Int64(index) * 1000)
        }
        // The target has history of its own, including ada's first attempts, and mastery.
        let first = folder.path("first-\(place.rawValue).json")
        _ = try source.export(first)
        try target.importBundle(first)
        try source.answer(ada.id, exercise: "ex2", part: "", "chain", at: 1_700_000_100_000)
        var attempts = try source.store.attempts.attempts(learnerID: ada.id)
        var reviews: [Review] = []
        switch place {
        case .firstAttempt: attempts[0].part = "q"
        case .middleAttempt: attempts[25].exerciseID = "ex42"
        case .lastAttempt: attempts[attempts.count - 1].part = "q"
        case .review:
            reviews = [Review(attemptID: UUID(), reviewer: "tutor", accepted: true)]
        }
        let bad = folder.path("bad-\(place.rawValue).json")
        try writeBundle(bad, learners: [ada], attempts: attempts, reviews: reviews, signer: try source.identity())
        let before = try target.dump()
        #expect(throws: BundleError.self) { try target.importBundle(bad) }
        #expect(try target.dump() == before)
    }

    /// A real `course-crash-helper import` process, killed with SIGKILL right after its N-th
    /// row write: 20 enrolments, 20 learners, a device and 6,000 attempts with their signatures precede the mastery rows and the commit.
    @Test(arguments: [1, 20, 3_000, 6_021])
    func sigkillAtAChosenRowOfAnImportLeavesAnIntactDatabaseWithNothingImported(crashAfterRows: Int) throws {
        let source = try Machine("big", in: folder)
        var learners: [Learner] = []
        for index in 0..<20 { learners.append(try source.addLearner("k\(index)")) }
        let count = 6000
        var attempts: [Attempt] = []
        for index in 0..<count {
            let (exercise, part, answers) = TestContent.answers[index % 3]
            attempts.append(Attempt(
                learnerID: learners[index % learners.count].id, exerciseID: exercise, part: part,
                answer: answers[index % answers.count], submittedAt: Date(millisecondsSince1970: 1_700_000_000_000 + Int64(index)),
                deviceID: source.device, graderVersion: GraderVersion.current, verdict: .correct, score: 1))
        }
        let bundle = folder.path("big.json")
        try writeBundle(bundle, learners: learners, attempts: attempts, signer: try source.identity())
        func prepared(_ name: String) throws -> String {
            let machine = try Machine(name, in: folder)
            try machine.addLearner("resident")
            return folder.path("\(name).db")
        }

        let path = try prepared("killed\(crashAfterRows)")
        let process = try startCrashHelper(["import", "--db", path, "--bundle", bundle],
                                           environment: [crashAfterRowsVariable: String(crashAfterRows)])
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL)
        let store = try Store(path: path)
        #expect(try store.database.integrityCheck() == ["ok"])
        #expect(try store.attempts.count() == 0)
        #expect(try store.learners.count() == 1)
    }

    @Test func anImportNotKilledStoresTheWholeBundle() throws {
        let source = try Machine("whole", in: folder)
        let ada = try source.addLearner("ada")
        for index in 0..<200 {
            try source.answer(ada.id, exercise: "ex1", part: "a", index % 2 == 0 ? "2x" : "x^2", at: 1_700_000_000_000 + Int64(index))
        }
        let bundle = folder.path("whole.json")
        _ = try source.export(bundle)
        let target = try Machine("whole-target", in: folder)
        let process = try startCrashHelper(["import", "--db", folder.path("whole-target.db"), "--bundle", bundle])
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(try target.store.attempts.count() == 200)
    }
}
