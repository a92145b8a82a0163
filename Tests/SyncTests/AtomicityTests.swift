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
        try writeBundle(bad, learners: [ada], attempts: attempts, reviews: reviews)
        let before = try target.dump()
        #expect(throws: BundleError.self) { try target.importBundle(bad) }
        #expect(try target.dump() == before)
    }

    /// A real `course-bench sync phase import` process, killed with SIGKILL at random moments.
    @Test func sigkillDuringAnImportLeavesAnIntactDatabaseWithAllOrNothing() throws {
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
        try writeBundle(bundle, learners: learners, attempts: attempts)
        let executable = try courseBenchExecutable()

        func run(_ db: String) throws -> Process {
            let process = Process()
            process.executableURL = executable
            process.arguments = ["sync", "phase", "import", "--db", db, "--bundle", bundle]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        func prepared(_ name: String) throws -> String {
            let machine = try Machine(name, in: folder)
            try machine.addLearner("resident")
            return folder.path("\(name).db")
        }

        let calibration = try prepared("calibration")
        let started = Date()
        let first = try run(calibration)
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        let span = Date().timeIntervalSince(started)
        #expect(try Store(path: calibration).attempts.count() == count)

        var outcomes: [String: Int] = [:]
        var generator = SystemRandomNumberGenerator()
        for round in 0..<6 {
            let path = try prepared("killed\(round)")
            let process = try run(path)
            usleep(UInt32(Double.random(in: 0.1...0.95, using: &generator) * span * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let store = try Store(path: path)
            #expect(try store.database.integrityCheck() == ["ok"])
            let stored = try store.attempts.count()
            let learnersStored = try store.learners.count() - 1
            #expect(stored == 0 || stored == count, "a killed import left \(stored) of \(count) attempts")
            #expect(learnersStored == (stored == 0 ? 0 : learners.count))
            outcomes[stored == 0 ? "none" : "all", default: 0] += 1
        }
        #expect(outcomes["none", default: 0] > 0, "\(outcomes)")
    }
}
