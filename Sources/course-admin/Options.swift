import ArgumentParser
import CourseStore
import Foundation

/// `--db PATH`, shared by every command that touches the database.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "The database file (default: $COURSE_DB, else $XDG_DATA_HOME/course/course.db).")
    var db: String?

    /// Opens (creating if needed) the database, or explains why it cannot and exits.
    func openStore() throws -> Store {
        let url = DatabaseLocation.resolve(explicit: db, environment: ProcessInfo.processInfo.environment)
        do {
            return try Store(url: url)
        } catch {
            fail("\(error)")
        }
    }
}

/// Prints `error: message` to standard error and exits with `status`.
func fail(_ message: String, status: Int32 = 1) -> Never {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    exit(status)
}
