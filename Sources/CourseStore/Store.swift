import Foundation

/// The course's storage: an open, migrated database and one repository per aggregate.
///
/// Opening checks the file and its schema before writing anything, so a wrong or newer file is
/// refused untouched; then it switches to WAL and applies pending migrations.
public final class Store {
    package let database: Database

    /// Opens (creating if needed) and migrates the database at `path`.
    ///
    /// With `checkingIntegrity`, for a command about to write much (an import, a regrade), a
    /// writable file must first pass SQLite's quick check, else it is refused untouched with a
    /// message saying how to restore it. The check reads the whole file (0.6 s for 100,000
    /// attempts on a loaded machine), so the hot paths (a submit, the reading commands) skip it
    /// and meet damage only where SQLite reads a damaged page (`SQLITE_CORRUPT`, worded the same).
    /// - Throws: `DatabaseError`, whose description is meant for the person running the command.
    public init(path: String, migrator: Migrator = Migrator(), checkingIntegrity: Bool = false) throws(DatabaseError) {
        let database = try Database(path: path, enablingWAL: false)
        do throws(DatabaseError) {
            let ownID = try Self.checkOwnership(database, path: path)
            let pending = try migrator.pendingMigrations(in: database)
            if database.isReadOnly {
                // Readable as it is; a command that writes is told the file cannot be written.
                guard pending.isEmpty else {
                    throw DatabaseError(kind: .notWritable(path: path), resultCode: SQLITE_READONLY_CODE,
                                        message: "the file is read-only and needs its schema upgraded")
                }
            } else if checkingIntegrity, try !database.passesQuickCheck() {
                throw DatabaseError(kind: .corrupted(path: path), resultCode: SQLITE_CORRUPT_CODE,
                                    message: "it failed its integrity check")
            } else {
                try database.enableWAL()
                // The schema was just checked: with nothing pending (every open but the first),
                // probing it twice more inside `migrate` would only repeat that check.
                if !pending.isEmpty { try migrator.migrate(database) }
                if ownID != Self.applicationID {
                    try database.execute("PRAGMA application_id = \(Self.applicationID)")
                }
            }
        } catch {
            throw Database.classify(error, path: path)
        }
        self.database = database
    }

    /// `PRAGMA application_id` of every course database ("CRSE"), so `file(1)` and this program
    /// tell it from other programs' SQLite files.
    public static let applicationID: Int64 = 0x4352_5345

    /// Refuses, before anything is written, an SQLite file that belongs to another program: one
    /// with another application id, or with tables and none of ours. Returns the file's
    /// application id (0 for a new file, or one written before ids were), so the open sets it
    /// without reading it again.
    private static func checkOwnership(_ database: Database, path: String) throws(DatabaseError) -> Int64 {
        let id = try database.scalarInt64("PRAGMA application_id") ?? 0
        if id == applicationID { return id }
        let foreign = DatabaseError(kind: .foreignDatabase(path: path), resultCode: 0,
                                    message: id != 0 ? "application id \(id)" : "other tables")
        if id != 0 { throw foreign }
        let tables = try database.scalarInt64("SELECT count(*) FROM sqlite_master WHERE type = 'table'") ?? 0
        let ours = try database.scalarInt64(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('schema_migrations', 'attempts', 'learners')") ?? 0
        if tables > 0, ours == 0 { throw foreign }
        return id
    }

    /// Opens the database at `url` (see `DatabaseLocation.resolve`).
    /// - Throws: `DatabaseError`, as `init(path:)`.
    public convenience init(url: URL, checkingIntegrity: Bool = false) throws(DatabaseError) {
        try self.init(path: url.path, checkingIntegrity: checkingIntegrity)
    }

    public var learners: LearnerRepository { LearnerRepository(database: database) }
    public var content: ContentRepository { ContentRepository(database: database) }
    public var attempts: AttemptRepository { AttemptRepository(database: database) }
    public var mastery: MasteryRepository { MasteryRepository(database: database) }
    public var reviews: ReviewRepository { ReviewRepository(database: database) }
    public var settings: SettingsRepository { SettingsRepository(database: database) }
    public var lrs: LRSRepository { LRSRepository(database: database) }
    public var provenance: ProvenanceRepository { ProvenanceRepository(database: database) }
    public var practice: PracticeRepository { PracticeRepository(database: database) }

    /// The database file's path, as given: the device key lives beside it.
    public var path: String { database.path }

    /// The version of the SQLite library in use, for benchmark reports.
    /// - Throws: `DatabaseError`.
    public func sqliteVersion() throws(DatabaseError) -> String {
        try database.scalarString("SELECT sqlite_version()") ?? "?"
    }

    /// Stops reading the file through memory-mapped pages (for measuring their share of memory).
    /// - Throws: `DatabaseError`.
    public func disableMemoryMapping() throws(DatabaseError) {
        try database.execute("PRAGMA mmap_size = 0")
    }

    /// Runs `body` in one transaction across repositories (see `Database.transaction`).
    /// - Throws: the error `body` threw, after rolling back, or a `DatabaseError`.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try database.transaction(body)
    }

    /// A transaction for state a crash may lose because it is recomputed identically; see
    /// `Database.transactionWithoutSync`.
    /// - Throws: as `transaction`.
    public func transactionWithoutSync<T>(_ body: () throws -> T) throws -> T {
        try database.transactionWithoutSync(body)
    }
}
