import Foundation
import Testing

/// Learner merges as signed instructor acts (issue 17), through the built binaries.
struct LearnerMergeCLITests {
    /// Ada worked on her laptop and, logged in there before importing, as a second 'ada' on her
    /// desktop; the instructor imported both bundles, the second learner as 'ada-<hex>'.
    struct Scene {
        let instructor: CLI, laptop: CLI, desktop: CLI
        let lines: String
        /// The handle the instructor's machine gave the desktop's learner.
        let createdAs: String

        func cleanUp() { [instructor, laptop, desktop].forEach { $0.cleanUp() } }
    }

    static func scene() throws -> Scene {
        let (instructor, lines) = try HostileSyncTests.machine(instructor: true)
        let (laptop, _) = try HostileSyncTests.machine(), (desktop, _) = try HostileSyncTests.machine()
        try HostileSyncTests.trust(desktop, lines)
        _ = try laptop.course("login", "ada")
        #expect(try laptop.course("submit", "drill1", try laptop.write("a.txt", "5x^4 - 9x^2 + 2")).status == 0)
        _ = try desktop.course("login", "ada")
        #expect(try desktop.course("submit", "drill3", try desktop.write("b.txt", "20(2x+1)^9")).status == 0)
        let a = laptop.folder.appending(path: "laptop.json").path, b = desktop.folder.appending(path: "desktop.json").path
        #expect(try laptop.course("sync", "export", "-o", a).status == 0)
        #expect(try desktop.course("sync", "export", "-o", b).status == 0)
        let imported = try instructor.admin("sync", "import", a, b)
        #expect(imported.status == 0, "\(imported.stderr)")
        let line = try #require(imported.stdout.split(separator: "\n").first { $0.contains("handle taken") })
        let createdAs = try #require(line.components(separatedBy: "created as '").last?.components(separatedBy: "'").first)
        return Scene(instructor: instructor, laptop: laptop, desktop: desktop, lines: lines, createdAs: createdAs)
    }

    @Test func anExportAfterAMergeImportsCleanlyOnAFreshMachineWithTheSameProgress() throws {
        let scene = try Self.scene()
        let (fresh, _) = try HostileSyncTests.machine()
        defer { scene.cleanUp(); fresh.cleanUp() }
        try HostileSyncTests.trust(fresh, scene.lines)
        let merged = try scene.instructor.admin("learners", "merge", "ada", scene.createdAs)
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout.contains("Merged '\(scene.createdAs)' into 'ada': 1 attempt moved"), "\(merged.stdout)")
        let bundle = scene.instructor.folder.appending(path: "class.json").path
        #expect(try scene.instructor.admin("sync", "export", "-o", bundle).status == 0)

        let imported = try fresh.admin("sync", "import", bundle)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("learner merged: '\(scene.createdAs)' into 'ada'"), "\(imported.stdout)")
        #expect(!imported.stdout.contains("refused"))
        let learners = try fresh.admin("learners", "list").stdout
        #expect(learners.split(separator: "\n").count == 1 && learners.contains("2 attempts"), "\(learners)")
        let progress = try fresh.course("progress", "--learner", "ada", "--json")
        #expect(progress.status == 0)
        #expect(progress.stdout == (try scene.instructor.course("progress", "--learner", "ada", "--json")).stdout)

        // The desktop gets the merge with the instructor's bundle: its 'ada' joins the laptop's,
        // and the desktop is logged in as the learner kept.
        let atDesktop = try scene.desktop.course("sync", "import", bundle)
        #expect(atDesktop.status == 0, "\(atDesktop.stderr)")
        #expect(atDesktop.stdout.contains("learner merged: 'ada' into"), "\(atDesktop.stdout)")
        let history = try scene.desktop.course("history").stdout
        #expect(history.contains("drill1") && history.contains("drill3"), "\(history)")
    }

    @Test func aLearnerCannotMergeOnTheirOwnMachine() throws {
        let scene = try Self.scene()
        defer { scene.cleanUp() }
        // The desktop, importing the laptop's bundle after logging in, has two learners too.
        let imported = try scene.desktop.course("sync", "import", scene.laptop.folder.appending(path: "laptop.json").path)
        let line = try #require(imported.stdout.split(separator: "\n").first { $0.contains("handle taken") })
        let createdAs = try #require(line.components(separatedBy: "created as '").last?.components(separatedBy: "'").first)
        let before = try scene.desktop.admin("learners", "list").stdout

        let merged = try scene.desktop.admin("learners", "merge", "ada", createdAs)
        #expect(merged.status == 1)
        #expect(merged.stderr.contains("Merging learners is an instructor's act and this machine has no instructor key"), "\(merged.stderr)")
        #expect(merged.stderr.contains("ask your instructor"), "\(merged.stderr)")
        #expect(merged.stderr.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").count == 1, "\(merged.stderr)")
        #expect(try scene.desktop.admin("learners", "list").stdout == before)
    }

    @Test func aMergeSignedWithTheLearnersOwnKeyIsRefusedAndTheRestImported() throws {
        let scene = try Self.scene()
        let (bob, _) = try HostileSyncTests.machine()
        defer { scene.cleanUp(); bob.cleanUp() }
        _ = try bob.course("login", "bob")
        _ = try bob.course("submit", "drill1", try bob.write("a.txt", "5x^4 - 9x^2 + 2"))
        let bobs = bob.folder.appending(path: "bob.json").path
        _ = try bob.course("sync", "export", "-o", bobs)
        #expect(try scene.instructor.admin("sync", "import", bobs).status == 0)

        // Ada makes an instructor key, names it in her own copy of the content, takes bob's work.
        let laptop = scene.laptop
        #expect(try laptop.course("sync", "import", bobs).status == 0)
        let own = try laptop.admin("instructor", "init")
        try HostileSyncTests.trust(laptop, String(own.stdout[own.stdout.range(of: "instructors:")!.lowerBound...]))
        #expect(try laptop.admin("learners", "merge", "ada", "bob").status == 0)
        _ = try laptop.course("submit", "drill3", try laptop.write("b.txt", "20(2x+1)^9"))
        let forged = laptop.folder.appending(path: "forged.json").path
        #expect(try laptop.admin("sync", "export", "-o", forged).status == 0)

        let result = try scene.instructor.admin("sync", "import", forged)
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        let refusal = try #require(result.stdout.split(separator: "\n").first { $0.contains("merge refused") })
        #expect(refusal.contains("signed by a key the course content does not name as an instructor's"), "\(refusal)")
        #expect(result.stdout.contains("attempts: 1 added"), "\(result.stdout)")
        let learners = try scene.instructor.admin("learners", "list").stdout
        #expect(learners.contains("bob\t"), "\(learners)")
    }
}
