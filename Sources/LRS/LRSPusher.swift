import CourseModels
import CourseStore
import Foundation
import Sync
import XAPI

/// Pushes every attempt and review decision the LRS has not yet accepted, as xAPI statements.
///
/// New attempts and decisions are first queued in the endpoint's outbox with their exact bytes,
/// so a retry, or the next push after an interruption, resends the same bytes; then the outbox
/// is sent in batches in queue order. 200 and 204 accept a batch; 409 is a conflict and 400 a
/// refusal, each found by bisecting the batch down to the statement, reported and never
/// retried; 413 halves the batch; 429, 5xx and dropped connections are retried with bounded
/// backoff (see `RetryPolicy`), and when they persist the push stops, resumable.
public struct LRSPusher {
    public let store: Store
    public let endpoint: LRSEndpoint
    let client: LRSClient
    let homePage: String
    public var batchSize: Int

    public init(store: Store, endpoint: LRSEndpoint, credentials: LRSCredentials,
                transport: any HTTPTransport = URLSessionTransport(), homePage: String = XAPIExporter.defaultHomePage,
                batchSize: Int = 100, retry: RetryPolicy = RetryPolicy()) {
        self.store = store
        self.endpoint = endpoint
        client = LRSClient(endpoint: endpoint, credentials: credentials, transport: transport, retry: retry)
        self.homePage = homePage
        self.batchSize = max(1, batchSize)
    }

    /// What a push did.
    public struct Report: Hashable, Sendable {
        public var endpoint: String
        /// Statements newly queued by this push.
        public var queued = 0
        public var accepted = 0
        /// Statement ids the LRS holds with other content (409), with its answer.
        public var conflicts: [Settled] = []
        /// Statement ids the LRS refused on their own (400, or 413 alone), with its answer.
        public var rejected: [Settled] = []
        public var requests = 0
        /// Batches split after 400 or 409 (bisection) and after 413.
        public var bisections = 0
        public var splits = 0
        public var retries = RetryCounts()
        /// Still pending after this push (nonzero only when it stopped on an error).
        public var pending = 0
        /// Learners with attempts made on this device, which they have not enrolled: not queued
        /// (no other machine would accept them) until they add this device.
        public var notEnrolled: [Unvouched] = []

        public struct Unvouched: Hashable, Sendable {
            public var handle: String
            public var attempts: Int
        }

        public struct Settled: Hashable, Sendable {
            public var statementID: String
            public var detail: String
        }
    }

    /// Queues what is new, then sends the outbox.
    /// - Throws: `LRSError` when the LRS cannot be reached or refuses the credentials (what was
    ///   accepted so far stays accepted; the rest stays queued), or `DatabaseError`.
    public func push() throws -> Report {
        var report = Report(endpoint: endpoint.key)
        try enqueue(into: &report)
        var size = batchSize
        var after: Int64 = 0
        do {
            while true {
                let entries = try store.lrs.pending(endpoint: endpoint.key, after: after, limit: size)
                guard let last = entries.last else { break }
                try send(entries[...], size: &size, report: &report)
                after = last.seq
            }
        } catch {
            report.pending = try store.lrs.counts(endpoint: endpoint.key)[.pending] ?? 0
            try? store.lrs.setLastPush("failed: \(error)", endpoint: endpoint.key)
            throw error
        }
        report.pending = try store.lrs.counts(endpoint: endpoint.key)[.pending] ?? 0
        try store.lrs.setLastPush(report.summary, endpoint: endpoint.key)
        return report
    }

    /// Queues every attempt, then every review decision, not yet known to the outbox, signed
    /// (see `StatementSigner`), in one transaction with the signatures made for them.
    func enqueue(into report: inout Report) throws {
        let known = try store.lrs.knownStatementIDs(endpoint: endpoint.key)
        var signer = try StatementSigner(store: store, homePage: homePage)
        var batch: [(id: String, body: [UInt8])] = []
        func flush() throws {
            try store.lrs.enqueue(batch, endpoint: endpoint.key)
            report.queued += batch.count
            batch.removeAll(keepingCapacity: true)
        }
        try store.transaction {
            for learner in try store.learners.all() {
                var unvouched = 0
                for attempt in try store.attempts.attempts(learnerID: learner.id) {
                    let id = attempt.id.uuidString.lowercased()
                    guard !known.contains(id) else { continue }
                    guard let bytes = try signer.statement(attempt, learner: learner) else {
                        unvouched += 1
                        continue
                    }
                    batch.append((id, bytes))
                    if batch.count >= 2000 { try flush() }
                }
                if unvouched > 0 { report.notEnrolled.append(.init(handle: learner.handle, attempts: unvouched)) }
            }
            for review in try store.reviews.all() {
                guard let attempt = try store.attempts.attempt(id: review.attemptID) else { continue }
                let statement = try signer.statement(review, of: attempt)
                let id = statement.id.uuidString.lowercased()
                guard !known.contains(id) else { continue }
                batch.append((id, statement.bytes))
            }
            try flush()
        }
    }

    /// Sends one batch; bisects it on 400/409 and splits it on 413.
    private func send(_ entries: ArraySlice<LRSRepository.Entry>, size: inout Int, report: inout Report) throws {
        var body = Data("[".utf8)
        for (index, entry) in entries.enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            body.append(contentsOf: entry.body)
        }
        body.append(UInt8(ascii: "]"))
        report.requests += 1
        let response = try client.send("POST", endpoint.statements, body: body, counts: &report.retries)
        let ids = entries.map(\.statementID)
        switch response.status {
        case 200, 204:
            try store.lrs.settle(ids, as: .accepted, endpoint: endpoint.key)
            report.accepted += ids.count
        case let status where [400, 409, 413].contains(status) && entries.count > 1:
            if response.status == 413 {
                report.splits += 1
                size = max(1, entries.count / 2)
            } else {
                report.bisections += 1
            }
            let middle = entries.startIndex + entries.count / 2
            try send(entries[..<middle], size: &size, report: &report)
            try send(entries[middle...], size: &size, report: &report)
        case 400, 409, 413:
            let conflict = response.status == 409
            let detail = "HTTP \(response.status): " + LRSClient.snippet(response.body)
            try store.lrs.settle(ids, as: conflict ? .conflict : .rejected, detail: detail, endpoint: endpoint.key)
            if conflict {
                report.conflicts.append(.init(statementID: ids[0], detail: detail))
            } else {
                report.rejected.append(.init(statementID: ids[0], detail: detail))
            }
        default:
            throw LRSError.unexpectedStatus(url: endpoint.statements.absoluteString, status: response.status,
                                            body: LRSClient.snippet(response.body))
        }
    }
}

extension LRSPusher.Report {
    /// One line for `lrs status`.
    public var summary: String {
        "\(accepted) accepted, \(conflicts.count) conflicts, \(rejected.count) rejected, \(pending) pending, \(retries.total) retries"
    }

    /// The report `lrs push` prints.
    public var text: String {
        var lines = ["Pushed to \(endpoint): \(queued) statements queued, \(accepted) accepted in \(requests) requests."]
        if retries.total > 0 {
            lines.append("Retried \(retries.total) times (\(retries.droppedConnections) dropped connections, \(retries.serverErrors) server errors, \(retries.tooManyRequests) asked to slow down; waited \(String(format: "%.1f", retries.waitedSeconds)) s).")
        }
        if bisections > 0 { lines.append("Bisected \(bisections) refused batches to find the statements at fault.") }
        if splits > 0 { lines.append("Split \(splits) batches the LRS found too large.") }
        for conflict in conflicts {
            lines.append("Conflict: the LRS holds other content under statement \(conflict.statementID) (\(conflict.detail)); it is not sent again.")
        }
        for refusal in rejected {
            lines.append("Refused: statement \(refusal.statementID) (\(refusal.detail)); it is not sent again.")
        }
        for learner in notEnrolled {
            lines.append("Not sent: \(learner.attempts) attempts of '\(TerminalText.visible(learner.handle))' made on this device, which that learner has not enrolled; on one of their devices run 'course device add' with this device's code ('course device show'), then push again.")
        }
        if pending > 0 { lines.append("\(pending) statements are still queued: run 'lrs push' again.") }
        return lines.joined(separator: "\n")
    }
}
