import CourseModels
import Foundation

/// The `mastery` table: derived state, recomputable from attempts, kept for quick reports.
public struct MasteryRepository {
    package let database: Database

    package init(database: Database) {
        self.database = database
    }

    static let columns = "l.id, m.objective_id, m.p_known, m.observations, m.updated_at, m.exercises"
    /// CROSS JOIN fixes the join order: mastery first, through its own indexes.
    static let source = "mastery AS m CROSS JOIN learners AS l ON l.key = m.learner"
    static let learnerKey = "(SELECT key FROM learners WHERE id = ?)"
    static let byObjectiveSQL = "SELECT \(columns) FROM \(source) WHERE m.objective_id = ? ORDER BY m.learner"

    /// Stores the state, replacing the one for the same learner and objective.
    /// - Throws: `DatabaseError` of kind `.constraint` (NOT NULL) when the learner does not exist.
    public func upsert(_ state: MasteryState) throws(DatabaseError) {
        try database.execute(
            """
            INSERT INTO mastery (learner, objective_id, p_known, observations, updated_at, exercises)
            VALUES (\(Self.learnerKey), ?, ?, ?, ?, ?)
            ON CONFLICT (learner, objective_id) DO UPDATE SET
                p_known = excluded.p_known, observations = excluded.observations, updated_at = excluded.updated_at,
                exercises = excluded.exercises
            """,
            [state.learnerID, state.objectiveID, state.pKnown, state.observations, state.updatedAt, state.exercises])
    }

    /// Stores many states in one transaction.
    /// - Throws: `DatabaseError`; nothing is stored then.
    public func upsert(contentsOf states: [MasteryState]) throws(DatabaseError) {
        try database.inTransaction { () throws(DatabaseError) in
            for state in states { try upsert(state) }
        }
    }

    /// Replaces all of a learner's states with `states`, as after recomputing from attempts.
    /// - Throws: `DatabaseError`; nothing changes then.
    public func replaceAll(learnerID: UUID, with states: [MasteryState]) throws(DatabaseError) {
        try database.inTransaction { () throws(DatabaseError) in
            try database.execute("DELETE FROM mastery WHERE learner = \(Self.learnerKey)", [learnerID])
            for state in states { try upsert(state) }
        }
    }

    /// - Throws: `DatabaseError` on a storage failure.
    public func state(learnerID: UUID, objectiveID: String) throws(DatabaseError) -> MasteryState? {
        try database.first(
            "SELECT \(Self.columns) FROM \(Self.source) WHERE m.learner = \(Self.learnerKey) AND m.objective_id = ?",
            [learnerID, objectiveID], Self.decode)
    }

    /// One learner's states by objective id.
    /// - Throws: `DatabaseError` on a storage failure.
    public func states(learnerID: UUID) throws(DatabaseError) -> [MasteryState] {
        try database.rows(
            "SELECT \(Self.columns) FROM \(Self.source) WHERE m.learner = \(Self.learnerKey) ORDER BY m.objective_id",
            [learnerID], Self.decode)
    }

    /// One objective's states across learners, in the order the learners were added; served by
    /// `mastery_by_objective`.
    /// - Throws: `DatabaseError` on a storage failure.
    public func states(objectiveID: String) throws(DatabaseError) -> [MasteryState] {
        try database.rows(Self.byObjectiveSQL, [objectiveID], Self.decode)
    }

    static func decode(_ row: Row) throws(DatabaseError) -> MasteryState {
        MasteryState(
            learnerID: try row.get(0), objectiveID: row.string(1), pKnown: row.double(2),
            observations: Int(row.int64(3)), exercises: Int(row.int64(5)), updatedAt: try row.get(4))
    }
}
