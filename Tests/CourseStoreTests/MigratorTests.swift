@testable import CourseStore
import Foundation
import TestSupport
import Testing

@Suite struct MigratorTests {
    @Test func embeddedMigrationsAreBuiltIn() {
        let names = Migration.embedded.map(\.name)
        #expect(names.first == "0001_initial.sql")
        #expect(names == names.sorted())
        #expect(Migration.embedded[0].sql.contains("CREATE TABLE attempts"))
    }

    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func checksumIsTheSHA256OfTheSQL(input: String, digest: String) {
        #expect(Migration(name: "0009_test.sql", sql: input).checksum == digest)
    }

    /// The checksums worked out at build time (EmbedMigrations) are the ones `init(name:sql:)`
    /// works out from the SQL.
    @Test func builtInChecksumsAreTheSHA256OfTheirSQL() {
        for migration in Migration.embedded {
            #expect(migration.checksum == Migration(name: migration.name, sql: migration.sql).checksum, "\(migration.name)")
        }
    }

    @Test func newDatabaseGetsEveryMigrationRecordedWithChecksum() throws {
        let test = try TestStore()
        let recorded = try test.database.rows("SELECT name, checksum FROM schema_migrations ORDER BY name") {
            [$0.string(0), $0.string(1)]
        }
        #expect(recorded == Migration.embedded.map { [$0.name, $0.checksum] })
        let tables = try test.database.rows("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") {
            $0.string(0)
        }
        #expect(tables == [
            "attempt_origins", "attempt_signatures", "attempts", "device_enrolments", "devices", "exercise_parts", "exercises",
            "instructor_keys", "learner_merges", "learners", "lrs_endpoints", "lrs_outbox", "mastery", "objectives", "part_objectives",
            "practice_items", "review_signatures", "reviews", "revoked_keys", "schema_migrations", "settings", "sync_watermarks",
        ])
    }

    @Test func mergesMadeBeforeSigningBecomeUnsignedMergesThatStillRedirect() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("course.db")
        let before = Migration.embedded.filter { $0.name < "0007" }
        let old = try Store(path: path, migrator: Migrator(migrations: before))
        let merged = UUID(), kept = UUID()
        try old.settings.setValue(kept.uuidString, forKey: "learners.alias." + merged.uuidString)
        let store = try Store(path: path)
        let merge = try #require(try store.learners.merge(of: merged))
        #expect(merge.keptID == kept && merge.signer == nil && merge.signature == nil)
        #expect(try store.settings.values(withPrefix: "learners.alias.").isEmpty)
        #expect(try store.learners.merges(into: kept).map(\.learner) == [nil])
    }

    @Test func signaturesKeptInIdOrderAreAllThereInArrivalOrder() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("course.db")
        let before = Migration.embedded.filter { $0.name < "0008" }
        let old = try Store(path: path, migrator: Migrator(migrations: before))
        let signed = UUID(), unsigned = UUID(), chained = UUID()
        let link = ProvenanceRepository.ChainLink(previous: Data(repeating: 7, count: 32), signature: Data(repeating: 9, count: 64))
        try old.provenance.setAttemptSignature(Data(repeating: 1, count: 64), attemptID: signed)
        try old.provenance.setAttemptSignature(nil, attemptID: unsigned)
        try old.provenance.setAttemptSignature(Data(repeating: 2, count: 64), chain: link, attemptID: chained)
        #expect(try old.database.scalarInt64("SELECT count(*) FROM pragma_table_info('attempt_signatures') WHERE pk > 0") == 1)
        let store = try Store(path: path)
        #expect(try store.provenance.attemptSignature(attemptID: signed) == .some(Data(repeating: 1, count: 64)))
        #expect(try store.provenance.attemptSignature(attemptID: unsigned) == .some(nil))
        #expect(try store.provenance.attemptSignature(attemptID: UUID()) == nil)
        #expect(try store.provenance.attemptChain(attemptID: chained) == link)
        #expect(try store.provenance.attemptChain(attemptID: signed) == nil)
        // A second signature for an attempt keeps the first, as before.
        try store.provenance.setAttemptSignature(Data(repeating: 3, count: 64), attemptID: signed)
        #expect(try store.provenance.attemptSignature(attemptID: signed) == .some(Data(repeating: 1, count: 64)))
        #expect(try store.database.scalarInt64("SELECT count(*) FROM attempt_signatures") == 3)
        // Appended in arrival order: a rowid table, no primary key of its own.
        #expect(try store.database.scalarInt64("SELECT count(*) FROM pragma_table_info('attempt_signatures') WHERE pk > 0") == 0)
    }

    @Test func reopeningAppliesNothing() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("course.db")
        _ = try Store(path: path)
        let database = try Database(path: path)
        #expect(try Migrator().migrate(database) == [])
    }

    @Test func appliesOnlyPendingMigrationsInOrder() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("m.db")
        let first = Migration(name: "0001_a.sql", sql: "CREATE TABLE a (x);")
        let second = Migration(name: "0002_b.sql", sql: "CREATE TABLE b (x); INSERT INTO a VALUES (1);")
        _ = try Store(path: path, migrator: Migrator(migrations: [first]))
        let store = try Store(path: path, migrator: Migrator(migrations: [first, second]))
        #expect(try store.database.scalarInt64("SELECT count(*) FROM a") == 1)
        #expect(try store.database.scalarInt64("SELECT count(*) FROM schema_migrations") == 2)
    }

    @Test func failingMigrationLeavesNoTraceOfItself() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("m.db")
        let good = Migration(name: "0001_a.sql", sql: "CREATE TABLE a (x);")
        let bad = Migration(name: "0002_b.sql", sql: "CREATE TABLE b (x); INSERT INTO missing VALUES (1);")
        let error = #expect(throws: DatabaseError.self) {
            _ = try Store(path: path, migrator: Migrator(migrations: [good, bad]))
        }
        #expect(error?.message == "no such table: missing")
        let database = try Database(path: path)
        #expect(try Migrator(migrations: [good, bad]).pendingMigrations(in: database).map(\.name) == ["0002_b.sql"])
        #expect(try database.scalarInt64("SELECT count(*) FROM sqlite_master WHERE name = 'b'") == 0)
    }

    @Test func refusesChangedAppliedMigrationAndLeavesFileUntouched() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("m.db")
        _ = try Store(path: path, migrator: Migrator(migrations: [Migration(name: "0001_a.sql", sql: "CREATE TABLE a (x);")]))
        let before = try contents(path)
        let edited = Migrator(migrations: [Migration(name: "0001_a.sql", sql: "CREATE TABLE a (x, y);")])
        let error = #expect(throws: DatabaseError.self) {
            _ = try Store(path: path, migrator: edited)
        }
        #expect(error?.kind == .changedMigration(name: "0001_a.sql"))
        #expect(error?.description.hasPrefix("The migration 0001_a.sql applied to this database differs") == true)
        #expect(try contents(path) == before)
    }

    @Test func refusesNewerDatabaseAndLeavesFileByteIdentical() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("course.db")
        do {
            let store = try Store(path: path)
            try store.database.execute(
                "INSERT INTO schema_migrations (name, checksum, applied_at) VALUES ('0007_future.sql', 'x', 0)")
        }
        let before = try contents(path)
        let error = #expect(throws: DatabaseError.self) {
            _ = try Store(path: path)
        }
        #expect(error?.kind == .newerSchema(migration: "0007"))
        #expect(error?.description == "This database was written by a newer course (migration 0007); upgrade course.")
        #expect(try contents(path) == before)
    }

    @Test func concurrentOpenersOfANewFileMigrateOnce() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("race.db")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask { _ = try Store(path: path) }
            }
            try await group.waitForAll()
        }
        let database = try Database(path: path)
        #expect(try database.scalarInt64("SELECT count(*) FROM schema_migrations") == Int64(Migration.embedded.count))
    }
}
