import Foundation
import Testing

/// Issue 17: each way a hostile learner (or a hostile file) tried to abuse sync, through the
/// built binaries, refused with one readable line and nothing changed.
@Suite struct HostileSyncTests {
    static let sqlite3 = "/usr/bin/sqlite3"
    static var hasSQLite3: Bool { FileManager.default.isExecutableFile(atPath: sqlite3) }

    /// A copy of Seeds/ in `cli`'s folder whose course.yaml ends with `extra`.
    static func seeds(in cli: CLI, adding extra: String = "") throws -> String {
        let copy = cli.folder.appending(path: "Seeds")
        try? FileManager.default.removeItem(at: copy)
        try FileManager.default.copyItem(at: CLI.packageRoot.appending(path: "Seeds"), to: copy)
        let course = copy.appending(path: "course.yaml")
        let text = try String(contentsOf: course, encoding: .utf8)
        try (text + "\n" + extra + "\n").write(to: course, atomically: true, encoding: .utf8)
        return copy.path
    }

    /// A machine with the seed content; with `instructor`, its own instructor key, listed in its content.
    static func machine(instructor: Bool = false) throws -> (CLI, String) {
        let cli = try CLI()
        var lines = ""
        if instructor {
            let created = try cli.admin("instructor", "init", "--name", "Ms Noether")
            #expect(created.status == 0, "\(created.stderr)")
            lines = String(created.stdout[created.stdout.range(of: "instructors:")!.lowerBound...])
        }
        let seeds = try Self.seeds(in: cli, adding: lines)
        let imported = try cli.admin("import", "seeds", seeds)
        #expect(imported.status == 0, "\(imported.stderr)\(imported.stdout)")
        return (cli, lines)
    }

    /// Makes `cli` trust the instructor whose content lines are `lines` (as the course content would).
    static func trust(_ cli: CLI, _ lines: String, revoking revoked: String = "") throws {
        let imported = try cli.admin("import", "seeds", try seeds(in: cli, adding: lines + "\n" + revoked))
        #expect(imported.status == 0, "\(imported.stderr)")
    }

    static let proof = "f = sin is differentiable, so by the Mean Value Theorem sin a - sin b = cos(c)(a - b) and |cos c| <= 1."

    func sql(_ database: URL, _ statement: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.sqlite3)
        process.arguments = [database.path, statement]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func aSelfApprovedProofIsRefusedAndTheInstructorsRejectionStands() throws {
        let (instructor, lines) = try Self.machine(instructor: true)
        let (laptop, _) = try Self.machine()
        defer { instructor.cleanUp(); laptop.cleanUp() }
        try Self.trust(laptop, lines)
        _ = try laptop.course("login", "ada")
        #expect(try laptop.course("submit", "ex6", try laptop.write("p.txt", Self.proof)).status == 0)
        let first = laptop.folder.appending(path: "first.json").path
        #expect(try laptop.course("sync", "export", "-o", first).status == 0)
        #expect(try instructor.admin("sync", "import", first).status == 0)
        #expect(try instructor.admin("review", "decide", "ex6", "--learner", "ada", "--reject").status == 0)

        // Ada makes a key of her own, lists it in her own copy of the content, and approves herself.
        let own = try laptop.admin("instructor", "init", "--name", "instructor")
        let ownLines = String(own.stdout[own.stdout.range(of: "instructors:")!.lowerBound...])
        try Self.trust(laptop, ownLines)
        #expect(try laptop.admin("review", "decide", "ex6", "--learner", "ada", "--accept").status == 0)
        let forged = laptop.folder.appending(path: "forged.json").path
        #expect(try laptop.course("sync", "export", "-o", forged).status == 0)

        let result = try instructor.admin("sync", "import", forged)
        #expect(result.status == 1)
        #expect(result.stderr.contains("is not signed by an instructor the course content names"), "\(result.stderr)")
        #expect(result.stderr.contains("Nothing was imported."))
        let history = try instructor.run("course", ["history", "--learner", "ada"])
        #expect(!history.stdout.contains("accepted"), "\(history.stdout)")
    }

    @Test func aRelayedClassBundleIsAcceptedWithTheInstructorsDecision() throws {
        let (instructor, lines) = try Self.machine(instructor: true)
        let (ada, _) = try Self.machine(), (bob, _) = try Self.machine(), (other, _) = try Self.machine()
        defer { [instructor, ada, bob, other].forEach { $0.cleanUp() } }
        try Self.trust(other, lines)
        _ = try ada.course("login", "ada")
        _ = try ada.course("submit", "ex6", try ada.write("p.txt", Self.proof))
        _ = try bob.course("login", "bob")
        _ = try bob.course("submit", "drill1", try bob.write("a.txt", "5x^4 - 9x^2 + 2"))
        let a = ada.folder.appending(path: "ada.json").path, b = bob.folder.appending(path: "bob.json").path
        _ = try ada.course("sync", "export", "-o", a)
        _ = try bob.course("sync", "export", "-o", b)
        #expect(try instructor.admin("sync", "import", a, b).status == 0)
        #expect(try instructor.admin("review", "decide", "ex6", "--learner", "ada", "--accept").status == 0)
        let relayed = instructor.folder.appending(path: "class.json").path
        #expect(try instructor.admin("sync", "export", "--all", "-o", relayed).status == 0)

        let result = try other.admin("sync", "import", relayed)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("2 added"))
        #expect(result.stdout.contains("learners created: 2"))
        #expect(result.stdout.contains("reviews: 1 added"))
    }

    @Test(.enabled(if: HostileSyncTests.hasSQLite3, "needs the sqlite3 shell to tamper with a database"))
    func attemptsForAnotherLearnerAreRefused() throws {
        let (instructor, _) = try Self.machine(instructor: true)
        let (ada, _) = try Self.machine(), (bob, _) = try Self.machine()
        defer { [instructor, ada, bob].forEach { $0.cleanUp() } }
        _ = try bob.course("login", "bob")
        _ = try bob.course("submit", "drill1", try bob.write("a.txt", "5x^4 - 9x^2 + 2"))
        let b = bob.folder.appending(path: "bob.json").path
        _ = try bob.course("sync", "export", "-o", b)
        #expect(try instructor.admin("sync", "import", b).status == 0)
        let relayed = instructor.folder.appending(path: "class.json").path
        _ = try instructor.admin("sync", "export", "-o", relayed)

        // Ada gets bob's id from the class bundle, answers as bob, and strips bob's enrolments.
        _ = try ada.course("login", "ada")
        #expect(try ada.course("sync", "import", relayed).status == 0)
        #expect(try ada.course("submit", "drill1", try ada.write("w.txt", "0"), "--learner", "bob").status == 0)
        let refused = try ada.course("sync", "export", "--learner", "bob", "-o", ada.folder.appending(path: "x.json").path)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("not enrolled for 'bob'"), "\(refused.stderr)")
        _ = try sql(ada.database, "DELETE FROM device_enrolments")
        let hostile = ada.folder.appending(path: "hostile.json").path
        #expect(try ada.course("sync", "export", "--learner", "bob", "-o", hostile).status == 0)

        let result = try instructor.admin("sync", "import", hostile)
        #expect(result.status == 1)
        #expect(result.stderr.contains("already has enrolled devices here and none of them signed it"), "\(result.stderr)")
        #expect(try instructor.run("course", ["history", "--learner", "bob"]).stdout.components(separatedBy: "drill1").count == 2)
    }

    @Test func aSecondDeviceEnrolledOnTheFirstIsAccepted() throws {
        let (instructor, _) = try Self.machine(instructor: true)
        let (laptop, _) = try Self.machine(), (phone, _) = try Self.machine()
        defer { [instructor, laptop, phone].forEach { $0.cleanUp() } }
        _ = try laptop.course("login", "ada")
        _ = try laptop.course("submit", "drill1", try laptop.write("a.txt", "5x^4"))
        let code = try phone.course("device", "show").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(code.hasPrefix("course-device:"))
        #expect(try laptop.course("device", "add", code).status == 0)
        let fromLaptop = laptop.folder.appending(path: "laptop.json").path
        _ = try laptop.course("sync", "export", "-o", fromLaptop)
        #expect(try phone.course("sync", "import", fromLaptop).status == 0)
        #expect(try instructor.admin("sync", "import", fromLaptop).status == 0)
        _ = try phone.course("login", "ada")
        _ = try phone.course("submit", "drill3", try phone.write("b.txt", "10(2x+1)^9"))
        let fromPhone = phone.folder.appending(path: "phone.json").path
        #expect(try phone.course("sync", "export", "-o", fromPhone).status == 0)
        let result = try instructor.admin("sync", "import", fromPhone)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("1 added"))
    }

    @Test func attemptsSignedWithARevokedKeyAreRefused() throws {
        let (instructor, lines) = try Self.machine(instructor: true)
        let (laptop, _) = try Self.machine()
        defer { instructor.cleanUp(); laptop.cleanUp() }
        _ = try laptop.course("login", "ada")
        _ = try laptop.course("submit", "drill1", try laptop.write("a.txt", "5x^4"))
        let bundle = laptop.folder.appending(path: "ada.json").path
        _ = try laptop.course("sync", "export", "-o", bundle)
        // The laptop was stolen: its key is revoked in the content from a date in the past.
        let code = try laptop.course("device", "show").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let key = "ed25519:" + code.split(separator: ":")[2]
        try Self.trust(instructor, lines, revoking: "revoked_keys:\n  - key: \(key)\n    revoked_at: 2020-01-01T00:00:00Z")
        let result = try instructor.admin("sync", "import", bundle)
        #expect(result.status == 1)
        #expect(result.stderr.contains("signed with a key the course content revoked on 2020-01-01"), "\(result.stderr)")
    }

    @Test(.enabled(if: HostileSyncTests.hasSQLite3, "needs the sqlite3 shell to set a clock far ahead"))
    func aFutureDatedAttemptIsRefused() throws {
        let (instructor, _) = try Self.machine(instructor: true)
        let (laptop, _) = try Self.machine()
        defer { instructor.cleanUp(); laptop.cleanUp() }
        _ = try laptop.course("login", "ada")
        _ = try laptop.course("submit", "drill1", try laptop.write("a.txt", "5x^4"))
        _ = try sql(laptop.database, "UPDATE attempts SET submitted_at = 253402300799999")
        let bundle = laptop.folder.appending(path: "ada.json").path
        #expect(try laptop.course("sync", "export", "-o", bundle).status == 0)
        let result = try instructor.admin("sync", "import", bundle)
        #expect(result.status == 1)
        #expect(result.stderr.contains("9999-12-31T23:59:59.999Z, more than 24 hours after this machine's clock"), "\(result.stderr)")
    }

    @Test func aPlantedSymlinkNeverRedirectsAnExport() throws {
        let (laptop, _) = try Self.machine()
        defer { laptop.cleanUp() }
        _ = try laptop.course("login", "ada")
        let victim = try laptop.write("victim.txt", "precious")
        let link = laptop.folder.appending(path: "out.json").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: victim)
        let refused = try laptop.course("sync", "export", "-o", link)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("already exists; it was left as it is"), "\(refused.stderr)")
        #expect(try laptop.course("sync", "export", "-o", link, "--force").status == 0)
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious")
        let attributes = try FileManager.default.attributesOfItem(atPath: link)
        #expect(attributes[.type] as? FileAttributeType == .typeRegular)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: laptop.folder.path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }

    @Test func anExportOverTheDatabaseOrADeviceIsRefused() throws {
        let (instructor, _) = try Self.machine()
        defer { instructor.cleanUp() }
        let before = try Data(contentsOf: instructor.database)
        let result = try instructor.admin("sync", "export", "--all", "-o", instructor.database.path, "--force")
        #expect(result.status != 0)
        #expect(result.stderr.contains("is the course database in use"), "\(result.stderr)")
        #expect(try Data(contentsOf: instructor.database) == before)
        let device = try instructor.admin("sync", "export", "-o", "/dev/null", "--force")
        #expect(device.stderr.contains("is not a regular file"), "\(device.stderr)")
        var status = stat()
        #expect(stat("/dev/null", &status) == 0 && (status.st_mode & S_IFMT) == S_IFCHR)
        let folder = try instructor.admin("sync", "export", "-o", instructor.folder.path)
        #expect(folder.stderr.contains("is a folder"))
    }

    @Test(.enabled(if: HostileSyncTests.hasSQLite3, "needs the sqlite3 shell to make another program's file"))
    func anotherProgramsSQLiteFileIsLeftUntouched() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let other = cli.folder.appending(path: "photos.db")
        _ = try sql(other, "CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT)")
        let before = try Data(contentsOf: other)
        let result = try cli.admin("learners", "list", "--db", other.path)
        #expect(result.status != 0)
        #expect(result.stderr.contains("an SQLite database of another program"), "\(result.stderr)")
        #expect(try Data(contentsOf: other) == before)
    }

    @Test func aCorruptedDatabaseRefusesASubmitWithARecoveryMessage() throws {
        let (laptop, _) = try Self.machine()
        defer { laptop.cleanUp() }
        _ = try laptop.course("login", "ada")
        _ = try laptop.course("submit", "drill1", try laptop.write("a.txt", "5x^4"))
        // Damage every page after the first (the header and schema stay readable).
        var bytes = [UInt8](try Data(contentsOf: laptop.database))
        for index in 16_384..<bytes.count { bytes[index] = UInt8(truncatingIfNeeded: index &* 31 &+ 7) }
        try Data(bytes).write(to: laptop.database)
        let result = try laptop.course("submit", "drill1", try laptop.write("b.txt", "5x^4 - 9x^2 + 2"))
        #expect(result.status != 0)
        #expect(result.stderr.contains("damaged"), "\(result.stderr)")
        #expect(result.stderr.contains("restore"))
        #expect(!result.stderr.contains("SELECT") && !result.stderr.contains("Database error"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func aPipedBundleIsReadOnce() throws {
        let (laptop, _) = try Self.machine(), (other, _) = try Self.machine()
        defer { laptop.cleanUp(); other.cleanUp() }
        _ = try laptop.course("login", "ada")
        _ = try laptop.course("submit", "drill1", try laptop.write("a.txt", "5x^4"))
        let bundle = try laptop.course("sync", "export").stdout
        let dash = try other.run("course-admin", ["sync", "import", "-"], stdin: bundle)
        #expect(dash.status == 0, "\(dash.stderr)")
        #expect(dash.stdout.contains("1 added"))
        let stdin = try other.run("course-admin", ["sync", "import", "/dev/stdin"], stdin: bundle)
        #expect(stdin.status == 0, "\(stdin.stderr)")
        #expect(stdin.stdout.contains("1 already present"))
    }

    @Test func controlCharactersAreMadeVisibleAndStoredExactly() throws {
        let (cli, _) = try Self.machine()
        defer { cli.cleanUp() }
        #expect(try cli.admin("learners", "add", "eve", "--name", "Eve\u{1b}[2J\u{202e}evil").status == 0)
        let list = try cli.admin("learners", "list")
        #expect(!list.stdout.contains("\u{1b}") && !list.stdout.contains("\u{202e}"))
        #expect(list.stdout.contains("Eve\\u{1b}[2J\\u{202e}evil"), "\(list.stdout)")
        _ = try cli.course("submit", "ex6", try cli.write("p.txt", "proof \u{1b}]0;owned\u{7} done"), "--learner", "eve")
        let review = try cli.admin("review", "list")
        #expect(!review.stdout.contains("\u{1b}") && review.stdout.contains("\\u{1b}]0;owned\\u{7}"), "\(review.stdout)")
    }

    @Test func aVersionThatIsNotAnIntegerIsReportedAsGiven() throws {
        let (laptop, _) = try Self.machine()
        defer { laptop.cleanUp() }
        _ = try laptop.course("login", "ada")
        let bundle = try laptop.course("sync", "export").stdout.replacingOccurrences(of: "\"version\":3", with: "\"version\":1.0")
        let result = try laptop.run("course", ["sync", "import", "-"], stdin: bundle)
        #expect(result.status == 1)
        #expect(result.stderr.contains("format version \"1.0\" is not an integer"), "\(result.stderr)")
    }

    @Test func dataFilesArePrivateWhateverTheUmask() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let previous = umask(0o022)
        defer { umask(previous) }
        _ = try cli.run("course", ["login", "ada"], environment: ["COURSE_DB": ""])
        let folder = cli.folder.appending(path: "xdg/course")
        let database = folder.appending(path: "course.db")
        #expect((try FileManager.default.attributesOfItem(atPath: folder.path)[.posixPermissions] as? Int) == 0o700)
        #expect((try FileManager.default.attributesOfItem(atPath: database.path)[.posixPermissions] as? Int) == 0o600)
    }

    @Test(.enabled(if: getuid() != 0, "root may write a read-only file, so the case cannot arise"))
    func aReadOnlyDatabaseCanBeRead() throws {
        let (laptop, _) = try Self.machine()
        defer { laptop.cleanUp() }
        _ = try laptop.course("login", "ada")
        _ = try laptop.course("submit", "drill1", try laptop.write("a.txt", "5x^4"))
        chmod(laptop.database.path, 0o400)
        #expect(try laptop.course("progress").status == 0)
        let write = try laptop.course("submit", "drill1", try laptop.write("b.txt", "5x^4"))
        #expect(write.stderr.contains("Cannot write"), "\(write.stderr)")
    }
}
