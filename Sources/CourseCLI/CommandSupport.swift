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

    /// Opens (creating if needed) the database, or explains why it cannot and exits.
    public func openStore() throws -> Store {
        let url = DatabaseLocation.resolve(explicit: db, environment: ProcessInfo.processInfo.environment)
        do {
            return try Store(url: url)
        } catch {
            fail("\(error)")
        }
    }
}

/// `--learner HANDLE`, for commands that act for one learner.
public struct LearnerOptions: ParsableArguments {
    @Option(name: .long, help: "Act as this learner (default: $COURSE_LEARNER, else the one from 'course login').")
    public var learner: String?

    public init() {}

    /// The learner the command acts for, or a message saying how to choose one (and exit).
    public func current(in store: Store) throws -> Learner {
        do {
            return try LearnerSelection(store: store).current(
                explicit: learner, environment: ProcessInfo.processInfo.environment)
        } catch {
            fail("\(error)")
        }
    }
}

/// Prints `error: message` to standard error and exits with `status`.
public func fail(_ message: String, status: Int32 = 1) -> Never {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    exit(status)
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
