import Foundation
import Testing

/// One way of doing things across both programs (issue 16): JSON, versions, database paths,
/// and README's examples, through the built binaries.
struct ConsistencyTests {
    /// Every object key in `value` (except the keys of `mastery` maps, which are objective ids).
    static func keys(_ value: Any, parent: String = "") -> [String] {
        if let object = value as? [String: Any] {
            return object.flatMap { key, child -> [String] in
                (parent == "mastery" && child is NSNumber ? [] : [key]) + keys(child, parent: key)
            }
        }
        if let array = value as? [Any] { return array.flatMap { keys($0, parent: parent) } }
        return []
    }

    static func isSnakeCase(_ key: String) -> Bool {
        key.range(of: "^[a-z][a-z0-9]*(_[a-z0-9]+)*$", options: .regularExpression) != nil
    }

    @Test func everyJSONOutputUsesSnakeCaseKeys() throws {
        let cli = try SubmitFlowTests.prepared()
        defer { cli.cleanUp() }
        let answer = try cli.write("a.txt", "5x^4")
        let proof = try cli.write("p.txt", "By the MVT ...")
        _ = try cli.course("submit", "ex6", proof)
        let outputs: [(String, CLI.Result)] = [
            ("submit", try cli.course("submit", "drill1", answer, "--json")),
            ("check", try cli.course("check", "drill1", answer, "--json")),
            ("exercises", try cli.course("exercises", "--json")),
            ("show", try cli.course("show", "drill1", "--json")),
            ("progress", try cli.course("progress", "--json")),
            ("history", try cli.course("history", "--json")),
            ("review list", try cli.admin("review", "list", "--json")),
            ("review", try cli.admin("review", "ex6", "--learner", "ada", "--accept", "--json")),
            ("report", try cli.admin("report", "--format", "json")),
            ("regrade", try cli.admin("regrade", "--json")),
            ("import", try cli.admin("import", "seeds", CLI.packageRoot.appending(path: "Seeds").path, "--json")),
        ]
        for (name, result) in outputs {
            #expect(result.status == 0, "\(name): \(result.stderr)")
            let value = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
            let keys = Self.keys(value)
            #expect(!keys.isEmpty || name == "review list", "\(name) has no keys")
            let bad = keys.filter { !Self.isSnakeCase($0) }
            #expect(bad.isEmpty, "\(name) has keys not in snake_case: \(Set(bad))")
        }
    }

    @Test func errorsUnderJSONAreJSONOnStandardOutput() throws {
        let cli = try SubmitFlowTests.prepared()
        defer { cli.cleanUp() }
        for result in [try cli.course("show", "ex99", "--json"),
                       try cli.course("submit", "ex1", "missing.txt", "--json"),
                       try cli.admin("review", "ex6", "--learner", "nobody", "--accept", "--json"),
                       try cli.admin("import", "seeds", "/nonexistent/seeds", "--json")] {
            #expect(result.status != 0)
            let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            let message = try #require(object?["error"] as? String, "not a JSON error: \(result.stdout) \(result.stderr)")
            #expect(!message.isEmpty)
        }
    }

    @Test func bothProgramsPrintTheirVersionGraderAndSchema() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        for program in ["course", "course-admin"] {
            let result = try cli.run(program, ["--version"])
            #expect(result.status == 0)
            let line = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(line.range(of: #"^\d+\.\d+\.\d+ \(grader grader-\d+, schema \d{4}\)$"#, options: .regularExpression) != nil,
                    "\(program): \(line)")
        }
        #expect(try cli.run("course", ["--version"]).stdout == (try cli.run("course-admin", ["--version"])).stdout)
    }

    @Test func aDatabasePathInAFolderThatDoesNotExistIsAnErrorNamingTheFolder() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let missing = cli.folder.appending(path: "no-such-folder").path
        let result = try cli.run("course", ["login", "ada", "--db", missing + "/course.db"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("The folder \(missing) of the database"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: missing))
        // The default location is still created when needed.
        let fresh = try cli.run("course", ["login", "ada"], environment: ["COURSE_DB": ""])
        #expect(fresh.status == 0, "\(fresh.stderr)")
        #expect(FileManager.default.fileExists(atPath: cli.folder.appending(path: "xdg/course/course.db").path))
    }

    @Test func readOnlyCommandsNeverCreateADatabase() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let commands: [(String, [String])] = [
            ("course", ["show", "ex1"]), ("course", ["progress"]), ("course", ["history"]),
            ("course", ["exercises"]), ("course", ["check", "ex1", "a.txt"]),
            ("course-admin", ["report"]), ("course-admin", ["review", "list"]),
        ]
        for (program, arguments) in commands {
            let result = try cli.run(program, arguments)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.stderr.contains("There is no course database at"), "\(arguments): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: cli.database.path), "\(arguments) created the database")
        }
    }

    /// README's bundle example, as printed there.
    static func readmeBundle() throws -> String {
        let readme = try String(contentsOf: CLI.packageRoot.appending(path: "README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "```json\n{\"format\":\"course-attempt-bundle\""))
        let end = try #require(readme.range(of: "\n```", range: start.upperBound..<readme.endIndex))
        return String(readme[readme.index(start.lowerBound, offsetBy: 8)..<end.lowerBound])
    }

    @Test func readmesBundleExampleImportsAgainstTheShippedContent() throws {
        let cli = try SyncCLITests.machine()
        defer { cli.cleanUp() }
        let path = try cli.write("readme.json", try Self.readmeBundle())
        // The example is version 1, unsigned, from another device: refused unless trusted explicitly.
        let refused = try cli.admin("sync", "import", path)
        #expect(refused.status == 1 && refused.stderr.contains("--trust-unsigned"), "\(refused.stderr)")
        let result = try cli.admin("sync", "import", "--trust-unsigned", path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("3 added"), "\(result.stdout)")
        #expect(result.stdout.contains("learners created: 1 (ada)"))
        #expect(!result.stdout.contains("verdicts differing"), "README's verdicts differ from the shipped grader: \(result.stdout)")
        #expect(!result.stdout.contains("content: the bundle was graded against"), "README's contentVersion is not the shipped content's")
        #expect(result.stdout.contains("reviews: 1 added"))
        let history = try cli.run("course", ["history", "--learner", "ada"])
        #expect(history.stdout.contains("ex2a") && history.stdout.contains("(accepted)"))
    }

    @Test func shellCompletionWorksAsREADMEDocumentsIt() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let readme = try String(contentsOf: CLI.packageRoot.appending(path: "README.md"), encoding: .utf8)
        #expect(readme.contains("course --generate-completion-script bash"))
        for program in ["course", "course-admin"] {
            let script = try cli.run(program, ["--generate-completion-script", "bash"])
            #expect(script.status == 0)
            #expect(script.stdout.contains("complete ") && script.stdout.contains(program))
        }
    }

    @Test func databaseHelpNamesEveryFallbackAndLearnerGoesAfterTheCommand() throws {
        let cli = try SubmitFlowTests.prepared()
        defer { cli.cleanUp() }
        let help = try cli.course("progress", "--help").stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for fallback in ["$COURSE_DB", "$XDG_DATA_HOME/course/course.db", "~/.local/share/course/course.db"] {
            #expect(help.contains(fallback), "--db help lacks \(fallback): \(help)")
        }
        #expect(try cli.course("progress", "--learner", "ada").status == 0)
        let readme = try String(contentsOf: CLI.packageRoot.appending(path: "README.md"), encoding: .utf8)
        #expect(readme.contains("`course progress --learner ada`"))
    }

    @Test func xapiObjectIdsAreWhatREADMESaysForSingleAndMultiPartExercises() throws {
        let cli = try SubmitFlowTests.prepared()
        defer { cli.cleanUp() }
        _ = try SubmitFlowTests.verdicts(cli, "drill1", "5x^4 - 9x^2 + 2")
        _ = try SubmitFlowTests.verdicts(cli, "ex4b", "0.1049936, 0.25, 0.1049936")
        let path = cli.folder.appending(path: "xapi.json").path
        #expect(try cli.admin("sync", "export", "--xapi", "-o", path).status == 0)
        let statements = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [[String: Any]])
        let ids = Set(statements.compactMap { ($0["object"] as? [String: Any])?["id"] as? String })
        #expect(ids == ["https://course.invalid/xapi/activities/exercises/drill1",
                        "https://course.invalid/xapi/activities/exercises/ex4/parts/b"], "\(ids)")
        let readme = try String(contentsOf: CLI.packageRoot.appending(path: "README.md"), encoding: .utf8)
        #expect(readme.contains("`<home-page>/xapi/activities/exercises/<exercise>` (no `/parts/`) for a single-part"))
    }
}
