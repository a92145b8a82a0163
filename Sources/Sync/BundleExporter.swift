import CourseModels
import CourseStore
import Foundation

/// Writes learners' attempts and review decisions as one bundle (see `README-bundle.md`),
/// streaming: one attempt is in memory at a time, whatever the bundle's size.
public struct BundleExporter {
    public let store: Store

    public init(store: Store) {
        self.store = store
    }

    /// The ids of the learners with these handles, for `Options.learnerIDs`.
    /// - Throws: `SyncError.unknownLearner` for a handle no learner here has, or `DatabaseError`.
    public func learnerIDs(handles: [String]) throws -> [UUID] {
        try handles.map { handle in
            guard let learner = try store.learners.learner(handle: handle) else {
                throw SyncError.unknownLearner(handle: handle)
            }
            return learner.id
        }
    }

    /// Which learners, and how much of their history, to export.
    public struct Options: Sendable {
        /// The learners to export (by id); nil for every learner on this machine.
        public var learnerIDs: [UUID]?
        /// Export only what was not yet exported to this peer, and remember what was; nil for everything.
        public var sinceLastPeer: String?
        public var now: Date

        public init(learnerIDs: [UUID]? = nil, sinceLastPeer: String? = nil, now: Date = Date()) {
            self.learnerIDs = learnerIDs
            self.sinceLastPeer = sinceLastPeer
            self.now = now
        }
    }

    /// Where the bundle goes.
    public enum Destination: Sendable {
        /// A file, written under a temporary name and renamed when complete; an existing file
        /// is replaced only when `replacing` (`--force`).
        case file(String, replacing: Bool = false)
        case standardOutput
    }

    /// What an export wrote.
    public struct Summary: Hashable, Sendable {
        public var learners: Int
        public var attempts: Int
        public var reviews: Int
        /// Signed learner merges carried (see `LearnerMerging`).
        public var merges: Int
        public var bytes: Int
        public var digest: String
        /// The peer whose watermark moved, if any.
        public var peer: String?
    }

    /// The files no export may write over: the database and its journal files.
    package static func protectedFiles(_ store: Store) -> [String] {
        [store.path, store.path + "-wal", store.path + "-shm", DeviceIdentity.keyPath(forDatabase: store.path),
         InstructorKey.keyPath(forDatabase: store.path)]
    }

    /// Writes the bundle; with a peer, moves its watermark once the bundle is complete.
    ///
    /// Signs what this machine may speak for, storing each signature once: the attempts made
    /// on this device, its self-enrolment for a learner with no device yet, and (with an
    /// instructor key the content names) review decisions made here.
    /// - Throws: `SyncError` or `SafeFileError` when the file cannot be written (nothing is
    ///   left under its name), `SyncError.deviceNotEnrolled`, or `DatabaseError`.
    public func export(to destination: Destination, options: Options = Options()) throws -> Summary {
        try store.transaction { try exportInTransaction(to: destination, options: options) }
    }

    private func exportInTransaction(to destination: Destination, options: Options) throws -> Summary {
        let learners: [Learner]
        if let ids = options.learnerIDs {
            learners = try ids.map { id in
                guard let learner = try store.learners.learner(id: id) else {
                    throw SyncError.unknownLearner(handle: id.uuidString)
                }
                return learner
            }
        } else {
            learners = try store.learners.all()
        }
        let outgoing = try OutgoingProvenance(store: store)
        let identity = outgoing.identity
        let previous = try options.sinceLastPeer.map { try SyncWatermark.load(peer: $0, from: store.settings) }
        var next = previous ?? SyncWatermark()
        let header = BundleHeader(
            deviceID: identity.deviceID, exportedAt: options.now,
            contentVersion: try LocalContent(store: store).fingerprint)
        let reviews = Dictionary(try store.reviews.all().map { ($0.attemptID, $0) }, uniquingKeysWith: { _, last in last })

        // Learners merged into those exported: their attempts travel under the learner id their
        // device signed, so the bundle lists those learners and their devices too, and carries
        // the signed merges that join them.
        var absorbed: [UUID: [(merge: LearnerRepository.Merge, learner: Learner?)]] = [:]
        var mergedLearners: [Learner] = []
        var merges: [LearnerRepository.Merge] = []
        var listed = Set(learners.map(\.id))
        for learner in learners {
            let into = try store.learners.merges(into: learner.id)
            guard !into.isEmpty else { continue }
            absorbed[learner.id] = into
            for (merge, merged) in into {
                if let merged, listed.insert(merged.id).inserted { mergedLearners.append(merged) }
                if merge.signature != nil { merges.append(merge) }
            }
        }

        // Enrolments first: every machine needs them to check the attempts that follow.
        var enrolments: [ProvenanceRepository.Enrolment] = []
        for learner in learners + mergedLearners {
            enrolments += try outgoing.enrolments(of: learner, at: options.now)
        }

        let sink: ByteSink
        switch destination {
        case let .file(path, replacing):
            sink = try ByteSink(path: path, replacing: replacing, protecting: Self.protectedFiles(store))
        case .standardOutput: sink = ByteSink()
        }
        var writer = BundleWriter(sink: sink)
        try writer.begin(header)
        for enrolment in enrolments {
            try writer.enrolment(enrolment)
        }
        try writer.endEnrolments()
        for learner in learners + mergedLearners {
            try writer.learner(learner)
        }
        try writer.endLearners()
        var pendingReviews: [Review] = []
        let now = options.now.millisecondsSince1970
        for learner in learners {
            let mark = previous?[learner.id]
            var newest = mark ?? SyncWatermark.Mark(attempts: Int64.min, reviews: Int64.min)
            // One chain per learner id signed for: the learner's own, and each merged learner's.
            var chains = [learner.id: try ChainHead(learnerID: learner.id, settings: store.settings)]
            let hasMerged = absorbed[learner.id] != nil
            // Streamed: memory holds one attempt at a time, however long the learner's history.
            try store.attempts.forEachAttempt(learnerID: learner.id) { stored in
                var attempt = stored
                if hasMerged, let origin = try store.learners.origin(attemptID: attempt.id) { attempt.learnerID = origin }
                if chains[attempt.learnerID] == nil {
                    chains[attempt.learnerID] = try ChainHead(learnerID: attempt.learnerID, settings: store.settings)
                }
                let submitted = attempt.submittedAt.millisecondsSince1970
                let review = reviews[attempt.id]
                let decided = review?.decidedAt.millisecondsSince1970
                // A watermark never passes this machine's clock, so a time ahead of it is sent again.
                newest.attempts = max(newest.attempts, min(submitted, now))
                if let decided { newest.reviews = max(newest.reviews, min(decided, now)) }
                // Already sent, and so is its review decision, if any.
                if let mark, submitted < mark.attempts, decided.map({ $0 < mark.reviews }) ?? true { return }
                let signed = try signature(of: attempt, identity: identity, chain: &chains[attempt.learnerID]!)
                try writer.attempt(attempt, signature: signed.signature, chain: signed.chain)
                if writer.attempts == Self.pauseAfter { try Self.pause(sink) }
                if let review { pendingReviews.append(review) }
            }
            for chain in chains.values { try chain.save(to: store.settings) }
            if newest.attempts != .min || newest.reviews != .min {
                next[learner.id] = newest
            }
        }
        try writer.endAttempts()
        for review in pendingReviews {
            let signed = try outgoing.signature(of: review)
            try writer.review(review, signer: signed?.signer, signature: signed?.signature)
        }
        if !merges.isEmpty {
            try writer.beginMerges()
            for merge in merges.sorted(by: { ($0.mergedAt, $0.mergedID.uuidString) < ($1.mergedAt, $1.mergedID.uuidString) }) {
                try writer.merge(merge)
            }
        }
        let digest = try writer.finish()
        try sink.close()
        if let peer = options.sinceLastPeer {
            try next.save(peer: peer, to: store.settings)
        }
        return Summary(learners: learners.count, attempts: writer.attempts, reviews: pendingReviews.count,
                       merges: merges.count, bytes: sink.count, digest: digest, peer: options.sinceLastPeer)
    }

    /// For the end-to-end tests of an interrupted export: with `COURSE_EXPORT_PAUSE_AFTER=N` in
    /// the environment, an export stops after its Nth attempt, with what it wrote flushed to its
    /// temporary file, says so on standard error and waits for a signal to end it.
    static let pauseAfter = ProcessEnvironment.current["COURSE_EXPORT_PAUSE_AFTER"].flatMap { Int($0) }

    private static func pause(_ sink: ByteSink) throws -> Never {
        try sink.flush()
        StandardStreams.writeError("export paused after \(pauseAfter ?? 0) attempts\n")
        while true { _ = Foundation.pause() }
    }

    /// One learner's enrolments ordered so that each comes after the device that signed it
    /// (self-enrolments first), as an importer checks them in file order.
    static func signersFirst(_ enrolments: [ProvenanceRepository.Enrolment]) -> [ProvenanceRepository.Enrolment] {
        var remaining = enrolments
        var placed: Set<UUID> = []
        var ordered: [ProvenanceRepository.Enrolment] = []
        while !remaining.isEmpty {
            let ready = remaining.filter { $0.enrolledBy == $0.deviceID || placed.contains($0.enrolledBy) }
            // Whatever no placed device signed goes last: the importer refuses it with a reason.
            let next = ready.isEmpty ? remaining : ready
            ordered += next
            placed.formUnion(next.map(\.deviceID))
            let taken = Set(next.map(\.deviceID))
            remaining.removeAll { taken.contains($0.deviceID) }
        }
        return ordered
    }

    /// The stored signature and chain link of an attempt; an attempt made on this device and
    /// never signed is signed now, on its own and as the next link of this device's chain for its
    /// learner. Nil for an attempt this machine holds unsigned (accepted with --trust-unsigned).
    private func signature(of attempt: Attempt, identity: DeviceIdentity, chain: inout ChainHead) throws
        -> (signature: Data?, chain: ProvenanceRepository.ChainLink?) {
        switch try store.provenance.attemptSignature(attemptID: attempt.id) {
        case let .some(stored):
            return (stored, stored == nil ? nil : try store.provenance.attemptChain(attemptID: attempt.id))
        case .none:
            guard attempt.deviceID == identity.deviceID else { return (nil, nil) }
            let message = SignedMessage.attempt(attempt)
            let signature = try identity.sign(message)
            let value = SignedMessage.chainValue(after: chain.value, attemptMessage: message)
            let link = ProvenanceRepository.ChainLink(previous: chain.value, signature: try identity.sign(SignedMessage.chain(value)))
            chain.value = value
            try store.provenance.setAttemptSignature(signature, chain: link, attemptID: attempt.id)
            return (signature, link)
        }
    }

    /// The value this device's chain of attempts for one learner has reached, kept in the
    /// settings so that the next export's signatures extend the chain.
    struct ChainHead {
        let learnerID: UUID
        var value: Data
        private let stored: Data?

        init(learnerID: UUID, settings: SettingsRepository) throws {
            self.learnerID = learnerID
            stored = try settings.value(forKey: Self.key(learnerID)).flatMap { Data(base64Encoded: $0) }
            value = stored ?? SignedMessage.chainStart
        }

        static func key(_ learnerID: UUID) -> String { "sync.chain." + learnerID.uuidString }

        /// Stores the value when signing moved it.
        func save(to settings: SettingsRepository) throws {
            guard value != (stored ?? SignedMessage.chainStart) else { return }
            try settings.setValue(value.base64EncodedString(), forKey: Self.key(learnerID))
        }
    }
}
