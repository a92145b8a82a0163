import CourseModels
import Foundation

/// The `attempts` table: the learners' history, written once and regraded, never edited.
public struct AttemptRepository {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// What `insertIfAbsent` found.
    public enum InsertOutcome: Hashable, Sendable {
        /// The attempt was new and is now stored.
        case inserted
        /// An identical attempt was already stored (a sync bringing it back, say).
        case alreadyPresent
        /// A different attempt with the same id is stored; it was kept as it is.
        case conflict(existing: Attempt)
    }

    static let columns = """
        id, learner_id, exercise_id, part, answer, submitted_at, device_id, grader_version, \
        verdict, score, feedback, mistake, needs_regrade
        """
    static let insertSQL = "INSERT INTO attempts (\(columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    static let insertIfAbsentSQL = insertSQL + " ON CONFLICT (id) DO NOTHING"
    static let byLearnerSQL = "SELECT \(columns) FROM attempts WHERE learner_id = ? ORDER BY submitted_at, id"
    static let byExerciseSQL = "SELECT \(columns) FROM attempts WHERE exercise_id = ? ORDER BY submitted_at, id"
    static let lastAttemptSQL = """
        SELECT \(columns) FROM attempts
        WHERE exercise_id = ? AND learner_id = ? AND part = ?
        ORDER BY submitted_at DESC, id DESC LIMIT 1
        """

    /// Stores one attempt.
    /// - Throws: `DatabaseError` of kind `.constraint` when the id exists or the learner does not.
    public func insert(_ attempt: Attempt) throws(DatabaseError) {
        try Self.run(database.cachedStatement(Self.insertSQL), attempt)
    }

    /// Stores many attempts in one transaction with one prepared statement: all or none.
    /// - Throws: `DatabaseError` for the first attempt refused; none are then stored.
    public func insert<S: Sequence>(contentsOf attempts: S) throws(DatabaseError) where S.Element == Attempt {
        try database.inTransaction { () throws(DatabaseError) in
            let statement = try database.cachedStatement(Self.insertSQL)
            for attempt in attempts {
                try Self.run(statement, attempt)
            }
        }
    }

    /// Stores the attempt unless its id is taken, and says whether the stored one is identical.
    /// - Throws: `DatabaseError` when the learner does not exist or storage fails.
    public func insertIfAbsent(_ attempt: Attempt) throws(DatabaseError) -> InsertOutcome {
        try Self.run(database.cachedStatement(Self.insertIfAbsentSQL), attempt)
        if database.changes > 0 { return .inserted }
        guard let existing = try self.attempt(id: attempt.id) else { return .inserted }
        var normalized = attempt
        normalized.submittedAt = attempt.submittedAt.roundedToMilliseconds
        return existing == normalized ? .alreadyPresent : .conflict(existing: existing)
    }

    /// `insertIfAbsent` for many attempts in one transaction; outcomes in the same order.
    /// - Throws: `DatabaseError`; nothing is stored then.
    public func insertIfAbsent<S: Sequence>(contentsOf attempts: S) throws(DatabaseError) -> [InsertOutcome]
    where S.Element == Attempt {
        try database.inTransaction { () throws(DatabaseError) in
            var outcomes: [InsertOutcome] = []
            for attempt in attempts { outcomes.append(try insertIfAbsent(attempt)) }
            return outcomes
        }
    }

    /// - Throws: `DatabaseError` on a storage failure.
    public func attempt(id: UUID) throws(DatabaseError) -> Attempt? {
        try database.first("SELECT \(Self.columns) FROM attempts WHERE id = ?", [id], Self.decode)
    }

    /// One learner's attempts in the order they were made (ties broken by id, so the order is
    /// the same on every device); served by the index `attempts_by_learner_time`.
    /// - Throws: `DatabaseError` on a storage failure.
    public func attempts(learnerID: UUID) throws(DatabaseError) -> [Attempt] {
        try database.rows(Self.byLearnerSQL, [learnerID], Self.decode)
    }

    /// One exercise's attempts, all learners, in time order; served by `attempts_by_exercise`.
    /// - Throws: `DatabaseError` on a storage failure.
    public func attempts(exerciseID: String) throws(DatabaseError) -> [Attempt] {
        try database.rows(Self.byExerciseSQL, [exerciseID], Self.decode)
    }

    /// Every attempt in time order (for export).
    /// - Throws: `DatabaseError` on a storage failure.
    public func all() throws(DatabaseError) -> [Attempt] {
        try database.rows("SELECT \(Self.columns) FROM attempts ORDER BY submitted_at, id", [], Self.decode)
    }

    /// The learner's latest attempt at one part of one exercise.
    /// - Throws: `DatabaseError` on a storage failure.
    public func lastAttempt(learnerID: UUID, exerciseID: String, part: String) throws(DatabaseError) -> Attempt? {
        try database.first(Self.lastAttemptSQL, [exerciseID, learnerID, part], Self.decode)
    }

    /// How many attempts are stored, for one learner or for all.
    /// - Throws: `DatabaseError` on a storage failure.
    public func count(learnerID: UUID? = nil) throws(DatabaseError) -> Int {
        if let learnerID {
            return Int(try database.scalarInt64("SELECT count(*) FROM attempts WHERE learner_id = ?", [learnerID]) ?? 0)
        }
        return Int(try database.scalarInt64("SELECT count(*) FROM attempts") ?? 0)
    }

    /// Attempts flagged because their exercise changed, in time order.
    /// - Throws: `DatabaseError` on a storage failure.
    public func attemptsNeedingRegrade() throws(DatabaseError) -> [Attempt] {
        try database.rows(
            "SELECT \(Self.columns) FROM attempts WHERE needs_regrade = 1 ORDER BY submitted_at, id", [], Self.decode)
    }

    /// Flags every attempt at `exerciseID` for regrading; returns how many were flagged.
    /// - Throws: `DatabaseError` on a storage failure.
    @discardableResult
    public func markNeedsRegrade(exerciseID: String) throws(DatabaseError) -> Int {
        try database.execute(
            "UPDATE attempts SET needs_regrade = 1 WHERE exercise_id = ? AND needs_regrade = 0", [exerciseID])
        return database.changes
    }

    /// Records a new grade for an attempt and clears its regrade flag; the answer and time stay.
    /// Returns false when no attempt has that id.
    /// - Throws: `DatabaseError` on a storage failure.
    @discardableResult
    public func updateGrade(
        id: UUID, verdict: Verdict, score: Double, feedback: String, mistake: String?, graderVersion: String
    ) throws(DatabaseError) -> Bool {
        try database.execute(
            """
            UPDATE attempts
            SET verdict = ?, score = ?, feedback = ?, mistake = ?, grader_version = ?, needs_regrade = 0
            WHERE id = ?
            """,
            [verdict.rawValue, score, feedback, mistake, graderVersion, id])
        return database.changes > 0
    }

    /// Binds every column by its concrete type (no boxing), steps and resets: the hot path of imports.
    static func run(_ statement: Statement, _ attempt: Attempt) throws(DatabaseError) {
        statement.reset()
        try attempt.id.bind(to: statement, at: 1)
        try attempt.learnerID.bind(to: statement, at: 2)
        try attempt.exerciseID.bind(to: statement, at: 3)
        try attempt.part.bind(to: statement, at: 4)
        try attempt.answer.bind(to: statement, at: 5)
        try attempt.submittedAt.bind(to: statement, at: 6)
        try attempt.deviceID.bind(to: statement, at: 7)
        try attempt.graderVersion.bind(to: statement, at: 8)
        try attempt.verdict.rawValue.bind(to: statement, at: 9)
        try attempt.score.bind(to: statement, at: 10)
        try attempt.feedback.bind(to: statement, at: 11)
        try attempt.mistake.bind(to: statement, at: 12)
        try attempt.needsRegrade.bind(to: statement, at: 13)
        defer { statement.reset() }
        try statement.step()
    }

    /// Reads a row selected with `columns`, in that order.
    static func decode(_ row: Row) throws(DatabaseError) -> Attempt {
        guard let verdict = Verdict(rawValue: row.string(8)) else {
            throw row.invalidValue(8, "a verdict")
        }
        return Attempt(
            id: try row.get(0), learnerID: try row.get(1), exerciseID: row.string(2), part: row.string(3),
            answer: row.string(4), submittedAt: try row.get(5), deviceID: try row.get(6),
            graderVersion: row.string(7), verdict: verdict, score: row.double(9), feedback: row.string(10),
            mistake: try row.get(11), needsRegrade: row.int64(12) != 0)
    }
}
