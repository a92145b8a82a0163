import CourseModels
import CourseStore
import Foundation
import Sync

/// Imports xAPI statements pulled from a Learning Record Store through the bundle import path:
/// the statements that are this course's attempts and review decisions are written as one
/// bundle, with the signatures and enrolments their extensions carry (see `StatementSigner`),
/// and handed to `BundleImporter`, so they are held to the same rules as a bundle from another
/// machine: attempts only from a device the learner enrolled, signed by it; decisions only
/// signed by an instructor the content names; no time far in the future; regraded with this
/// machine's keys (the verdict a statement carries is never trusted); mastery replayed.
///
/// A bundle is refused whole when one record fails those rules, but anyone may write to an LRS,
/// so one forged statement must not stop a class's sync: when the bundle is refused, each
/// statement is checked on its own with the same `ProvenanceCheck`, those that fail are refused
/// one by one (counted, with reasons), and the rest are imported. Unsigned statements are
/// skipped and counted unless `trustUnsigned`. Everything else is skipped and counted.
public struct StatementImporter {
    public let store: Store
    let xapi: XAPIExporter
    /// Accept statements without signatures (pushed before statements were signed): `--trust-unsigned`.
    public var trustUnsigned: Bool
    /// This machine's clock, against which future-dated statements are refused.
    public var now: Date

    public init(store: Store, homePage: String = XAPIExporter.defaultHomePage, trustUnsigned: Bool = false,
                now: Date = Date()) {
        self.store = store
        xapi = XAPIExporter(store: store, homePage: homePage)
        self.trustUnsigned = trustUnsigned
        self.now = now
    }

    /// Counts of what statements did: one batch's (`Outcome.counts`) or a whole pull's sum
    /// (`LRSPuller.Report`), in one type so that the two cannot drift apart.
    public struct Counts: Sendable {
        /// Attempt and review statements of this course.
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
        /// This course's statements without a signature, skipped (unless `trustUnsigned`).
        public var unsigned = 0
        /// Statements refused because nothing proves who made them (a signature that does not
        /// match, a device the learner did not enrol, a decision by someone who is not an
        /// instructor, a time far in the future), with the first reasons.
        public var refused = 0
        public var refusedReasons: [String] = []
        /// Review decisions whose attempt neither the batch nor this machine holds.
        public var orphanReviews = 0
        /// What the bundle import of the accepted statements did.
        public var added = 0
        public var alreadyPresent = 0
        public var conflicts: [BundleImportReport.Conflict] = []
        public var learnersCreated = 0
        public var reviewsApplied = 0
        /// Pulled verdicts that differ from the local grade (the local grade is what was stored).
        public var verdictDifferences = 0
        public var masteryChanges = 0
        /// Seconds the import spent checking signatures.
        public var signatureSeconds = 0.0

        /// The reasons kept, at most, of each kind.
        static let reasonLimit = 10

        public init() {}

        /// Adds another batch's counts (keeping the first reasons only).
        public mutating func add(_ other: Counts) {
            attempts += other.attempts
            reviews += other.reviews
            foreign += other.foreign
            unknownContent += other.unknownContent
            unreadable += other.unreadable
            unreadableReasons += other.unreadableReasons.prefix(max(0, Self.reasonLimit - unreadableReasons.count))
            unsigned += other.unsigned
            refused += other.refused
            refusedReasons += other.refusedReasons.prefix(max(0, Self.reasonLimit - refusedReasons.count))
            orphanReviews += other.orphanReviews
            added += other.added
            alreadyPresent += other.alreadyPresent
            conflicts += other.conflicts
            learnersCreated += other.learnersCreated
            reviewsApplied += other.reviewsApplied
            verdictDifferences += other.verdictDifferences
            masteryChanges += other.masteryChanges
            signatureSeconds += other.signatureSeconds
        }

        /// Takes in the bundle import's report.
        mutating func add(_ bundle: BundleImportReport) {
            added += bundle.added
            alreadyPresent += bundle.alreadyPresent
            conflicts += bundle.conflicts
            learnersCreated += bundle.learnersCreated.count
            reviewsApplied += bundle.reviewsAdded + bundle.reviewsReplaced
            verdictDifferences += bundle.verdictDifferenceCount
            masteryChanges += bundle.masteryChanges.count
            signatureSeconds += bundle.signatureSeconds
        }
    }

    /// What one batch of statements did: its counts (read through, as `outcome.added`), the
    /// bundle import's full report and the ids of this course's statements in it.
    @dynamicMemberLookup
    public struct Outcome: Sendable {
        public var counts = Counts()
        /// The bundle import's report, when the batch held any attempt or review of this course.
        public var report: BundleImportReport? {
            didSet { if let report { counts.add(report) } }
        }
        /// The ids of this course's statements the batch held (the LRS has them: never push them there).
        public var statementIDs: [String] = []

        public subscript<T>(dynamicMember keyPath: WritableKeyPath<Counts, T>) -> T {
            get { counts[keyPath: keyPath] }
            set { counts[keyPath: keyPath] = newValue }
        }
    }

    /// An attempt read from a statement, with what proves who made it.
    struct IncomingAttempt {
        var attempt: Attempt
        var learner: Learner
        var signature: Data?
        var enrolments: [ProvenanceRepository.Enrolment]
    }

    /// A review decision read from a statement, with its instructor signature.
    struct IncomingReview {
        var statementID: String
        var review: Review
        var signer: Data?
        var signature: Data?
    }

    /// Reads `statements` (decoded JSON objects) and imports this course's part of them.
    /// - Throws: `BundleError` when the bundle built from the statements that pass the checks is
    ///   still refused (nothing imported), `SyncError` when the temporary bundle cannot be
    ///   written, or `DatabaseError`.
    public func importStatements(_ statements: [[String: Any]]) throws -> Outcome {
        var outcome = Outcome()
        let content = try LocalContent(store: store)
        var attempts: [IncomingAttempt] = []
        var attemptIDs: Set<UUID> = []
        var reviews: [IncomingReview] = []
        for object in statements {
            switch read(object) {
            case .foreign:
                outcome.foreign += 1
            case let .unreadable(reason):
                outcome.unreadable += 1
                if outcome.unreadableReasons.count < Counts.reasonLimit { outcome.unreadableReasons.append(reason) }
            case let .attempt(incoming):
                guard content.part(of: incoming.attempt) != nil else {
                    outcome.unknownContent += 1
                    continue
                }
                outcome.attempts += 1
                outcome.statementIDs.append(incoming.attempt.id.uuidString.lowercased())
                guard incoming.signature != nil || trustUnsigned else {
                    outcome.unsigned += 1
                    continue
                }
                guard attemptIDs.insert(incoming.attempt.id).inserted else { continue }
                attempts.append(incoming)
            case let .review(incoming):
                outcome.reviews += 1
                outcome.statementIDs.append(incoming.statementID)
                guard incoming.signature != nil || trustUnsigned else {
                    outcome.unsigned += 1
                    continue
                }
                reviews.append(incoming)
            }
        }
        // In time order, whatever order the LRS returned them in (Ralph: newest first), so that a
        // machine which knows no device of a learner yet pins the device of their earliest attempt.
        attempts.sort { ($0.attempt.submittedAt, $0.attempt.id.uuidString) < ($1.attempt.submittedAt, $1.attempt.id.uuidString) }
        // A decision travels with its attempt: from this batch, else the one stored here.
        var carried: [IncomingReview] = []
        for incoming in reviews {
            if !attemptIDs.contains(incoming.review.attemptID) {
                guard let stored = try store.attempts.attempt(id: incoming.review.attemptID),
                      let learner = try store.learners.learner(id: stored.learnerID) else {
                    outcome.orphanReviews += 1
                    continue
                }
                let signature = try store.provenance.attemptSignature(attemptID: stored.id) ?? nil
                attempts.append(IncomingAttempt(attempt: stored, learner: learner, signature: signature, enrolments: []))
                attemptIDs.insert(stored.id)
            }
            carried.append(incoming)
        }
        guard !attempts.isEmpty else { return outcome }
        let header = BundleHeader(deviceID: try store.settings.deviceID(), exportedAt: now, contentVersion: content.fingerprint)
        do {
            outcome.report = try importBundle(header: header, enrolments: enrolments(of: attempts),
                                              attempts: attempts, reviews: carried)
        } catch is BundleError {
            // Some statement fails the rules: find which, one by one, and import the rest.
            let screened = try screen(header: header, attempts: attempts, reviews: carried, content: content)
            for (statementID, problem) in screened.refused {
                outcome.refused += 1
                if outcome.refusedReasons.count < Counts.reasonLimit {
                    let named = Self.naming(problem, record: "the statement's attempt")
                    outcome.refusedReasons.append("statement \(statementID): \(BundleError(path: "", problem: named).problemDescription)")
                }
            }
            guard !screened.attempts.isEmpty else { return outcome }
            outcome.report = try importBundle(header: header, enrolments: screened.enrolments,
                                              attempts: screened.attempts, reviews: screened.reviews)
        }
        return outcome
    }

    /// Every enrolment the attempts carry, once each, in order.
    private func enrolments(of attempts: [IncomingAttempt]) -> [ProvenanceRepository.Enrolment] {
        var seen: Set<ProvenanceRepository.Enrolment> = []
        return attempts.flatMap(\.enrolments).filter { seen.insert($0).inserted }
    }

    /// Writes the records as one bundle and imports it (no record is trusted unsigned unless
    /// `trustUnsigned`).
    private func importBundle(header: BundleHeader, enrolments: [ProvenanceRepository.Enrolment],
                              attempts: [IncomingAttempt], reviews: [IncomingReview]) throws -> BundleImportReport {
        var learners: [UUID: Learner] = [:]
        var learnerOrder: [UUID] = []
        for incoming in attempts where learners[incoming.learner.id] == nil {
            let id = incoming.learner.id
            learners[id] = try store.learners.learner(id: id) ?? incoming.learner
            learnerOrder.append(id)
        }
        // One decision per attempt in a bundle: the one every machine settles on.
        var decisions: [UUID: IncomingReview] = [:]
        for incoming in reviews {
            if let held = decisions[incoming.review.attemptID], !BundleImporter.supersedes(incoming.review, held.review) { continue }
            decisions[incoming.review.attemptID] = incoming
        }

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
        try writer.begin(header)
        for enrolment in enrolments { try writer.enrolment(enrolment) }
        try writer.endEnrolments()
        for id in learnerOrder { try writer.learner(learners[id]!) }
        try writer.endLearners()
        for incoming in attempts { try writer.attempt(incoming.attempt, signature: incoming.signature) }
        try writer.endAttempts()
        for incoming in decisions.values.sorted(by: { $0.review.attemptID.uuidString < $1.review.attemptID.uuidString }) {
            try writer.review(incoming.review, signer: incoming.signer, signature: incoming.signature)
        }
        _ = try writer.finish()
        try sink.close()
        return try BundleImporter(store: store, trustUnsigned: trustUnsigned, now: now).importBundle(at: path)
    }

    /// What checking each record on its own found.
    struct Screened {
        var enrolments: [ProvenanceRepository.Enrolment] = []
        var attempts: [IncomingAttempt] = []
        var reviews: [IncomingReview] = []
        var refused: [(statementID: String, problem: BundleError.Problem)] = []
    }

    /// Checks each record on its own, in the order the bundle lists them, with the checks a
    /// bundle import makes. An enrolment that passes is kept even when the attempt it came with
    /// fails: it stands on its own signature.
    /// - Throws: `DatabaseError`.
    private func screen(header: BundleHeader, attempts: [IncomingAttempt], reviews: [IncomingReview],
                        content: LocalContent) throws -> Screened {
        let check = try ProvenanceCheck(store: store, trustUnsigned: trustUnsigned, now: now)
        try check.header(header)
        var screened = Screened()
        var outcomes: [ProvenanceRepository.Enrolment: Bool] = [:]
        func passes(_ statementID: String, _ body: () throws -> Void) throws -> Bool {
            do {
                try body()
                return true
            } catch let problem as BundleError.Problem {
                screened.refused.append((statementID, problem))
                return false
            }
        }
        for (index, incoming) in attempts.enumerated() {
            let accepted = try passes(incoming.attempt.id.uuidString.lowercased()) {
                for enrolment in incoming.enrolments {
                    if let passed = outcomes[enrolment] {
                        guard passed else {
                            throw BundleError.Problem.enrolmentRefused(
                                learnerID: enrolment.learnerID, deviceID: enrolment.deviceID,
                                reason: "that enrolment was refused in another statement")
                        }
                        continue
                    }
                    outcomes[enrolment] = false
                    try check.enrolment(enrolment)
                    outcomes[enrolment] = true
                    screened.enrolments.append(enrolment)
                }
                try check.learner(incoming.learner)
                try check.attempt(incoming.attempt, signature: incoming.signature, chain: nil, index: index + 1, content: content)
            }
            if accepted { screened.attempts.append(incoming) }
        }
        let kept = Set(screened.attempts.map(\.attempt.id))
        for incoming in reviews where kept.contains(incoming.review.attemptID) {
            let accepted = try passes(incoming.statementID) {
                try check.review(incoming.review, signer: incoming.signer, signature: incoming.signature)
            }
            if accepted { screened.reviews.append(incoming) }
        }
        return screened
    }

    enum Reading {
        case attempt(IncomingAttempt)
        case review(IncomingReview)
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
        let extensions = context?["extensions"] as? [String: Any] ?? [:]
        func text(_ name: String) -> String? { extensions[xapi.extensionIRI(name)] as? String }
        /// A base64 key or signature of `bytes` bytes; nil when absent; a reason when malformed.
        func base64(_ name: String, bytes: Int) -> Result<Data?, Unreadable> {
            guard let value = extensions[xapi.extensionIRI(name)], !(value is NSNull) else { return .success(nil) }
            guard let text = value as? String, let data = Data(base64Encoded: text), data.count == bytes else {
                return .failure(Unreadable("the extension '\(name)' is not \(bytes) bytes in base64"))
            }
            return .success(data)
        }
        if verb == xapi.reviewedVerb {
            guard let reviewer = account?["name"] as? String else { return fail("no reviewer account") }
            guard let reference = context?["statement"] as? [String: Any],
                  let attemptText = reference["id"] as? String, let attemptID = UUID(uuidString: attemptText)
            else { return fail("no reference to the decided attempt") }
            guard let accepted = result?["success"] as? Bool else { return fail("no result.success") }
            let signer: Data?, signature: Data?
            switch (base64("signer", bytes: 32), base64("signature", bytes: 64)) {
            case let (.success(key), .success(signed)): (signer, signature) = (key, signed)
            case let (.failure(problem), _), let (_, .failure(problem)): return fail(problem.reason)
            }
            guard (signer == nil) == (signature == nil) else { return fail("it has a signer without a signature, or the reverse") }
            return .review(IncomingReview(
                statementID: id.lowercased(),
                review: Review(attemptID: attemptID, reviewer: reviewer, accepted: accepted,
                               comment: result?["response"] as? String ?? "", decidedAt: timestamp),
                signer: signer, signature: signature))
        }
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
        let signature: Data?
        switch base64("signature", bytes: 64) {
        case let .success(signed): signature = signed
        case let .failure(problem): return fail(problem.reason)
        }
        var enrolments: [ProvenanceRepository.Enrolment] = []
        if let listed = extensions[xapi.extensionIRI("enrolments")], !(listed is NSNull) {
            guard let objects = listed as? [[String: Any]], objects.count <= Self.maximumEnrolments else {
                return fail("the extension 'enrolments' is not a list of at most \(Self.maximumEnrolments) enrolments")
            }
            for object in objects {
                guard let enrolment = Self.enrolment(object) else {
                    return fail("an enrolment in the extension 'enrolments' lacks a field or has a malformed one")
                }
                guard enrolment.learnerID == learnerID else { return fail("an enrolment names another learner") }
                enrolments.append(enrolment)
            }
        }
        return .attempt(IncomingAttempt(attempt: attempt, learner: learner, signature: signature, enrolments: enrolments))
    }

    /// The problem with its record named as a statement's reader knows it (the position in the
    /// bundle built for the import means nothing to them).
    static func naming(_ problem: BundleError.Problem, record: String) -> BundleError.Problem {
        switch problem {
        case .badSignature: return .badSignature(record: record)
        case let .deviceNotEnrolled(_, learnerID, deviceID): return .deviceNotEnrolled(record: record, learnerID: learnerID, deviceID: deviceID)
        case let .futureTimestamp(_, field, value, now): return .futureTimestamp(record: record, field: field, value: value, now: now)
        case let .revokedKey(_, revokedAt): return .revokedKey(record: record, revokedAt: revokedAt)
        default: return problem
        }
    }

    /// Why a statement could not be read.
    struct Unreadable: Error {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }

    /// The most enrolments one statement may carry (a chain of devices, each added by the one before).
    static let maximumEnrolments = 64

    /// An enrolment as `StatementSigner` writes it: the fields of a bundle's enrolment record.
    static func enrolment(_ object: [String: Any]) -> ProvenanceRepository.Enrolment? {
        func uuid(_ key: String) -> UUID? { (object[key] as? String).flatMap(UUID.init(uuidString:)) }
        func bytes(_ key: String, _ count: Int) -> Data? {
            (object[key] as? String).flatMap { Data(base64Encoded: $0) }.flatMap { $0.count == count ? $0 : nil }
        }
        guard let learnerID = uuid("learnerID"), let deviceID = uuid("deviceID"), let enrolledBy = uuid("enrolledBy"),
              let publicKey = bytes("publicKey", 32), let signature = bytes("signature", 64),
              let enrolledAt = (object["enrolledAt"] as? String).flatMap(date) else { return nil }
        return ProvenanceRepository.Enrolment(learnerID: learnerID, deviceID: deviceID, publicKey: publicKey,
                                              enrolledAt: enrolledAt, enrolledBy: enrolledBy, signature: signature)
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
