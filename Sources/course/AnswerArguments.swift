import ArgumentParser

/// What `submit` and its preview `check` are given: the exercise (or one part) and the file
/// holding the answers, declared once so the two commands cannot drift apart.
struct AnswerArguments: ParsableArguments {
    @Argument(help: "The exercise (ex4), one part (ex4b), practice, or a practice item's id (p-…).")
    var exercise: String

    @Argument(help: "The answer file, or - for standard input.")
    var file: String
}
