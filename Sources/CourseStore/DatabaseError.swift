import CSQLite
import CourseModels

/// A failure of the storage layer: SQLite's result code, its message and the SQL that failed,
/// plus a `kind` that lets callers and people tell the common situations apart.
public struct DatabaseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The situations a person can do something about, each with its own message.
    public enum Kind: Hashable, Sendable {
        /// Any other SQLite failure; `message` and `sql` tell what happened.
        case sqlite
        /// The file or its folder cannot be created or written.
        case notWritable(path: String)
        /// A folder sits where the database file should be.
        case folderInTheWay(path: String)
        /// The file exists but is not an SQLite database.
        case notADatabase(path: String)
        /// The file is an SQLite database whose content is damaged.
        case corrupted(path: String)
        /// The database holds a migration this build does not know, so a newer build wrote it.
        case newerSchema(migration: String)
        /// A migration applied to this database differs from the one embedded in this build.
        case changedMigration(name: String)
        /// A UNIQUE, PRIMARY KEY, FOREIGN KEY, CHECK or NOT NULL constraint refused a write.
        case constraint
        /// A stored value could not be read as the requested type.
        case invalidValue(column: Int32, expected: String)
        /// An SQLite file that belongs to another program.
        case foreignDatabase(path: String)
    }

    public var kind: Kind
    /// SQLite's extended result code (`SQLITE_OK` when the failure did not come from SQLite).
    public var resultCode: Int32
    /// SQLite's own message, or ours when SQLite was not involved.
    public var message: String
    /// The SQL being run, when there was one (for developers; never shown to a person).
    public var sql: String?
    /// The database file, when the failure came from an open connection.
    public var file: String?

    public init(kind: Kind = .sqlite, resultCode: Int32, message: String, sql: String? = nil) {
        self.kind = kind
        self.resultCode = resultCode
        self.message = message
        self.sql = sql
    }

    /// The primary result code (`SQLITE_CONSTRAINT` for `SQLITE_CONSTRAINT_UNIQUE`, ...).
    public var primaryResultCode: Int32 { resultCode & 0xFF }

    /// True when a UNIQUE or PRIMARY KEY constraint refused the write.
    public var isUniqueViolation: Bool {
        resultCode == sqliteConstraintUnique || resultCode == sqliteConstraintPrimaryKey
    }

    /// A sentence for a person: what happened, where, and what to do.
    public var description: String {
        switch kind {
        case let .notWritable(path):
            return "Cannot write the course database at \(path) (\(message)): check that the folder exists and that you may write to it, or choose another file with --db or COURSE_DB."
        case let .folderInTheWay(path):
            return "There is a folder at \(path), where the course database file should be: move the folder away, or choose another file with --db or COURSE_DB."
        case let .notADatabase(path):
            return "The file \(path) is not a course database (\(message)); it was left untouched: choose another file with --db or COURSE_DB."
        case let .corrupted(path):
            return "The course database \(path) is damaged (\(message)); it was left untouched: restore it from a backup or a sync bundle, or choose another file with --db."
        case let .newerSchema(migration):
            return "This database was written by a newer course (migration \(migration)); upgrade course."
        case let .changedMigration(name):
            return "The migration \(name) applied to this database differs from the one built into this course; the database was left untouched: use the course build that created it."
        case let .foreignDatabase(path):
            return "The file \(path) is an SQLite database of another program (\(message)), not a course database; it was left untouched: choose another file with --db or COURSE_DB."
        case .invalidValue:
            return "The course database \(file ?? "") holds a value this program cannot read; it may come from another version: restore it from a sync bundle, or choose another file with --db."
        case .constraint, .sqlite:
            return sentence
        }
    }

    /// A failure of a running statement in words: what happened, the file, what to do; never
    /// a raw code, SQL or bytes.
    private var sentence: String {
        let path = file.map { $0.isEmpty ? "the course database" : "the course database \($0)" } ?? "the course database"
        switch primaryResultCode {
        case SQLITE_BUSY, SQLITE_LOCKED:
            return "\(path.prefix(1).uppercased() + path.dropFirst()) is locked by another course process (waited \(Database.busyTimeoutMilliseconds / 1000) s); nothing was changed: try again when it has finished."
        case SQLITE_FULL:
            return "The disk is full while writing \(path); nothing was changed: free some space and try again."
        case SQLITE_READONLY, SQLITE_PERM, SQLITE_CANTOPEN, SQLITE_AUTH:
            return "Cannot write \(path): it is read-only for you; commands that only read still work. Check its permissions, or choose another file with --db."
        case SQLITE_CORRUPT, SQLITE_NOTADB:
            return "\(path.prefix(1).uppercased() + path.dropFirst()) is damaged; nothing was changed: restore it by importing your latest sync bundle into a new database (--db NEW), or from a backup."
        case SQLITE_IOERR:
            return "Reading or writing \(path) failed (an input/output error of the disk); nothing was changed: check the disk, then try again."
        case SQLITE_NOMEM:
            return "There was not enough memory to work on \(path); nothing was changed: close other programs and try again."
        case SQLITE_CONSTRAINT:
            return "A change to \(path) was refused because it contradicts what is stored; nothing was changed."
        default:
            return "Working on \(path) failed (\(TerminalText.visible(message))); nothing was changed."
        }
    }
}

extension DatabaseError {
    /// Builds the error for `code` from the connection's current message.
    init(code: Int32, connection: OpaquePointer?, sql: String?) {
        let extended = connection.map { sqlite3_extended_errcode($0) } ?? code
        let resultCode = (extended & 0xFF) == (code & 0xFF) ? extended : code
        let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            ?? String(cString: sqlite3_errstr(code))
        let kind: Kind = (code & 0xFF) == SQLITE_CONSTRAINT ? .constraint : .sqlite
        self.init(kind: kind, resultCode: resultCode, message: message, sql: sql)
        file = connection.flatMap { sqlite3_db_filename($0, "main") }.map { String(cString: $0) }
    }
}

/// Extended result codes that the C header defines as expressions, which Swift does not import.
let SQLITE_READONLY_CODE: Int32 = SQLITE_READONLY
let SQLITE_CORRUPT_CODE: Int32 = SQLITE_CORRUPT

let sqliteConstraintUnique: Int32 = SQLITE_CONSTRAINT | (8 << 8)
let sqliteConstraintPrimaryKey: Int32 = SQLITE_CONSTRAINT | (6 << 8)
let sqliteConstraintForeignKey: Int32 = SQLITE_CONSTRAINT | (3 << 8)
