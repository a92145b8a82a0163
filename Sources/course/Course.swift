import ArgumentParser

/// The learner's command: log in, read exercises, submit answers, follow progress.
@main
struct Course: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "course",
        abstract: "Work through the Derivatives and Differentiation section.",
        subcommands: [
            LoginCommand.self, ExercisesCommand.self, ShowCommand.self, SubmitCommand.self,
            ProgressCommand.self, HistoryCommand.self, SyncCommand.self,
        ]
    )
}
