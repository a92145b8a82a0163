import ArgumentParser
import CourseCLI
import CourseModels
import Foundation
import CourseService

struct SubmitCommand: AnswerCommand {
    // `_superCommandName`: parsed directly, not through `course` (see `CommandRunner.directSubcommand`).
    static let configuration = CommandConfiguration(
        commandName: "submit",
        _superCommandName: "course",
        abstract: "Grade an answer file for an exercise (ex4), one part of it (ex4b), or a practice item (practice, p-…).",
        discussion: """
            The answer file holds one part per line, labelled a), (a) or a: (a single-part \
            exercise takes the whole file). Blank lines and lines starting with # are ignored; \
            'course show EXERCISE' shows an example. Use - to read the answer from standard input. \
            'practice' is your current practice item (from 'course practice'); an earlier one is \
            named by its id, such as p-3fa9c2e81b04.
            """
    )

    // Flat, not option groups: see `AnswerCommand`.
    @Option(name: .long, help: DatabaseOptions.help)
    var db: String?

    @Option(name: .long, help: LearnerOptions.help)
    var learner: String?

    @Argument(help: AnswerArgumentHelp.exercise)
    var exercise: String

    @Argument(help: AnswerArgumentHelp.file)
    var file: String

    @Flag(name: .long, help: "Print the result as one JSON object.")
    var json = false

    func run() throws {
        let store = try DatabaseOptions(db: db).openStore()
        let learner = try LearnerOptions(learner: self.learner).current(in: store)
        let data = try readAnswerFile(file)
        let result = try CourseService(store: store).submit(learner: learner, reference: exercise, file: data)
        if json {
            print(result.json)
        } else {
            try announceNewReviews(CourseService(store: store), learner: learner)
            print(SubmissionReport(result: result, terminal: .standard).text, terminator: "")
        }
    }
}

/// Reads the answer file (or standard input for `-`).
/// - Throws: `CommandFailure` saying why the file cannot be read.
func readAnswerFile(_ path: String) throws -> Data {
    if path == "-" {
        switch StandardStreams.readInput() {
        case let .success(bytes): return Data(bytes)
        case let .failure(failure):
            throw CommandFailure("standard input could not be read (\(failure.reason)): pass the answer file's path instead of -")
        }
    }
    let kind = PathKind.of(path)
    guard kind != .missing else {
        throw CommandFailure("the answer file '\(path)' does not exist: check the path")
    }
    guard kind != .directory else {
        throw CommandFailure("'\(path)' is a folder, not an answer file: name the file itself")
    }
    switch StandardStreams.readFile(atPath: path) {
    case let .success(bytes): return Data(bytes)
    case let .failure(failure):
        throw CommandFailure("the answer file '\(path)' cannot be read (\(failure.reason)): check its permissions")
    }
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
            if part.keyShownBefore && !part.identicalToLast && result.stored {
                out += "     Stored, but not counted for mastery: the key had been shown to you.\n"
            }
            if !part.feedback.isEmpty, part.verdict != .correct || part.identicalToLast {
                out += indent(part.feedback, by: 5)
            }
            if let mistake = part.mistake { out += terminal.dim("     [\(mistake)]") + "\n" }
            if let key = part.key { out += "     The key: \(key)\n" }
        }
        if !result.stored {
            out += "Preview only: nothing was stored and your mastery did not move. Submit with 'course submit \(result.exercise)\(result.selectedPart ?? "") FILE'.\n"
        }
        out += result.scoreLine + "\n"
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

