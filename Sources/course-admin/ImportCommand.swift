import ArgumentParser
import CourseCLI
import CourseStore
import Foundation
import Content
import CourseService

/// `course-admin import`: bring content into the database.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import course content into the database.",
        subcommands: [Seeds.self]
    )

    /// `course-admin import seeds [DIR]`: validate the seed folder, then upsert its objectives
    /// and exercises.
    struct Seeds: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "seeds",
            abstract: "Check every key of the seed files, then import their objectives and exercises.",
            discussion: """
                Nothing is written unless every file is valid; each problem is printed on its own \
                line as FILE:LINE:COLUMN: PATH: message. Importing the same folder twice changes \
                nothing; attempts at an exercise whose key changed are marked for regrading.
                """
        )

        @Argument(help: "The seed folder (default: Seeds/ found from the working directory upwards, or beside this tool's package).")
        var directory: String?

        @Flag(help: "Validate and report what would change, without writing to the database.")
        var dryRun = false

        @Flag(help: "Print the report as JSON.")
        var json = false

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let folder: URL
            if let directory {
                folder = URL(fileURLWithPath: directory).standardizedFileURL
            } else if let found = SeedLocator.defaultDirectory() {
                folder = found
            } else {
                throw CommandFailure("no Seeds/ folder found here, above here, or beside this tool's package; give the folder: course-admin import seeds DIR")
            }
            guard FileManager.default.fileExists(atPath: folder.path) else {
                throw CommandFailure("the seed folder \(folder.path) does not exist; give an existing folder.")
            }
            let report: ImportReport
            do {
                report = try SeedImporter(directory: folder).importInto(databaseAt: database.location, dryRun: dryRun)
            } catch let error as SeedError {
                let summary = "\(error.problems.count) problem\(error.problems.count == 1 ? "" : "s") in \(folder.path); nothing was written. Fix them and run the import again."
                if json {
                    // One JSON object on standard output: the problems and the error together.
                    print(Self.encode(SeedFailure(error: summary, problems: error.problems)))
                    throw ExitCode.failure
                }
                printError(error.description)
                throw CommandFailure(summary)
            }
            print(json ? Self.encode(report) : report.description)
        }

        static func encode<T: Encodable>(_ value: T) -> String { encodeJSON(value) }

        /// The `--json` form of a refused import.
        struct SeedFailure<Problem: Encodable>: Encodable {
            var error: String
            var problems: [Problem]
        }
    }
}
