import CourseModels
import Foundation

/// The `reviews` table: instructors' decisions on attempts waiting for manual review.
public struct ReviewRepository {
    package let database: Database

    package init(database: Database) {
        self.database = database
    }

    static let columns = "attempt_id, reviewer, accepted, comment, decided_at"

    /// Records the decision, replacing an earlier one on the same attempt.
    /// - Throws: `DatabaseError` of kind `.constraint` when the attempt does not exist.
    public func record(_ review: Review) throws(DatabaseError) {
        try database.execute(
            """
            INSERT INTO reviews (\(Self.columns)) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (attempt_id) DO UPDATE SET
                reviewer = excluded.reviewer, accepted = excluded.accepted,
                comment = excluded.comment, decided_at = excluded.decided_at
            """,
            [review.attemptID, review.reviewer, review.accepted, review.comment, review.decidedAt])
    }

    /// - Throws: `DatabaseError` on a storage failure.
    public func review(attemptID: UUID) throws(DatabaseError) -> Review? {
        try database.first("SELECT \(Self.columns) FROM reviews WHERE attempt_id = ?", [attemptID], Self.decode)
    }

    /// All decisions, oldest first.
    /// - Throws: `DatabaseError` on a storage failure.
    public func all() throws(DatabaseError) -> [Review] {
        try database.rows("SELECT \(Self.columns) FROM reviews ORDER BY decided_at, attempt_id", [], Self.decode)
    }

    /// Attempts marked pending review that no one has decided yet, oldest first.
    /// - Throws: `DatabaseError` on a storage failure.
    public func attemptsAwaitingReview() throws(DatabaseError) -> [Attempt] {
        try database.rows(
            """
            SELECT \(AttemptRepository.columns) FROM \(AttemptRepository.source)
            WHERE a.verdict = 'pending-review'
              AND NOT EXISTS (SELECT 1 FROM reviews AS r WHERE r.attempt_id = a.id)
            ORDER BY a.submitted_at, a.id
            """, [], AttemptRepository.decode)
    }

    static func decode(_ row: Row) throws(DatabaseError) -> Review {
        Review(
            attemptID: try row.get(0), reviewer: row.string(1), accepted: row.int64(2) != 0,
            comment: row.string(3), decidedAt: try row.get(4))
    }
}
