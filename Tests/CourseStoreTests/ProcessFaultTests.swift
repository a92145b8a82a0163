import CourseModels
@testable import CourseStore
import Foundation
import TestSupport
import Testing

/// Real child processes (`course-crash-helper write`) killed at a chosen row and writing at once.
@Suite(.serialized) struct ProcessFaultTests {
    let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder()
    }

    func writer(db: String, learner: UUID, count: Int, mode: String, crashAfterRows: Int? = nil,
                in directory: URL? = nil, executable: URL? = nil) throws -> Process {
        try startCrashHelper(
            ["write", "--db", db, "--learner", learner.uuidString, "--attempts", String(count), "--mode", mode],
            environment: crashAfterRows.map { [crashAfterRowsVariable: String($0)] } ?? [:],
            in: directory, executable: executable)
    }

    /// The transaction runs about 40,001 inserts (the learner, then a device lookup-insert and
    /// the attempt per attempt); each point below is inside it.
    @Test(arguments: [1, 2, 5_000, 19_999, 20_001])
    func sigkillAtAChosenRowOfALongTransactionLeavesAllOrNothing(crashAfterRows: Int) throws {
        let path = folder.path("killed-\(crashAfterRows).db")
        let count = 20_000
        let learner = UUID()
        let process = try writer(db: path, learner: learner, count: count, mode: "transaction", crashAfterRows: crashAfterRows)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL)
        let database = try Database(path: path)
        #expect(try database.integrityCheck() == ["ok"])
        let stored = try AttemptRepository(database: database).count(learnerID: learner)
        let learnerStored = try LearnerRepository(database: database).learner(id: learner) != nil
        // Killed inside the transaction (every row up to the last attempt's), nothing is stored.
        #expect(stored == 0, "a killed transaction left \(stored) of \(count) attempts")
        #expect(!learnerStored)
    }

    @Test func aWriterNotKilledCommitsEverything() throws {
        let path = folder.path("whole.db")
        let learner = UUID()
        let process = try writer(db: path, learner: learner, count: 2_000, mode: "transaction")
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(try AttemptRepository(database: try Database(path: path)).count(learnerID: learner) == 2_000)
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
        let copy = elsewhere.appending(path: "course-crash-helper")
        try FileManager.default.copyItem(at: try crashHelperExecutable(), to: copy)
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
