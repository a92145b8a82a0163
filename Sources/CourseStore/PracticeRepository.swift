import CourseModels
import Foundation

/// The `practice_items` table: which generated items each learner was given, newest last.
///
/// Only the spec is stored (the item is rebuilt from it); the canonical key lets selection avoid
/// giving the same question again under another seed.
public struct PracticeRepository {
    package let database: Database

    package init(database: Database) {
        self.database = database
    }

    /// One issued item.
    public struct Issued: Hashable, Sendable {
        public var exerciseID: String
        public var spec: PracticeSpec
        public var objectiveID: String
        public var canonicalKey: String
        public var issuedAt: Date

        public init(exerciseID: String, spec: PracticeSpec, objectiveID: String, canonicalKey: String, issuedAt: Date) {
            self.exerciseID = exerciseID
            self.spec = spec
            self.objectiveID = objectiveID
            self.canonicalKey = canonicalKey
            self.issuedAt = issuedAt.roundedToMilliseconds
        }
    }

    static let columns = "p.exercise_id, p.family, p.tier, p.version, p.seed, p.objective_id, p.canonical_key, p.issued_at"
    static let learnerKey = "(SELECT key FROM learners WHERE id = ?)"

    /// Records that `learnerID` was given the item.
    /// - Throws: `DatabaseError` (a constraint error when the learner does not exist).
    public func record(_ issued: Issued, learnerID: UUID) throws(DatabaseError) {
        guard let learner = try database.scalarInt64("SELECT key FROM learners WHERE id = ?", [learnerID]) else {
            throw DatabaseError(kind: .constraint, resultCode: sqliteConstraintForeignKey,
                                message: "FOREIGN KEY constraint failed: no learner has the id \(learnerID.uuidString)")
        }
        try database.execute(
            """
            INSERT OR REPLACE INTO practice_items
                (learner, issued_at, exercise_id, family, tier, version, seed, objective_id, canonical_key)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [learner, issued.issuedAt, issued.exerciseID, issued.spec.family, Int64(issued.spec.tier),
             Int64(issued.spec.version), Int64(bitPattern: issued.spec.seed), issued.objectiveID, issued.canonicalKey])
    }

    /// The learner's most recently issued items, newest first.
    /// - Throws: `DatabaseError` on a storage failure.
    public func recent(learnerID: UUID, limit: Int) throws(DatabaseError) -> [Issued] {
        try database.rows(
            "SELECT \(Self.columns) FROM practice_items AS p WHERE p.learner = \(Self.learnerKey) "
                + "ORDER BY p.issued_at DESC, p.exercise_id DESC LIMIT ?",
            [learnerID, Int64(limit)], Self.decode)
    }

    /// How many items the learner was given in all.
    /// - Throws: `DatabaseError` on a storage failure.
    public func count(learnerID: UUID) throws(DatabaseError) -> Int {
        Int(try database.scalarInt64("SELECT count(*) FROM practice_items WHERE learner = \(Self.learnerKey)", [learnerID]) ?? 0)
    }

    /// The spec of a practice exercise id as issued on this machine, to any learner.
    /// - Throws: `DatabaseError` on a storage failure.
    public func spec(exerciseID: String) throws(DatabaseError) -> PracticeSpec? {
        try database.first(
            "SELECT \(Self.columns) FROM practice_items AS p WHERE p.exercise_id = ? LIMIT 1", [exerciseID], Self.decode)?.spec
    }

    static func decode(_ row: Row) throws(DatabaseError) -> Issued {
        Issued(
            exerciseID: row.string(0),
            spec: PracticeSpec(family: row.string(1), tier: Int(row.int64(2)), version: Int(row.int64(3)),
                               seed: UInt64(bitPattern: row.int64(4))),
            objectiveID: row.string(5), canonicalKey: row.string(6), issuedAt: try row.get(7))
    }
}
