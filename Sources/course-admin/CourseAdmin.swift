import ArgumentParser

/// The instructor's command: the calculator, content import, learners, reviews and reports.
@main
struct CourseAdmin: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "course-admin",
        abstract: "Author, import and oversee the Derivatives and Differentiation section.",
        subcommands: [
            CalcCommand.self, ImportCommand.self, LearnersCommand.self, ReviewCommand.self,
            ReportCommand.self, RegradeCommand.self, SyncCommand.self,
        ]
    )
}
