import CourseModels
@testable import CourseStore
import Foundation
import TestSupport
import Testing

/// Real child processes (`course-bench store writer`) killed mid-write and writing at once.
@Suite(.serialized) struct ProcessFaultTests {
    let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder()
    }

    func writer(db: String, learner: UUID, count: Int, mode: String, in directory: URL? = nil, executable: URL? = nil) throws -> Process {
        let process = Process()
        process.executableURL = try executable ?? courseBenchExecutable()
        process.arguments = ["store", "writer", "--db", db, "--learner", learner.uuidString, "--attempts", String(count), "--mode", mode]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        if let directory { process.currentDirectoryURL = directory }
        try process.run()
        return process
    }

    @Test func sigkillDuringALongTransactionLeavesAllOrNothing() throws {
        let path = folder.path("killed.db")
        let count = 20_000
        // Time one undisturbed run, then kill later runs at random moments spread over that span.
        let started = Date()
        let calibration = try writer(db: path, learner: UUID(), count: count, mode: "transaction")
        calibration.waitUntilExit()
        #expect(calibration.terminationStatus == 0)
        let span = Date().timeIntervalSince(started)
        var generator = SystemRandomNumberGenerator()
        var outcomes: [String: Int] = ["none": 0, "all": 0]
        for _ in 0..<16 {
            let learner = UUID()
            let process = try writer(db: path, learner: learner, count: count, mode: "transaction")
            usleep(UInt32(Double.random(in: 0.2...1.1, using: &generator) * span * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let database = try Database(path: path)
            #expect(try database.integrityCheck() == ["ok"])
            let stored = try AttemptRepository(database: database).count(learnerID: learner)
            let learnerStored = try LearnerRepository(database: database).learner(id: learner) != nil
            #expect(stored == 0 || stored == count, "a killed transaction left \(stored) of \(count) attempts")
            #expect(learnerStored == (stored == count))
            outcomes[stored == count ? "all" : "none", default: 0] += 1
        }
        // Most kills land inside the transaction; a few may come after the commit.
        #expect(outcomes["none", default: 0] > 0, "\(outcomes)")
    }

    @Test func concurrentWriterProcessesAllSucceedAndLoseNothing() throws {
        let path = folder.path("shared.db")
        let learners = (0..<4).map { _ in UUID() }
        let perProcess = 150
        // All start on a file that does not exist yet, so they also race to create and migrate it.
        let processes = try learners.map { try writer(db: path, learner: $0, count: perProcess, mode: "single") }
        for process in processes { process.waitUntilExit() }
        #expect(processes.map(\.terminationStatus) == [0, 0, 0, 0])
        let store = try Store(path: path)
        #expect(try store.database.integrityCheck() == ["ok"])
        for learner in learners {
            #expect(try store.attempts.count(learnerID: learner) == perProcess)
        }
        #expect(try store.attempts.count() == learners.count * perProcess)
    }

    @Test func copiedBinaryCarriesItsSchemaAndRunsFromAnyFolder() throws {
        let elsewhere = folder.url.appending(path: "elsewhere")
        let cwd = folder.url.appending(path: "cwd")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: cwd, withIntermediateDirectories: true)
        let copy = elsewhere.appending(path: "course-bench")
        try FileManager.default.copyItem(at: try courseBenchExecutable(), to: copy)
        let learner = UUID()
        let process = try writer(db: "relative/course.db", learner: learner, count: 3, mode: "single", in: cwd, executable: copy)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let store = try Store(path: cwd.appending(path: "relative/course.db").path)
        #expect(try store.attempts.count(learnerID: learner) == 3)
        let applied = try store.database.rows("SELECT name FROM schema_migrations ORDER BY name") { $0.string(0) }
        #expect(applied == Migration.embedded.map(\.name))
    }
}
