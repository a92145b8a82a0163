import Foundation
import Testing

/// What a new learner meets day to day (issue 16), through the built `course` binary.
struct LearnerExperienceTests {
    static func prepared() throws -> CLI { try SubmitFlowTests.prepared() }

    static func lines(_ text: String) -> [Substring] { text.split(separator: "\n") }

    @Test func showShowsTheLearnersOwnStateAndKeepsTheRevealedKey() throws {
        let cli = try Self.prepared()
        defer { cli.cleanUp() }
        let fresh = try cli.course("show", "drill1")
        #expect(fresh.stdout.contains("Your work (ada): not started"))
        #expect(fresh.stdout.contains("not answered yet"))
        #expect(!fresh.stdout.contains("the key:"))
        _ = try cli.course("submit", "drill1", try cli.write("w1.txt", "5x^4"))
        let once = try cli.course("show", "drill1")
        #expect(once.stdout.contains("last answer: 5x^4  ✗ incorrect (0%)"), "\(once.stdout)")
        #expect(once.stdout.contains("hint: "))
        #expect(!once.stdout.contains("the key:"))
        _ = try cli.course("submit", "drill1", try cli.write("w2.txt", "5x^4 - 9x^2"))
        _ = try cli.course("submit", "drill1", try cli.write("r.txt", "5x^4 - 9x^2 + 2"))
        let done = try cli.course("show", "drill1")
        #expect(done.stdout.contains("Your work (ada): done, score 100%"), "\(done.stdout)")
        #expect(done.stdout.contains("last answer: 5x^4 - 9x^2 + 2  ✓ correct (100%)"))
        // Drills reveal the key after 2 wrong answers, and it stays visible afterwards.
        #expect(done.stdout.contains("the key: "), "\(done.stdout)")
        #expect(done.stdout.contains("The key of a part is shown after 2 wrong answers to it."))
        let json = try SubmitFlowTests.json(try cli.course("show", "drill1", "--json"))
        let part = try #require((json["parts"] as? [[String: Any]])?.first)
        #expect(part["last_verdict"] as? String == "correct")
        #expect(part["wrong_attempts"] as? Int == 2)
        #expect(part["key"] is String)
    }

    @Test func showIncludesTheInstructorsReviewComment() throws {
        let cli = try Self.prepared()
        defer { cli.cleanUp() }
        _ = try cli.course("submit", "ex6", try cli.write("proof.txt", "By the MVT, |sin a - sin b| = |cos c||a - b| <= |a - b|."))
        #expect(try cli.course("show", "ex6").stdout.contains("… waiting for review"))
        #expect(try cli.admin("review", "ex6", "--learner", "ada", "--accept", "--comment", "Clear use of the theorem.").status == 0)
        let shown = try cli.course("show", "ex6")
        #expect(shown.stdout.contains("✓ correct"), "\(shown.stdout)")
        #expect(shown.stdout.contains("instructor: Clear use of the theorem."))
    }

    @Test func checkPreviewsAnAnswerAndStoresNothing() throws {
        let cli = try Self.prepared()
        defer { cli.cleanUp() }
        let path = try cli.write("a.txt", "a) 3x^2 cos(x^3)\nb) tan(x)\n")
        let preview = try cli.course("check", "ex2", path)
        #expect(preview.status == 0, "\(preview.stderr)")
        #expect(preview.stdout.contains("a) ✓  read as 3*x^2*cos(x^3)"))
        #expect(preview.stdout.contains("b) ✗"))
        #expect(preview.stdout.contains("Preview only: nothing was stored and your mastery did not move."))
        let json = try SubmitFlowTests.json(try cli.course("check", "ex2", path, "--json"))
        #expect(json["stored"] as? Bool == false)
        #expect((json["mastery"] as? [Any])?.isEmpty == true)
        #expect(try cli.course("history").stdout.contains("You have no attempts yet"))
        let progress = try SubmitFlowTests.json(try cli.course("progress", "--json"))
        let observed = (progress["objectives"] as? [[String: Any]] ?? []).compactMap { $0["observations"] as? Int }
        #expect(observed.allSatisfy { $0 == 0 })
    }

    @Test func startWritesATemplateAndRefusesToOverwriteWithoutForce() throws {
        let cli = try Self.prepared()
        defer { cli.cleanUp() }
        let first = try cli.course("start", "ex4")
        #expect(first.status == 0, "\(first.stderr)")
        let path = cli.folder.appending(path: "ex4.txt").path
        let template = try String(contentsOfFile: path, encoding: .utf8)
        for label in ["a) ", "b) ", "c) "] {
            #expect(template.split(separator: "\n").contains { $0.hasPrefix(label) }, "\(label) missing: \(template)")
        }
        #expect(template.contains("# Format: numbers separated by commas"))
        let again = try cli.course("start", "ex4")
        #expect(again.status == 1)
        #expect(again.stderr.contains("already exists") && again.stderr.contains("--force"))
        #expect(try cli.course("start", "ex4", "--force").status == 0)
        let named = try cli.course("start", "drill1", "-o", "mine.txt")
        #expect(named.status == 0)
        // Filled in, the template is a valid answer file.
        let filled = try String(contentsOfFile: cli.folder.appending(path: "mine.txt").path, encoding: .utf8)
            + "5x^4 - 9x^2 + 2\n"
        let verdicts = try SubmitFlowTests.verdicts(cli, "drill1", filled)
        #expect(verdicts == ["": "correct"])
    }

    @Test func progressListsObjectivesInCourseOrderAndStartsANewcomerAtTheBeginning() throws {
        let cli = try Self.prepared()
        defer { cli.cleanUp() }
        let progress = try SubmitFlowTests.json(try cli.course("progress", "--json"))
        let ids = (progress["objectives"] as? [[String: Any]] ?? []).compactMap { $0["objective"] as? String }
        #expect(ids.first == "differentiation-rules", "\(ids)")
        #expect(ids != ids.sorted())
        #expect(progress["next"] as? String == "ex1")
        #expect(try cli.course("progress").stdout.contains("Next: course show ex1"))
    }

    @Test func progressNeverSuggestsAnExerciseWaitingForReview() throws {
        let cli = try Self.prepared()
        defer { cli.cleanUp() }
        for (exercise, text) in SubmitFlowTests.rightAnswers {
            _ = try SubmitFlowTests.verdicts(cli, exercise, text)
        }
        _ = try cli.course("submit", "ex6", try cli.write("proof.txt", "By the MVT ..."))
        let progress = try SubmitFlowTests.json(try cli.course("progress", "--json"))
        #expect(progress["next"] is NSNull, "\(progress)")
        #expect(progress["waiting_for_review"] as? [String] == ["ex6"])
        let text = try cli.course("progress")
        #expect(text.stdout.contains("ex6 waits for your instructor's review"))
        #expect(!text.stdout.contains("Every exercise is done."))
    }

    @Test func progressBeforeAnyImportSaysSo() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        #expect(try cli.course("login", "ada").status == 0)
        let result = try cli.course("progress")
        #expect(result.status == 0)
        #expect(result.stdout.contains("No exercises are imported yet: run 'course-admin import seeds'"))
        #expect(!result.stdout.contains("Every exercise is done."))
    }

    @Test func historyShowsTheShortenedAnswerScoreAndWhetherItCounted() throws {
        let cli = try Self.prepared()
        defer { cli.cleanUp() }
        _ = try cli.course("submit", "drill1", try cli.write("s.txt", "5x^4 +"))
        let long = "5x^4 - 9x^2 + 2 + 0*(x + x + x + x + x + x + x + x + x + x + x + x) + 1"
        _ = try cli.course("submit", "drill1", try cli.write("l.txt", long))
        let history = Self.lines(try cli.course("history", "drill1").stdout)
        #expect(history.count == 2)
        #expect(history[0].contains("syntax-error") && history[0].contains("not counted") && history[0].contains("5x^4 +"))
        #expect(history[1].contains("incorrect") && history[1].contains("  counted") && history[1].contains("0%"))
        #expect(history[1].contains("…") && !history[1].contains(long))
        let json = try JSONSerialization.jsonObject(with: Data(try cli.course("history", "--json").stdout.utf8)) as? [[String: Any]]
        #expect(json?.map { $0["counted_for_mastery"] as? Bool } == [false, true])
    }

    @Test func exercisesColumnsNeverRunTogetherWhateverTheTitleLength() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let seeds = try SeedCopy.make(in: cli)
        let file = seeds.appending(path: "exercises/11-drill1.yaml")
        let yaml = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(
            of: "title: \"Warm-up: a polynomial\"",
            with: "title: \"Warm-up: a polynomial whose title goes on and on well past any column width\"")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        #expect(try cli.admin("import", "seeds", seeds.path).status == 0)
        _ = try cli.course("login", "ada")
        let rows = Self.lines(try cli.course("exercises").stdout)
        let drill = try #require(rows.first { $0.hasPrefix("drill1") })
        #expect(drill.contains("…  not started"), "\(drill)")
        // Every row has its status in the same column, after at least two spaces.
        let columns = Set(rows.map { row in row.range(of: "  not started")?.lowerBound.utf16Offset(in: row) })
        #expect(columns.count == 1, "\(rows)")
    }

    @Test func exerciseIdsAreCaseInsensitive() throws {
        let cli = try Self.prepared()
        defer { cli.cleanUp() }
        #expect(try cli.course("show", "Ex4").stdout.contains("ex4 — "))
        let verdicts = try SubmitFlowTests.verdicts(cli, "DRILL1", "5x^4 - 9x^2 + 2")
        #expect(verdicts == ["": "correct"])
        #expect(try SubmitFlowTests.verdicts(cli, "EX4B", "0.1049936, 0.25, 0.1049936") == ["b": "correct"])
        #expect(Self.lines(try cli.course("history", "Drill1").stdout).count == 1)
    }

    @Test func markdownIsRenderedOnATerminalAndLeftPlainWhenPiped() throws {
        let cli = try Self.prepared()
        defer { cli.cleanUp() }
        let piped = try cli.course("show", "ex6")
        #expect(piped.stdout.contains("## The Mean Value Theorem"))
        #expect(piped.stdout.contains("**Theorem.**"))
        #expect(!piped.stdout.contains("\u{1B}["))
        let terminal = try cli.run("course", ["show", "ex6"], environment: ["COURSE_FORCE_COLOR": "1"])
        #expect(terminal.stdout.contains("\u{1B}[1mThe Mean Value Theorem\u{1B}[0m"))
        #expect(terminal.stdout.contains("\u{1B}[1mTheorem.\u{1B}[0m"))
        #expect(!terminal.stdout.contains("## The Mean"))
        #expect(!terminal.stdout.contains("**"))
    }

    @Test func missingThingsAreReportedInWholeSentences() throws {
        let empty = try CLI()
        defer { empty.cleanUp() }
        _ = try empty.course("login", "ada")
        let none = try empty.course("submit", "ex1", try empty.write("a.txt", "1"))
        #expect(none.stderr == "error: No exercises are imported yet, so there is no exercise 'ex1': run 'course-admin import seeds' first.\n")
        let cli = try Self.prepared()
        defer { cli.cleanUp() }
        let part = try cli.course("submit", "drill1a", try cli.write("b.txt", "1"))
        #expect(part.stderr == "error: drill1 has one part, so it has no part 'a': submit it as drill1.\n")
    }
}

/// A copy of Seeds/ in a test's folder, for tests that change the content.
enum SeedCopy {
    static func make(in cli: CLI) throws -> URL {
        let target = cli.folder.appending(path: "Seeds", directoryHint: .isDirectory)
        try FileManager.default.copyItem(at: CLI.packageRoot.appending(path: "Seeds"), to: target)
        return target
    }
}
