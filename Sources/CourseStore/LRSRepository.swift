import Foundation

/// The `lrs_outbox` and `lrs_endpoints` tables: per Learning Record Store endpoint, the
/// statements queued for it (their exact bytes) and what became of them, the pull cursor and
/// the last results. Credentials never come here.
public struct LRSRepository {
    package let database: Database

    package init(database: Database) {
        self.database = database
    }

    /// What became of a statement sent, or to be sent, to one endpoint.
    public enum State: String, Sendable, CaseIterable {
        /// Queued, not yet accepted: the next push sends it again, byte for byte.
        case pending
        /// The LRS answered 200 or 204, or the statement was pulled from it.
        case accepted
        /// The LRS holds other content under this id (409): reported, never retried.
        case conflict
        /// The LRS refused the statement on its own (400): reported, never retried.
        case rejected
    }

    /// A statement waiting in the outbox.
    public struct Entry: Hashable, Sendable {
        public var statementID: String
        public var seq: Int64
        public var body: [UInt8]

        public init(statementID: String, seq: Int64, body: [UInt8]) {
            self.statementID = statementID
            self.seq = seq
            self.body = body
        }
    }

    /// The ids of every statement the outbox of `endpoint` knows, whatever their state: those
    /// are never queued again.
    /// - Throws: `DatabaseError` on a storage failure.
    public func knownStatementIDs(endpoint: String) throws(DatabaseError) -> Set<String> {
        Set(try database.rows("SELECT statement_id FROM lrs_outbox WHERE endpoint = ?", [endpoint]) { row in row.string(0) })
    }

    /// Queues statements (id and bytes) in order after those already queued; an id already
    /// known for the endpoint is left as it is.
    /// - Throws: `DatabaseError` on a storage failure.
    public func enqueue(_ statements: [(id: String, body: [UInt8])], endpoint: String) throws(DatabaseError) {
        guard !statements.isEmpty else { return }
        try database.inTransaction { () throws(DatabaseError) in
            var seq = try database.scalarInt64("SELECT max(seq) FROM lrs_outbox WHERE endpoint = ?", [endpoint]) ?? 0
            let insert = try database.cachedStatement(
                "INSERT OR IGNORE INTO lrs_outbox (endpoint, statement_id, seq, body, state) VALUES (?, ?, ?, ?, 'pending')")
            for statement in statements {
                seq += 1
                try insert.execute([endpoint, statement.id, seq, Data(statement.body)])
            }
        }
    }

    /// Records ids the LRS is known to hold (pulled from it), so they are never pushed there.
    /// - Throws: `DatabaseError` on a storage failure.
    public func markHeld<S: Sequence<String>>(_ ids: S, endpoint: String) throws(DatabaseError) {
        try database.inTransaction { () throws(DatabaseError) in
            let insert = try database.cachedStatement(
                """
                INSERT INTO lrs_outbox (endpoint, statement_id, seq, body, state) VALUES (?, ?, 0, x'', 'accepted')
                ON CONFLICT (endpoint, statement_id) DO UPDATE SET state = 'accepted', body = x''
                WHERE state = 'pending'
                """)
            for id in ids {
                try insert.execute([endpoint, id])
            }
        }
    }

    /// Up to `limit` pending statements after `seq`, in queue order.
    /// - Throws: `DatabaseError` on a storage failure.
    public func pending(endpoint: String, after seq: Int64, limit: Int) throws(DatabaseError) -> [Entry] {
        try database.rows(
            """
            SELECT statement_id, seq, body FROM lrs_outbox
            WHERE endpoint = ? AND state = 'pending' AND seq > ? ORDER BY seq LIMIT ?
            """, [endpoint, seq, limit]) { row in
            Entry(statementID: row.string(0), seq: row.int64(1), body: [UInt8](row.data(2)))
        }
    }

    /// Settles statements: accepted ones drop their bytes (no longer needed); conflicts and
    /// rejections keep them, with the LRS's answer, for the report.
    /// - Throws: `DatabaseError` on a storage failure.
    public func settle(_ ids: [String], as state: State, detail: String = "", endpoint: String) throws(DatabaseError) {
        guard !ids.isEmpty else { return }
        try database.inTransaction { () throws(DatabaseError) in
            let update = try database.cachedStatement(
                state == .accepted
                    ? "UPDATE lrs_outbox SET state = ?, detail = ?, body = x'' WHERE endpoint = ? AND statement_id = ?"
                    : "UPDATE lrs_outbox SET state = ?, detail = ? WHERE endpoint = ? AND statement_id = ?")
            for id in ids {
                try update.execute([state.rawValue, detail, endpoint, id])
            }
        }
    }

    /// How many statements of `endpoint` are in each state.
    /// - Throws: `DatabaseError` on a storage failure.
    public func counts(endpoint: String) throws(DatabaseError) -> [State: Int] {
        let pairs = try database.rows(
            "SELECT state, count(*) FROM lrs_outbox WHERE endpoint = ? GROUP BY state", [endpoint]) { row in
            (State(rawValue: row.string(0)) ?? .pending, Int(row.int64(1)))
        }
        return Dictionary(pairs, uniquingKeysWith: +)
    }

    /// Statements settled as `state` (conflicts or rejections), with the LRS's answer, by queue order.
    /// - Throws: `DatabaseError` on a storage failure.
    public func settled(_ state: State, endpoint: String, limit: Int) throws(DatabaseError) -> [(id: String, detail: String)] {
        try database.rows(
            "SELECT statement_id, detail FROM lrs_outbox WHERE endpoint = ? AND state = ? ORDER BY seq LIMIT ?",
            [endpoint, state.rawValue, limit]) { row in (id: row.string(0), detail: row.string(1)) }
    }

    /// The endpoint's pull cursor (its meaning belongs to the LRS module), last push and last pull summaries.
    public struct EndpointState: Hashable, Sendable {
        public var pullCursor: String?
        public var lastPush: String
        public var lastPull: String
    }

    /// - Throws: `DatabaseError` on a storage failure.
    public func endpointState(_ endpoint: String) throws(DatabaseError) -> EndpointState? {
        try database.first(
            "SELECT pull_cursor, last_push, last_pull FROM lrs_endpoints WHERE endpoint = ?", [endpoint]) { row in
            EndpointState(pullCursor: row.isNull(0) ? nil : row.string(0), lastPush: row.string(1), lastPull: row.string(2))
        }
    }

    /// Every endpoint this database has pushed to or pulled from.
    /// - Throws: `DatabaseError` on a storage failure.
    public func endpoints() throws(DatabaseError) -> [String] {
        try database.rows(
            "SELECT endpoint FROM lrs_endpoints UNION SELECT DISTINCT endpoint FROM lrs_outbox ORDER BY 1", []) { row in
            row.string(0)
        }
    }

    /// - Throws: `DatabaseError` on a storage failure.
    public func setPullCursor(_ cursor: String?, endpoint: String) throws(DatabaseError) {
        try database.execute(
            """
            INSERT INTO lrs_endpoints (endpoint, pull_cursor) VALUES (?, ?)
            ON CONFLICT (endpoint) DO UPDATE SET pull_cursor = excluded.pull_cursor
            """, [endpoint, cursor])
    }

    /// - Throws: `DatabaseError` on a storage failure.
    public func setLastPush(_ summary: String, endpoint: String) throws(DatabaseError) {
        try database.execute(
            """
            INSERT INTO lrs_endpoints (endpoint, last_push) VALUES (?, ?)
            ON CONFLICT (endpoint) DO UPDATE SET last_push = excluded.last_push
            """, [endpoint, summary])
    }

    /// - Throws: `DatabaseError` on a storage failure.
    public func setLastPull(_ summary: String, endpoint: String) throws(DatabaseError) {
        try database.execute(
            """
            INSERT INTO lrs_endpoints (endpoint, last_pull) VALUES (?, ?)
            ON CONFLICT (endpoint) DO UPDATE SET last_pull = excluded.last_pull
            """, [endpoint, summary])
    }
}
