import Foundation

/// The course's storage: an open, migrated database and one repository per aggregate.
///
/// Opening checks the file and its schema before writing anything, so a wrong or newer file is
/// refused untouched; then it switches to WAL and applies pending migrations.
public final class Store {
    package let database: Database

    /// Opens (creating if needed) and migrates the database at `path`.
    /// - Throws: `DatabaseError`, whose description is meant for the person running the command.
    public init(path: String, migrator: Migrator = Migrator()) throws(DatabaseError) {
        let database = try Database(path: path, enablingWAL: false)
        do {
            _ = try migrator.pendingMigrations(in: database)
            try database.enableWAL()
            try migrator.migrate(database)
        } catch {
            throw Database.classify(error, path: path)
        }
        self.database = database
    }

    /// Opens the database at `url` (see `DatabaseLocation.resolve`).
    /// - Throws: `DatabaseError`, as `init(path:)`.
    public convenience init(url: URL) throws(DatabaseError) {
        try self.init(path: url.path)
    }

    public var learners: LearnerRepository { LearnerRepository(database: database) }
    public var content: ContentRepository { ContentRepository(database: database) }
    public var attempts: AttemptRepository { AttemptRepository(database: database) }
    public var mastery: MasteryRepository { MasteryRepository(database: database) }
    public var reviews: ReviewRepository { ReviewRepository(database: database) }
    public var settings: SettingsRepository { SettingsRepository(database: database) }
    public var lrs: LRSRepository { LRSRepository(database: database) }

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
}
