import Crypto
import CourseModels

/// One numbered schema change, from a file `Migrations/NNNN_name.sql`.
public struct Migration: Hashable, Sendable {
    /// The file name, such as `0001_initial.sql`; the record of it in `schema_migrations`.
    public let name: String
    public let sql: String
    /// The SHA-256 of the SQL text (lowercase hex), recorded when applied so a later edit of
    /// the file is noticed.
    public let checksum: String

    public init(name: String, sql: String) {
        self.init(name: name, sql: sql, checksum: SHA256.hash(data: Array(sql.utf8)).lowercaseHex)
    }

    /// A migration whose checksum was worked out already: the embedded ones, hashed when the
    /// program was built (hashing them at every start cost each command 0.44 M instructions).
    init(name: String, sql: String, checksum: String) {
        self.name = name
        self.sql = sql
        self.checksum = checksum
    }

    /// The leading number, `0001`, that orders migrations and is quoted in messages.
    public var number: String {
        String(name.prefix { $0.isNumber })
    }


    /// The migrations built into this binary from `Migrations/*.sql`, in file-name order.
    public static var embedded: [Migration] {
        embeddedMigrations.map { Migration(name: $0.name, sql: $0.sql, checksum: $0.checksum) }
    }
}
