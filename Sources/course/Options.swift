import ArgumentParser
import CourseModels
import CourseStore
import Foundation
import Grading

/// `--db PATH`, shared by every command.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "The database file (default: $COURSE_DB, else $XDG_DATA_HOME/course/course.db).")
    var db: String?

    /// Opens (creating if needed) the database, or explains why it cannot.
    func openStore() throws -> Store {
        let url = DatabaseLocation.resolve(explicit: db, environment: ProcessInfo.processInfo.environment)
        do {
            return try Store(url: url)
        } catch {
            fail("\(error)")
        }
    }
}

/// `--learner HANDLE`, for commands that act for one learner.
struct LearnerOptions: ParsableArguments {
    @Option(name: .long, help: "Act as this learner (default: $COURSE_LEARNER, else the one from 'course login').")
    var learner: String?

    func current(in store: Store) throws -> Learner {
        do {
            return try LearnerSelection(store: store).current(
                explicit: learner, environment: ProcessInfo.processInfo.environment)
        } catch {
            fail("\(error)")
        }
    }
}

/// Prints `error: message` to standard error and exits with status 1.
func fail(_ message: String, status: Int32 = 1) -> Never {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    exit(status)
}
