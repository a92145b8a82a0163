import ArgumentParser
import CourseCLI
import Foundation
import CourseModels
import CourseService

/// `course start`: an answer file ready to fill in.
struct StartCommand: ParsableCommand {
    // `_superCommandName`: parsed directly, not through `course` (see `CommandRunner.directSubcommand`).
    static let configuration = CommandConfiguration(
        commandName: "start",
        _superCommandName: "course",
        abstract: "Write an answer file for an exercise with its part labels and each part's format, ready to fill in."
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var learnerOptions: LearnerOptions

    @Argument(help: "The exercise (ex4), one part (ex4b), or a practice item (practice: your current one, or p-…).")
    var exercise: String

    @Option(name: [.short, .customLong("output")], help: "The file to write (default: EXERCISE.txt in this folder; - for standard output).")
    var output: String?

    @Flag(help: "Overwrite the file if it already exists.")
    var force = false

    func run() throws {
        let store = try database.openExistingStore()
        let service = CourseService(store: store)
        // `practice` is the learner's current practice item: only that reference needs a learner.
        let isPractice = exercise.trimmingSpaces.lowercased() == "practice"
        let learner = isPractice ? try learnerOptions.current(in: store) : nil
        let template = try service.answerTemplate(reference: exercise, learner: learner)
        let exerciseID = try service.resolve(exercise, learner: learner).0.id
        let path = output ?? "\(exerciseID).txt"
        if path == "-" { print(template, terminator: ""); return }
        if FileManager.default.fileExists(atPath: path), !force {
            throw CommandFailure("The file \(path) already exists and was left as it is: choose another with -o FILE, or pass --force to overwrite it.")
        }
        do throws(SafeFileError) {
            try SafeFileWriter.write(Array(template.utf8), to: path, replacing: true)
        } catch {
            if case let .cannotWrite(_, reason) = error {
                throw CommandFailure("The answer file \(path) could not be written (\(reason)): check the folder exists and is writable.")
            }
            throw CommandFailure(error.description)
        }
        print("Wrote \(path): fill in each answer, then run 'course submit \(exercise) \(path)' (or 'course check' to preview).")
    }
}
