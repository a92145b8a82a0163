import CourseModels
import Foundation

/// The `learners` table.
public struct LearnerRepository {
    package let database: Database

    package init(database: Database) {
        self.database = database
    }

    static let columns = "id, handle, display_name, created_at"

    /// Adds a learner. Validate the handle first (`Learner.validate(handle:)`).
    /// - Throws: `DatabaseError` of kind `.constraint` (`isUniqueViolation`) when the id or the
    ///   handle, compared case-insensitively, is taken.
    public func insert(_ learner: Learner) throws(DatabaseError) {
        try database.execute(
            "INSERT INTO learners (\(Self.columns)) VALUES (?, ?, ?, ?)",
            [learner.id, learner.handle, learner.displayName, learner.createdAt])
    }

    /// Adds a learner unless one with the same id exists (as when a sync brings it back);
    /// returns true when it was added.
    /// - Throws: `DatabaseError` when another learner already has the handle.
    @discardableResult
    public func insertIfAbsent(_ learner: Learner) throws(DatabaseError) -> Bool {
        try database.execute(
            "INSERT INTO learners (\(Self.columns)) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
            [learner.id, learner.handle, learner.displayName, learner.createdAt])
        return database.changes > 0
    }

    /// Changes the handle and display name of the learner with `learner.id`; returns false if absent.
    /// - Throws: `DatabaseError` when the new handle is taken.
    @discardableResult
    public func update(_ learner: Learner) throws(DatabaseError) -> Bool {
        try database.execute(
            "UPDATE learners SET handle = ?, display_name = ? WHERE id = ?",
            [learner.handle, learner.displayName, learner.id])
        return database.changes > 0
    }

    /// Moves every attempt of `source` to `target` and removes `source` (its mastery cache goes
    /// with it; reviews follow their attempts, whose ids do not change). Run inside a transaction.
    /// - Returns: how many attempts moved.
    /// - Throws: `DatabaseError` on a storage failure.
    public func merge(_ source: UUID, into target: UUID) throws(DatabaseError) -> Int {
        try database.execute(
            """
            UPDATE attempts SET learner = (SELECT key FROM learners WHERE id = ?)
            WHERE learner = (SELECT key FROM learners WHERE id = ?)
            """, [target, source])
        let moved = database.changes
        // The practice items issued to `source` become `target`'s, so neither repeats them.
        try database.execute(
            """
            UPDATE OR IGNORE practice_items SET learner = (SELECT key FROM learners WHERE id = ?)
            WHERE learner = (SELECT key FROM learners WHERE id = ?)
            """, [target, source])
        try database.execute("DELETE FROM learners WHERE id = ?", [source])
        return moved
    }

    /// - Throws: `DatabaseError` on a storage failure.
    public func learner(id: UUID) throws(DatabaseError) -> Learner? {
        try database.first("SELECT \(Self.columns) FROM learners WHERE id = ?", [id], Self.decode)
    }

    /// The learner whose handle matches, ignoring case.
    /// - Throws: `DatabaseError` on a storage failure.
    public func learner(handle: String) throws(DatabaseError) -> Learner? {
        try database.first("SELECT \(Self.columns) FROM learners WHERE handle = ?", [handle], Self.decode)
    }

    /// All learners by handle.
    /// - Throws: `DatabaseError` on a storage failure.
    public func all() throws(DatabaseError) -> [Learner] {
        try database.rows("SELECT \(Self.columns) FROM learners ORDER BY handle", [], Self.decode)
    }

    /// - Throws: `DatabaseError` on a storage failure.
    public func count() throws(DatabaseError) -> Int {
        Int(try database.scalarInt64("SELECT count(*) FROM learners") ?? 0)
    }

    static func decode(_ row: Row) throws(DatabaseError) -> Learner {
        Learner(
            id: try row.get(0), handle: row.string(1), displayName: row.string(2), createdAt: try row.get(3))
    }
}
