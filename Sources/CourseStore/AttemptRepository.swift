import CourseModels
import Foundation

/// The `attempts` table: the learners' history, written once and regraded, never edited.
public struct AttemptRepository {
    package let database: Database

    /// Every attempt, every column, in storage order: what the storage benchmark has the
    /// sqlite3 shell export as CSV, to import it again as the reference rate.
    package static let everyAttemptSQL = "SELECT * FROM attempts ORDER BY submitted_at, id"

    package init(database: Database) {
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

    /// The attempt's fields in `Attempt` order, with learner and device keys turned back into UUIDs.
    static let columns = """
        a.id, l.id, a.exercise_id, a.part, a.answer, a.submitted_at, d.id, a.grader_version, \
        a.verdict, a.score, a.feedback, a.mistake, a.needs_regrade, a.evidence, \
        a.practice_family, a.practice_tier, a.practice_version, a.practice_seed
        """
    /// CROSS JOIN fixes the join order: attempts first, through their own indexes, then one
    /// key lookup each for the learner and device UUIDs.
    static let source = """
        attempts AS a CROSS JOIN learners AS l ON l.key = a.learner CROSS JOIN devices AS d ON d.key = a.device
        """
    static let learnerKey = "(SELECT key FROM learners WHERE id = ?)"
    static let insertSQL = """
        INSERT INTO attempts (id, learner, exercise_id, part, answer, submitted_at, device, grader_version,
                              verdict, score, feedback, mistake, needs_regrade, evidence,
                              practice_family, practice_tier, practice_version, practice_seed)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    static let insertIfAbsentSQL = insertSQL + " ON CONFLICT DO NOTHING"
    static let byLearnerSQL = "SELECT \(columns) FROM \(source) WHERE a.learner = \(learnerKey) ORDER BY a.submitted_at, a.id"
    static let practiceByLearnerSQL = """
        SELECT \(columns) FROM \(source) WHERE a.learner = \(learnerKey) AND a.practice_family IS NOT NULL \
        ORDER BY a.submitted_at, a.id
        """
    static let byExerciseSQL = "SELECT \(columns) FROM \(source) WHERE a.exercise_id = ? ORDER BY a.submitted_at, a.id"
    /// One learner's attempts at one exercise: the learner's range, filtered (the `+` keeps the
    /// planner on the primary key).
    static let byLearnerAndExerciseSQL = """
        SELECT \(columns) FROM \(source) WHERE a.learner = \(learnerKey) AND +a.exercise_id = ?
        ORDER BY a.submitted_at, a.id
        """
    static let latestSQL = "SELECT MAX(submitted_at) FROM attempts WHERE learner = \(learnerKey)"
    /// Walks back through the learner's own range (the primary key) rather than the exercise
    /// index, which is ordered by time only: the unary `+` keeps the planner off the latter.
    static let lastAttemptSQL = """
        SELECT \(columns) FROM \(source)
        WHERE +a.exercise_id = ? AND a.learner = \(learnerKey) AND +a.part = ?
        ORDER BY a.submitted_at DESC, a.id DESC LIMIT 1
        """

    /// Stores one attempt.
    /// - Throws: `DatabaseError` of kind `.constraint` when the id exists or the learner does not.
    public func insert(_ attempt: Attempt) throws(DatabaseError) {
        try database.inTransaction { () throws(DatabaseError) in
            var keys = KeyResolver(database: database)
            try Self.run(database.cachedStatement(Self.insertSQL), attempt, &keys)
        }
    }

    /// Stores many attempts in one transaction with one prepared statement: all or none.
    /// - Throws: `DatabaseError` for the first attempt refused; none are then stored.
    ///
    /// With `pausingCheckpoints` (bulk imports), the WAL is not checkpointed when this
    /// transaction commits (a million rows would stall the commit while the log is copied into
    /// the file); the next commit or closing the database does it. Interactive writes leave the
    /// setting alone.
    ///
    /// Inside a transaction the rows are stored under a savepoint, so that a refused attempt
    /// undoes only this call's rows. With `partOfEnclosingTransaction` they are stored straight
    /// into the caller's transaction instead, and a refused attempt leaves the rows before it in
    /// place: for a caller that rolls its whole transaction back when this throws (a bundle
    /// import). A savepoint is not free: SQLite copies each page, the first time it changes
    /// under one, into a temporary journal in case of a rollback to it; a million-attempt
    /// import, one savepoint per batch of 2,000 (each touching a couple of thousand index pages
    /// of 16 KB), wrote about 10 GB of those copies.
    public func insert<S: Sequence>(contentsOf attempts: S, pausingCheckpoints: Bool = false,
                                    partOfEnclosingTransaction: Bool = false) throws(DatabaseError)
    where S.Element == Attempt {
        var checkpointEvery: Int64?
        if pausingCheckpoints {
            checkpointEvery = try database.scalarInt64("PRAGMA wal_autocheckpoint") ?? 1000
            try database.execute("PRAGMA wal_autocheckpoint = 0")
        }
        defer { if let checkpointEvery { try? database.execute("PRAGMA wal_autocheckpoint = \(checkpointEvery)") } }
        // SQLite evaluates the CHECK on `verdict`, an IN list of four constants, by building a
        // temporary index each time the statement runs: about 3 µs of the main thread per stored
        // attempt, a third of SQLite's share of a bulk import. Every value this statement binds
        // to a checked column comes from `Verdict`, `Evidence` or a `Bool`, each of whose values
        // the checks allow (`AttemptRepositoryTests` stores every case through the checked
        // path), so the bulk path runs without the checks. Setting the pragma expires the
        // connection's prepared statements; they are prepared again, without the checks, on
        // their next use here, and with them again once the deferred statement turns the
        // pragma off.
        try database.execute("PRAGMA ignore_check_constraints = ON")
        defer { try? database.execute("PRAGMA ignore_check_constraints = OFF") }
        func store() throws(DatabaseError) {
            var keys = KeyResolver(database: database)
            let statement = try database.cachedStatement(Self.insertSQL)
            for attempt in attempts {
                try Self.run(statement, attempt, &keys)
            }
        }
        if partOfEnclosingTransaction && database.isInTransaction {
            try store()
        } else {
            try database.inTransaction { () throws(DatabaseError) in try store() }
        }
    }

    /// Stores the attempt unless its id is taken, and says whether the stored one is identical.
    /// - Throws: `DatabaseError` when the learner does not exist or storage fails.
    public func insertIfAbsent(_ attempt: Attempt) throws(DatabaseError) -> InsertOutcome {
        var keys = KeyResolver(database: database)
        return try insertIfAbsent(attempt, &keys)
    }

    private func insertIfAbsent(_ attempt: Attempt, _ keys: inout KeyResolver) throws(DatabaseError) -> InsertOutcome {
        let inserted = try database.inTransaction { () throws(DatabaseError) -> Bool in
            try Self.run(database.cachedStatement(Self.insertIfAbsentSQL), attempt, &keys)
            return database.changes > 0
        }
        if inserted { return .inserted }
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
            var keys = KeyResolver(database: database)
            var outcomes: [InsertOutcome] = []
            for attempt in attempts { outcomes.append(try insertIfAbsent(attempt, &keys)) }
            return outcomes
        }
    }

    /// - Throws: `DatabaseError` on a storage failure.
    public func attempt(id: UUID) throws(DatabaseError) -> Attempt? {
        try database.first("SELECT \(Self.columns) FROM \(Self.source) WHERE a.id = ?", [id], Self.decode)
    }

    /// One learner's attempts in the order they were made (ties broken by id, so the order is
    /// the same on every device); one range of the table, which is clustered that way.
    /// - Throws: `DatabaseError` on a storage failure.
    public func attempts(learnerID: UUID) throws(DatabaseError) -> [Attempt] {
        try database.rows(Self.byLearnerSQL, [learnerID], Self.decode)
    }

    /// One learner's attempts at generated practice items, in the same order: what the replay
    /// needs to rebuild those items before it walks the whole log (one range of the table,
    /// filtered, instead of every attempt decoded twice).
    /// - Throws: `DatabaseError` on a storage failure.
    public func practiceAttempts(learnerID: UUID) throws(DatabaseError) -> [Attempt] {
        try database.rows(Self.practiceByLearnerSQL, [learnerID], Self.decode)
    }

    /// One learner's attempts in the same order as `attempts(learnerID:)`, handed to `body` one
    /// at a time: memory holds one attempt, however long the history (64 KB proofs add up).
    /// - Throws: `DatabaseError` on a storage failure.
    public func forEachAttempt(learnerID: UUID, _ body: (Attempt) -> Void) throws(DatabaseError) {
        try database.cachedStatement(Self.byLearnerSQL).forEach([learnerID]) { row throws(DatabaseError) in
            body(try Self.decode(row))
        }
    }

    /// `forEachAttempt` for a caller that works while it reads (an export writes each attempt to
    /// its file and stores its signature): the attempts come from a statement of their own, so
    /// `body` may use the database meanwhile (not to change this learner's attempts) and may
    /// throw any error, which ends the walk. Memory holds one attempt, however long the history.
    /// - Throws: `DatabaseError`, or what `body` threw.
    public func forEachAttempt(learnerID: UUID, working body: (Attempt) throws -> Void) throws {
        let statement = try database.prepare(Self.byLearnerSQL)
        try statement.bind([learnerID])
        defer { statement.reset() }
        while try statement.step() {
            try body(try Self.decode(statement.row))
        }
    }

    /// One learner's attempts at one exercise, in time order (what a submission needs to know).
    /// - Throws: `DatabaseError` on a storage failure.
    public func attempts(learnerID: UUID, exerciseID: String) throws(DatabaseError) -> [Attempt] {
        try database.rows(Self.byLearnerAndExerciseSQL, [learnerID, exerciseID], Self.decode)
    }

    /// When the learner's most recent attempt was submitted, or nil when there is none.
    /// - Throws: `DatabaseError` on a storage failure.
    public func latestSubmission(learnerID: UUID) throws(DatabaseError) -> Date? {
        try database.scalarInt64(Self.latestSQL, [learnerID]).map { Date(millisecondsSince1970: $0) }
    }

    /// When the learner's oldest attempt was submitted, or nil when there is none.
    /// - Throws: `DatabaseError` on a storage failure.
    public func earliestSubmission(learnerID: UUID) throws(DatabaseError) -> Date? {
        try database.scalarInt64("SELECT MIN(submitted_at) FROM attempts WHERE learner = \(Self.learnerKey)", [learnerID])
            .map { Date(millisecondsSince1970: $0) }
    }

    /// One exercise's attempts, all learners, in time order; served by `attempts_by_exercise`.
    /// - Throws: `DatabaseError` on a storage failure.
    public func attempts(exerciseID: String) throws(DatabaseError) -> [Attempt] {
        try database.rows(Self.byExerciseSQL, [exerciseID], Self.decode)
    }

    /// Every attempt in time order (for export).
    /// - Throws: `DatabaseError` on a storage failure.
    public func all() throws(DatabaseError) -> [Attempt] {
        try database.rows("SELECT \(Self.columns) FROM \(Self.source) ORDER BY a.submitted_at, a.id", [], Self.decode)
    }

    /// The learner's latest attempt at one part of one exercise.
    /// - Throws: `DatabaseError` on a storage failure.
    public func lastAttempt(learnerID: UUID, exerciseID: String, part: String) throws(DatabaseError) -> Attempt? {
        try database.first(Self.lastAttemptSQL, [exerciseID, learnerID, part], Self.decode)
    }

    /// The practice spec stored with attempts at `exerciseID` (an item issued elsewhere and synced here).
    /// - Throws: `DatabaseError` on a storage failure.
    public func practiceSpec(exerciseID: String) throws(DatabaseError) -> PracticeSpec? {
        try database.first(
            "SELECT \(Self.columns) FROM \(Self.source) WHERE a.exercise_id = ? AND a.practice_family IS NOT NULL LIMIT 1",
            [exerciseID], Self.decode)?.practice
    }

    /// Every distinct practice spec stored with an attempt.
    /// - Throws: `DatabaseError` on a storage failure.
    public func practiceSpecs() throws(DatabaseError) -> [PracticeSpec] {
        try database.rows(
            """
            SELECT DISTINCT practice_family, practice_tier, practice_version, practice_seed FROM attempts
            WHERE practice_family IS NOT NULL ORDER BY 1, 2, 3, 4
            """, []) { (row: Row) throws(DatabaseError) -> PracticeSpec in
            PracticeSpec(family: row.string(0), tier: Int(row.int64(1)), version: Int(row.int64(2)),
                         seed: UInt64(bitPattern: row.int64(3)))
        }
    }

    /// Whether the device made any attempt for the learner, as signed: the learner's own
    /// attempts (their range, filtered) less those a merge moved there from another learner, plus
    /// those a merge moved away from this learner (`attempt_origins`).
    /// - Throws: `DatabaseError` on a storage failure.
    public func hasAttempt(signedFor learnerID: UUID, deviceID: UUID) throws(DatabaseError) -> Bool {
        try database.scalarInt64(
            """
            SELECT 1 FROM attempts AS a
            WHERE a.learner = \(Self.learnerKey) AND +a.device = (SELECT key FROM devices WHERE id = ?)
                AND NOT EXISTS (SELECT 1 FROM attempt_origins AS o WHERE o.attempt_id = a.id)
            UNION ALL
            SELECT 1 FROM attempt_origins AS o JOIN attempts AS a ON a.id = o.attempt_id
            WHERE o.learner_id = ? AND a.device = (SELECT key FROM devices WHERE id = ?)
            LIMIT 1
            """,
            [learnerID, deviceID, learnerID, deviceID]) != nil
    }

    /// Runs `body`, which stores many attempts, with the exercise index (`attempts_by_exercise`)
    /// set aside, and builds the index again afterwards from its own definition, in one sorted
    /// pass. Called inside a transaction: if `body` throws, the rollback restores the index with
    /// everything else; if it succeeds, the index is complete again before the commit.
    ///
    /// Why: each stored attempt lands at a random place of that index (a bundle is grouped by
    /// learner, the index by exercise and time), and once the index outgrows SQLite's page cache
    /// every insert dirties a page that was written out before and is written again. Importing a
    /// million attempts into a new database took 69 s with the index kept up to date and 49–53 s
    /// without it; building it afterwards takes about a second. Nothing `body` does may need the
    /// index: a bulk import reads attempts by id and by learner only.
    /// - Throws: `DatabaseError` from dropping or building the index; what `body` throws.
    public func deferringExerciseIndex<T>(_ body: () throws -> T) throws -> T {
        precondition(database.isInTransaction, "the exercise index is set aside only inside a transaction")
        let definition = try database.scalarString(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'attempts_by_exercise'")
        guard let definition else { return try body() }
        try database.executeScript("DROP INDEX attempts_by_exercise")
        let result = try body()
        // SQLite sorts the entries in memory up to the page cache's size before it spills to a
        // temporary file: with the 64 MB cache that held 37 MB more at the peak of a
        // million-attempt import (to 258 MB of heap), for no faster a build.
        let cache = try database.scalarInt64("PRAGMA cache_size") ?? -65_536
        try database.executeScript("PRAGMA cache_size = -16384")
        try database.executeScript(definition)
        try database.executeScript("PRAGMA cache_size = \(cache)")
        return result
    }

    /// How many attempts are stored, for one learner or for all.
    /// - Throws: `DatabaseError` on a storage failure.
    public func count(learnerID: UUID? = nil) throws(DatabaseError) -> Int {
        if let learnerID {
            return Int(try database.scalarInt64("SELECT count(*) FROM attempts WHERE learner = \(Self.learnerKey)", [learnerID]) ?? 0)
        }
        return Int(try database.scalarInt64("SELECT count(*) FROM attempts") ?? 0)
    }

    /// Attempts flagged because their exercise changed, in time order.
    /// - Throws: `DatabaseError` on a storage failure.
    public func attemptsNeedingRegrade() throws(DatabaseError) -> [Attempt] {
        try database.rows(
            "SELECT \(Self.columns) FROM \(Self.source) WHERE a.needs_regrade = 1 ORDER BY a.submitted_at, a.id", [],
            Self.decode)
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
        id: UUID, verdict: Verdict, score: Double, feedback: String, mistake: String?, graderVersion: String,
        evidence: Evidence = .counted
    ) throws(DatabaseError) -> Bool {
        try database.execute(
            """
            UPDATE attempts
            SET verdict = ?, score = ?, feedback = ?, mistake = ?, grader_version = ?, needs_regrade = 0, evidence = ?
            WHERE id = ?
            """,
            [verdict.rawValue, score, feedback, mistake, graderVersion, evidence.rawValue, id])
        return database.changes > 0
    }

    /// Binds every column by its concrete type (no boxing), steps and resets: the hot path of imports.
    static func run(_ statement: Statement, _ attempt: Attempt, _ keys: inout KeyResolver) throws(DatabaseError) {
        let learner = try keys.learner(attempt.learnerID, sql: statement.sql)
        let device = try keys.device(attempt.deviceID)
        // Every use of a statement ends in a reset (below, and in `Statement`), so binding can
        // start at once.
        try attempt.id.bind(to: statement, at: 1)
        try learner.bind(to: statement, at: 2)
        try attempt.exerciseID.bind(to: statement, at: 3)
        try attempt.part.bind(to: statement, at: 4)
        try attempt.answer.bind(to: statement, at: 5)
        try attempt.submittedAt.bind(to: statement, at: 6)
        try device.bind(to: statement, at: 7)
        try attempt.graderVersion.bind(to: statement, at: 8)
        try attempt.verdict.rawValue.bind(to: statement, at: 9)
        try attempt.score.bind(to: statement, at: 10)
        try attempt.feedback.bind(to: statement, at: 11)
        try attempt.mistake.bind(to: statement, at: 12)
        try attempt.needsRegrade.bind(to: statement, at: 13)
        try attempt.evidence.rawValue.bind(to: statement, at: 14)
        // Bound as NULL for a fixed exercise: a reused statement keeps its last bindings.
        let family: String? = attempt.practice?.family
        try family.bind(to: statement, at: 15)
        try attempt.practice.map { Int64($0.tier) }.bind(to: statement, at: 16)
        try attempt.practice.map { Int64($0.version) }.bind(to: statement, at: 17)
        try attempt.practice.map { Int64(bitPattern: $0.seed) }.bind(to: statement, at: 18)
        defer { statement.reset() }
        try statement.step()
    }

    /// Reads a row selected with `columns`, in that order.
    static func decode(_ row: Row) throws(DatabaseError) -> Attempt {
        guard let verdict = Verdict(rawValue: row.string(8)) else {
            throw row.invalidValue(8, "a verdict")
        }
        guard let evidence = Evidence(rawValue: row.string(13)) else {
            throw row.invalidValue(13, "an evidence status")
        }
        var practice: PracticeSpec?
        if !row.isNull(14) {
            practice = PracticeSpec(family: row.string(14), tier: Int(row.int64(15)), version: Int(row.int64(16)),
                                    seed: UInt64(bitPattern: row.int64(17)))
        }
        return Attempt(
            id: try row.get(0), learnerID: try row.get(1), exerciseID: row.string(2), part: row.string(3),
            answer: row.string(4), submittedAt: try row.get(5), deviceID: try row.get(6),
            graderVersion: row.string(7), verdict: verdict, score: row.double(9), feedback: row.string(10),
            mistake: try row.get(11), needsRegrade: row.int64(12) != 0, evidence: evidence, practice: practice)
    }
}

/// Turns learner and device UUIDs into the tables' integer keys, remembering them for a batch.
struct KeyResolver {
    let database: Database
    private var learners: [UUID: Int64] = [:]
    private var devices: [UUID: Int64] = [:]

    init(database: Database) {
        self.database = database
    }

    /// The learner's key.
    /// - Throws: `DatabaseError` of kind `.constraint` when no such learner is stored.
    mutating func learner(_ id: UUID, sql: String) throws(DatabaseError) -> Int64 {
        if let key = learners[id] { return key }
        guard let key = try database.scalarInt64("SELECT key FROM learners WHERE id = ?", [id]) else {
            throw DatabaseError(
                kind: .constraint, resultCode: sqliteConstraintForeignKey,
                message: "FOREIGN KEY constraint failed: no learner has the id \(id.uuidString)", sql: sql)
        }
        learners[id] = key
        return key
    }

    /// The device's key, adding the device on first sight.
    /// - Throws: `DatabaseError` on a storage failure.
    mutating func device(_ id: UUID) throws(DatabaseError) -> Int64 {
        if let key = devices[id] { return key }
        try database.execute("INSERT INTO devices (id) VALUES (?) ON CONFLICT (id) DO NOTHING", [id])
        let key = try database.scalarInt64("SELECT key FROM devices WHERE id = ?", [id]) ?? 0
        devices[id] = key
        return key
    }
}
