import ArgumentParser
import CourseCLI
import CourseModels
import Foundation
import CourseService

struct SubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Grade an answer file for an exercise (ex4) or one part of it (ex4b).",
        discussion: """
            The answer file holds one part per line, labelled a), (a) or a: (a single-part \
            exercise takes the whole file). Blank lines and lines starting with # are ignored; \
            'course show EXERCISE' shows an example. Use - to read the answer from standard input.
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var learnerOptions: LearnerOptions

    @Argument(help: "The exercise (ex4) or one part (ex4b).")
    var exercise: String

    @Argument(help: "The answer file, or - for standard input.")
    var file: String

    @Flag(name: .long, help: "Print the result as one JSON object.")
    var json = false

    func run() throws {
        let store = try database.openStore()
        let learner = try learnerOptions.current(in: store)
        let data = try readAnswerFile(file)
        let result = try CourseService(store: store).submit(learner: learner, reference: exercise, file: data)
        if json {
            print(result.json)
        } else {
            print(SubmissionReport(result: result, terminal: .standard).text, terminator: "")
        }
    }
}

/// Reads the answer file (or standard input for `-`).
/// - Throws: `CommandFailure` saying why the file cannot be read.
func readAnswerFile(_ path: String) throws -> Data {
    if path == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw CommandFailure("the answer file '\(path)' does not exist: check the path")
    }
    guard !isDirectory.boolValue else {
        throw CommandFailure("'\(path)' is a folder, not an answer file: name the file itself")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
        throw CommandFailure("the answer file '\(path)' cannot be read: check its permissions")
    }
    return data
}

/// The human form of a submission result.
struct SubmissionReport {
    let result: SubmissionResult
    let terminal: Terminal

    var text: String {
        var out = terminal.bold("\(result.exercise) — \(result.title)") + " (\(result.learner))\n"
        for part in result.parts {
            let label = part.part.isEmpty ? "answer" : "\(part.part))"
            let mark: String
            switch part.verdict {
            case .correct: mark = terminal.check
            case .incorrect: mark = terminal.cross
            case .syntaxError: mark = terminal.cross + " syntax error"
            case .pendingReview: mark = "… waiting for review"
            }
            out += "  \(label) \(mark)"
            if let readAs = part.readAs { out += "  read as \(readAs)" }
            out += "\n"
            if part.identicalToLast && result.stored {
                out += "     Same as your last answer to this part: not counted again.\n"
            }
            if !part.feedback.isEmpty, part.verdict != .correct || part.identicalToLast == false && part.verdict != .correct {
                out += indent(part.feedback, by: 5)
            }
            if let mistake = part.mistake { out += terminal.dim("     [\(mistake)]") + "\n" }
            if let key = part.key { out += "     The key: \(key)\n" }
        }
        if !result.stored {
            out += "Preview only: nothing was stored and your mastery did not move. Submit with 'course submit \(result.exercise)\(result.selectedPart ?? "") FILE'.\n"
        }
        let graded = result.parts.filter { $0.verdict == .correct || $0.verdict == .incorrect }
        let right = graded.filter { $0.verdict == .correct }.count
        out += "Score: \(right)/\(graded.count) parts right (\(percent(result.score)))\n"
        if !result.mastery.isEmpty {
            out += "Mastery:\n"
            for change in result.mastery {
                let arrow = change.after > change.before ? "↑" : (change.after < change.before ? "↓" : "=")
                let done = change.mastered ? " " + terminal.check + " mastered" : ""
                out += "  \(change.title): \(percent(change.before)) → \(percent(change.after)) \(arrow)\(done)\n"
            }
        }
        return out
    }
}

