import Foundation
import Testing

/// A learner moving to a second machine (issue 16), through the built binaries.
struct SecondMachineTests {
    static func laptopBundle() throws -> (CLI, String) {
        let laptop = try SyncCLITests.machine()
        #expect(try laptop.course("login", "ada").status == 0)
        _ = try laptop.course("submit", "drill1", try laptop.write("a.txt", "5x^4 - 9x^2 + 2"))
        let bundle = laptop.folder.appending(path: "ada.json").path
        #expect(try laptop.course("sync", "export", "-o", bundle).status == 0)
        return (laptop, bundle)
    }

    @Test func loginAfterImportUsesTheLearnerFromTheBundle() throws {
        let (laptop, bundle) = try Self.laptopBundle()
        let desktop = try SyncCLITests.machine()
        defer { laptop.cleanUp(); desktop.cleanUp() }
        #expect(try desktop.course("sync", "import", bundle).status == 0)
        let login = try desktop.course("login", "ada")
        #expect(login.stdout.contains("Logged in as 'ada'"), "\(login.stdout)")
        #expect(!login.stdout.contains("Created"))
        #expect(try desktop.course("progress", "--json").stdout == (try laptop.course("progress", "--json")).stdout)
    }

    @Test func importSaysWhenAHandleIsTakenAndNamesTheMergeOnlyAnInstructorMayMake() throws {
        let (laptop, bundle) = try Self.laptopBundle()
        let desktop = try SyncCLITests.machine()
        defer { laptop.cleanUp(); desktop.cleanUp() }
        // Logged in before importing: a second 'ada' is created here, with her own attempt.
        #expect(try desktop.course("login", "ada").stdout.contains("Created learner 'ada'"))
        _ = try desktop.course("submit", "drill3", try desktop.write("b.txt", "20(2x+1)^9"))
        let imported = try desktop.course("sync", "import", bundle)
        #expect(imported.status == 0)
        let line = try #require(imported.stdout.split(separator: "\n").first { $0.contains("handle taken") })
        let createdAs = try #require(line.components(separatedBy: "created as '").last?.components(separatedBy: "'").first)
        #expect(line.contains("course-admin learners merge ada \(createdAs)"), "\(line)")

        // Merging is the instructor's act (see LearnerMergeCLITests): refused here, nothing changed.
        let merged = try desktop.admin("learners", "merge", "ada", createdAs)
        #expect(merged.status == 1)
        #expect(merged.stderr.contains("ask your instructor"), "\(merged.stderr)")
        #expect(try desktop.admin("learners", "list").stdout.contains(createdAs))

        // The same bundle again adds nothing and creates no learner: it is matched by id.
        let again = try desktop.course("sync", "import", bundle)
        #expect(again.stdout.contains("0 added, 1 already present"), "\(again.stdout)")
        #expect(again.stdout.contains("learners created: none"))
    }
}
