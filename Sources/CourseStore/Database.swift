import CSQLite
import CourseModels
import Foundation

/// One connection to an SQLite database file.
///
/// Owns the raw handle and closes it when released. Configured for several processes sharing
/// one file: WAL journal (readers never block the writer), foreign keys enforced, and a busy
/// timeout so a second writer waits for the first instead of failing with "database is locked".
/// Not thread-safe: use one connection per thread or task.
public final class Database {
    let connection: OpaquePointer
    /// The file path, as given.
    public let path: String
    private var statementCache: [String: Statement] = [:]
    private var savepointDepth = 0
    private var rowHook: RowHook?

    /// How long a statement waits for another process's lock, in milliseconds, before it is
    /// reported as locked (SQLite's busy handler and `Statement.step`'s retries together).
    public static let busyTimeoutMilliseconds: Int32 = 10_000

    /// Opens the database at `path`, creating the file and its parent folders if needed, and
    /// switches it to WAL.
    /// - Throws: `DatabaseError` of kind `.notWritable`, `.folderInTheWay`, `.notADatabase` or
    ///   `.corrupted` when the file cannot serve as a database; nothing is written in those cases.
    public convenience init(path: String) throws(DatabaseError) {
        try self.init(path: path, enablingWAL: true)
    }

    /// Opens without switching the journal mode, so a caller can inspect the file before
    /// anything is written to it (see `Store`).
    init(path: String, enablingWAL: Bool) throws(DatabaseError) {
        let folder = DatabaseLocation.folder(of: path)
        let readOnly = FileManager.default.fileExists(atPath: path)
            && !(Self.isWritableByModeBits(path) && Self.isWritableByModeBits(folder))
        if !readOnly { try Database.prepareLocation(path) }
        var connection: OpaquePointer?
        let flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &connection, flags, nil)
        guard code == SQLITE_OK, let connection else {
            let error = DatabaseError(code: code, connection: connection, sql: nil)
            sqlite3_close_v2(connection)
            throw Database.classify(error, path: path)
        }
        self.connection = connection
        self.path = path
        sqlite3_extended_result_codes(connection, 1)
        sqlite3_busy_timeout(connection, Database.busyTimeoutMilliseconds)
        do {
            // Reading the schema is the first access to the file: it tells a database from
            // anything else before a single byte is written.
            _ = try scalarInt64("SELECT count(*) FROM sqlite_master")
            if isReadOnly { return }
            // Only takes effect on a new, empty file. 16 KiB pages make bulk attempt imports about
            // a tenth faster than the 4 KiB default, at no cost to the small interactive writes.
            try execute("PRAGMA page_size = 16384")
            try execute("PRAGMA foreign_keys = ON")
            for pragma in Self.writeSettings { try execute(pragma) }
            // Mapped pages count in resident memory; 64 MB keeps reads fast while a million-attempt
            // sync export stays well under its 300 MB bar.
            try execute("PRAGMA mmap_size = 67108864")
            if enablingWAL { try enableWAL() }
        } catch {
            throw Database.classify(error, path: path)
        }
    }

    /// How every connection writes: durably (`synchronous = FULL`) with a 64 MB page cache. The
    /// storage benchmark gives the sqlite3 shell the same settings, so the comparison is fair.
    package static let writeSettings = ["PRAGMA synchronous = FULL", "PRAGMA cache_size = -65536"]

    deinit {
        if let rowHook { Unmanaged.passUnretained(rowHook).release() }
        statementCache.removeAll()
        sqlite3_close_v2(connection)
    }

    /// Switches the file to the WAL journal, which persists in the file.
    /// - Throws: `DatabaseError` when the mode cannot be changed.
    func enableWAL() throws(DatabaseError) {
        let mode = try scalarString("PRAGMA journal_mode = WAL")
        if mode?.lowercased() != "wal" {
            throw DatabaseError(resultCode: SQLITE_ERROR, message: "journal mode stayed \(mode ?? "unknown")",
                                sql: "PRAGMA journal_mode = WAL")
        }
    }

    // MARK: Running SQL

    /// Prepares `sql` for one-off use.
    /// - Throws: `DatabaseError` when the SQL does not compile.
    public func prepare(_ sql: String) throws(DatabaseError) -> Statement {
        try Statement(connection: connection, sql: sql, persistent: false)
    }

    /// The prepared statement for `sql`, prepared on first use and kept for the connection's
    /// life, reset and ready to bind. Do not use the same SQL twice at once (nested loops).
    /// - Throws: `DatabaseError` when the SQL does not compile.
    public func cachedStatement(_ sql: String) throws(DatabaseError) -> Statement {
        if let statement = statementCache[sql] {
            statement.reset()
            return statement
        }
        let statement = try Statement(connection: connection, sql: sql, persistent: true)
        statementCache[sql] = statement
        return statement
    }

    /// Runs one statement with `arguments` bound to its `?` parameters.
    /// - Throws: `DatabaseError` on any failure.
    public func execute(_ sql: String, _ arguments: [(any DatabaseValueConvertible)?] = []) throws(DatabaseError) {
        try cachedStatement(sql).execute(arguments)
    }

    /// Runs several `;`-separated statements without parameters (a migration file, for one).
    /// - Throws: `DatabaseError` naming the first statement that failed.
    public func executeScript(_ sql: String) throws(DatabaseError) {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(connection, sql, nil, nil, &message)
        if code != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_free(message)
            var error = DatabaseError(code: code, connection: connection, sql: sql)
            error.message = text
            throw error
        }
    }

    /// Runs a query and maps every row through `transform`.
    /// - Throws: `DatabaseError` from SQLite or from `transform`.
    public func rows<T>(
        _ sql: String, _ arguments: [(any DatabaseValueConvertible)?] = [],
        _ transform: (Row) throws(DatabaseError) -> T
    ) throws(DatabaseError) -> [T] {
        try cachedStatement(sql).rows(arguments, transform)
    }

    /// Runs a query and maps its first row, if any.
    /// - Throws: `DatabaseError` from SQLite or from `transform`.
    public func first<T>(
        _ sql: String, _ arguments: [(any DatabaseValueConvertible)?] = [],
        _ transform: (Row) throws(DatabaseError) -> T
    ) throws(DatabaseError) -> T? {
        try cachedStatement(sql).first(arguments, transform)
    }

    /// The first column of the first row as an integer; nil when there is no row or it is NULL.
    /// - Throws: `DatabaseError` on any failure.
    public func scalarInt64(_ sql: String, _ arguments: [(any DatabaseValueConvertible)?] = []) throws(DatabaseError) -> Int64? {
        try first(sql, arguments) { row in row.isNull(0) ? nil : row.int64(0) } ?? nil
    }

    /// The first column of the first row as text; nil when there is no row or it is NULL.
    /// - Throws: `DatabaseError` on any failure.
    public func scalarString(_ sql: String, _ arguments: [(any DatabaseValueConvertible)?] = []) throws(DatabaseError) -> String? {
        try first(sql, arguments) { row in row.isNull(0) ? nil : row.string(0) } ?? nil
    }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    public var changes: Int { Int(sqlite3_changes64(connection)) }

    /// The rowid of the last inserted row.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(connection) }

    /// True when the file can only be read (its permissions, or a read-only mount).
    public var isReadOnly: Bool { sqlite3_db_readonly(connection, "main") == 1 }

    /// True while a transaction is open on this connection.
    public var isInTransaction: Bool { sqlite3_get_autocommit(connection) == 0 }

    /// Whether `PRAGMA quick_check` finds the file sound: every page and b-tree well formed
    /// (it skips matching indexes to their tables, so it costs one read of the file).
    /// - Throws: `DatabaseError` when the check cannot run at all.
    func passesQuickCheck() throws(DatabaseError) -> Bool {
        try prepare("PRAGMA quick_check(1)").rows { row in row.string(0) } == ["ok"]
    }

    /// The result of `PRAGMA integrity_check`: `["ok"]` for a sound file.
    /// - Throws: `DatabaseError` when the check cannot run.
    public func integrityCheck() throws(DatabaseError) -> [String] {
        try prepare("PRAGMA integrity_check").rows { row in row.string(0) }
    }

    /// Calls `body` whenever this connection starts running an INSERT statement (each of which
    /// writes at most one row here): lets a crash test's child process stop itself at an exact
    /// point of a write. (SQLite's update hook would miss the WITHOUT ROWID attempts table.)
    package func onEveryInsert(_ body: @escaping () -> Void) {
        if let rowHook { Unmanaged.passUnretained(rowHook).release() }
        let hook = RowHook(body)
        rowHook = hook
        sqlite3_trace_v2(connection, UInt32(SQLITE_TRACE_STMT), { _, context, statement, _ in
            guard let context, let statement, let sql = sqlite3_sql(OpaquePointer(statement)),
                  strncmp(sql, "INSERT", 6) == 0 else { return 0 }
            Unmanaged<RowHook>.fromOpaque(context).takeUnretainedValue().body()
            return 0
        }, Unmanaged.passRetained(hook).toOpaque())
    }

    private final class RowHook {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    // MARK: Transactions

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    ///
    /// The outermost level is `BEGIN IMMEDIATE`, taking the write lock up front so two processes
    /// never deadlock upgrading a read; nested calls become savepoints, so an inner failure
    /// undoes only the inner work when the outer body catches it.
    /// - Throws: the error `body` threw (after rolling back), or a `DatabaseError`.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try withLevel(body) { $0 }
    }

    /// `transaction`, for state that a crash may lose because it is recomputed identically (the
    /// practice item `course practice` shows: its seed follows from the items issued before).
    /// The commit is not forced to disk (WAL with `synchronous = NORMAL` stays consistent, it
    /// may only lose this commit) and the connection closes without a checkpoint, so the
    /// command pays no fsync. Later writes on this connection are durable again; a checkpoint
    /// by the next writer makes this one durable too.
    /// - Throws: as `transaction`.
    public func transactionWithoutSync<T>(_ body: () throws -> T) throws -> T {
        guard !isInTransaction else { return try transaction(body) }
        try execute("PRAGMA synchronous = NORMAL")
        let result: T
        do {
            result = try transaction(body)
        } catch {
            try? execute("PRAGMA synchronous = FULL")
            throw error
        }
        try execute("PRAGMA synchronous = FULL")
        _ = csqlite_skip_checkpoint_on_close(connection)
        return result
    }

    /// `transaction` for bodies that throw only `DatabaseError`, keeping the error typed.
    func inTransaction<T>(_ body: () throws(DatabaseError) -> T) throws(DatabaseError) -> T {
        try withLevel(body) { $0 }
    }

    /// The one implementation of both: begin (or a savepoint when nested), run, roll back on
    /// error, commit; `wrap` turns the database's own errors into the body's error type.
    private func withLevel<T, E: Error>(_ body: () throws(E) -> T, _ wrap: (DatabaseError) -> E) throws(E) -> T {
        let level: Level
        do { level = try begin() } catch { throw wrap(error) }
        let result: T
        do {
            result = try body()
        } catch {
            rollback(level)
            throw error
        }
        do { try commit(level) } catch { throw wrap(error) }
        return result
    }

    private enum Level {
        case transaction
        case savepoint(String)
    }

    private func begin() throws(DatabaseError) -> Level {
        if isInTransaction {
            savepointDepth += 1
            let name = "level\(savepointDepth)"
            do {
                try execute("SAVEPOINT \(name)")
            } catch {
                savepointDepth -= 1
                throw error
            }
            return .savepoint(name)
        }
        try execute("BEGIN IMMEDIATE")
        return .transaction
    }

    private func commit(_ level: Level) throws(DatabaseError) {
        switch level {
        case .transaction:
            do {
                try execute("COMMIT")
            } catch {
                rollback(level)
                throw error
            }
        case let .savepoint(name):
            defer { savepointDepth -= 1 }
            try execute("RELEASE \(name)")
        }
    }

    private func rollback(_ level: Level) {
        switch level {
        case .transaction:
            // Fails harmlessly when SQLite already rolled back on its own (for example after SQLITE_FULL).
            if isInTransaction { try? execute("ROLLBACK") }
        case let .savepoint(name):
            defer { savepointDepth -= 1 }
            try? execute("ROLLBACK TO \(name)")
            try? execute("RELEASE \(name)")
        }
    }

    // MARK: The file

    /// Creates the parent folder and refuses a folder at the file's place, before SQLite is
    /// involved, so the person gets a message about the path rather than "unable to open".
    private static func prepareLocation(_ path: String) throws(DatabaseError) {
        if PathKind.of(path) == .directory {
            throw DatabaseError(
                kind: .folderInTheWay(path: path), resultCode: SQLITE_CANTOPEN, message: "is a directory")
        }
        let folder = DatabaseLocation.folder(of: path)
        do {
            if !FileManager.default.fileExists(atPath: folder) {
                // Learners' answers are private: folders 0700 and files 0600, whatever the umask.
                try FileManager.default.createDirectory(
                    atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            }
        } catch {
            throw DatabaseError(
                kind: .notWritable(path: path), resultCode: SQLITE_CANTOPEN,
                message: "cannot create the folder \(folder)")
        }
        // SQLite creates the -wal and -shm files with the database file's permissions.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        if descriptor >= 0 {
            fchmod(descriptor, 0o600)
            close(descriptor)
        }
    }

    /// Whether the effective user may write `path` by its permission bits. Root passes every
    /// permission check, so for root a file or folder made read-only (`chmod a-w`) counts as
    /// read-only when no write bit is set: "read-only" then means the same for every user, and
    /// such a database is opened for reading only.
    static func isWritableByModeBits(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return true }
        if geteuid() != 0 { return faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) == 0 }
        return info.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH) != 0
    }

    /// Gives the common failures of opening a file their own kind and message.
    static func classify(_ error: DatabaseError, path: String) -> DatabaseError {
        guard error.kind == .sqlite else { return error }
        var classified = error
        switch error.primaryResultCode {
        case SQLITE_NOTADB: classified.kind = .notADatabase(path: path)
        case SQLITE_CORRUPT: classified.kind = .corrupted(path: path)
        case SQLITE_CANTOPEN, SQLITE_READONLY, SQLITE_PERM, SQLITE_AUTH: classified.kind = .notWritable(path: path)
        default: break
        }
        return classified
    }
}
