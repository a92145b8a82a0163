import Foundation
import Testing

/// The instructor's calculator, run as a built binary: its output format is a contract.
struct CalculatorCLITests {
    @Test func diffPrintsTheSimplifiedDerivativeOnOneLine() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let result = try cli.admin("calc", "diff", "3x^4 - 2x^2 + 7")
        #expect(result.status == 0)
        #expect(result.stdout == "12*x^3 - 4*x\n")
        #expect(try cli.admin("calc", "diff", "x^4", "--order", "2").stdout == "12*x^2\n")
        #expect(try cli.admin("calc", "diff", "w1*x", "--var", "w1").stdout == "x\n")
    }

    @Test func equivPrintsAVerdictAndExitsZeroEitherWay() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let yes = try cli.admin("calc", "equiv", "sigmoid(x)*(1-sigmoid(x))", "exp(-x)/(1+exp(-x))^2")
        #expect(yes.status == 0 && yes.stdout == "equivalent\n")
        let no = try cli.admin("calc", "equiv", "2*x", "2.0001*x")
        #expect(no.status == 0 && no.stdout == "not equivalent\n")
        let domain = try cli.admin("calc", "equiv", "log(x^2)", "2*log(x)", "--domain", "0.5,4")
        #expect(domain.stdout == "equivalent\n")
    }

    @Test func expressionsStartingWithAMinusAreExpressionsNotOptions() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let result = try cli.admin("calc", "equiv", "-2*sin(x)/x - 2*cos(x)/x^2", "-(2*x*sin(x) + 2*cos(x))/x^2", "--domain", "1.5,5")
        #expect(result.status == 0 && result.stdout == "equivalent\n", "\(result.stderr)")
        #expect(try cli.admin("calc", "diff", "-x^2").stdout == "-2*x\n")
        #expect(try cli.admin("calc", "equiv", "x", "-x", "--domain", "-1,1").stdout == "not equivalent\n")
    }

    @Test func badInputExitsTwoWithTheErrorOnStandardError() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let result = try cli.admin("calc", "equiv", "2*x", "sinx")
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("unknown name 'sinx' at column 1"))
        #expect(result.stderr.contains("did you mean sin(x)?"))
    }

    @Test func batchModesAnswerOneLinePerItemInOrder() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let input = """
            {"id": "a", "variable": "x", "domain": [0.5, 2], "key": "2*x", "answer": "2x", "function": "x^2", "extra": 1}
            {"id": 2, "variable": "x", "domain": [0.5, 2], "key": "2*x", "answer": "2.0001*x", "function": "sin(x^3)"}
            {"id": "c", "variable": "x", "domain": [0.5, 2], "key": "2*x", "answer": "2x +", "function": "x^"}
            not json
            """
        let path = try cli.write("items.jsonl", input)
        let equiv = try cli.admin("calc", "equiv", "--jsonl", path)
        let lines = equiv.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0] == #"{"id": "a", "equivalent": true}"#)
        #expect(lines[1] == #"{"id": 2, "equivalent": false}"#)
        #expect(lines[2].hasPrefix(#"{"id": "c", "error": ""#))
        #expect(lines[3].contains(#""error""#))
        let diff = try cli.admin("calc", "diff", "--jsonl", "-", stdin: input)
        let diffLines = diff.stdout.split(separator: "\n").map(String.init)
        #expect(diffLines[0] == #"{"id": "a", "derivative": "2*x"}"#)
        #expect(diffLines[1] == #"{"id": 2, "derivative": "3*x^2*cos(x^3)"}"#)
        #expect(diffLines[2].contains(#""error""#))
        for line in lines + diffLines {
            #expect(try JSONSerialization.jsonObject(with: Data(line.utf8)) is [String: Any])
        }
    }

    @Test func batchModeReadsWindowsLineEndings() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let input = "{\"id\": 1, \"key\": \"2*x\", \"answer\": \"2x\"}\r\n{\"id\": 2, \"key\": \"2*x\", \"answer\": \"3x\"}\r\n"
        let result = try cli.admin("calc", "equiv", "--jsonl", "-", stdin: input)
        #expect(result.stdout == "{\"id\": 1, \"equivalent\": true}\n{\"id\": 2, \"equivalent\": false}\n")
    }

    @Test func evalAndSimplify() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        #expect(try cli.admin("calc", "eval", "x^2 + y", "--at", "x=1.5,y=2").stdout == "4.25\n")
        #expect(try cli.admin("calc", "simplify", "x*x^2 + 3x^3").stdout == "4*x^3\n")
        #expect(try cli.admin("calc", "eval", "x + y", "--at", "x=1").status == 2)
    }
}
