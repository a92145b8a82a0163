import CSQLite
@testable import CourseStore
import Foundation
import TestSupport
import Testing

@Suite struct DatabaseTests {
    let folder: TemporaryFolder
    let database: Database

    init() throws {
        folder = try TemporaryFolder()
        database = try Database(path: folder.path("plain.db"))
        try database.executeScript(
            "CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB)")
    }

    @Test func opensInWALWithForeignKeysAndBusyTimeout() throws {
        #expect(try database.scalarString("PRAGMA journal_mode") == "wal")
        #expect(try database.scalarInt64("PRAGMA foreign_keys") == 1)
        #expect(try database.scalarInt64("PRAGMA busy_timeout") == Int64(Database.busyTimeoutMilliseconds))
    }

    @Test func createsMissingParentFolders() throws {
        let path = folder.path("a/b/c/deep.db")
        _ = try Database(path: path)
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test func bindsAndReadsEveryType() throws {
        let uuid = UUID()
        let date = Date(millisecondsSince1970: 1_234_567_890_123)
        let blob = Data([0, 1, 2, 255])
        let values: [(any DatabaseValueConvertible)?] = [
            Int(-42), Int64.max, 3.25, "héllo, 'world' \u{0}", blob, true, uuid, date, nil,
        ]
        try database.executeScript("CREATE TABLE every (a, b, c, d, e, f, g, h, i)")
        try database.execute("INSERT INTO every VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", values)
        let row = try #require(try database.first("SELECT * FROM every") { row throws(DatabaseError) in
            (try row.get(0, as: Int.self), try row.get(1, as: Int64.self), try row.get(2, as: Double.self),
             try row.get(3, as: String.self), try row.get(4, as: Data.self), try row.get(5, as: Bool.self),
             try row.get(6, as: UUID.self), try row.get(7, as: Date.self), try row.get(8, as: String?.self))
        })
        #expect(row.0 == -42)
        #expect(row.1 == Int64.max)
        #expect(row.2 == 3.25)
        #expect(row.3 == "héllo, 'world' \u{0}")
        #expect(row.4 == blob)
        #expect(row.5 == true)
        #expect(row.6 == uuid)
        #expect(row.7 == date)
        #expect(row.8 == nil)
        let storage = try database.first("SELECT typeof(f), typeof(g), typeof(h), typeof(i) FROM every") { row in
            [row.string(0), row.string(1), row.string(2), row.string(3)]
        }
        #expect(storage == ["integer", "text", "integer", "null"])
    }

    @Test func bindsEmptyStringAndEmptyDataAsValuesNotNull() throws {
        try database.execute("INSERT INTO t (s, b) VALUES (?, ?)", ["", Data()])
        let types = try database.first("SELECT typeof(s), typeof(b), length(b) FROM t") { row in
            [row.string(0), row.string(1), row.string(2)]
        }
        #expect(types == ["text", "blob", "0"])
    }

    @Test func optionalsBindAndReadNull() throws {
        let missing: Int? = nil
        let present: String? = "x"
        try database.execute("INSERT INTO t (i, s) VALUES (?, ?)", [missing, present])
        let row = try database.first("SELECT i, s FROM t") { row throws(DatabaseError) in
            (try row.get(0, as: Int?.self), try row.get(1, as: String?.self))
        }
        #expect(row?.0 == nil)
        #expect(row?.1 == "x")
    }

    @Test func readingNullAsNonOptionalIsATypedError() throws {
        try database.execute("INSERT INTO t (i) VALUES (NULL)")
        let error = #expect(throws: DatabaseError.self) {
            _ = try database.first("SELECT i FROM t") { row throws(DatabaseError) in try row.get(0, as: Int.self) }
        }
        #expect(error?.kind == .invalidValue(column: 0, expected: "an integer"))
        #expect(error?.message == "column i holds NULL, not an integer")
        #expect(error?.sql == "SELECT i FROM t")
    }

    @Test func readingBadUUIDIsATypedError() throws {
        try database.execute("INSERT INTO t (s) VALUES ('not-a-uuid')")
        let error = #expect(throws: DatabaseError.self) {
            _ = try database.first("SELECT s FROM t") { row throws(DatabaseError) in try row.get(0, as: UUID.self) }
        }
        #expect(error?.message == "column s holds 'not-a-uuid', not a UUID")
    }

    @Test func syntaxErrorCarriesCodeMessageAndSQL() throws {
        let error = #expect(throws: DatabaseError.self) {
            try database.execute("SELEC 1")
        }
        #expect(error?.resultCode == SQLITE_ERROR)
        #expect(error?.message == #"near "SELEC": syntax error"#)
        #expect(error?.sql == "SELEC 1")
        // A person reads a sentence naming the file, never the code or the SQL.
        #expect(error?.description == #"Working on the course database \#(database.path) failed (near "SELEC": syntax error); nothing was changed."#)
    }

    @Test func constraintViolationIsClassified() throws {
        try database.executeScript("CREATE TABLE u (k TEXT PRIMARY KEY NOT NULL)")
        try database.execute("INSERT INTO u VALUES (?)", ["a"])
        let error = #expect(throws: DatabaseError.self) {
            try database.execute("INSERT INTO u VALUES (?)", ["a"])
        }
        #expect(error?.kind == .constraint)
        #expect(error?.primaryResultCode == SQLITE_CONSTRAINT)
        #expect(error?.isUniqueViolation == true)
        #expect(error?.message == "UNIQUE constraint failed: u.k")
        #expect(error?.sql == "INSERT INTO u VALUES (?)")
    }

    @Test func wrongArgumentCountIsRefused() throws {
        let error = #expect(throws: DatabaseError.self) {
            try database.execute("INSERT INTO t (i) VALUES (?)", [1, 2])
        }
        #expect(error?.resultCode == SQLITE_RANGE)
        #expect(error?.message == "2 arguments given for 1 parameters")
    }

    @Test func cachedStatementIsReused() throws {
        let first = try database.cachedStatement("SELECT 1")
        let second = try database.cachedStatement("SELECT 1")
        #expect(first === second)
    }

    @Test func transactionCommitsAndRollsBack() throws {
        try database.transaction { try database.execute("INSERT INTO t (i) VALUES (1)") }
        #expect(throws: TestFailure.self) {
            try database.transaction {
                try database.execute("INSERT INTO t (i) VALUES (2)")
                throw TestFailure("stop")
            }
        }
        #expect(try database.rows("SELECT i FROM t ORDER BY i") { $0.int64(0) } == [1])
        #expect(!database.isInTransaction)
    }

    @Test func nestedFailureRollsBackOnlyItsSavepoint() throws {
        try database.transaction {
            try database.execute("INSERT INTO t (i) VALUES (1)")
            do {
                try database.transaction {
                    try database.execute("INSERT INTO t (i) VALUES (2)")
                    try database.transaction { try database.execute("INSERT INTO t (i) VALUES (3)") }
                    throw TestFailure("inner")
                }
            } catch is TestFailure {}
            try database.transaction { try database.execute("INSERT INTO t (i) VALUES (4)") }
        }
        #expect(try database.rows("SELECT i FROM t ORDER BY i") { $0.int64(0) } == [1, 4])
        #expect(!database.isInTransaction)
    }

    @Test func outerRollbackUndoesReleasedSavepoints() throws {
        #expect(throws: TestFailure.self) {
            try database.transaction {
                try database.transaction { try database.execute("INSERT INTO t (i) VALUES (1)") }
                throw TestFailure("outer")
            }
        }
        #expect(try database.scalarInt64("SELECT count(*) FROM t") == 0)
    }

    @Test func secondConnectionWaitsForWriterInsteadOfFailing() throws {
        let other = try Database(path: folder.path("plain.db"))
        try database.execute("BEGIN IMMEDIATE")
        try database.execute("INSERT INTO t (i) VALUES (1)")
        // Another thread adds a row and commits after a while; the blocked insert must then go
        // through, and its row comes after the writer's (it waited for the commit).
        let writer = UncheckedBox(database)
        Thread.detachNewThread {
            usleep(300_000)
            try? writer.value.execute("INSERT INTO t (i) VALUES (3)")
            try? writer.value.execute("COMMIT")
        }
        try other.execute("INSERT INTO t (i) VALUES (2)")
        #expect(try other.rows("SELECT i FROM t ORDER BY rowid") { $0.int64(0) } == [1, 3, 2])
    }

    @Test func integrityCheckReportsOK() throws {
        #expect(try database.integrityCheck() == ["ok"])
    }
}
