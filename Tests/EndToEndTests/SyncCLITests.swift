import Foundation
import Testing

/// Moving progress between two machines with bundle files, through the built binaries.
struct SyncCLITests {
    static func machine() throws -> CLI {
        let cli = try CLI()
        let seeds = CLI.packageRoot.appending(path: "Seeds").path
        #expect(try cli.admin("import", "seeds", seeds).status == 0)
        return cli
    }

    @Test func aLearnersWorkMovesToTheInstructorOnceAndIntact() throws {
        let laptop = try Self.machine(), instructor = try Self.machine()
        defer { laptop.cleanUp(); instructor.cleanUp() }
        #expect(try laptop.course("login", "ada").status == 0)
        _ = try laptop.course("submit", "drill1", try laptop.write("a.txt", "5x^4 - 9x^2 + 2"))
        _ = try laptop.course("submit", "drill3", try laptop.write("b.txt", "10(2x+1)^9"))
        let bundle = laptop.folder.appending(path: "ada.json").path
        let export = try laptop.course("sync", "export", "-o", bundle)
        #expect(export.status == 0, "\(export.stderr)")

        let first = try instructor.admin("sync", "import", bundle)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("2 added"))
        #expect(first.stdout.contains("learners created: 1 (ada)"))
        let again = try instructor.admin("sync", "import", bundle)
        #expect(again.stdout.contains("0 added, 2 already present"))

        // Both machines now show the same mastery for ada.
        let here = try laptop.course("progress", "--json")
        let there = try instructor.run("course", ["progress", "--json", "--learner", "ada"])
        #expect(here.stdout == there.stdout)
    }

    @Test func aBundleEditedByHandIsRefusedAndNothingIsImported() throws {
        let laptop = try Self.machine(), instructor = try Self.machine()
        defer { laptop.cleanUp(); instructor.cleanUp() }
        _ = try laptop.course("login", "ada")
        _ = try laptop.course("submit", "drill1", try laptop.write("a.txt", "5x^4"))
        let bundle = laptop.folder.appending(path: "ada.json").path
        _ = try laptop.course("sync", "export", "-o", bundle)
        let forged = try String(contentsOfFile: bundle, encoding: .utf8)
            .replacingOccurrences(of: "\"answer\":\"5x^4\"", with: "\"answer\":\"5x^4 - 9x^2 + 2\"")
        let path = try instructor.write("forged.json", forged)
        let result = try instructor.admin("sync", "import", path)
        #expect(result.status == 1)
        #expect(result.stderr.contains("digest"))
        #expect(result.stderr.contains("Nothing was imported"))
        #expect(try instructor.admin("learners", "list").stdout.contains("No learners yet"))
    }

    @Test func notJSONIsAClearError() throws {
        let instructor = try Self.machine()
        defer { instructor.cleanUp() }
        let result = try instructor.admin("sync", "import", try instructor.write("x.json", "{\"format\": "))
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: "))
        #expect(!result.stderr.contains("Fatal error"))
    }
}
