import Foundation

/// The `settings` and `sync_watermarks` tables: this installation's small facts.
public struct SettingsRepository {
    package let database: Database

    package init(database: Database) {
        self.database = database
    }

    static let deviceIDKey = "device-id"
    static let currentLearnerKey = "current-learner"

    /// This installation's id, created on first use and never changed, so every attempt made
    /// here carries the same device id across runs.
    /// - Throws: `DatabaseError` on a storage failure.
    public func deviceID() throws(DatabaseError) -> UUID {
        try database.inTransaction { () throws(DatabaseError) -> UUID in
            if let stored = try value(forKey: Self.deviceIDKey), let id = UUID(uuidString: stored) {
                return id
            }
            let id = UUID()
            try setValue(id.uuidString, forKey: Self.deviceIDKey)
            return id
        }
    }

    /// The handle of the learner commands act for when none is named.
    /// - Throws: `DatabaseError` on a storage failure.
    public func currentLearnerHandle() throws(DatabaseError) -> String? {
        try value(forKey: Self.currentLearnerKey)
    }

    /// Sets or (with nil) clears the current learner's handle.
    /// - Throws: `DatabaseError` on a storage failure.
    public func setCurrentLearnerHandle(_ handle: String?) throws(DatabaseError) {
        if let handle {
            try setValue(handle, forKey: Self.currentLearnerKey)
        } else {
            try removeValue(forKey: Self.currentLearnerKey)
        }
    }

    /// - Throws: `DatabaseError` on a storage failure.
    public func value(forKey key: String) throws(DatabaseError) -> String? {
        try database.scalarString("SELECT value FROM settings WHERE key = ?", [key])
    }

    /// - Throws: `DatabaseError` on a storage failure.
    public func setValue(_ value: String, forKey key: String) throws(DatabaseError) {
        try database.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value])
    }

    /// Every setting whose key starts with `prefix`, by key.
    /// - Throws: `DatabaseError` on a storage failure.
    public func values(withPrefix prefix: String) throws(DatabaseError) -> [(key: String, value: String)] {
        try database.rows(
            "SELECT key, value FROM settings WHERE substr(key, 1, ?) = ? ORDER BY key",
            [Int64(prefix.utf8.count), prefix]) { row throws(DatabaseError) in (key: row.string(0), value: row.string(1)) }
    }

    /// - Throws: `DatabaseError` on a storage failure.
    public func removeValue(forKey key: String) throws(DatabaseError) {
        try database.execute("DELETE FROM settings WHERE key = ?", [key])
    }

    /// How far sync with `peer` has got; the value's meaning belongs to the sync module.
    /// - Throws: `DatabaseError` on a storage failure.
    public func watermark(peer: String) throws(DatabaseError) -> String? {
        try database.scalarString("SELECT watermark FROM sync_watermarks WHERE peer = ?", [peer])
    }

    /// - Throws: `DatabaseError` on a storage failure.
    public func setWatermark(_ watermark: String, peer: String, at date: Date = Date()) throws(DatabaseError) {
        try database.execute(
            """
            INSERT INTO sync_watermarks (peer, watermark, updated_at) VALUES (?, ?, ?)
            ON CONFLICT (peer) DO UPDATE SET watermark = excluded.watermark, updated_at = excluded.updated_at
            """,
            [peer, watermark, date])
    }

    /// Every peer's watermark.
    /// - Throws: `DatabaseError` on a storage failure.
    public func watermarks() throws(DatabaseError) -> [String: String] {
        let pairs = try database.rows("SELECT peer, watermark FROM sync_watermarks", []) { row in
            (row.string(0), row.string(1))
        }
        return Dictionary(pairs, uniquingKeysWith: { first, _ in first })
    }
}
