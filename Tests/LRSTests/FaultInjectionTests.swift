import CourseModels
import CourseStore
import FaultLRS
import Foundation
import LRS
import Sync
import TestSupport
import Testing
import XAPI

/// Push and pull against `FaultServer`: whatever the LRS does, nothing is lost, nothing is
/// duplicated, and the report says what happened.
@Suite final class FaultInjectionTests {
    let folder: TemporaryFolder
    let server: FaultServer
    var credentials: LRSCredentials { LRSCredentials(user: server.user, password: server.password) }

    init() throws {
        folder = try TemporaryFolder(prefix: "lrs-faults")
        server = try FaultServer()
    }

    deinit {
        server.stop()
    }

    @Test func retriesDroppedConnectionsServerErrorsAndTooManyRequestsWithoutDuplicates() throws {
        let a = try Installation("a", in: folder)
        let attempts = try a.practise(learners: 3, answers: 60, from: 1_750_000_000_000)
        server.inject([.drop, .status(500, retryAfter: nil), .status(429, retryAfter: "1"), .drop, .status(503, retryAfter: "0")])
        let report = try a.pusher(server.endpoint, credentials, batchSize: 25).push()
        #expect(report.queued == attempts.count && report.accepted == attempts.count && report.pending == 0)
        #expect(report.retries.droppedConnections == 2 && report.retries.serverErrors == 2 && report.retries.tooManyRequests == 1)
        #expect(report.retries.waitedSeconds >= 1, "Retry-After: 1 was honoured")
        #expect(report.text.contains("2 dropped connections, 2 server errors, 1 asked to slow down"))
        #expect(server.statementCount == attempts.count)

        let b = try Installation("b", in: folder)
        let pulled = try b.puller(server.endpoint, credentials, pageSize: 7).pull()
        #expect(pulled.added == attempts.count && pulled.duplicates == 0)
        #expect(try b.submissions() == a.submissions())
        #expect(try b.grades() == a.grades())
        #expect(try b.mastery() == a.mastery())
    }

    /// A learner merge moves attempts to the kept learner, but their devices signed them for the
    /// merged one: a push sends them under that id, so every other machine can still check them.
    @Test func attemptsMovedByAMergeArePushedUnderTheLearnerTheirDeviceSignedThemFor() throws {
        let a = try Installation("a", in: folder)
        let attempts = try a.practise(learners: 2, answers: 20, from: 1_750_000_000_000)
        _ = try LearnerMerging(store: a.store, now: Date(millisecondsSince1970: 1_750_000_100_000)).merge(kept: "l0", merged: "l1")
        #expect(try a.store.learners.all().map(\.handle) == ["l0"])
        let report = try a.pusher(server.endpoint, credentials).push()
        #expect(report.queued == attempts.count && report.accepted == attempts.count)

        let b = try Installation("b", in: folder)
        let pulled = try b.puller(server.endpoint, credentials).pull()
        #expect(pulled.added == attempts.count && pulled.duplicates == 0, "\(pulled.text)")
        // Without the merge (it travels only in bundles), b holds both learners, each with the
        // attempts signed for them.
        let byLearner = Dictionary(grouping: try b.attempts(), by: \.learnerID).mapValues(\.count)
        #expect(byLearner == Dictionary(grouping: attempts, by: \.learnerID).mapValues(\.count))
    }

    @Test func repeatedPushSendsNothingAndPulledStatementsAreNeverPushedBack() throws {
        let a = try Installation("a", in: folder)
        let attempts = try a.practise(learners: 2, answers: 30, from: 1_750_000_000_000)
        _ = try a.pusher(server.endpoint, credentials).push()
        let before = server.requestCount
        let again = try a.pusher(server.endpoint, credentials).push()
        #expect(again.queued == 0 && again.requests == 0 && server.requestCount == before)

        let b = try Installation("b", in: folder)
        _ = try b.puller(server.endpoint, credentials).pull()
        let fromB = try b.pusher(server.endpoint, credentials).push()
        #expect(fromB.queued == 0 && fromB.requests == 0, "what b pulled from the LRS is known to be there")
        #expect(server.statementCount == attempts.count && server.postedStatements == attempts.count)
    }

    @Test func conflictIsReportedOnceAndNeverRetried() throws {
        let a = try Installation("a", in: folder)
        let attempts = try a.practise(learners: 2, answers: 20, from: 1_750_000_000_000)
        // Another client already stored other content under one attempt's id.
        let taken = attempts[7].id
        server.insert(foreignStatement(id: taken, verb: "http://adlnet.gov/expapi/verbs/answered",
                                       activity: "https://course.invalid/xapi/activities/exercises/ex1/parts/a"))
        let report = try a.pusher(server.endpoint, credentials, batchSize: 10).push()
        #expect(report.conflicts.map(\.statementID) == [taken.uuidString.lowercased()])
        #expect(report.accepted == attempts.count - 1 && report.bisections > 0 && report.pending == 0)
        #expect(report.text.contains("Conflict: the LRS holds other content under statement \(taken.uuidString.lowercased())"))
        let posted = server.postedStatements
        let again = try a.pusher(server.endpoint, credentials).push()
        #expect(again.requests == 0 && server.postedStatements == posted)
        #expect(try a.store.lrs.counts(endpoint: LRSEndpoint(server.endpoint).key)[.conflict] == 1)
    }

    @Test func badStatementInBatchIsFoundByBisectionAndTheRestAccepted() throws {
        let a = try Installation("a", in: folder)
        let attempts = try a.practise(learners: 2, answers: 40, from: 1_750_000_000_000)
        let bad = attempts[23].id.uuidString.lowercased()
        server.poison(bad)
        let report = try a.pusher(server.endpoint, credentials, batchSize: 16).push()
        #expect(report.rejected.map(\.statementID) == [bad])
        #expect(report.rejected.first?.detail.contains("HTTP 400") == true)
        #expect(report.accepted == attempts.count - 1 && server.statementCount == attempts.count - 1)
        // One batch of 16 bisected down to the statement: 4 levels.
        #expect(report.bisections == 4)
    }

    @Test func tooLargeBatchesAreSplitAndLaterBatchesStaySmaller() throws {
        let a = try Installation("a", in: folder)
        let attempts = try a.practise(learners: 2, answers: 50, from: 1_750_000_000_000)
        server.limitBatch(to: 12)
        let report = try a.pusher(server.endpoint, credentials, batchSize: 50).push()
        #expect(report.accepted == attempts.count && report.rejected.isEmpty && report.splits >= 2)
        #expect(server.statementCount == attempts.count)
    }

    @Test func interruptedPushResumesWhereItStoppedWithIdenticalBytes() throws {
        let a = try Installation("a", in: folder)
        let attempts = try a.practise(learners: 3, answers: 90, from: 1_750_000_000_000)
        // Every request after the second fails: the push stops after two batches.
        let failing = FailingTransport(after: 2)
        #expect(throws: LRSError.self) {
            try a.pusher(server.endpoint, credentials, batchSize: 20, transport: failing, retry: RetryPolicy(maxTries: 2, baseDelay: 0)).push()
        }
        let key = try LRSEndpoint(server.endpoint).key
        let counts = try a.store.lrs.counts(endpoint: key)
        #expect(counts[.pending, default: 0] > 0 && counts[.accepted, default: 0] > 0)
        #expect(try a.store.lrs.endpointState(key)?.lastPush.hasPrefix("failed:") == true)
        // A new attempt made meanwhile goes after what was already queued.
        let later = try a.answer(attempts[0].learnerID, exercise: "ex2", part: "", "chain", at: 1_760_000_000_000)
        let resumed = try a.pusher(server.endpoint, credentials, batchSize: 20).push()
        #expect(resumed.queued == 1 && resumed.pending == 0 && resumed.conflicts.isEmpty)
        #expect(server.statementCount == attempts.count + 1 && server.statement(id: later.id.uuidString) != nil)
    }

    @Test func expiringMoreRestartsTheQueryAndDropsTheReread() throws {
        let a = try Installation("a", in: folder)
        let attempts = try a.practise(learners: 2, answers: 45, from: 1_750_000_000_000)
        _ = try a.pusher(server.endpoint, credentials).push()
        server.capPages(at: 10)
        server.expireMore(2)
        let b = try Installation("b", in: folder)
        let report = try b.puller(server.endpoint, credentials, pageSize: 10).pull()
        #expect(report.moreExpired == 2 && report.duplicates > 0)
        #expect(report.added == attempts.count)
        #expect(report.text.contains("2 expired 'more' links"))
        #expect(try b.submissions() == a.submissions())
    }

    @Test func moreThatKeepsExpiringStopsThePullWithoutMovingTheCursor() throws {
        let a = try Installation("a", in: folder)
        _ = try a.practise(learners: 1, answers: 30, from: 1_750_000_000_000)
        _ = try a.pusher(server.endpoint, credentials).push()
        server.capPages(at: 10)
        server.expireMore(100)
        let b = try Installation("b", in: folder)
        #expect(throws: LRSError.moreKeptExpiring(url: try LRSEndpoint(server.endpoint).statements.absoluteString, restarts: 5)) {
            try b.puller(server.endpoint, credentials, pageSize: 10).pull()
        }
        #expect(try b.store.lrs.endpointState(LRSEndpoint(server.endpoint).key)?.pullCursor == nil)
    }

    @Test func sinceOnTimestampIsCoveredByTheOverlapAndAFullPullFindsLateOldStatements() throws {
        server.filterSince(on: .timestamp)
        let a = try Installation("a", in: folder)
        let attempts = try a.practise(learners: 2, answers: 20, from: 1_750_000_000_000)
        _ = try a.pusher(server.endpoint, credentials).push()
        let b = try Installation("b", in: folder)
        let first = try b.puller(server.endpoint, credentials, overlap: 60).pull()
        #expect(first.added == attempts.count)
        let newest = attempts.last!.submittedAt.millisecondsSince1970
        #expect(first.cursor == StatementImporter.timestampText(newest))

        // Arrives later with a timestamp 30 s before the cursor: inside the overlap.
        let learner = attempts[0].learnerID
        let near = try a.answer(learner, exercise: "ex1", part: "a", "2*x", at: newest - 30_000)
        // Arrives later from a machine that was offline for an hour: outside the overlap.
        let old = try a.answer(learner, exercise: "ex1", part: "b", "4", at: newest - 3_600_000)
        _ = try a.pusher(server.endpoint, credentials).push()
        let second = try b.puller(server.endpoint, credentials, overlap: 60).pull()
        #expect(second.since == StatementImporter.timestampText(newest - 60_000))
        #expect(second.added == 1 && second.alreadyPresent > 0, "the overlap re-reads, the importer skips what it holds")
        #expect(try b.store.attempts.attempt(id: near.id) != nil && b.store.attempts.attempt(id: old.id) == nil)

        let full = try b.puller(server.endpoint, credentials, overlap: 60).pull(full: true)
        #expect(full.since == nil && full.added == 1)
        #expect(try b.submissions() == a.submissions() && b.mastery() == a.mastery())
    }

    @Test func forgedStatementsDoNotCountAfterPull() throws {
        try Forgeries.run(in: folder, endpoint: server.endpoint, credentials: credentials, homePage: XAPIExporter.defaultHomePage) { statements in
            for statement in statements { server.insert(statement) }
        }
    }

    @Test func foreignStatementsAreSkippedAndCounted() throws {
        let a = try Installation("a", in: folder)
        let attempts = try a.practise(learners: 1, answers: 5, from: 1_750_000_000_000)
        _ = try a.pusher(server.endpoint, credentials).push()
        server.insert(foreignStatement(verb: "http://adlnet.gov/expapi/verbs/completed",
                                       activity: "https://course.invalid/xapi/activities/exercises/ex1/parts/a"))
        server.insert(foreignStatement(verb: "http://adlnet.gov/expapi/verbs/answered",
                                       activity: "https://other-course.invalid/quiz/1"))
        server.insert(foreignStatement(verb: "http://adlnet.gov/expapi/verbs/answered",
                                       activity: "https://course.invalid/xapi/activities/exercises/ex1/parts/a"))
        let b = try Installation("b", in: folder)
        let report = try b.puller(server.endpoint, credentials).pull()
        #expect(report.foreign == 2 && report.unreadable == 1 && report.added == attempts.count)
        #expect(report.text.contains("2 statements of another verb or activity were skipped."))
        #expect(report.unreadableReasons.first?.contains("the actor's account name is not a learner id") == true)
    }

    @Test func reviewDecisionsTravelAndTheLaterOneWins() throws {
        let a = try Installation("a", in: folder)
        let ada = try a.addLearner("ada")
        let proof = try a.answer(ada.id, exercise: "ex3", part: "", "Because the inner function changes.", at: 1_750_000_000_000)
        #expect(proof.verdict == .pendingReview)
        try a.review(proof, accepted: false, at: 1_750_000_100_000)
        _ = try a.pusher(server.endpoint, credentials).push()
        let b = try Installation("b", in: folder)
        _ = try b.puller(server.endpoint, credentials).pull()
        #expect(try b.reviews() == a.reviews())
        // The decision is changed on b, pushed, and pulled back by a.
        try b.review(b.store.attempts.attempt(id: proof.id)!, accepted: true, at: 1_750_000_200_000)
        let pushed = try b.pusher(server.endpoint, credentials).push()
        #expect(pushed.queued == 1)
        let back = try a.puller(server.endpoint, credentials).pull()
        #expect(back.reviewsApplied == 1)
        #expect(try a.reviews() == b.reviews() && a.reviews().first?.accepted == true)
        #expect(try a.mastery() == b.mastery())
    }

    @Test func credentialsAreNeverStoredOrPrinted() throws {
        let a = try Installation("a", in: folder)
        _ = try a.practise(learners: 1, answers: 10, from: 1_750_000_000_000)
        let push = try a.pusher(server.endpoint, credentials).push()
        let pull = try a.puller(server.endpoint, credentials).pull()
        #expect(!push.text.contains(server.password) && !pull.text.contains(server.password))
        #expect(!"\(credentials)".contains(server.password))
        _ = try a.answer(try a.store.learners.all()[0].id, exercise: "ex2", part: "", "chain", at: 1_760_000_000_000)
        let bad = LRSCredentials(user: server.user, password: "wrong")
        #expect(throws: LRSError.unauthorized(url: try LRSEndpoint(server.endpoint).statements.absoluteString, status: 401)) {
            try a.pusher(server.endpoint, bad).push()
        }
        try? a.store.database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path("")) {
            let bytes = try contents(folder.path(file))
            #expect(bytes.range(of: Data(server.password.utf8)) == nil, "\(file) holds the password")
        }
    }

    @Test(arguments: [
        ("ftp://lrs.invalid/xapi/", "it is not an http or https URL"),
        ("http://user:secret@127.0.0.1/xapi/", "it contains a user or password"),
        ("http:///xapi", "it names no host"),
    ])
    func refusesUnusableEndpoints(text: String, reason: String) {
        #expect(throws: LRSError.self) { try LRSEndpoint(text) }
        do { _ = try LRSEndpoint(text) } catch { #expect(error.description.contains(reason)) }
    }
}

/// Passes the first `count` requests to a real transport, then fails every one as a dropped
/// connection: a push killed midway.
final class FailingTransport: HTTPTransport, @unchecked Sendable {
    private let inner = URLSessionTransport(timeout: 20)
    private var remaining: Int
    private let lock = NSLock()

    init(after count: Int) {
        remaining = count
    }

    func send(_ request: HTTPRequest) throws(LRSError) -> HTTPResponse {
        lock.lock()
        let allowed = remaining > 0
        remaining -= 1
        lock.unlock()
        guard allowed else { throw .transport(url: request.url.absoluteString, message: "cut", tries: 1) }
        return try inner.send(request)
    }
}
