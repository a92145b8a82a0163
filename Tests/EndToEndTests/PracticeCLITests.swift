import Foundation
import Testing

/// `course practice` through the built binaries: an item for the weakest objective, answered
/// right, wrong with each named mistake and with a syntax error, then seen by the instructor in
/// `course-admin report`; `course-admin practice preview` gives the same item from its seed.
struct PracticeCLITests {
    @Test func practiceSubmitRightWrongAndSyntaxErrorThenReport() throws {
        let cli = try SubmitFlowTests.prepared()
        defer { cli.cleanUp() }

        let practice = try cli.course("practice", "--json")
        #expect(practice.status == 0, "\(practice.stderr)")
        let view = try SubmitFlowTests.json(practice)
        let item = try #require(view["item"] as? String)
        let family = try #require(view["family"] as? String)
        let tier = try #require(view["tier"] as? Int)
        let seed = try #require(view["seed"] as? String)
        // Backpropagation has the lowest p_init in the seeds (with finite differences and gradient
        // checking, which comes first in the course); its family is the scalar graph.
        #expect(view["objective"] as? String == "finite-differences" || view["objective"] as? String == "backpropagation")
        #expect(tier == 1)
        #expect((view["exercise"] as? [String: Any])?["exercise"] as? String == item)

        // The same item, as text, is shown like 'course show'.
        let text = try cli.course("practice")
        #expect(text.stdout.contains("This is your current practice item"), "\(text.stdout)")
        #expect(text.stdout.contains("Submit with: course submit \(item) answer.txt"))
        #expect(try cli.course("show", item).stdout.contains("## Practice:"))
        // 'course start practice' writes the current item's answer file, named by its id.
        let start = try cli.course("start", "practice", "-o", "-")
        #expect(start.status == 0 && start.stdout.hasPrefix("# \(item): "), "\(start.stdout)\(start.stderr)")
        #expect(start.stdout.contains("# Submit with: course submit \(item) FILE"), "\(start.stdout)")

        // The instructor's preview of the same spec: its key and mistake table.
        let preview = try SubmitFlowTests.json(try cli.admin("practice", "preview", family, "--tier", String(tier), "--seed", seed, "--json"))
        #expect(preview["item"] as? String == item)
        let key = try #require(preview["key"] as? String)
        let mistakes = try #require(preview["mistakes"] as? [[String: Any]])
        #expect(!mistakes.isEmpty)

        // Wrong: the first mistake is named.
        let first = try #require(mistakes.first)
        let wrong = try SubmitFlowTests.json(try cli.course("submit", "practice", try cli.write("wrong.txt", try #require(first["answer"] as? String)), "--json"))
        let wrongPart = try #require((wrong["parts"] as? [[String: Any]])?.first)
        #expect(wrongPart["verdict"] as? String == "incorrect")
        #expect(wrongPart["mistake"] as? String == first["tag"] as? String, "\(wrongPart)")
        // A syntax error: shown with a caret, not counted.
        let syntax = try cli.course("submit", item, try cli.write("syntax.txt", "2*("))
        #expect(syntax.status == 0 && syntax.stdout.contains("syntax error") && syntax.stdout.contains("^"), "\(syntax.stdout)")
        // Right, by the item's id.
        let right = try SubmitFlowTests.json(try cli.course("submit", item, try cli.write("right.txt", key), "--json"))
        #expect((right["parts"] as? [[String: Any]])?.first?["verdict"] as? String == "correct", "\(right)")
        #expect(!((right["mastery"] as? [[String: Any]]) ?? []).isEmpty)

        // Answered, so the next 'course practice' gives a new item.
        let next = try SubmitFlowTests.json(try cli.course("practice", "--json"))
        #expect(next["item"] as? String != item)
        #expect(next["repeated"] as? Bool == false)

        // The instructor sees practice per objective and tier.
        let report = try cli.admin("report")
        #expect(report.stdout.contains("Practice (generated items)"), "\(report.stdout)")
        let csv = try cli.admin("report", "--format", "csv", "--table", "practice")
        #expect(csv.stdout.hasPrefix("objective,tier,items,attempts,success\n"), "\(csv.stdout)")
        #expect(csv.stdout.contains(",1,1,3,0.000"), "\(csv.stdout)")
    }

    @Test func badPracticeRequestsSayWhatToDo() throws {
        let cli = try SubmitFlowTests.prepared()
        defer { cli.cleanUp() }
        let none = try cli.course("submit", "practice", try cli.write("a.txt", "1"))
        #expect(none.status == 1 && none.stderr.contains("run 'course practice'"), "\(none.stderr)")
        let noneToStart = try cli.course("start", "practice")
        #expect(noneToStart.status == 1 && noneToStart.stderr.contains("run 'course practice'"), "\(noneToStart.stderr)")
        let unknown = try cli.course("practice", "--objective", "training-dynamics")
        #expect(unknown.status == 1 && unknown.stderr.contains("the objectives that do are"), "\(unknown.stderr)")
        let missing = try cli.course("submit", "p-000000000000", try cli.write("b.txt", "1"))
        #expect(missing.status == 1 && missing.stderr.contains("There is no practice item 'p-000000000000'"), "\(missing.stderr)")
        let family = try cli.admin("practice", "preview", "calculus", "--seed", "1")
        #expect(family.status != 0 && family.stderr.contains("There is no practice family 'calculus'"), "\(family.stderr)")
    }
}
