import ArgumentParser

/// The help of what `submit` and its preview `check` are given, the exercise (or one part) and
/// the file holding the answers, written once so the two commands cannot drift apart.
///
/// Why the two commands declare their arguments and options flat instead of as option groups
/// (`@OptionGroup var answer: AnswerArguments`): at start-up argument-parser reflects every
/// group (a `Mirror` of it) and checks at run time which protocols the group and each of its
/// property-wrapper types conform to. Each first check of a type scans all of the binary's
/// ~4,900 protocol-conformance records, about 190 k instructions. Three groups fewer took
/// `course submit ex1` from 21.4 M to 18.6 M instructions (callgrind, `scripts/instructions.sh
/// submit`); the other commands, where a person does not wait on every answer, keep their groups.
enum AnswerArgumentHelp {
    static let exercise: ArgumentHelp = "The exercise (ex4), one part (ex4b), practice, or a practice item's id (p-…)."
    static let file: ArgumentHelp = "The answer file, or - for standard input."
}
