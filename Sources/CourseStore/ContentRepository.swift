import CourseModels
import Foundation

/// The course content: `objectives`, `exercises`, `exercise_parts` and `part_objectives`.
///
/// Content comes from the seed files and is re-imported whole; upserts report what changed so
/// the importer can tell the instructor and regrade attempts at exercises whose key moved.
public struct ContentRepository {
    package let database: Database

    package init(database: Database) {
        self.database = database
    }

    /// What an upsert did.
    public enum UpsertOutcome: String, Hashable, Sendable {
        case added, changed, unchanged
    }

    /// The ids touched by a whole-content upsert, by outcome.
    // MARK: Objectives

    static let objectiveColumns = "id, title, description, p_init, p_learn, p_slip, p_guess, mastered_at"

    /// Adds the objective or replaces the stored one with the same id.
    /// - Throws: `DatabaseError` on a storage failure.
    @discardableResult
    public func upsert(_ objective: Objective) throws(DatabaseError) -> UpsertOutcome {
        try database.inTransaction { () throws(DatabaseError) -> UpsertOutcome in
            let existing = try self.objective(id: objective.id)
            if existing == objective { return .unchanged }
            let m = objective.mastery
            try database.execute(
                """
                INSERT INTO objectives (\(Self.objectiveColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET
                    title = excluded.title, description = excluded.description,
                    p_init = excluded.p_init, p_learn = excluded.p_learn, p_slip = excluded.p_slip,
                    p_guess = excluded.p_guess, mastered_at = excluded.mastered_at
                """,
                [objective.id, objective.title, objective.description, m.pInit, m.pLearn, m.pSlip, m.pGuess, m.masteredAt])
            return existing == nil ? .added : .changed
        }
    }

    /// - Throws: `DatabaseError` on a storage failure.
    public func objective(id: String) throws(DatabaseError) -> Objective? {
        try database.first("SELECT \(Self.objectiveColumns) FROM objectives WHERE id = ?", [id], Self.decodeObjective)
    }

    /// All objectives by id.
    /// - Throws: `DatabaseError` on a storage failure.
    public func objectives() throws(DatabaseError) -> [Objective] {
        try database.rows("SELECT \(Self.objectiveColumns) FROM objectives ORDER BY id", [], Self.decodeObjective)
    }

    static func decodeObjective(_ row: Row) throws(DatabaseError) -> Objective {
        Objective(
            id: row.string(0), title: row.string(1), description: row.string(2),
            mastery: MasteryParameters(
                pInit: row.double(3), pLearn: row.double(4), pSlip: row.double(5), pGuess: row.double(6),
                masteredAt: row.double(7)))
    }

    // MARK: Exercises

    /// Adds the exercise with its parts, or replaces the stored one with the same id. The
    /// objectives its parts link to must already be stored.
    ///
    /// Attempts are not touched; when the outcome is `.changed` and the content hash moved,
    /// call `markAttemptsForRegrade(exerciseID:)`.
    /// - Throws: `DatabaseError` of kind `.constraint` when a linked objective is missing.
    @discardableResult
    public func upsert(_ exercise: Exercise) throws(DatabaseError) -> UpsertOutcome {
        try database.inTransaction { () throws(DatabaseError) -> UpsertOutcome in
            let existing = try self.exercise(id: exercise.id)
            if existing == exercise { return .unchanged }
            try database.execute(
                """
                INSERT INTO exercises (id, title, prompt, position, content_hash, reveal_key_after)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET
                    title = excluded.title, prompt = excluded.prompt, position = excluded.position,
                    content_hash = excluded.content_hash, reveal_key_after = excluded.reveal_key_after
                """,
                [exercise.id, exercise.title, exercise.prompt, exercise.position, exercise.contentHash,
                 exercise.revealKeyAfter])
            // Parts are replaced whole; their objective links go with them (ON DELETE CASCADE).
            try database.execute("DELETE FROM exercise_parts WHERE exercise_id = ?", [exercise.id])
            for (position, part) in exercise.parts.enumerated() {
                try database.execute(
                    """
                    INSERT INTO exercise_parts (exercise_id, label, position, prompt, kind, key_json, hints_json)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                    [exercise.id, part.label, position, part.prompt, part.kind.rawValue, part.keyJSON,
                     Self.encodeHints(part.hints)])
                for (linkPosition, link) in part.objectives.enumerated() {
                    try database.execute(
                        """
                        INSERT INTO part_objectives (exercise_id, part_label, objective_id, position, weight)
                        VALUES (?, ?, ?, ?, ?)
                        """,
                        [exercise.id, part.label, link.objectiveID, linkPosition, link.weight])
                }
            }
            return existing == nil ? .added : .changed
        }
    }

    /// Flags every attempt at the exercise for regrading; returns how many were flagged.
    /// - Throws: `DatabaseError` on a storage failure.
    @discardableResult
    public func markAttemptsForRegrade(exerciseID: String) throws(DatabaseError) -> Int {
        try AttemptRepository(database: database).markNeedsRegrade(exerciseID: exerciseID)
    }

    /// - Throws: `DatabaseError` on a storage failure.
    public func exercise(id: String) throws(DatabaseError) -> Exercise? {
        try read(where: "WHERE id = ?", "WHERE exercise_id = ?", [id]).first
    }

    /// All exercises in display order, with their parts.
    /// - Throws: `DatabaseError` on a storage failure.
    public func exercises() throws(DatabaseError) -> [Exercise] {
        try read(where: "", "", [])
    }

    private func read(
        where exerciseFilter: String, _ partFilter: String, _ arguments: [(any DatabaseValueConvertible)?]
    ) throws(DatabaseError) -> [Exercise] {
        var exercises = try database.rows(
            """
            SELECT id, title, prompt, position, content_hash, reveal_key_after
            FROM exercises \(exerciseFilter) ORDER BY position, id
            """, arguments
        ) { row throws(DatabaseError) in
            Exercise(
                id: row.string(0), title: row.string(1), prompt: row.string(2), parts: [],
                position: Int(row.int64(3)), contentHash: row.string(4), revealKeyAfter: try row.get(5))
        }
        let linkRows = try database.rows(
            """
            SELECT exercise_id, part_label, objective_id, weight
            FROM part_objectives \(partFilter) ORDER BY exercise_id, part_label, position
            """, arguments
        ) { row in
            (row.string(0) + "\u{0}" + row.string(1), ObjectiveLink(objectiveID: row.string(2), weight: row.double(3)))
        }
        var links: [String: [ObjectiveLink]] = [:]
        for (key, link) in linkRows {
            links[key, default: []].append(link)
        }
        let partRows = try database.rows(
            """
            SELECT exercise_id, label, prompt, kind, key_json, hints_json
            FROM exercise_parts \(partFilter) ORDER BY exercise_id, position
            """, arguments
        ) { row throws(DatabaseError) -> (String, ExercisePart) in
            guard let kind = AnswerKind(rawValue: row.string(3)) else { throw row.invalidValue(3, "an answer kind") }
            let exerciseID = row.string(0)
            let label = row.string(1)
            let part = ExercisePart(
                label: label, prompt: row.string(2), kind: kind, keyJSON: row.string(4),
                objectives: links[exerciseID + "\u{0}" + label] ?? [], hints: try Self.decodeHints(row, 5))
            return (exerciseID, part)
        }
        var parts: [String: [ExercisePart]] = [:]
        for (exerciseID, part) in partRows {
            parts[exerciseID, default: []].append(part)
        }
        for index in exercises.indices {
            exercises[index].parts = parts[exercises[index].id] ?? []
        }
        return exercises
    }

    static func encodeHints(_ hints: [String]) -> String {
        let data = (try? JSONEncoder().encode(hints)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    static func decodeHints(_ row: Row, _ index: Int32) throws(DatabaseError) -> [String] {
        // Read through the package's JSON lexer: `JSONDecoder`'s first use alone costs a submit
        // millions of instructions.
        guard let hints = (try? JSONValue(parsing: row.string(index)))?.strings else {
            throw row.invalidValue(index, "a JSON list of hints")
        }
        return hints
    }
}
