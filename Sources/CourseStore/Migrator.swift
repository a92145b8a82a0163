import CSQLite
import Foundation

/// Brings a database's schema up to the migrations this build carries.
///
/// Everything is checked before anything is written: a database that holds a migration this
/// build does not know (a newer course wrote it), or one whose applied migration differs from
/// ours, is refused and left byte-for-byte as it was. Each pending migration then runs in its
/// own transaction, together with its record in `schema_migrations`, so a crash leaves the
/// schema at a migration boundary.
public struct Migrator {
    public var migrations: [Migration]

    /// A migrator for `migrations`, which must be in order; by default the embedded ones.
    public init(migrations: [Migration] = Migration.embedded) {
        self.migrations = migrations
    }

    /// Checks, without writing, that this build can use the database; returns the pending migrations.
    /// - Throws: `DatabaseError` of kind `.newerSchema` or `.changedMigration`.
    public func pendingMigrations(in database: Database) throws(DatabaseError) -> [Migration] {
        let applied = try appliedMigrations(in: database)
        let known = Dictionary(uniqueKeysWithValues: migrations.map { ($0.name, $0) })
        if let unknown = applied.keys.filter({ known[$0] == nil }).max() {
            let number = Migration(name: unknown, sql: "").number
            throw DatabaseError(
                kind: .newerSchema(migration: number.isEmpty ? unknown : number), resultCode: SQLITE_OK,
                message: "unknown migration \(unknown) is applied")
        }
        for (name, checksum) in applied where known[name]?.checksum != checksum {
            throw DatabaseError(
                kind: .changedMigration(name: name), resultCode: SQLITE_OK,
                message: "checksum \(checksum) recorded, \(known[name]?.checksum ?? "") built in")
        }
        return migrations.filter { applied[$0.name] == nil }
    }

    /// Applies every pending migration, each in its own transaction; returns the names applied.
    ///
    /// Safe when several processes open a new database at once: each migration is re-checked
    /// after taking the write lock, so only one process applies it.
    /// - Throws: `DatabaseError` from the checks or from the migration's SQL.
    @discardableResult
    public func migrate(_ database: Database) throws(DatabaseError) -> [String] {
        var applied: [String] = []
        for migration in try pendingMigrations(in: database) {
            let didApply = try database.inTransaction { () throws(DatabaseError) -> Bool in
                try database.executeScript(Migrator.bookkeepingTable)
                let already = try database.scalarInt64(
                    "SELECT count(*) FROM schema_migrations WHERE name = ?", [migration.name]) ?? 0
                if already > 0 { return false }
                try database.executeScript(migration.sql)
                try database.execute(
                    "INSERT INTO schema_migrations (name, checksum, applied_at) VALUES (?, ?, ?)",
                    [migration.name, migration.checksum, Date()])
                return true
            }
            if didApply { applied.append(migration.name) }
        }
        // Another process may have applied a different set meanwhile; check the result again.
        _ = try pendingMigrations(in: database)
        return applied
    }

    /// Name → checksum of the migrations recorded in the database (none for a new file).
    func appliedMigrations(in database: Database) throws(DatabaseError) -> [String: String] {
        let hasTable = try database.scalarInt64(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'") ?? 0
        guard hasTable > 0 else { return [:] }
        let rows = try database.prepare("SELECT name, checksum FROM schema_migrations").rows { row in
            (row.string(0), row.string(1))
        }
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
    }

    static let bookkeepingTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            name       TEXT PRIMARY KEY NOT NULL,
            checksum   TEXT NOT NULL,
            applied_at INTEGER NOT NULL
        )
        """
}
