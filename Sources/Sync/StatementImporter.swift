import CourseModels
import CourseStore
import Foundation

/// Imports xAPI statements pulled from a Learning Record Store through the bundle import path:
/// the statements that are this course's attempts and review decisions are written as one
/// bundle and handed to `BundleImporter`, so they are validated, regraded with this machine's
/// keys (the verdict a statement carries is never trusted) and replayed into mastery exactly
/// as a bundle from another machine would be. Everything else is skipped and counted.
public struct StatementImporter {
    public let store: Store
    let xapi: XAPIExporter

    public init(store: Store, homePage: String = XAPIExporter.defaultHomePage) {
        self.store = store
        xapi = XAPIExporter(store: store, homePage: homePage)
    }

    /// What one batch of statements did.
    public struct Outcome: Sendable {
        /// The bundle import's report, when the batch held any attempt or review of this course.
        public var report: BundleImportReport?
        /// Attempt and review statements of this course in the batch.
        public var attempts = 0
        public var reviews = 0
        /// Statements of another verb or activity: not this course's, skipped.
        public var foreign = 0
        /// Attempts at an exercise or part this machine's content lacks: skipped (import the
        /// content, then pull with `--full`).
        public var unknownContent = 0
        /// This course's statements that could not be read, with the first reasons.
        public var unreadable = 0
        public var unreadableReasons: [String] = []
        /// Review decisions whose attempt neither the batch nor this machine holds.
        public var orphanReviews = 0
        /// The ids of this course's statements the batch held (the LRS has them: never push them there).
        public var statementIDs: [String] = []
    }

    /// Reads `statements` (decoded JSON objects) and imports this course's part of them.
    /// - Throws: `BundleError` when the bundle built from them is refused (nothing imported),
    ///   `SyncError` when the temporary bundle cannot be written, or `DatabaseError`.
    public func importStatements(_ statements: [[String: Any]]) throws -> Outcome {
        var outcome = Outcome()
        let content = try LocalContent(store: store)
        var learners: [UUID: Learner] = [:]
        var learnerOrder: [UUID] = []
        var attempts: [Attempt] = []
        var attemptIDs: Set<UUID> = []
        var reviews: [Review] = []
        func addLearner(_ learner: Learner) throws {
            guard learners[learner.id] == nil else { return }
            learners[learner.id] = try store.learners.learner(id: learner.id) ?? learner
            learnerOrder.append(learner.id)
        }
        for object in statements {
            switch read(object) {
            case .foreign:
                outcome.foreign += 1
            case let .unreadable(reason):
                outcome.unreadable += 1
                if outcome.unreadableReasons.count < 10 { outcome.unreadableReasons.append(reason) }
            case let .attempt(attempt, learner):
                guard content.part(of: attempt) != nil else {
                    outcome.unknownContent += 1
                    continue
                }
                outcome.attempts += 1
                outcome.statementIDs.append(attempt.id.uuidString.lowercased())
                guard attemptIDs.insert(attempt.id).inserted else { continue }
                try addLearner(learner)
                attempts.append(attempt)
            case let .review(statementID, review):
                outcome.reviews += 1
                outcome.statementIDs.append(statementID)
                reviews.append(review)
            }
        }
        // A decision travels with its attempt: from this batch, else the one stored here.
        var carried: [Review] = []
        for review in reviews {
            if !attemptIDs.contains(review.attemptID) {
                guard let stored = try store.attempts.attempt(id: review.attemptID),
                      let learner = try store.learners.learner(id: stored.learnerID) else {
                    outcome.orphanReviews += 1
                    continue
                }
                try addLearner(learner)
                attempts.append(stored)
                attemptIDs.insert(stored.id)
            }
            carried.append(review)
        }
        // One decision per attempt in a bundle: the one every machine settles on.
        var decisions: [UUID: Review] = [:]
        for review in carried {
            if let held = decisions[review.attemptID], !BundleImporter.supersedes(review, held) { continue }
            decisions[review.attemptID] = review
        }
        guard !attempts.isEmpty else { return outcome }

        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("course-lrs-\(UUID().uuidString)", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw SyncError.cannotWrite(path: folder.path, reason: error.localizedDescription)
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("pulled.json").path
        let sink = try ByteSink(path: path, replacing: false, protecting: [])
        var writer = BundleWriter(sink: sink)
        try writer.begin(BundleHeader(
            deviceID: try store.settings.deviceID(), exportedAt: Date(), contentVersion: content.fingerprint))
        try writer.endEnrolments()
        for id in learnerOrder { try writer.learner(learners[id]!) }
        try writer.endLearners()
        for attempt in attempts { try writer.attempt(attempt, signature: nil) }
        try writer.endAttempts()
        for review in decisions.values.sorted(by: { $0.attemptID.uuidString < $1.attemptID.uuidString }) {
            try writer.review(review, signer: nil, signature: nil)
        }
        _ = try writer.finish()
        try sink.close()
        // Statements carry no device signatures (xAPI has no place for ours), so they enter as
        // unsigned records: regraded here like everything else, but not yet held to the
        // enrolment rules of signed bundles (a known gap, see README "Past one machine").
        outcome.report = try BundleImporter(store: store, trustUnsigned: true).importBundle(at: path)
        return outcome
    }

    enum Reading {
        case attempt(Attempt, Learner)
        case review(statementID: String, Review)
        case foreign
        case unreadable(String)
    }

    /// True when the statement is one of this course's attempts or review decisions (by verb
    /// and activity), whether or not it can be read.
    public func isCourseStatement(_ statement: [String: Any]) -> Bool {
        let verb = (statement["verb"] as? [String: Any])?["id"] as? String
        let activity = (statement["object"] as? [String: Any])?["id"] as? String
        return activity?.hasPrefix("\(xapi.homePage)/xapi/activities/exercises/") == true
            && (verb == XAPIExporter.answered || verb == xapi.reviewedVerb)
    }

    /// Classifies and decodes one statement. Only the submission is taken from it; its verdict
    /// and score are kept only to report how they differ from the local grade.
    func read(_ statement: [String: Any]) -> Reading {
        guard isCourseStatement(statement) else { return .foreign }
        let verb = (statement["verb"] as? [String: Any])?["id"] as? String
        let id = statement["id"] as? String ?? "?"
        func fail(_ what: String) -> Reading { .unreadable("statement \(id): \(what)") }
        guard let statementID = UUID(uuidString: id) else { return fail("the id is not a UUID") }
        guard let timestampText = statement["timestamp"] as? String,
              let timestamp = Self.date(timestampText) else { return fail("no readable timestamp") }
        let actor = statement["actor"] as? [String: Any]
        let account = actor?["account"] as? [String: Any]
        let result = statement["result"] as? [String: Any]
        let context = statement["context"] as? [String: Any]
        if verb == xapi.reviewedVerb {
            guard let reviewer = account?["name"] as? String else { return fail("no reviewer account") }
            guard let reference = context?["statement"] as? [String: Any],
                  let attemptText = reference["id"] as? String, let attemptID = UUID(uuidString: attemptText)
            else { return fail("no reference to the decided attempt") }
            guard let accepted = result?["success"] as? Bool else { return fail("no result.success") }
            return .review(statementID: id.lowercased(), Review(
                attemptID: attemptID, reviewer: reviewer, accepted: accepted,
                comment: result?["response"] as? String ?? "", decidedAt: timestamp))
        }
        let extensions = context?["extensions"] as? [String: Any] ?? [:]
        func text(_ name: String) -> String? { extensions["\(xapi.homePage)/xapi/extensions/\(name)"] as? String }
        guard let learnerText = account?["name"] as? String, let learnerID = UUID(uuidString: learnerText)
        else { return fail("the actor's account name is not a learner id") }
        guard let exercise = text("exercise"), let part = text("part"), let answer = text("answer"),
              let deviceText = text("device"), let deviceID = UUID(uuidString: deviceText),
              let graderVersion = text("grader-version"), let handle = text("learner-handle")
        else { return fail("an extension (exercise, part, answer, device, grader-version, learner-handle) is missing") }
        let verdict = text("verdict").flatMap(Verdict.init(rawValue:)) ?? .incorrect
        let score = ((result?["score"] as? [String: Any])?["scaled"] as? NSNumber)?.doubleValue ?? 0
        let created = text("learner-created-at").flatMap(Self.date) ?? timestamp
        if answer.utf8.count > BundleFormat.maximumTextBytes {
            return fail("the answer is longer than \(BundleFormat.maximumTextBytes) bytes")
        }
        for (name, value) in [("exercise", exercise), ("part", part), ("grader-version", graderVersion)]
        where value.utf8.count > BundleFormat.maximumNameBytes {
            return fail("\(name) is longer than \(BundleFormat.maximumNameBytes) bytes")
        }
        guard (try? Learner.validate(handle: handle)) != nil else { return fail("learner handle '\(handle)' is not valid") }
        let attempt = Attempt(
            id: statementID, learnerID: learnerID, exerciseID: exercise, part: part, answer: answer,
            submittedAt: timestamp, deviceID: deviceID, graderVersion: graderVersion, verdict: verdict,
            score: min(max(score, 0), 1), feedback: "", mistake: nil,
            practice: text("practice").flatMap(PracticeSpec.init(text:)))
        let learner = Learner(id: learnerID, handle: handle, displayName: actor?["name"] as? String ?? handle,
                              createdAt: created)
        return .attempt(attempt, learner)
    }

    /// Reads an xAPI timestamp: ours (three fraction digits, `Z`), or any ISO 8601 form an LRS
    /// may have normalised it to, truncated to the millisecond.
    static func date(_ text: String) -> Date? {
        timestamp(text).map(Date.init(millisecondsSince1970:))
    }

    /// An xAPI timestamp in milliseconds since 1970 (see `date`).
    public static func timestamp(_ text: String) -> Int64? {
        if let milliseconds = BundleTimestamp.parse(Array(text.utf8)) { return milliseconds }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let date = formatter.date(from: text) ?? ISO8601DateFormatter().date(from: text) else { return nil }
        return Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// A time as this project writes xAPI timestamps: UTC, three fraction digits, `Z`.
    public static func timestampText(_ milliseconds: Int64) -> String {
        BundleTimestamp.string(milliseconds)
    }
}
