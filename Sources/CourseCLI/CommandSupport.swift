import ArgumentParser
import CourseModels
import CourseStore
import Foundation
import CourseService

/// `--db PATH`, shared by every command of both programs.
///
/// Most commands take it as `@OptionGroup var database: DatabaseOptions`. The hot ones
/// (`course submit`, `course check`) declare `--db` themselves, with this `help`, and build
/// the options with `init(db:)`: see `AnswerArgumentHelp` in `course`.
public struct DatabaseOptions: ParsableArguments {
    public static let help: ArgumentHelp = "The database file (default: $COURSE_DB, else $XDG_DATA_HOME/course/course.db, else ~/.local/share/course/course.db)."

    @Option(name: .long, help: DatabaseOptions.help)
    public var db: String?

    public init() {}

    /// The options of a command that declared `--db` itself.
    public init(db: String?) {
        self.db = db
    }

    /// The database file these options name.
    public var location: URL {
        DatabaseLocation.resolve(explicit: db, environment: ProcessEnvironment.current)
    }

    /// The path came from `--db` or `$COURSE_DB`, not the default location.
    var isExplicit: Bool {
        if let db, !db.isEmpty { return true }
        return !(ProcessEnvironment.current["COURSE_DB"] ?? "").isEmpty
    }

    /// Opens the database, creating it if needed. Only the default location's folders are
    /// created: a path given with `--db` or `$COURSE_DB` whose folder does not exist is most
    /// likely mistyped, and creating it would scatter databases over the disk.
    /// `checkingIntegrity`: for commands that write much (see `Store.init`).
    /// - Throws: `CommandFailure` naming the missing folder; `DatabaseError`, whose description
    ///   says why the file cannot be opened.
    public func openStore(checkingIntegrity: Bool = false) throws -> Store {
        let url = location
        if isExplicit {
            let folder = url.deletingLastPathComponent()
            if PathKind.of(folder.path) == .missing {
                throw CommandFailure(
                    "The folder \(folder.path) of the database \(url.path) does not exist: check the --db path (or $COURSE_DB), or create the folder first.")
            }
        }
        return try Store(url: url, checkingIntegrity: checkingIntegrity)
    }

    /// Opens an existing database for a command that only reads, never creating one: such a
    /// command run before anything was set up, or with a mistyped `--db`, must not leave an empty
    /// database behind.
    /// - Throws: `CommandFailure` when there is no database there yet; as `openStore()`.
    public func openExistingStore(checkingIntegrity: Bool = false) throws -> Store {
        let url = location
        if PathKind.of(url.path) == .missing {
            throw CommandFailure(
                "There is no course database at \(url.path) yet: run 'course-admin import seeds' to set one up, or give the right --db.")
        }
        return try openStore(checkingIntegrity: checkingIntegrity)
    }
}

/// `--learner HANDLE`, for commands that act for one learner (declared flat like `DatabaseOptions`
/// by the hot commands).
public struct LearnerOptions: ParsableArguments {
    public static let help: ArgumentHelp = "Act as this learner (default: $COURSE_LEARNER, else the one from 'course login')."

    @Option(name: .long, help: LearnerOptions.help)
    public var learner: String?

    public init() {}

    /// The options of a command that declared `--learner` itself.
    public init(learner: String?) {
        self.learner = learner
    }

    /// The learner the command acts for.
    /// - Throws: `LearnerSelectionError`, saying how to choose one.
    public func current(in store: Store) throws -> Learner {
        try LearnerSelection(store: store).current(explicit: learner, environment: ProcessEnvironment.current)
    }
}

/// A failure a command reports in a sentence (what, where, what to do), with the exit status
/// the program ends with; rendered once, by `CommandRunner`.
public struct CommandFailure: Error, CustomStringConvertible {
    public var description: String
    public var status: Int32

    public init(_ description: String, status: Int32 = 1) {
        self.description = description
        self.status = status
    }
}

/// Encodes a value as pretty, key-sorted JSON text. Every `--json` output of both programs goes
/// through here, so they share one naming convention: keys in snake_case (`attempt_id`,
/// `submitted_at`), whatever the Swift property is called.
public func encodeJSON<T: Encodable>(_ value: T) -> String {
    let encoder = JSONEncoder()
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    return String(decoding: (try? encoder.encode(value)) ?? Data("null".utf8), as: UTF8.self)
}

/// Every line of `text` indented by `spaces`, ending in a newline.
public func indent(_ text: String, by spaces: Int) -> String {
    let pad = String(repeating: " ", count: spaces)
    // `pad + String(line)`, not `pad + line`: adding a Substring goes through the generic
    // `append(contentsOf:)`, whose associated types the runtime looks up at the first call.
    return text.split(separator: "\n", omittingEmptySubsequences: false).map { pad + String($0) }.joined(separator: "\n") + "\n"
}

/// `0.834` as `83%`.
public func percent(_ value: Double) -> String {
    "\(Int((value * 100).rounded()))%"
}
