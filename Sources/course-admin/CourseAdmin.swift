import ArgumentParser
import CourseCLI
import Foundation

/// The instructor's command: the calculator, content import, learners, reviews and reports.
@main
struct CourseAdmin: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "course-admin",
        abstract: "Author, import and oversee the Derivatives and Differentiation section.",
        version: ProgramVersion.text,
        subcommands: [
            CalcCommand.self, ImportCommand.self, LearnersCommand.self, ReviewCommand.self,
            ReportCommand.self, PracticeCommand.self, RegradeCommand.self, SyncCommand.self, LRSCommand.self, InstructorCommand.self,
        ]
    )

    /// Parses the command line with expressions that start with a minus sign protected, so that
    /// `calc equiv "-tan(x)" "-sin(x)/cos(x)"` reads two expressions, not two unknown options.
    static func main() {
        let arguments = CommandLine.arguments.dropFirst().map(protectingNegativeExpression)
        Foundation.exit(CommandRunner.run(CourseAdmin.self, arguments: arguments))
    }
}

/// The options that are a dash and one letter; any other word starting with a single `-` is an
/// expression such as `-x^2`, passed on with a leading space (which the expression parser skips).
let shortOptions: Set<String> = ["-h", "-o"]

func protectingNegativeExpression(_ argument: String) -> String {
    guard argument.hasPrefix("-"), !argument.hasPrefix("--"), argument.count > 1,
          !shortOptions.contains(argument) else { return argument }
    return " " + argument
}
