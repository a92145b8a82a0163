import Foundation
import Testing

/// Issue 12 through the built binaries: answer forms, stated precision, content mistakes for
/// number parts, duplicates, precedence readings, the score line, mastery that cannot be farmed,
/// and review decisions reaching the learner.
struct TrustworthyGradingTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var reference: String
        var answer: String
        var verdict: String
        var mistake: String?
        var feedback: String? = nil
        var testDescription: String { "\(reference): \(answer)" }
    }

    static let cases: [Case] = [
        // Forms: the question copied back, the limit not taken, the location for the value.
        Case(reference: "fp1a", answer: "((x+h)^2 - x^2)/h", verdict: "incorrect", mistake: "not_simplified"),
        Case(reference: "fp1a", answer: "2x + h", verdict: "correct", mistake: nil),
        // A common factor of numerator and denominator left standing is not simplified either.
        Case(reference: "fp1a", answer: "(2x^2 + x h)/x", verdict: "incorrect", mistake: "not_simplified"),
        Case(reference: "fp1a", answer: "2x + 2h", verdict: "incorrect", mistake: nil),
        Case(reference: "fp2a", answer: "(1/(x + h) - 1/x)/h", verdict: "incorrect", mistake: "not_simplified"),
        Case(reference: "fp2a", answer: "-1/(x^2 + x h)", verdict: "correct", mistake: nil),
        Case(reference: "fp1b", answer: "2x + h", verdict: "incorrect", mistake: "limit_not_taken", feedback: "You still have h: let h → 0."),
        Case(reference: "fp1b", answer: "2x", verdict: "correct", mistake: nil),
        Case(reference: "ex5b", answer: "x = 0", verdict: "incorrect", mistake: "not_a_value"),
        Case(reference: "ex5b", answer: "0", verdict: "correct", mistake: nil),
        Case(reference: "ex5b", answer: "x^4 - 4x^3 + 6x^2", verdict: "incorrect", mistake: "not_a_value"),
        // Stated precision: fewer digits than asked is its own mistake; more digits are fine.
        Case(reference: "ex7b", answer: "0.775379", verdict: "incorrect", mistake: "too_few_digits", feedback: "Give at least 7 significant digits."),
        Case(reference: "ex7b", answer: "0.7753788", verdict: "correct", mistake: nil),
        Case(reference: "ex7b", answer: "0.77537884477823", verdict: "correct", mistake: nil),
        Case(reference: "ex8c", answer: "0.45541", verdict: "incorrect", mistake: "too_few_digits"),
        Case(reference: "ex4b", answer: "0.1049936, 0.25, 0.1049936", verdict: "correct", mistake: nil),
        Case(reference: "ex4b", answer: "0.104994, 0.25, 0.104994", verdict: "incorrect", mistake: "too_few_digits"),
        // The estimate form: what float64 computes, not the exact value or another formula's.
        Case(reference: "ex4b", answer: "0.1049940, 0.2500000, 0.1049932", verdict: "incorrect", mistake: "used_forward_difference",
             feedback: "Value 1 (h = 1e-05) is the forward-difference estimate"),
        Case(reference: "ex7c", answer: "0.7749179517665642, 0.7753788447723008, 0.7753789277309409, 0.8049116928532384",
             verdict: "correct", mistake: nil),
        // Another platform's libm, one grid step (one ulp of f over 2h) away at h = 1e-15.
        Case(reference: "ex7c", answer: "0.7749179517665642, 0.7753788447723008, 0.7753789277309409, 0.7771561172376096",
             verdict: "correct", mistake: nil),
        Case(reference: "ex7c", answer: "0.8238651297705746, 0.7753837428959, 0.7753786501751, 0.777156", verdict: "incorrect",
             mistake: "used_forward_difference", feedback: "Value 1 (h = 0.1) is the forward-difference estimate"),
        Case(reference: "ex7c", answer: "0.7753788, 0.7753788, 0.7753788, 0.7753788", verdict: "incorrect",
             mistake: "reported_exact_value", feedback: "Value 1 (h = 0.1) is the exact derivative"),
        // The content's own mistakes for number parts, named by value.
        Case(reference: "ex4c", answer: "0.104994", verdict: "incorrect", mistake: "forgot_power"),
        Case(reference: "ex4c", answer: "0.25^10", verdict: "incorrect", mistake: "used_max_slope"),
        Case(reference: "ex7c", answer: "0.774918, 0.775379, 0.775379, 0.775379", verdict: "incorrect", mistake: "reported_exact_value"),
        // Duplicates are named as such, not as wrong points.
        Case(reference: "ex5a", answer: "x=0: min; x=0: min", verdict: "incorrect", mistake: "duplicate", feedback: "x = 0 is given more than once."),
        // A precedence reading is pointed out, with no rule's tag.
        Case(reference: "ex1b", answer: "√x e^x + e^x/2√x", verdict: "incorrect", mistake: nil,
             feedback: "Read as sqrt(x)*e^x + e^x*sqrt(x)/2; did you mean √x e^x + e^x/(2√x)?"),
        Case(reference: "ex1b", answer: "e^x(1 + 2x)/2x^(1/2)", verdict: "incorrect", mistake: nil,
             feedback: "did you mean e^x(1 + 2x)/(2x^(1/2))?"),
        Case(reference: "ex4a", answer: "e^-x/(1 + 2e^-x + e^-x^2)", verdict: "incorrect", mistake: nil,
             feedback: "Read as e^(-x)/(1 + 2*e^(-x) + e^(-x^2)); did you mean e^-x/(1 + 2e^-x + (e^-x)^2)?"),
    ]

    @Test(arguments: cases)
    func gradesAsAnInstructorWould(_ c: Case) throws {
        let cli = try SubmitFlowTests.prepared()
        defer { cli.cleanUp() }
        let path = try cli.write("answer.txt", c.answer)
        let result = try cli.course("submit", c.reference, path, "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let parts = try #require(try SubmitFlowTests.json(result)["parts"] as? [[String: Any]])
        let part = try #require(parts.first)
        #expect(part["verdict"] as? String == c.verdict, "\(part)")
        #expect(part["mistake"] as? String == c.mistake, "\(part)")
        if let feedback = c.feedback {
            #expect((part["feedback"] as? String ?? "").contains(feedback), "\(part)")
        }
    }

    @Test func aCounterexamplePrintsBothValuesWithDigitsEnoughToDiffer() throws {
        let cli = try SubmitFlowTests.prepared()
        defer { cli.cleanUp() }
        for (reference, answer) in [("ex1a", "12x^3 - 4.0001x"), ("ex2a", "3x^2 cos(x^3) + 0.000001"), ("drill1", "5x^4 - 9x^2 + 2.00000001")] {
            let result = try cli.course("submit", reference, try cli.write("c.txt", answer), "--json")
            let part = try #require((try SubmitFlowTests.json(result)["parts"] as? [[String: Any]])?.first)
            let feedback = try #require(part["feedback"] as? String)
            let given = try #require(feedback.components(separatedBy: "your answer gives ").last?.components(separatedBy: ", but").first)
            let right = try #require(feedback.components(separatedBy: "the right value is ").last?.components(separatedBy: " (").first)
            let difference = try #require(feedback.components(separatedBy: "(a difference of ").last?.components(separatedBy: ")").first)
            #expect(given != right, "\(feedback)")
            let (a, b, d) = (try #require(Double(given)), try #require(Double(right)), try #require(Double(difference)))
            #expect(a != b && d != 0, "\(feedback)")
            // The printed values are rounded, but their difference has the printed difference's sign and size.
            #expect((a - b).sign == d.sign && abs((a - b) - d) <= abs(d), "\(feedback)")
        }
    }

    @Test func estimatePromptsStateEachSlotsTolerance() throws {
        let cli = try SubmitFlowTests.prepared()
        defer { cli.cleanUp() }
        let ex7 = try cli.course("show", "ex7").stdout
        #expect(ex7.contains("Accepted within: 1st a relative 1e-06 plus ±1e-09, 2nd a relative 1e-06 plus ±1e-09, 3rd ±5e-06, 4th ±0.12."), "\(ex7)")
        #expect(ex7.contains("For the 2nd, 3rd, 4th values round-off"), "\(ex7)")
        let ex4 = try cli.course("show", "ex4").stdout
        #expect(ex4.contains("Give at least 7 significant digits"), "\(ex4)")
        #expect(ex4.contains("Report what float64 computes"), "\(ex4)")
    }

    @Test func anAnswerThatDidNotTakeTheLimitIsAWrongAttemptThatCounts() throws {
        let cli = try SubmitFlowTests.prepared()
        defer { cli.cleanUp() }
        let result = try cli.course("submit", "fp1b", try cli.write("l.txt", "2x + h"), "--json")
        let part = try #require((try SubmitFlowTests.json(result)["parts"] as? [[String: Any]])?.first)
        #expect(part["verdict"] as? String == "incorrect")
        #expect(part["stored"] as? Bool == true && part["counted"] as? Bool == true, "\(part)")
        #expect(!(part["feedback"] as? String ?? "").contains("unknown name"), "\(part)")
        #expect(try cli.course("history", "fp1").stdout.contains("incorrect"))
    }

    /// `import seeds` on a copy of Seeds/ with one edit: refused, with the message's gist.
    @Test(arguments: [
        ("09-fp1.yaml", "    key: \"2*x + h\"", "    key: \"((x + h)^2 - x^2)/h\"", "is not itself simplified"),
        ("04-ex4.yaml", "    significant_digits: 7\n    objectives: {finite-differences", "    significant_digits: 6\n    objectives: {finite-differences",
         "the forward-difference estimate"),
        ("07-ex7.yaml", "{rel: 0, abs: 0.12}", "{rel: 0, abs: 0.05}", "narrower than the estimate's round-off band"),
        ("07-ex7.yaml", "        tolerance: {rel: 1.0e-5, abs: 0}", "        tolerance: {rel: 3.0e-3, abs: 0}",
         "could match what a correct float64 program computes"),
    ])
    func importRefusesAKeyOutOfItsForm(_ file: String, _ old: String, _ new: String, _ says: String) throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let seeds = cli.folder.appending(path: "Seeds")
        try FileManager.default.copyItem(at: CLI.packageRoot.appending(path: "Seeds"), to: seeds)
        let url = seeds.appending(path: "exercises").appending(path: file)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains(old))
        try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
        let imported = try cli.admin("import", "seeds", seeds.path)
        #expect(imported.status != 0)
        #expect(imported.stderr.contains(says), "\(imported.stderr)")
        #expect(imported.stderr.contains(file), "\(imported.stderr)")
    }

    @Test func feedbackStatesEachMessageOnce() throws {
        let cli = try SubmitFlowTests.prepared()
        defer { cli.cleanUp() }
        let path = try cli.write("answer.txt", "x = 1: min")
        let result = try cli.course("submit", "ex5a", path, "--json")
        let part = try #require((try SubmitFlowTests.json(result)["parts"] as? [[String: Any]])?.first)
        let feedback = try #require(part["feedback"] as? String)
        let sentences = feedback.split(separator: ".").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        #expect(Set(sentences).count == sentences.count, "\(feedback)")
        #expect(!feedback.contains("You are missing a critical point"), "\(feedback)")
    }

    @Test func scoreLineCountsGradedPartsAndListsTheOthers() throws {
        let cli = try SubmitFlowTests.prepared()
        defer { cli.cleanUp() }
        let path = try cli.write("answer.txt", "a) 12x^3 - 4x\nb) e^x (\nc) 1")
        let text = try cli.course("submit", "ex1", path).stdout
        #expect(text.contains("Score: 1/2 graded parts right (50%); 1 syntax error (not graded)."), "\(text)")
        let proof = try cli.write("proof.txt", "By the Mean Value Theorem ...")
        let pending = try cli.course("submit", "ex6", proof).stdout
        #expect(pending.contains("Score: no part graded yet; 1 waiting for review."), "\(pending)")
    }

    /// p(known) and the mastered flag of one objective after a submission.
    static func mastery(_ cli: CLI, _ reference: String, _ text: String, objective: String) throws -> (Double, Bool) {
        let path = try cli.write("answer-\(UUID().uuidString.prefix(6)).txt", text)
        let object = try SubmitFlowTests.json(try cli.course("submit", reference, path, "--json"))
        let changes = try #require(object["mastery"] as? [[String: Any]])
        let change = try #require(changes.first { $0["objective"] as? String == objective })
        return (try #require(change["after"] as? Double), try #require(change["mastered"] as? Bool))
    }

    struct Script: CustomTestStringConvertible, Sendable {
        var name: String
        var steps: [(String, String)]
        /// The last `gainless` steps must not raise p(known).
        var gainless: Int
        var masteredAtEnd: Bool
        var testDescription: String { name }
    }

    static let scripts: [Script] = [
        Script(name: "copying the key gains nothing", steps: [
            ("drill3", "10(2x+1)^9"), ("drill3", "2(2x+1)^9"), ("drill3", "(2x+1)^9"),
            ("drill3", "20*(2*x + 1)^9"),
        ], gainless: 1, masteredAtEnd: false),
        Script(name: "re-spelled repeats gain nothing", steps: [
            ("drill3", "20*(2*x + 1)^9"), ("drill3", "20(2x+1)^9"), ("drill3", "20 (1 + 2x)^9"),
        ], gainless: 2, masteredAtEnd: false),
        Script(name: "one perfect exercise is not mastery", steps: [
            ("ex1", "a) 12x^3 - 4x\nb) e^x sqrt(x) + e^x/(2 sqrt(x))\nc) (x^2 - 2x - 1)/(x - 1)^2"),
        ], gainless: 0, masteredAtEnd: false),
    ]

    @Test(arguments: scripts)
    func masteryMeasuresTheLearner(_ script: Script) throws {
        let cli = try SubmitFlowTests.prepared()
        defer { cli.cleanUp() }
        var trace: [Double] = []
        var mastered = false
        for (reference, text) in script.steps {
            let (p, flag) = try Self.mastery(cli, reference, text, objective: "differentiation-rules")
            trace.append(p)
            mastered = flag
        }
        for index in trace.indices.suffix(script.gainless) where index > 0 {
            #expect(trace[index] <= trace[index - 1], "\(trace)")
        }
        #expect(mastered == script.masteredAtEnd, "\(trace)")
    }

    @Test func answersAfterTheKeyAreStoredNotCountedAndShownInHistory() throws {
        let cli = try SubmitFlowTests.prepared()
        defer { cli.cleanUp() }
        for wrong in ["10(2x+1)^9", "2(2x+1)^9", "(2x+1)^9"] {
            _ = try Self.mastery(cli, "drill3", wrong, objective: "differentiation-rules")
        }
        let path = try cli.write("key.txt", "20*(2*x + 1)^9")
        let object = try SubmitFlowTests.json(try cli.course("submit", "drill3", path, "--json"))
        let part = try #require((object["parts"] as? [[String: Any]])?.first)
        #expect(part["stored"] as? Bool == true)
        #expect(part["counted"] as? Bool == false)
        let history = try cli.course("history", "drill3").stdout
        #expect(history.contains("(after the key was shown)"), "\(history)")
        #expect(history.contains("not counted"), "\(history)")
    }

    @Test func twoDifferentExercisesRightAtFirstTryCanBeMastery() throws {
        let cli = try SubmitFlowTests.prepared()
        defer { cli.cleanUp() }
        var mastered = false
        for (reference, text) in [
            ("ex1", "a) 12x^3 - 4x\nb) e^x sqrt(x) + e^x/(2 sqrt(x))\nc) (x^2 - 2x - 1)/(x - 1)^2"),
            ("drill1", "5x^4 - 9x^2 + 2"), ("drill2", "4x/(x^2+1)^2"), ("drill3", "20(2x+1)^9"),
            ("drill4", "2x e^(-x) - x^2 e^(-x)"), ("drill5", "cos(x)/sin(x)"), ("drill6", "e^x/(1+e^(2x))"),
        ] {
            (_, mastered) = try Self.mastery(cli, reference, text, objective: "differentiation-rules")
        }
        #expect(mastered)
    }

    @Test func reviewDecisionAndCommentReachTheLearner() throws {
        let cli = try SubmitFlowTests.prepared()
        defer { cli.cleanUp() }
        let proof = try cli.write("proof.txt", "By the Mean Value Theorem, sin a − sin b = cos(c)(a − b) ...")
        #expect(try cli.course("submit", "ex6", proof).status == 0)
        let decided = try cli.admin("review", "decide", "ex6", "--learner", "ada", "--accept", "--comment", "Clear use of the theorem.")
        #expect(decided.status == 0, "\(decided.stderr)")
        let next = try cli.course("progress").stdout
        #expect(next.contains("Reviewed: Your answer to ex6 was accepted"), "\(next)")
        #expect(next.contains("Clear use of the theorem."), "\(next)")
        #expect(!(try cli.course("progress").stdout.contains("Reviewed:")), "told once")
        #expect(try cli.course("show", "ex6").stdout.contains("Clear use of the theorem."))
        #expect(try cli.course("history").stdout.contains("Clear use of the theorem."))
    }
}
