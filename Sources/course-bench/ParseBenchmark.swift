import ArgumentParser
import CalculusCore

/// `course-bench parse`: parses the given answers `--times` times over, for instruction counts.
///
/// Run under callgrind twice, with `--times N` and `--times 0`: the difference divided by
/// N·(number of answers) is the parser's cost per answer, start-up excluded
/// (`scripts/instructions.sh` does this).
struct ParseBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse answers repeatedly (for instruction counts per parse under callgrind)."
    )

    @Argument(help: "The answers to parse, e.g. \"3x^2*sin(x) + e^(2x)\".")
    var answers: [String]

    @Option(help: "How many times to parse each answer.")
    var times = 1_000

    @Option(name: .customLong("var"), help: "The variables in play, comma-separated.")
    var variables = "x"

    @Flag(help: "Parse as a learner's answer (bare function arguments allowed).")
    var learner = false

    func run() throws {
        let names = Set(variables.split(separator: ",").map(String.init))
        let parser = learner ? Parser.learner(variables: names) : Parser(variables: names)
        for answer in answers {
            do { _ = try parser.parse(answer) } catch {
                throw ValidationError("cannot parse '\(answer)': \(error.description)")
            }
        }
        // Read once: a property wrapper's getter in the loop would be counted as parsing.
        let answers = self.answers
        // Only the parse is counted: the result is kept alive by testing it, not walked (a walk
        // of the tree, such as counting its nodes, added about 450 instructions per parse).
        var parsed = 0
        for _ in 0..<times {
            for answer in answers where (try? parser.parse(answer)) != nil { parsed &+= 1 }
        }
        print("parsed \(answers.count) answers \(times) times: \(parsed) parses")
    }
}
