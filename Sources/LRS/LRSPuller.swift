import CourseModels
import CourseStore
import Foundation
import Sync
import XAPI

/// Pulls the course's statements from an LRS and imports them through the bundle import path
/// (`StatementImporter`: validated, regraded here, mastery replayed).
///
/// The cursor overlaps: each pull asks for statements `since` the newest timestamp it saw,
/// less `overlap`, and drops by id what it already read, because LRSs differ in what `since`
/// means (Ralph filters on `timestamp`, others on `stored`, and some tie `stored` values).
/// A statement that reaches the LRS late with an old timestamp is found by a full pull
/// (`full`), which reads everything again and changes nothing it already holds. `more` links
/// are followed at once; when one has expired the query restarts (bounded) and the re-read is
/// dropped by id. The cursor moves only when a pull reached the end.
public struct LRSPuller {
    public let store: Store
    public let endpoint: LRSEndpoint
    let client: LRSClient
    let importer: StatementImporter
    public var pageSize: Int
    public var overlap: TimeInterval
    /// How many statements are imported as one bundle.
    public var chunkSize: Int
    public var maxRestarts: Int

    public init(store: Store, endpoint: LRSEndpoint, credentials: LRSCredentials,
                transport: any HTTPTransport = URLSessionTransport(), homePage: String = XAPIExporter.defaultHomePage,
                pageSize: Int = 100, overlap: TimeInterval = 300, chunkSize: Int = 5000, maxRestarts: Int = 5,
                trustUnsigned: Bool = false, retry: RetryPolicy = RetryPolicy()) {
        self.store = store
        self.endpoint = endpoint
        client = LRSClient(endpoint: endpoint, credentials: credentials, transport: transport, retry: retry)
        importer = StatementImporter(store: store, homePage: homePage, trustUnsigned: trustUnsigned)
        self.pageSize = max(1, pageSize)
        self.overlap = overlap
        self.chunkSize = max(1, chunkSize)
        self.maxRestarts = maxRestarts
    }

    /// What a pull did.
    @dynamicMemberLookup
    public struct Report: Sendable {
        public var endpoint: String
        public var since: String?
        public var cursor: String?
        public var pages = 0
        public var received = 0
        /// Statements read twice (the overlap, a restarted query) and dropped by id.
        public var duplicates = 0
        /// What importing the statements did, summed over the batches (read through, as
        /// `report.added`).
        public var imported = StatementImporter.Counts()
        public var moreExpired = 0
        public var retries = RetryCounts()

        public subscript<T>(dynamicMember keyPath: KeyPath<StatementImporter.Counts, T>) -> T {
            imported[keyPath: keyPath]
        }
    }

    /// - Throws: `LRSError` when the LRS fails or answers something unreadable (what was imported
    ///   stays, the cursor does not move), `BundleError` or `DatabaseError` from the import.
    public func pull(full: Bool = false) throws -> Report {
        var report = Report(endpoint: endpoint.key)
        let state = try store.lrs.endpointState(endpoint.key)
        let cursor = full ? nil : state?.pullCursor.flatMap(Self.milliseconds)
        let since = cursor.map { $0 - Int64(overlap * 1000) }
        report.since = since.map(Self.text)
        var components = URLComponents(url: endpoint.statements, resolvingAgainstBaseURL: false)!
        components.queryItems = [URLQueryItem(name: "limit", value: String(pageSize)),
                                 URLQueryItem(name: "ascending", value: "true")]
            + (since.map { [URLQueryItem(name: "since", value: Self.text($0))] } ?? [])
        let first = components.url!
        var seen: Set<String> = []
        var newest = cursor
        let clock = Date().millisecondsSince1970
        var chunk: [[String: Any]] = []
        var next: URL? = first
        var restarts = 0
        do {
            while let url = next {
                let response = try client.send("GET", url, counts: &report.retries)
                if response.status != 200 {
                    // An expired `more` (Ralph: 400 after a minute; others 404 or 410): start over.
                    guard url != first, [400, 404, 410].contains(response.status) else {
                        throw LRSError.unexpectedStatus(url: URLSessionTransport.redacted(url), status: response.status,
                                                        body: LRSClient.snippet(response.body))
                    }
                    report.moreExpired += 1
                    restarts += 1
                    guard restarts <= maxRestarts else {
                        throw LRSError.moreKeptExpiring(url: endpoint.statements.absoluteString, restarts: maxRestarts)
                    }
                    next = first
                    continue
                }
                guard let object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any],
                      let statements = object["statements"] as? [[String: Any]] else {
                    throw LRSError.malformedResponse(url: URLSessionTransport.redacted(url), reason: "no 'statements' array")
                }
                report.pages += 1
                for statement in statements {
                    report.received += 1
                    guard let id = (statement["id"] as? String)?.lowercased(), seen.insert(id).inserted else {
                        report.duplicates += 1
                        continue
                    }
                    // Only this course's statements move the cursor: another course's clock is not ours.
                    // Nor does a time ahead of this machine's clock: a forged year 9999 would stall every pull after it.
                    if importer.isCourseStatement(statement),
                       let text = statement["timestamp"] as? String, let time = Self.milliseconds(text) {
                        let bounded = min(time, clock)
                        newest = max(newest ?? bounded, bounded)
                    }
                    chunk.append(statement)
                }
                if chunk.count >= chunkSize {
                    try importChunk(&chunk, into: &report)
                }
                if let more = object["more"] as? String, !more.isEmpty {
                    guard let link = URL(string: more, relativeTo: endpoint.base)?.absoluteURL else {
                        throw LRSError.malformedResponse(url: URLSessionTransport.redacted(url), reason: "'more' is not a URL")
                    }
                    next = link
                } else {
                    next = nil
                }
            }
            try importChunk(&chunk, into: &report)
        } catch {
            try? store.lrs.setLastPull("failed: \(error)", endpoint: endpoint.key)
            throw error
        }
        report.cursor = newest.map(Self.text)
        try store.lrs.setPullCursor(report.cursor, endpoint: endpoint.key)
        try store.lrs.setLastPull(report.summary, endpoint: endpoint.key)
        return report
    }

    private func importChunk(_ chunk: inout [[String: Any]], into report: inout Report) throws {
        guard !chunk.isEmpty else { return }
        let outcome = try importer.importStatements(chunk)
        chunk.removeAll(keepingCapacity: true)
        try store.lrs.markHeld(outcome.statementIDs, endpoint: endpoint.key)
        report.imported.add(outcome.counts)
    }

    static func milliseconds(_ text: String) -> Int64? {
        StatementImporter.timestamp(text)
    }

    static func text(_ milliseconds: Int64) -> String {
        StatementImporter.timestampText(milliseconds)
    }
}

extension LRSPuller.Report {
    /// One line for `lrs status`.
    public var summary: String {
        "\(received) received, \(imported.added) added, \(imported.alreadyPresent + duplicates) already held, \(imported.foreign) foreign, \(imported.conflicts.count) conflicts, \(imported.refused) refused, \(imported.unsigned) unsigned"
    }

    /// The report `lrs pull` prints.
    public var text: String {
        var lines = [
            "Pulled from \(endpoint)\(since.map { " since \($0)" } ?? " (everything)"): \(received) statements in \(pages) pages.",
            "\(imported.attempts) attempts and \(imported.reviews) review decisions of this course: \(imported.added) attempts added, \(imported.alreadyPresent) already here, \(imported.reviewsApplied) decisions applied, \(imported.learnersCreated) learners created.",
        ]
        if duplicates > 0 { lines.append("\(duplicates) statements read twice (the overlapping cursor) were dropped.") }
        if imported.foreign > 0 { lines.append("\(imported.foreign) statements of another verb or activity were skipped.") }
        if imported.unknownContent > 0 {
            lines.append("\(imported.unknownContent) attempts at exercises this machine lacks were skipped: import the content, then pull with --full.")
        }
        if imported.unreadable > 0 {
            lines.append("\(imported.unreadable) statements could not be read and were skipped:")
            lines += imported.unreadableReasons.map { "  \($0)" }
        }
        if imported.refused > 0 {
            lines.append("\(imported.refused) statements were refused (forged, changed after signing, made on a device the learner did not enrol, or dated in the future); the first reasons:")
            lines += imported.refusedReasons.map { "  \(TerminalText.visible($0))" }
        }
        if imported.unsigned > 0 {
            lines.append("\(imported.unsigned) unsigned statements were skipped: nothing proves who made them; if you trust everyone who writes to this LRS (statements pushed before signatures), pull with --trust-unsigned.")
        }
        if imported.orphanReviews > 0 { lines.append("\(imported.orphanReviews) review decisions name an attempt not held here; they were skipped.") }
        if imported.verdictDifferences > 0 {
            lines.append("\(imported.verdictDifferences) pulled verdicts differ from the grade given here; the local grade is kept.")
        }
        for conflict in imported.conflicts {
            lines.append("Conflict: attempt \(conflict.stored.id.uuidString) is stored here with another submission; the stored one is kept.")
        }
        if imported.masteryChanges > 0 { lines.append("\(imported.masteryChanges) mastery states changed.") }
        if moreExpired > 0 { lines.append("\(moreExpired) expired 'more' links: the query was restarted and the re-read dropped.") }
        if retries.total > 0 {
            lines.append("Retried \(retries.total) times (\(retries.droppedConnections) dropped connections, \(retries.serverErrors) server errors, \(retries.tooManyRequests) asked to slow down).")
        }
        lines.append("Cursor: \(cursor ?? "none").")
        return lines.joined(separator: "\n")
    }
}
