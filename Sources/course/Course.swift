import ArgumentParser
import CourseCLI
import Foundation

/// The learner's command: log in, read exercises, submit answers, follow progress.
@main
struct Course: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "course",
        abstract: "Work through the Derivatives and Differentiation section.",
        version: ProgramVersion.text,
        subcommands: [
            LoginCommand.self, ExercisesCommand.self, ShowCommand.self, StartCommand.self, CheckCommand.self,
            SubmitCommand.self, PracticeCommand.self, ProgressCommand.self, HistoryCommand.self, SyncCommand.self, DeviceCommand.self,
        ]
    )

    /// Parses and runs the command line; errors are rendered once, by `CommandRunner`.
    static func main() {
        Foundation.exit(CommandRunner.run(Course.self, arguments: Array(CommandLine.arguments.dropFirst()), plain: plainSubcommands))
    }

    /// The subcommands whose plain lines skip argument-parser: the two a learner runs on
    /// every answer (see `PlainCommandLine`).
    static var plainSubcommands: [any PlainlyParsableCommand.Type] {
        [SubmitCommand.self, CheckCommand.self]
    }
}
