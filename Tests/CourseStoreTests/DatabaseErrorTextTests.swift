import CSQLite
@testable import CourseStore
import Testing

/// Every storage error a person can meet is one sentence naming the file: never a code, SQL or bytes.
struct DatabaseErrorTextTests {
    @Test(arguments: [
        (SQLITE_BUSY, "The course database /data/course.db is locked by another course process (waited 10 s); nothing was changed: try again when it has finished."),
        (SQLITE_FULL, "The disk is full while writing the course database /data/course.db; nothing was changed: free some space and try again."),
        (SQLITE_CORRUPT, "The course database /data/course.db is damaged; nothing was changed: restore it by importing your latest sync bundle into a new database (--db NEW), or from a backup."),
        (SQLITE_READONLY, "Cannot write the course database /data/course.db: it is read-only for you; commands that only read still work. Check its permissions, or choose another file with --db."),
    ])
    func failuresReadAsSentences(code: Int32, text: String) {
        var error = DatabaseError(resultCode: code, message: "raw \u{1b}[31m", sql: "BEGIN IMMEDIATE")
        error.file = "/data/course.db"
        #expect(error.description == text)
        #expect(!error.description.contains("BEGIN") && !error.description.contains("\u{1b}"))
    }

    @Test func anyOtherFailureShowsSQLitesMessageWithControlCharactersVisible() {
        var error = DatabaseError(resultCode: SQLITE_ERROR, message: "bad \u{1b}[2J byte", sql: "SELECT 1")
        error.file = "/data/course.db"
        #expect(error.description == "Working on the course database /data/course.db failed (bad \\u{1b}[2J byte); nothing was changed.")
    }
}
