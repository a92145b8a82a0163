import Foundation
import Testing

/// The learner's main job, run through the built binaries: import the content, log in, submit
/// right and wrong answers to every exercise and answer kind, read the results.
struct SubmitFlowTests {
    /// A fresh machine with the seeds imported and `ada` logged in.
    static func prepared() throws -> CLI {
        let cli = try CLI()
        let seeds = CLI.packageRoot.appending(path: "Seeds").path
        let imported = try cli.admin("import", "seeds", seeds)
        #expect(imported.status == 0, "import failed: \(imported.stderr)")
        #expect(try cli.course("login", "ada").status == 0)
        return cli
    }

    static func json(_ result: CLI.Result) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        return try #require(object as? [String: Any], "not a JSON object: \(result.stdout) \(result.stderr)")
    }

    /// Submits `text` for `exercise` with --json and returns verdict per part.
    static func verdicts(_ cli: CLI, _ exercise: String, _ text: String) throws -> [String: String] {
        let path = try cli.write("answer-\(UUID().uuidString.prefix(6)).txt", text)
        let result = try cli.course("submit", exercise, path, "--json")
        #expect(result.status == 0, "\(exercise): \(result.stderr)")
        let object = try json(result)
        let parts = try #require(object["parts"] as? [[String: Any]])
        var verdicts: [String: String] = [:]
        for part in parts {
            verdicts[try #require(part["part"] as? String)] = try #require(part["verdict"] as? String)
        }
        return verdicts
    }

    static func centered(_ h: Double) -> Double {
        func f(_ x: Double) -> Double { x * log(x + exp(-x)) }
        return (f(1 + h) - f(1 - h)) / (2 * h)
    }

    static let rightAnswers: [(String, String)] = [
        ("ex1", "a) 12x³ − 4x\nb) e^x (1 + 2x)/(2√x)\n(c) (x^2 - 2x - 1)/(x-1)^2\n"),
        ("ex2", "a: 3x^2 cos(x^3)\nb) f'(x) = -sin(x)/cos(x)\nc) 20x(1+x²)^9\nd) exp(sin(x))·cos(x)\n"),
        ("ex3", "dy/dx = (x^2 - 2y)/(2x - y^2)\n"),
        ("ex4", "a) e^(-x)/(1+e^(-x))^2\nb) 0.1049936, 0.25, 0.1049936\nc) 1.63e-10\n"),
        ("ex5", "a) x = 0: local minimum\nb) 0\nc) 96\n"),
        ("ex7", """
            # gradient checking
            a) ln(x + e^-x) + x(1 - e^(-x))/(x + e^(-x))
            b) 0.7753788
            c) \(centered(1e-1)), \(centered(1e-5)), \(centered(1e-10)), \(centered(1e-15))
            d) 1e-5
            """),
        ("ex8", """
            a) ∂L/∂w2 = (w2 σ(w1 x) - y) σ(w1 x)
            b) (w2*sigmoid(w1*x) - y)*w2*sigmoid(w1*x)*(1 - sigmoid(w1*x))*x
            c) 0.4554122
            """),
        ("fp1", "a) 2x + h\nb) 2x\nc) 6.1, 6.001\n"),
        ("fp2", "a) -1/(x^2 + x h)\nb) -x^-2\nc) 2\n"),
        ("drill1", "5x^4 - 9x^2 + 2"),
        ("drill2", "4x/(x²+1)²"),
        ("drill3", "20(2x+1)^9"),
        ("drill4", "2x e^(-x) - x^2 e^(-x)"),
        ("drill5", "cos(x)/sin(x)"),
        ("drill6", "e^x/(1+e^(2x))"),
        ("drill7", "x^sin(x) (cos(x) ln(x) + sin(x)/x)"),
        ("drill8", "1/(2sqrt(x+1)(x^2+3)) - 2x sqrt(x+1)/(x^2+3)^2"),
        ("td1", "a) 0.5\nb) 0.07776, -5.37824\nc) 0\n"),
    ]

    @Test func rightAnswersToEveryExerciseAreAccepted() throws {
        let cli = try Self.prepared()
        defer { cli.cleanUp() }
        for (exercise, text) in Self.rightAnswers {
            let verdicts = try Self.verdicts(cli, exercise, text)
            #expect(!verdicts.isEmpty, "\(exercise): nothing graded")
            for (part, verdict) in verdicts {
                #expect(verdict == "correct", "\(exercise)\(part) judged \(verdict)")
            }
        }
    }

    static let wrongAnswers: [(String, String, [String: String])] = [
        ("ex1", "a) 12x^3 - 4\nb) e^x/(2√x)\nc) (x^2 + 2x + 1)/(x - 1)^2\n", [:]),
        ("ex2", "a) cos(x^3)\nb) tan(x)\nc) 10(1 + x^2)^9\nd) exp(sin(x))\n",
         ["a": "chain_missing_inner", "c": "chain_missing_inner"]),
        ("ex3", "(2y - x^2)/(y^2 + 2x)", [:]),
        ("ex4", "a) sigmoid(x)\nb) 0.1, 0.25, 0.1\nc) 0.25\n", [:]),
        ("ex5", "a) x = 0: local maximum\nb) -1\nc) 97\n", [:]),
        ("ex7", "a) log(x + exp(-x))\nb) 0.78\nc) 1, 2, 3, 4\nd) 1e-15\n", [:]),
        ("ex8", "a) (w2*sigmoid(w1*x) - y)\nb) (w2*sigmoid(w1*x) - y)*w2*x\nc) 0.5\n", [:]),
        ("drill1", "5x^4 - 9x^2 + 2.0001", [:]),
        ("drill3", "10(2x+1)^9", ["": "chain_missing_inner"]),
    ]

    @Test func wrongAnswersAreRejectedWithTheirMistakeNamed() throws {
        let cli = try Self.prepared()
        defer { cli.cleanUp() }
        for (exercise, text, mistakes) in Self.wrongAnswers {
            let path = try cli.write("wrong-\(exercise).txt", text)
            let result = try cli.course("submit", exercise, path, "--json")
            #expect(result.status == 0)
            let parts = try #require(try Self.json(result)["parts"] as? [[String: Any]])
            for part in parts {
                let label = try #require(part["part"] as? String)
                #expect(part["verdict"] as? String == "incorrect", "\(exercise)\(label) accepted a wrong answer")
                #expect((part["feedback"] as? String)?.isEmpty == false)
                if let expected = mistakes[label] {
                    #expect(part["mistake"] as? String == expected, "\(exercise)\(label): \(part)")
                }
            }
        }
    }

    @Test func humanOutputShowsMarksReadAsFeedbackScoreAndMastery() throws {
        let cli = try Self.prepared()
        defer { cli.cleanUp() }
        let path = try cli.write("ex2.txt", "a) 3x^2 cos(x^3)\nb) tan(x)\n")
        let result = try cli.course("submit", "ex2", path)
        #expect(result.status == 0)
        #expect(result.stdout.contains("a) ✓  read as 3*x^2*cos(x^3)"))
        #expect(result.stdout.contains("b) ✗  read as tan(x)"))
        #expect(result.stdout.contains("Score: 1/2"))
        #expect(result.stdout.contains("→"))
        let progress = try cli.course("progress")
        #expect(progress.stdout.contains("Next: course show"))
        let history = try cli.course("history", "ex2")
        #expect(history.stdout.contains("ex2a") && history.stdout.contains("correct"))
        #expect(history.stdout.contains("ex2b") && history.stdout.contains("incorrect"))
    }

    @Test func showAndExercisesReflectWhatTheLearnerDid() throws {
        let cli = try Self.prepared()
        defer { cli.cleanUp() }
        let before = try cli.course("show", "drill1")
        #expect(before.status == 0)
        #expect(before.stdout.contains("Answer file"))
        #expect(!before.stdout.contains("hint:"))
        _ = try cli.course("submit", "drill1", try cli.write("w.txt", "5x^4"))
        let after = try cli.course("show", "drill1")
        #expect(after.stdout.contains("hint:"))
        let list = try cli.course("exercises")
        let drill1 = try #require(list.stdout.split(separator: "\n").first { $0.hasPrefix("drill1") })
        #expect(drill1.contains("in progress"))
        #expect(list.stdout.split(separator: "\n").contains { $0.hasPrefix("ex1 ") && $0.contains("not started") })
        _ = try cli.course("submit", "drill1", try cli.write("r.txt", "5x^4 - 9x^2 + 2"))
        let done = try cli.course("exercises")
        #expect(done.stdout.split(separator: "\n").contains { $0.hasPrefix("drill1") && $0.contains("done") })
    }

    @Test func syntaxErrorShowsTheCaretAndDoesNotCountAgainstMastery() throws {
        let cli = try Self.prepared()
        defer { cli.cleanUp() }
        let path = try cli.write("bad.txt", "sinx^2 +")
        let human = try cli.course("submit", "drill1", path)
        #expect(human.status == 0)
        #expect(human.stdout.contains("syntax error"))
        #expect(human.stdout.contains("^"))
        let result = try cli.course("submit", "drill1", path, "--json")
        let object = try Self.json(result)
        let part = try #require((object["parts"] as? [[String: Any]])?.first)
        #expect(part["verdict"] as? String == "syntax-error")
        let mastery = try #require(object["mastery"] as? [[String: Any]])
        for change in mastery {
            #expect(change["before"] as? Double == change["after"] as? Double)
        }
    }

    @Test func onePartCanBeSubmittedAlone() throws {
        let cli = try Self.prepared()
        defer { cli.cleanUp() }
        let verdicts = try Self.verdicts(cli, "ex4b", "0.1049936, 0.25, 0.1049936")
        #expect(verdicts == ["b": "correct"])
        let stdin = try cli.course("submit", "drill2", "-", "--json", stdin: "4x/(x^2+1)^2")
        #expect(try Self.json(stdin)["score"] as? Double == 1)
    }

    @Test func repeatedAnswerIsReportedAndNotCountedTwice() throws {
        let cli = try Self.prepared()
        defer { cli.cleanUp() }
        let path = try cli.write("d.txt", "5x^4")
        _ = try cli.course("submit", "drill1", path)
        let again = try Self.json(try cli.course("submit", "drill1", path, "--json"))
        let part = try #require((again["parts"] as? [[String: Any]])?.first)
        #expect(part["identical_to_last"] as? Bool == true)
        let history = try cli.course("history", "drill1")
        #expect(history.stdout.split(separator: "\n").count == 1)
    }

    @Test func badFilesAreRefusedAndNothingIsStored() throws {
        let cli = try Self.prepared()
        defer { cli.cleanUp() }
        let cases: [(String, Data, String)] = [
            ("empty.txt", Data(), "empty"),
            ("latin1.txt", Data([0x61, 0x29, 0x20, 0xE9, 0xFF, 0x0A]), "UTF-8"),
            ("huge.txt", Data(String(repeating: "x+", count: 40_000).utf8), "64"),
            ("labels.txt", Data("a) 1\nz) 2\n".utf8), "z"),
            ("twice.txt", Data("a) 12x^3\na) 4x\n".utf8), "again"),
        ]
        for (name, data, needle) in cases {
            let path = try cli.writeData(name, data)
            let result = try cli.course("submit", name == "huge.txt" ? "drill1" : "ex1", path)
            #expect(result.status != 0, "\(name) was accepted")
            #expect(result.stderr.contains(needle), "\(name): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(name): \(result.stderr)")
        }
        #expect(try cli.course("submit", "ex99", "x.txt").status != 0)
        #expect(try cli.course("submit", "ex1z", try cli.write("p.txt", "1")).status != 0)
        #expect(try cli.course("submit", "ex1", cli.folder.appending(path: "missing.txt").path).stderr.contains("does not exist"))
        #expect(try cli.course("history").stdout.contains("You have no attempts yet"))
    }

    @Test func commandsSayHowToChooseALearner() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        #expect(try cli.admin("import", "seeds", CLI.packageRoot.appending(path: "Seeds").path).status == 0)
        let result = try cli.course("progress")
        #expect(result.status != 0)
        #expect(result.stderr.contains("course login"))
    }

    @Test func manualReviewReportAndRegradeFlows() throws {
        let cli = try Self.prepared()
        defer { cli.cleanUp() }
        let proof = try cli.write("proof.txt", "By the MVT, sin a - sin b = cos(c)(a - b) for some c, and |cos c| <= 1.\n")
        let submitted = try Self.json(try cli.course("submit", "ex6", proof, "--json"))
        #expect((submitted["parts"] as? [[String: Any]])?.first?["verdict"] as? String == "pending-review")
        let list = try cli.admin("review", "list")
        #expect(list.stdout.contains("ex6") && list.stdout.contains("ada"))
        let accepted = try cli.admin("review", "ex6", "--learner", "ada", "--accept", "--comment", "Good.")
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(try cli.admin("review", "list").stdout.contains("Nothing is waiting"))
        let history = try cli.course("history", "ex6")
        #expect(history.stdout.contains("accepted"))

        _ = try Self.verdicts(cli, "drill1", "5x^4 - 9x^2")
        let csv = try cli.admin("report", "--format", "csv")
        #expect(csv.stdout.hasPrefix("learner,attempts,mean_score"))
        #expect(csv.stdout.contains("ada,"))
        let json = try cli.admin("report", "--format", "json")
        #expect(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) is [String: Any])
        #expect(try cli.admin("report").stdout.contains("ada"))

        let regrade = try cli.admin("regrade", "--exercise", "drill1")
        #expect(regrade.status == 0)
        #expect(regrade.stdout.contains("Re-graded"))
    }
}
