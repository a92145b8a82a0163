import ArgumentParser
import CourseModels
import CourseStore
import Foundation
import CourseService

/// `--db PATH`, shared by every command of both programs.
public struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "The database file (default: $COURSE_DB, else $XDG_DATA_HOME/course/course.db).")
    public var db: String?

    public init() {}

    /// The database file these options name.
    public var location: URL {
        DatabaseLocation.resolve(explicit: db, environment: ProcessInfo.processInfo.environment)
    }

    /// Opens (creating if needed) the database.
    /// - Throws: `DatabaseError`, whose description says why it cannot be opened.
    public func openStore() throws -> Store {
        try Store(url: location)
    }
}

/// `--learner HANDLE`, for commands that act for one learner.
public struct LearnerOptions: ParsableArguments {
    @Option(name: .long, help: "Act as this learner (default: $COURSE_LEARNER, else the one from 'course login').")
    public var learner: String?

    public init() {}

    /// The learner the command acts for.
    /// - Throws: `LearnerSelectionError`, saying how to choose one.
    public func current(in store: Store) throws -> Learner {
        try LearnerSelection(store: store).current(explicit: learner, environment: ProcessInfo.processInfo.environment)
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

/// Encodes a value as pretty, key-sorted JSON text.
public func encodeJSON<T: Encodable>(_ value: T) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    return String(decoding: (try? encoder.encode(value)) ?? Data("null".utf8), as: UTF8.self)
}

/// Every line of `text` indented by `spaces`, ending in a newline.
public func indent(_ text: String, by spaces: Int) -> String {
    let pad = String(repeating: " ", count: spaces)
    return text.split(separator: "\n", omittingEmptySubsequences: false).map { pad + $0 }.joined(separator: "\n") + "\n"
}

/// `0.834` as `83%`.
public func percent(_ value: Double) -> String {
    "\(Int((value * 100).rounded()))%"
}
