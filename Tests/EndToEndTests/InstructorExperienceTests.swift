import Foundation
import Testing

/// What a new instructor meets day to day (issue 16), through the built `course-admin` binary.
struct InstructorExperienceTests {
    static func prepared() throws -> CLI { try SubmitFlowTests.prepared() }

    static func proof(_ cli: CLI, learner: String = "ada") throws {
        let path = try cli.write("proof-\(UUID().uuidString.prefix(6)).txt", "By the MVT, |sin a - sin b| <= |a - b|.")
        let result = try cli.run("course", ["submit", "ex6", path, "--learner", learner])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func reviewListShowsAttemptIdsAndTheRubricAndDecidesOneAttempt() throws {
        let cli = try Self.prepared()
        defer { cli.cleanUp() }
        try Self.proof(cli)
        let list = try cli.admin("review", "list")
        #expect(list.stdout.contains("rubric: Full credit needs all of the following:"), "\(list.stdout)")
        let json = try JSONSerialization.jsonObject(with: Data(try cli.admin("review", "list", "--json").stdout.utf8)) as? [[String: Any]]
        let id = try #require(json?.first?["attempt_id"] as? String)
        #expect(list.stdout.contains("attempt \(id)"))
        let decided = try cli.admin("review", "decide", "--attempt", id, "--accept")
        #expect(decided.status == 0, "\(decided.stderr)")
        #expect(decided.stdout.contains("Accepted ada's answer to ex6"))
        let unknown = try cli.admin("review", "decide", "--attempt", "019C9A41-7D55-7E90-A1B2-C3D4E5F60718", "--accept")
        #expect(unknown.status == 1 && unknown.stderr.contains("There is no attempt"))
    }

    @Test func aReviewDecisionCanBeChangedAndTheLaterOneWins() throws {
        let cli = try Self.prepared()
        defer { cli.cleanUp() }
        try Self.proof(cli)
        #expect(try cli.admin("review", "ex6", "--learner", "ada", "--accept").status == 0)
        let changed = try cli.admin("review", "ex6", "--learner", "ada", "--reject", "--comment", "Case a = b is missing.")
        #expect(changed.status == 0, "\(changed.stderr)")
        #expect(changed.stdout.contains("changed from accepted; the later decision wins"))
        let history = try cli.course("history", "ex6")
        #expect(history.stdout.contains("(rejected)") && !history.stdout.contains("(accepted)"))
        #expect(try cli.course("show", "ex6").stdout.contains("instructor: Case a = b is missing."))
    }

    @Test func reportGivesPerExerciseStatisticsAndOneCSVTablePerFile() throws {
        let cli = try Self.prepared()
        defer { cli.cleanUp() }
        _ = try SubmitFlowTests.verdicts(cli, "drill3", "10(2x+1)^9")
        _ = try SubmitFlowTests.verdicts(cli, "drill3", "20(2x+1)^9")
        _ = try SubmitFlowTests.verdicts(cli, "drill1", "5x^4 - 9x^2 + 2")
        let table = try cli.admin("report")
        #expect(table.stdout.contains("first try"))
        let drill3 = try #require(table.stdout.split(separator: "\n").first { $0.hasPrefix("  drill3") })
        #expect(drill3.contains("chain_missing_inner") && drill3.contains("0%"), "\(drill3)")
        let exercises = try cli.admin("report", "--format", "csv", "--table", "exercises")
        let rows = exercises.stdout.split(separator: "\n")
        #expect(rows.first == "exercise,title,learners,attempts,first_try_success,done,frequent_mistakes")
        #expect(rows.contains { $0.hasPrefix("drill3,") && $0.hasSuffix(",1,2,0.000,1,chain_missing_inner") }, "\(rows)")
        #expect(rows.contains { $0.hasPrefix("drill1,") && $0.contains(",1,1,1.000,1,") })
        for (name, header) in [("learners", "learner,attempts,mean_score,exercises_done,"),
                               ("objectives", "objective,title,mean_mastery,mastered"),
                               ("mistakes", "exercise,part,mistake,count")] {
            let csv = try cli.admin("report", "--format", "csv", "--table", name)
            #expect(csv.stdout.hasPrefix(header), "\(name): \(csv.stdout)")
            #expect(!csv.stdout.contains("\n\n"), "\(name) holds more than one table")
        }
        #expect(try cli.admin("report", "--table", "learners").status != 0)
    }

    @Test func regradeReportsVerdictAndScoreChangesSeparately() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let seeds = try SeedCopy.make(in: cli)
        #expect(try cli.admin("import", "seeds", seeds.path).status == 0)
        _ = try cli.course("login", "ada")
        _ = try SubmitFlowTests.verdicts(cli, "drill1", "5x^4 - 9x^2 + 2")
        _ = try SubmitFlowTests.verdicts(cli, "ex4b", "0.1049936, 0.25, 0.2")
        // New keys: drill1's function changes its linear term, so ada's right answer becomes
        // wrong; ex4b's first point moves, so her partly right list loses a value but stays wrong.
        let ex4 = seeds.appending(path: "exercises/04-ex4.yaml")
        try String(contentsOf: ex4, encoding: .utf8)
            .replacingOccurrences(of: "method: centered, h: 1.0e-5, at: {x: -2}}", with: "method: centered, h: 1.0e-5, at: {x: -3}}")
            .write(to: ex4, atomically: true, encoding: .utf8)
        let drill = seeds.appending(path: "exercises/11-drill1.yaml")
        try String(contentsOf: drill, encoding: .utf8)
            .replacingOccurrences(of: "x⁵ − 3x³ + 2x − 7", with: "x⁵ − 3x³ + 3x − 7")
            .replacingOccurrences(of: "key: \"5*x^4 - 9*x^2 + 2\"", with: "key: \"5*x^4 - 9*x^2 + 3\"")
            .replacingOccurrences(of: "derivative_of: \"x^5 - 3*x^3 + 2*x - 7\"", with: "derivative_of: \"x^5 - 3*x^3 + 3*x - 7\"")
            .write(to: drill, atomically: true, encoding: .utf8)
        let imported = try cli.admin("import", "seeds", seeds.path)
        #expect(imported.status == 0, "\(imported.stderr) \(imported.stdout)")
        let regrade = try cli.admin("regrade")
        #expect(regrade.status == 0, "\(regrade.stderr)")
        #expect(regrade.stdout.contains("1 verdict changed, 1 score changed with the same verdict."), "\(regrade.stdout)")
        #expect(regrade.stdout.contains("Verdict changes:\n  ada drill1: correct → incorrect (score 100% → 0%)"), "\(regrade.stdout)")
        #expect(regrade.stdout.contains("Score changes:\n  ada ex4b: incorrect, score 67% → 33%"), "\(regrade.stdout)")
    }
}
