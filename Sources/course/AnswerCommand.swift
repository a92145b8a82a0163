import ArgumentParser
import CourseCLI

/// `submit` and its preview `check`: both take the exercise (or one part), the answer file,
/// `--db`, `--learner` and `--json`, and read a plain line of them the same way.
///
/// Why the two commands declare their arguments and options flat instead of as option groups
/// (`@OptionGroup var answer: AnswerArguments`): at start-up argument-parser reflects every
/// group (a `Mirror` of it) and checks at run time which protocols the group and each of its
/// property-wrapper types conform to. Each first check of a type scans all of the binary's
/// ~4,900 protocol-conformance records, about 190 k instructions. Three groups fewer took
/// `course submit ex1` from 21.4 M to 18.6 M instructions (callgrind, `scripts/instructions.sh
/// submit`); the other commands, where a person does not wait on every answer, keep their groups.
protocol AnswerCommand: PlainlyParsableCommand {
    var db: String? { get set }
    var learner: String? { get set }
    var exercise: String { get set }
    var file: String { get set }
    var json: Bool { get set }
}

extension AnswerCommand {
    static var plainShape: PlainCommandShape {
        PlainCommandShape(positionals: 2, options: ["db", "learner"], flags: ["json"])
    }

    static func command(plain line: PlainCommandLine) -> Self {
        var command = Self()
        command.db = line.options["db"]
        command.learner = line.options["learner"]
        command.exercise = line.positionals[0]
        command.file = line.positionals[1]
        command.json = line.flags.contains("json")
        return command
    }
}

/// The help of the two commands' arguments, written once so they cannot drift apart.
enum AnswerArgumentHelp {
    static let exercise: ArgumentHelp = "The exercise (ex4), one part (ex4b), practice, or a practice item's id (p-…)."
    static let file: ArgumentHelp = "The answer file, or - for standard input."
}
