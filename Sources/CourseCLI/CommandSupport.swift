import ArgumentParser
import CourseModels
import CourseStore
import Foundation
import CourseService

/// `--db PATH`, shared by every command of both programs.
///
/// Most commands take it as `@OptionGroup var database: DatabaseOptions`. The hot ones
/// (`course submit`, `course check`) declare `--db` themselves, with this `help`, and build
/// the options with `init(db:)`: see `AnswerCommand` in `course`.
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
        URL(fileURLWithPath: path)
    }

    /// `location` as an absolute path: what opening the store needs (see `DatabaseLocation`).
    public var path: String {
        DatabaseLocation.resolvePath(explicit: db, environment: ProcessEnvironment.current)
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
        let path = path
        if isExplicit {
            let folder = DatabaseLocation.folder(of: path)
            if PathKind.of(folder) == .missing {
                throw CommandFailure(
                    "The folder \(folder) of the database \(path) does not exist: check the --db path (or $COURSE_DB), or create the folder first.")
            }
        }
        return try Store(path: path, checkingIntegrity: checkingIntegrity)
    }

    /// Opens an existing database for a command that only reads, never creating one: such a
    /// command run before anything was set up, or with a mistyped `--db`, must not leave an empty
    /// database behind.
    /// - Throws: `CommandFailure` when there is no database there yet; as `openStore()`.
    public func openExistingStore(checkingIntegrity: Bool = false) throws -> Store {
        let path = path
        if PathKind.of(path) == .missing {
            throw CommandFailure(
                "There is no course database at \(path) yet: run 'course-admin import seeds' to set one up, or give the right --db.")
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
    // On UTF-8 bytes (a newline byte is never part of a longer character): splitting a String
    // into lines as Characters finds every grapheme boundary, and appending scalar by scalar
    // is no cheaper, about 450 instructions a character (0.35 M for a submission's feedback).
    let newline = UInt8(ascii: "\n")
    let pad = [UInt8](repeating: UInt8(ascii: " "), count: spaces)
    var out = pad
    out.reserveCapacity(text.utf8.count + 8 * spaces + 1)
    for byte in text.utf8 {
        out.append(byte)
        if byte == newline { out += pad }
    }
    out.append(newline)
    return String(decoding: out, as: UTF8.self)
}

/// `0.834` as `83%`.
public func percent(_ value: Double) -> String {
    "\(Int((value * 100).rounded()))%"
}
