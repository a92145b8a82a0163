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

    /// A learner merge: the instructor's statement that `mergedID` and `keptID` are one person,
    /// signed by the instructor key `signer` (both nil only for a merge made before merges were signed).
    public struct Merge: Hashable, Sendable {
        public var mergedID: UUID
        public var keptID: UUID
        public var mergedAt: Date
        public var signer: Data?
        public var signature: Data?

        public init(mergedID: UUID, keptID: UUID, mergedAt: Date, signer: Data?, signature: Data?) {
            self.mergedID = mergedID
            self.keptID = keptID
            self.mergedAt = mergedAt.roundedToMilliseconds
            self.signer = signer
            self.signature = signature
        }
    }

    /// What `apply(_:mergedLearner:)` did.
    public enum MergeOutcome: Hashable, Sendable {
        /// The merge is now stored; `moved` attempts went to `into` (the kept learner, or the
        /// learner it was itself merged into), the oldest of them submitted at `oldestMoved`.
        case applied(moved: Int, into: UUID, oldestMoved: Date?)
        /// This very merge was stored already: nothing changed.
        case alreadyApplied
        /// The learner was already merged into another one, `keptID`: the stored merge stays.
        case mergedElsewhere(keptID: UUID)
        /// The kept learner is, or was merged into, the merged learner.
        case intoItself
        /// No learner here is the kept one (nor what it was merged into): nothing changed.
        case unknownKept
    }

    /// Applies a merge: every attempt of the merged learner (if it is here) goes to the learner
    /// the kept one resolves to, remembering the learner id it was signed for; its practice items
    /// follow (its mastery cache goes with it); the merged learner is removed and the merge is
    /// stored, with `mergedLearner` (or the removed row) kept for the bundles that carry its
    /// attempts. Applying the same merge again, before or after its attempts arrive, changes
    /// nothing more, so machines converge whatever the order.
    /// - Throws: `DatabaseError` on a storage failure (nothing changed).
    public func apply(_ merge: Merge, mergedLearner: Learner?) throws(DatabaseError) -> MergeOutcome {
        try database.inTransaction { () throws(DatabaseError) -> MergeOutcome in
            if let stored = try self.merge(of: merge.mergedID) {
                return stored.keptID == merge.keptID ? .alreadyApplied : .mergedElsewhere(keptID: stored.keptID)
            }
            let target = try resolved(merge.keptID)
            guard target != merge.mergedID else { return .intoItself }
            guard try learner(id: target) != nil else { return .unknownKept }
            let existing = try learner(id: merge.mergedID)
            var moved = 0
            var oldest: Date?
            if existing != nil {
                try database.execute(
                    "INSERT OR IGNORE INTO attempt_origins (attempt_id, learner_id) SELECT id, ? FROM attempts WHERE learner = \(Self.key)",
                    [merge.mergedID, merge.mergedID])
                oldest = try AttemptRepository(database: database).earliestSubmission(learnerID: merge.mergedID)
                try database.execute("UPDATE attempts SET learner = \(Self.key) WHERE learner = \(Self.key)",
                                     [target, merge.mergedID])
                moved = database.changes
                // The practice items issued to the merged learner become the kept one's, so neither repeats them.
                try database.execute("UPDATE OR IGNORE practice_items SET learner = \(Self.key) WHERE learner = \(Self.key)",
                                     [target, merge.mergedID])
                try database.execute("DELETE FROM learners WHERE id = ?", [merge.mergedID])
            }
            let details = existing ?? mergedLearner
            try database.execute(
                """
                INSERT INTO learner_merges (merged_id, kept_id, merged_at, signer, signature, merged_handle, merged_name,
                                            merged_created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [merge.mergedID, merge.keptID, merge.mergedAt, merge.signer, merge.signature, details?.handle,
                 details?.displayName, details?.createdAt])
            return .applied(moved: moved, into: target, oldestMoved: oldest)
        }
    }

    static let key = "(SELECT key FROM learners WHERE id = ?)"
    static let mergeColumns = "merged_id, kept_id, merged_at, signer, signature, merged_handle, merged_name, merged_created_at"

    /// The stored merge of `learnerID` into another learner, if any.
    /// - Throws: `DatabaseError` on a storage failure.
    public func merge(of learnerID: UUID) throws(DatabaseError) -> Merge? {
        try database.first("SELECT \(Self.mergeColumns) FROM learner_merges WHERE merged_id = ?", [learnerID]) {
            row throws(DatabaseError) in try Self.decodeMerge(row).merge
        }
    }

    /// Every stored merge, by merged learner id (what an import redirects).
    /// - Throws: `DatabaseError` on a storage failure.
    public func merges() throws(DatabaseError) -> [Merge] {
        try database.rows("SELECT \(Self.mergeColumns) FROM learner_merges ORDER BY merged_id", []) {
            row throws(DatabaseError) in try Self.decodeMerge(row).merge
        }
    }

    /// The merges whose learners now belong to `learnerID`, directly or through a learner merged
    /// into it, each with the merged learner as it was (nil when never seen here), oldest first:
    /// what a bundle of `learnerID` carries.
    /// - Throws: `DatabaseError` on a storage failure.
    public func merges(into learnerID: UUID) throws(DatabaseError) -> [(merge: Merge, learner: Learner?)] {
        try database.rows(
            """
            WITH RECURSIVE absorbed(id) AS (
                SELECT merged_id FROM learner_merges WHERE kept_id = ?
                UNION SELECT m.merged_id FROM learner_merges AS m JOIN absorbed ON m.kept_id = absorbed.id
            )
            SELECT \(Self.mergeColumns) FROM learner_merges WHERE merged_id IN absorbed ORDER BY merged_at, merged_id
            """, [learnerID], Self.decodeMerge)
    }

    /// Where a learner's attempts are: the learner itself, or the learner it was merged into
    /// (following merges of merged learners).
    /// - Throws: `DatabaseError` on a storage failure.
    public func resolved(_ learnerID: UUID) throws(DatabaseError) -> UUID {
        var current = learnerID
        var seen: Set<UUID> = [learnerID]
        while let next = try merge(of: current)?.keptID, seen.insert(next).inserted {
            current = next
        }
        return current
    }

    /// Records the merged learner as a bundle listed it, where this machine had not seen it yet.
    /// - Throws: `DatabaseError` on a storage failure.
    public func recordMergedLearner(_ learner: Learner) throws(DatabaseError) {
        try database.execute(
            """
            UPDATE learner_merges SET merged_handle = ?, merged_name = ?, merged_created_at = ?
            WHERE merged_id = ? AND merged_handle IS NULL
            """, [learner.handle, learner.displayName, learner.createdAt, learner.id])
    }

    /// Records that the attempts were made (and signed) for `learnerID`, though stored under
    /// the learner it was merged into; an attempt's first origin is kept.
    /// - Throws: `DatabaseError` on a storage failure.
    public func recordOrigin(_ learnerID: UUID, attemptIDs: [UUID]) throws(DatabaseError) {
        for id in attemptIDs {
            try database.execute("INSERT OR IGNORE INTO attempt_origins (attempt_id, learner_id) VALUES (?, ?)", [id, learnerID])
        }
    }

    /// The learner an attempt was made for, when a merge moved it to another (nil otherwise).
    /// - Throws: `DatabaseError` on a storage failure.
    public func origin(attemptID: UUID) throws(DatabaseError) -> UUID? {
        try database.first("SELECT learner_id FROM attempt_origins WHERE attempt_id = ?", [attemptID]) {
            row throws(DatabaseError) -> UUID in try row.get(0)
        }
    }

    static func decodeMerge(_ row: Row) throws(DatabaseError) -> (merge: Merge, learner: Learner?) {
        let merge = Merge(mergedID: try row.get(0), keptID: try row.get(1), mergedAt: try row.get(2),
                          signer: row.isNull(3) ? nil : try row.get(3), signature: row.isNull(4) ? nil : try row.get(4))
        let learner = row.isNull(5) ? nil
            : Learner(id: merge.mergedID, handle: row.string(5), displayName: row.string(6), createdAt: try row.get(7))
        return (merge, learner)
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
