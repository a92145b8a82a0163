import Foundation
import Testing

/// Issue 17, files and databases: a database locked by another process, one that cannot be
/// written, one whose pages are damaged, and an export interrupted by a signal, each through
/// the built binaries, told in one line with nothing changed.
@Suite struct StorageFailureTests {
    /// A machine with the seed content and one graded attempt by ada.
    static func machineWithWork() throws -> CLI {
        let (cli, _) = try HostileSyncTests.machine()
        _ = try cli.course("login", "ada")
        let submitted = try cli.course("submit", "drill1", try cli.write("a.txt", "5x^4"))
        #expect(submitted.status == 0, "\(submitted.stderr)")
        return cli
    }

    static func sqlite(_ database: URL, _ statement: String) throws -> String {
        try HostileSyncTests.sql(database, statement).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Reads `handle` until `marker` has appeared (or the stream ends); returns what was read.
    static func read(_ handle: FileHandle, until marker: String) -> String {
        var text = ""
        while !text.contains(marker) {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        return text
    }

    @Test(.enabled(if: HostileSyncTests.hasSQLite3, "needs the sqlite3 shell to hold the write lock from another process"))
    func aLockedDatabaseIsReportedInOneLineOnceTheBusyTimeoutPasses() throws {
        let cli = try Self.machineWithWork()
        defer { cli.cleanUp() }
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: HostileSyncTests.sqlite3)
        holder.arguments = [cli.database.path]
        let input = Pipe()
        holder.standardInput = input
        holder.standardOutput = FileHandle.nullDevice
        try holder.run()
        defer {
            // SIGKILL: a child of the test runner may start with SIGTERM blocked.
            kill(holder.processIdentifier, SIGKILL)
            holder.waitUntilExit()
        }
        // The shell buffers what it prints into a pipe, so it says it holds the lock with a file.
        let holding = cli.folder.appending(path: "holding")
        input.fileHandleForWriting.write(Data("BEGIN IMMEDIATE;\n.shell touch '\(holding.path)'\n".utf8))
        while !FileManager.default.fileExists(atPath: holding.path), holder.isRunning { usleep(20_000) }
        #expect(holder.isRunning)

        let before = try Data(contentsOf: cli.database)
        let result = try cli.course("submit", "drill1", try cli.write("b.txt", "5x^4 - 9x^2 + 2"))
        #expect(result.status != 0)
        #expect(result.stderr.contains("is locked by another course process (waited 10 s)"), "\(result.stderr)")
        #expect(result.stderr.contains("try again"))
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(!result.stderr.contains("Database error") && !result.stderr.contains("BEGIN"))
        // It gave up while the lock was still held, rather than waiting for the holder to finish.
        #expect(holder.isRunning)
        #expect(try Data(contentsOf: cli.database) == before)
    }

    /// `file`: the database file has no write permission; `folder`: its folder has none. Either
    /// way the database opens for reading only, for root too.
    @Test(arguments: ["file", "folder"])
    func aReadOnlyDatabaseCanBeReadAndOnlyWritingCommandsSayItCannotBeWritten(made: String) throws {
        let cli = try Self.machineWithWork()
        defer {
            chmod(cli.folder.path, 0o700)
            cli.cleanUp()
        }
        let answer = try cli.write("b.txt", "5x^4 - 9x^2 + 2")
        if made == "file" { chmod(cli.database.path, 0o400) } else { chmod(cli.folder.path, 0o500) }
        let before = try Data(contentsOf: cli.database)
        for reading in [["progress"], ["history", "drill1"], ["exercises"]] {
            let result = try cli.run("course", reading)
            #expect(result.status == 0, "\(reading): \(result.stderr)")
        }
        let write = try cli.course("submit", "drill1", answer)
        #expect(write.status != 0)
        #expect(write.stderr.contains("Cannot write") && write.stderr.contains("read-only"), "\(write.stderr)")
        #expect(write.stderr.split(separator: "\n").count == 1, "\(write.stderr)")
        #expect(try Data(contentsOf: cli.database) == before)
    }

    @Test(.enabled(if: HostileSyncTests.hasSQLite3, "needs the sqlite3 shell to find a table's page"))
    func aDatabaseThatFailsItsCheckOnOpenIsNotWrittenByAnImport() throws {
        let cli = try Self.machineWithWork(), other = try Self.machineWithWork()
        defer { cli.cleanUp(); other.cleanUp() }
        let bundle = other.folder.appending(path: "other.json").path
        #expect(try other.course("sync", "export", "-o", bundle).status == 0)
        // Damage one page that neither the import nor a progress report reads: the root page
        // of the (empty) LRS outbox. Only the integrity check on open can notice it.
        _ = try Self.sqlite(cli.database, "PRAGMA wal_checkpoint(TRUNCATE);")
        let page = try #require(Int(try Self.sqlite(cli.database, "SELECT rootpage FROM sqlite_master WHERE name = 'lrs_outbox';")))
        let size = try #require(Int(try Self.sqlite(cli.database, "PRAGMA page_size;")))
        let file = try FileHandle(forUpdating: cli.database)
        try file.seek(toOffset: UInt64((page - 1) * size))
        file.write(Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 17) }))
        try file.close()
        let damaged = try Data(contentsOf: cli.database)

        let write = try cli.admin("sync", "import", bundle)
        #expect(write.status != 0)
        #expect(write.stderr.contains("is damaged (it failed its integrity check)"), "\(write.stderr)")
        #expect(write.stderr.contains("restore it from a backup or a sync bundle"))
        #expect(write.stderr.split(separator: "\n").count == 1, "\(write.stderr)")
        #expect(try Data(contentsOf: cli.database) == damaged)
        // A command that only reads still shows the learner's progress before restoring.
        let progress = try cli.course("progress")
        #expect(progress.status == 0, "\(progress.stderr)")
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func anExportInterruptedBySignalLeavesNoTemporaryFile(signal: Int32) throws {
        let cli = try Self.machineWithWork()
        defer { cli.cleanUp() }
        _ = try cli.course("submit", "drill1", try cli.write("b.txt", "5x^4 - 9x^2 + 2"))
        let target = cli.folder.appending(path: "class.json")
        let export = cli.process("course-admin", ["sync", "export", "--all", "-o", target.path],
                                 environment: ["COURSE_EXPORT_PAUSE_AFTER": "1"])
        let errors = Pipe()
        export.standardError = errors
        export.standardOutput = FileHandle.nullDevice
        try export.run()
        #expect(Self.read(errors.fileHandleForReading, until: "export paused").contains("export paused after 1 attempts"))
        func temporaries() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: cli.folder.path).filter { $0.hasPrefix(".class.json.tmp-") }
        }
        #expect(try temporaries().count == 1)
        kill(export.processIdentifier, signal)
        export.waitUntilExit()
        #expect(export.terminationReason == .uncaughtSignal && export.terminationStatus == signal)
        #expect(try temporaries().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: target.path))
    }
}
