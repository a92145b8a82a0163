import Crypto
import CourseModels

/// One numbered schema change, from a file `Migrations/NNNN_name.sql`.
public struct Migration: Hashable, Sendable {
    /// The file name, such as `0001_initial.sql`; the record of it in `schema_migrations`.
    public var name: String
    public var sql: String

    public init(name: String, sql: String) {
        self.name = name
        self.sql = sql
    }

    /// The leading number, `0001`, that orders migrations and is quoted in messages.
    public var number: String {
        String(name.prefix { $0.isNumber })
    }

    /// The SHA-256 of the SQL text, recorded when applied so a later edit of the file is noticed.
    public var checksum: String {
        SHA256.hash(data: Array(sql.utf8)).lowercaseHex
    }

    /// The migrations built into this binary from `Migrations/*.sql`, in file-name order.
    public static var embedded: [Migration] {
        embeddedMigrations.map { Migration(name: $0.name, sql: $0.sql) }
    }
}
