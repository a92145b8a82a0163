import CourseModels
import CourseService
import CourseStore
import Foundation


/// Imports bundles: validates the whole file first, then applies it in one transaction.
///
/// Attempts form a grow-only set keyed by id. An attempt already stored with the same
/// submission (learner, exercise, part, answer, time, device) is skipped, whatever grade either
/// side gave it: grades are derived here. The same id with a different submission is a
/// conflict: the stored attempt is kept, the incoming one is skipped, and both are reported;
/// the rest of the bundle is applied, so one bad attempt cannot block a class's sync.
/// Every new answer is re-graded with this machine's grader and keys, and the mastery of every
/// learner who gained an attempt or a review is recomputed by replaying their attempts.
public struct BundleImporter {
    public let store: Store

    /// How many attempts are stored per batch (one prepared statement, learner keys remembered).
    static let batchSize = 2000
    /// A batch is also stored once its answers reach this many bytes, so memory is bounded by
    /// the largest record, not by 2,000 times it (64 KB proofs).
    static let batchBytes = 4 << 20
    /// How many verdict differences the report lists one by one.
    static let listedDifferences = 100

    /// A bundle of at least this many attempts, and at least a quarter as many as are stored
    /// already, is imported with the exercise index set aside and built again at the end
    /// (`AttemptRepository.deferringExerciseIndex`): rebuilding costs about a microsecond per
    /// stored attempt, keeping it up to date grows dearer once it outgrows the page cache.
    /// Settable for tests, which exercise the path with small bundles.
    package var deferredIndexFrom = 100_000

    /// Accept unsigned records (version-1 bundles from other machines, attempts and reviews
    /// without a signature): `--trust-unsigned`, for migrating from before signatures.
    public var trustUnsigned: Bool
    /// This machine's clock, against which future-dated times are refused.
    public var now: Date

    public init(store: Store, trustUnsigned: Bool = false, now: Date = Date()) {
        self.store = store
        self.trustUnsigned = trustUnsigned
        self.now = now
    }

    /// Validates and applies one bundle. `path` may be `-` (standard input) or a pipe: such a
    /// stream is read once, into a private temporary file, and imported from there.
    /// - Throws: `BundleError` when the bundle is refused (nothing imported), or `DatabaseError`
    ///   when storage fails (rolled back, nothing imported).
    public func importBundle(at path: String) throws -> BundleImportReport {
        let input = try BundleInput(path: path)
        return try withExtendedLifetime(input) {
            var report = try importFile(input.readablePath, shownAs: path)
            report.path = path
            return report
        }
    }

    private func importFile(_ path: String, shownAs shown: String) throws -> BundleImportReport {
        do {
            let content = try LocalContent(store: store)
            let check = try ProvenanceCheck(store: store, trustUnsigned: trustUnsigned, now: now)
            let checked = try validate(path, content: content, check: check)
            return try store.transaction {
                guard checked.attempts >= deferredIndexFrom,
                      checked.attempts * 4 >= (try store.attempts.count()) else {
                    return try apply(path, content: content, checked: checked, check: check)
                }
                return try store.attempts.deferringExerciseIndex {
                    try apply(path, content: content, checked: checked, check: check)
                }
            }
        } catch var error as BundleError {
            error.path = shown
            throw error
        }
    }

    // MARK: Validation

    /// The first pass: everything the file alone can tell, plus references to this machine's content.
    func validate(_ path: String, content: LocalContent, check: ProvenanceCheck) throws -> BundleReader.Summary {
        var unknown: [String: BundleError.UnknownPart] = [:]
        var visitor = BundleReader.Visitor()
        let signatures = BundleReader.Signatures()
        // Provenance problems wait for the digest: a file damaged or edited by hand is reported
        // as such, and only an intact file with a bad signature as a forgery.
        var deferred: (any Error)?
        func checking(_ body: () throws -> Void) {
            guard deferred == nil else { return }
            do { try body() } catch { deferred = error }
        }
        visitor.header = { header in checking { try check.header(header) } }
        visitor.enrolment = { enrolment, _ in checking { try check.enrolment(enrolment) } }
        visitor.learner = { learner, _ in checking { try check.learner(learner) } }
        visitor.review = { review, _ in
            checking { try check.review(review, signer: signatures.reviewSigner, signature: signatures.review) }
        }
        visitor.merge = { merge, index, _ in checking { try check.merge(merge, index: index) } }
        visitor.attempt = { attempt, index, _ in
            checking {
                try check.attempt(attempt, signature: signatures.attempt, chain: signatures.chain, index: index, content: content)
            }
            guard content.part(of: attempt) == nil else { return }
            let key = attempt.exerciseID + "\u{0}" + attempt.part
            let exerciseUnknown = content.exercise(of: attempt) == nil
            unknown[key, default: .init(exerciseID: attempt.exerciseID, part: attempt.part,
                                        exerciseUnknown: exerciseUnknown, attempts: 0)].attempts += 1
        }
        let summary = try BundleReader(path: path).readAhead(visitor, signatures: signatures)
        checking { try check.finish() }
        if let problem = deferred as? BundleError.Problem { throw BundleError(path: path, problem: problem) }
        if let deferred { throw deferred }
        if !unknown.isEmpty {
            let parts = unknown.values.sorted { ($0.exerciseID, $0.part) < ($1.exerciseID, $1.part) }
            throw BundleError(path: path, problem: .unknownContent(parts))
        }
        return summary
    }

    // MARK: Applying

    /// The second pass, inside the transaction.
    private func apply(_ path: String, content: LocalContent, checked: BundleReader.Summary, check: ProvenanceCheck) throws -> BundleImportReport {
        var report = BundleImportReport(path: path, header: checked.header, digest: checked.digest)
        report.contentDiffers = checked.header.contentVersion != content.fingerprint
        report.attemptsInBundle = checked.attempts
        let incoming = try IncomingAttempts(store: store)
        var batch: [Attempt] = []
        batch.reserveCapacity(Self.batchSize)
        var batchSignatures: [UUID: (signature: Data?, chain: ProvenanceRepository.ChainLink?)] = [:]
        // The last chained attempt seen per device and learner, and for each chained attempt of
        // the batch the one before it: when a conflict leaves an attempt out, the one before it
        // ends a stored run, so its own chain signature is checked then.
        var lastChained: [ProvenanceCheck.ChainKey: ChainedAttempt] = [:]
        var predecessors: [UUID: ChainedAttempt] = [:]
        var pendingBytes = 0
        let signatures = BundleReader.Signatures()
        let provenance = store.provenance
        var affected: Set<UUID> = []
        var oldest: [UUID: SyncWatermark.Mark] = [:]
        var conflicting: Set<UUID> = []

        func lower(_ learner: UUID, attempts: Int64 = .max, reviews: Int64 = .max) {
            var mark = oldest[learner] ?? .init(attempts: .max, reviews: .max)
            mark.attempts = min(mark.attempts, attempts)
            mark.reviews = min(mark.reviews, reviews)
            oldest[learner] = mark
        }

        func noteDifference(_ incoming: Attempt, local: Verdict) {
            guard incoming.verdict != local else { return }
            report.verdictDifferenceCount += 1
            if report.verdictDifferences.count < Self.listedDifferences {
                report.verdictDifferences.append(.init(
                    attemptID: incoming.id, exerciseID: incoming.exerciseID, part: incoming.part,
                    bundleVerdict: incoming.verdict, localVerdict: local))
            }
        }

        // Learners merged here: their attempts are stored under the learner they now belong to,
        // remembering the learner id their device signed (the bundle's), so that they are sent on
        // under that id with their signatures untouched.
        let aliases = try Self.aliases(store.learners.merges())

        // A batch whose ids have been looked up and whose new attempts are being checked on the
        // other cores, while the batch before it is graded in order and stored on this thread.
        struct CheckedBatch {
            var fresh: [Attempt]
            var ids: Set<UUID>
            var origins: [UUID: UUID]
            var signatures: [UUID: (signature: Data?, chain: ProvenanceRepository.ChainLink?)]
            /// Attempts already stored here, for `noteDifference` in the order a lone batch notes them.
            var present: [(incoming: Attempt, local: Verdict)]
            var checks: Regrader.PendingChecks?
        }
        var inFlight: CheckedBatch?

        // Grades a looked-up batch (its checks done), then stores its new attempts with one
        // statement in one savepoint: a savepoint per attempt (as `insertIfAbsent` takes) costs
        // more than the insert itself.
        func save(_ checked: CheckedBatch) throws {
            for (attempt, local) in checked.present { noteDifference(attempt, local: local) }
            let graded = try incoming.grade(checked.fresh, checked: checked.checks)
            for (attempt, local) in zip(checked.fresh, graded) {
                let signed = checked.signatures[attempt.id]
                try provenance.setAttemptSignature(signed?.signature ?? nil, chain: signed?.chain ?? nil, attemptID: attempt.id)
                report.added += 1
                affected.insert(local.learnerID)
                lower(local.learnerID, attempts: local.submittedAt.millisecondsSince1970)
                noteDifference(attempt, local: local.verdict)
            }
            // The import's own transaction is the unit: whatever this throws rolls all of it back.
            try store.attempts.insert(contentsOf: graded, pausingCheckpoints: true, partOfEnclosingTransaction: true)
            if !checked.origins.isEmpty {
                for (learner, moved) in Dictionary(grouping: checked.fresh.compactMap { attempt in checked.origins[attempt.id].map { ($0, attempt.id) } },
                                                   by: \.0) {
                    try store.learners.recordOrigin(learner, attemptIDs: moved.map(\.1))
                }
            }
        }

        // Looks the batch's ids up and starts checking its new attempts; stores the batch before
        // it meanwhile. `draining` stores everything looked up (before a review, which may name
        // any attempt, and at the end).
        func flush(draining: Bool = false) throws {
            if !batch.isEmpty {
                // An id twice in one bundle: the second lookup must see the first stored.
                if let earlier = inFlight, batch.contains(where: { earlier.ids.contains($0.id) }) {
                    try save(earlier)
                    inFlight = nil
                }
                var next = CheckedBatch(fresh: [], ids: [], origins: [:], signatures: batchSignatures, present: [], checks: nil)
                next.fresh.reserveCapacity(batch.count)
                for var attempt in batch {
                    next.ids.insert(attempt.id)
                    if let kept = aliases[attempt.learnerID] {
                        next.origins[attempt.id] = attempt.learnerID
                        attempt.learnerID = kept
                    }
                    guard let existing = try store.attempts.attempt(id: attempt.id) else {
                        next.fresh.append(attempt)
                        continue
                    }
                    if Self.sameSubmission(existing, attempt) {
                        report.alreadyPresent += 1
                        next.present.append((attempt, existing.verdict))
                    } else {
                        if let link = batchSignatures[attempt.id]?.chain, let before = predecessors[attempt.id] {
                            do {
                                try check.checkChainEnd(value: link.previous, signature: before.signature, deviceID: before.deviceID,
                                                        learnerID: before.learnerID, index: before.index)
                            } catch let problem as BundleError.Problem {
                                throw BundleError(path: path, problem: problem)
                            }
                        }
                        report.conflicts.append(.init(stored: existing, incoming: attempt))
                        conflicting.insert(attempt.id)
                    }
                }
                next.checks = incoming.startChecking(next.fresh)
                if let earlier = inFlight { try save(earlier) }
                inFlight = next
                batch.removeAll(keepingCapacity: true)
                batchSignatures.removeAll(keepingCapacity: true)
                predecessors.removeAll(keepingCapacity: true)
                pendingBytes = 0
            }
            if draining, let earlier = inFlight {
                try save(earlier)
                inFlight = nil
            }
        }

        var storedReviews = Dictionary(try store.reviews.all().map { ($0.attemptID, $0) }, uniquingKeysWith: { _, last in last })
        var visitor = BundleReader.Visitor()
        // The learners this bundle's accepted merges remove, as the bundle lists them.
        var mergedLearners: [UUID: Learner] = [:]
        var merges: [LearnerRepository.Merge] = []
        visitor.learner = { learner, _ in
            if check.mergedLearnerIDs.contains(learner.id) { mergedLearners[learner.id] = learner }
            if aliases[learner.id] != nil {
                try store.learners.recordMergedLearner(learner)
                return
            }
            if try store.learners.learner(id: learner.id) != nil { return }
            var created = learner
            if let holder = try store.learners.learner(handle: learner.handle) {
                created.handle = try freeHandle(for: learner)
                report.handleClashes.append(.init(handle: learner.handle, incomingID: learner.id,
                                                  existingID: holder.id, createdAs: created.handle))
            }
            try store.learners.insert(created)
            report.learnersCreated.append(created)
        }
        visitor.enrolment = { enrolment, _ in
            if try !provenance.enrolments(learnerID: enrolment.learnerID).contains(where: { $0.deviceID == enrolment.deviceID }) {
                try provenance.insert(enrolment)
                report.enrolmentsAdded += 1
            }
        }
        visitor.attempt = { attempt, index, _ in
            guard check.accepts(signature: signatures.attempt, isReview: false) else {
                report.unsignedAttemptsSkipped += 1
                return
            }
            batchSignatures[attempt.id] = (signatures.attempt, signatures.chain)
            if let link = signatures.chain {
                let key = ProvenanceCheck.ChainKey(deviceID: attempt.deviceID, learnerID: attempt.learnerID)
                if let before = lastChained[key], check.continuesRun(index) { predecessors[attempt.id] = before }
                lastChained[key] = ChainedAttempt(signature: link.signature, deviceID: attempt.deviceID,
                                                  learnerID: attempt.learnerID, index: index)
            }
            batch.append(attempt)
            pendingBytes += attempt.answer.utf8.count + attempt.feedback.utf8.count
            if batch.count >= Self.batchSize || pendingBytes >= Self.batchBytes { try flush() }
        }
        visitor.review = { review, _ in
            try flush(draining: true)
            guard check.accepts(signature: signatures.review, isReview: true) else {
                report.unsignedReviewsSkipped += 1
                return
            }
            guard !conflicting.contains(review.attemptID) else {
                report.reviewsKept += 1
                return
            }
            if let stored = storedReviews[review.attemptID] {
                if stored == review { return }
                guard Self.supersedes(review, stored) else {
                    report.reviewsKept += 1
                    return
                }
                report.reviewsReplaced += 1
            } else {
                report.reviewsAdded += 1
            }
            try store.reviews.record(review)
            try provenance.setReviewSignature(
                .init(reviewDigest: SignedMessage.reviewDigest(review), signer: signatures.reviewSigner, signature: signatures.review),
                attemptID: review.attemptID)
            storedReviews[review.attemptID] = review
            if let learner = try store.attempts.attempt(id: review.attemptID)?.learnerID {
                affected.insert(learner)
                lower(learner, reviews: review.decidedAt.millisecondsSince1970)
            }
        }
        visitor.merge = { merge, index, _ in
            if let reason = check.refusedMerges[index] {
                report.mergesRefused.append(.init(mergedID: merge.mergedID, keptID: merge.keptID, reason: reason))
            } else {
                merges.append(merge)
            }
        }
        let again = try BundleReader(path: path, checksIdentity: false).readAhead(visitor, signatures: signatures)
        try flush(draining: true)
        guard again.digest == checked.digest else {
            throw BundleError(path: path, problem: .changedWhileImporting)
        }
        // Merges last, once every attempt is in: the same result as when they came first.
        let service = CourseService(store: store)
        for merge in merges {
            let merged = try store.learners.learner(id: merge.mergedID) ?? mergedLearners[merge.mergedID]
            switch try service.applyMerge(merge, mergedLearner: mergedLearners[merge.mergedID]) {
            case let .applied(moved, into, oldestMoved):
                report.mergesApplied.append(.init(mergedID: merge.mergedID, mergedHandle: merged?.handle, keptID: into,
                                                  keptHandle: try store.learners.learner(id: into)?.handle ?? into.uuidString,
                                                  attemptsMoved: moved))
                if affected.remove(merge.mergedID) != nil || moved > 0 { affected.insert(into) }
                oldest[merge.mergedID] = nil
                if let oldestMoved { lower(into, attempts: oldestMoved.millisecondsSince1970) }
            case .alreadyApplied:
                report.mergesAlreadyApplied += 1
            case let .mergedElsewhere(keptID):
                report.mergesRefused.append(.init(mergedID: merge.mergedID, keptID: merge.keptID,
                    reason: "that learner was already merged into \(keptID.uuidString) here; the earlier merge stays"))
            case .intoItself:
                report.mergesRefused.append(.init(mergedID: merge.mergedID, keptID: merge.keptID,
                    reason: "the kept learner was itself merged into that learner here"))
            case .unknownKept:
                report.mergesRefused.append(.init(mergedID: merge.mergedID, keptID: merge.keptID,
                    reason: "the kept learner is not on this machine; import a bundle that carries it, then this one again"))
            }
        }
        report.answersGraded = incoming.graded
        report.signatureSeconds = check.signatureSeconds
        report.signaturesChecked = check.signaturesChecked
        report.masteryChanges = try masteryChanges(service.replayMastery(of: affected))
        try SyncWatermark.lowerAll(to: oldest, in: store.settings)
        return report
    }

    /// A chained attempt of the bundle, as far as checking the run it ends needs: its chain
    /// signature, whose it is and its place in the file.
    struct ChainedAttempt {
        var signature: Data
        var deviceID: UUID
        var learnerID: UUID
        var index: Int
    }

    /// Where each merged learner's attempts now go: the learner it was merged into, following
    /// merges of merged learners (a cycle, from conflicting merges, stops where it closes).
    static func aliases(_ merges: [LearnerRepository.Merge]) -> [UUID: UUID] {
        let kept = Dictionary(merges.map { ($0.mergedID, $0.keptID) }, uniquingKeysWith: { first, _ in first })
        var resolved: [UUID: UUID] = [:]
        for start in kept.keys {
            var current = start
            var seen: Set<UUID> = [start]
            while let next = kept[current], seen.insert(next).inserted { current = next }
            if current != start { resolved[start] = current }
        }
        return resolved
    }

    /// True when both are the same submission, whatever grades they were given.
    static func sameSubmission(_ a: Attempt, _ b: Attempt) -> Bool {
        a.id == b.id && a.learnerID == b.learnerID && a.exerciseID == b.exerciseID && a.part == b.part
            && a.answer == b.answer && a.submittedAt.millisecondsSince1970 == b.submittedAt.millisecondsSince1970
            && a.deviceID == b.deviceID
    }

    /// Whether `incoming` replaces `stored` for the same attempt: the later decision wins; at the
    /// same millisecond, the one whose canonical form sorts last, so every machine picks the same.
    package static func supersedes(_ incoming: Review, _ stored: Review) -> Bool {
        let a = incoming.decidedAt.millisecondsSince1970, b = stored.decidedAt.millisecondsSince1970
        if a != b { return a > b }
        var left = CanonicalJSON(), right = CanonicalJSON()
        left.review(incoming)
        right.review(stored)
        return left.bytes.lexicographicallyPrecedes(right.bytes) == false && left.bytes != right.bytes
    }

    /// A handle for a new learner whose handle is taken here: the handle, a dash and the first
    /// eight hex digits of the learner's id (then a counter, in the unlikely event that is taken too).
    private func freeHandle(for learner: Learner) throws -> String {
        let suffix = "-" + learner.id.uuidString.prefix(8).lowercased()
        let stem = String(learner.handle.prefix(Learner.handleLengths.upperBound - suffix.count - 3))
        var candidate = stem + suffix
        var counter = 2
        while try store.learners.learner(handle: candidate) != nil {
            candidate = stem + suffix + "-\(counter)"
            counter += 1
        }
        return candidate
    }

    /// What the replay changed, objective by objective.
    private func masteryChanges(_ replays: [CourseService.MasteryReplay]) throws -> [BundleImportReport.MasteryChange] {
        var changes: [BundleImportReport.MasteryChange] = []
        for replay in replays {
            let before = Dictionary(replay.before.map { ($0.objectiveID, $0) }, uniquingKeysWith: { first, _ in first })
            let after = Dictionary(replay.after.map { ($0.objectiveID, $0) }, uniquingKeysWith: { first, _ in first })
            let handle = try store.learners.learner(id: replay.learnerID)?.handle ?? replay.learnerID.uuidString
            for objectiveID in Set(before.keys).union(after.keys).sorted() {
                let old = before[objectiveID], new = after[objectiveID]
                guard old?.pKnown != new?.pKnown || old?.observations != new?.observations else { continue }
                changes.append(.init(
                    learnerID: replay.learnerID, handle: handle, objectiveID: objectiveID, before: old?.pKnown,
                    after: new?.pKnown, masteredBefore: replay.isMastered(old),
                    masteredAfter: replay.isMastered(new)))
            }
        }
        return changes
    }
}
