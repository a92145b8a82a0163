import CourseStore
import Foundation

/// `COURSE_CRASH_AFTER_ROWS=N`: the child process of a crash test kills itself (SIGKILL, as
/// a power cut would) once it has run N row inserts, as the next one starts, so the test chooses
/// the point of the crash instead of guessing it with a sleep.
enum CrashPoint {
    static let variable = "COURSE_CRASH_AFTER_ROWS"

    /// Arms the crash on `store` when the environment asks for it.
    static func arm(_ store: Store) {
        guard let text = ProcessInfo.processInfo.environment[variable], let limit = Int(text), limit > 0 else { return }
        var written = 0
        store.database.onEveryInsert {
            if written >= limit { kill(getpid(), SIGKILL) }
            written += 1
        }
    }
}
