import CourseModels
import CourseStore
import Foundation

/// Writes learners' attempts and review decisions as one bundle (see `README-bundle.md`),
/// streaming: one learner's attempts are in memory at a time, whatever the bundle's size.
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
        /// A file, written under a temporary name and renamed when complete.
        case file(String)
        case standardOutput
    }

    /// What an export wrote.
    public struct Summary: Hashable, Sendable {
        public var learners: Int
        public var attempts: Int
        public var reviews: Int
        public var bytes: Int
        public var digest: String
        /// The peer whose watermark moved, if any.
        public var peer: String?
    }

    /// Writes the bundle; with a peer, moves its watermark once the bundle is complete.
    /// - Throws: `SyncError` when the file cannot be written (nothing is left under its name),
    ///   or `DatabaseError`.
    public func export(to destination: Destination, options: Options = Options()) throws -> Summary {
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
        let previous = try options.sinceLastPeer.map { try SyncWatermark.load(peer: $0, from: store.settings) }
        var next = previous ?? SyncWatermark()
        let header = BundleHeader(
            deviceID: try store.settings.deviceID(), exportedAt: options.now,
            contentVersion: try LocalContent(store: store).fingerprint)
        let reviews = Dictionary(try store.reviews.all().map { ($0.attemptID, $0) }, uniquingKeysWith: { _, last in last })

        let sink: ByteSink
        switch destination {
        case let .file(path): sink = try ByteSink(path: path)
        case .standardOutput: sink = ByteSink()
        }
        var writer = BundleWriter(sink: sink)
        try writer.begin(header)
        for learner in learners {
            try writer.learner(learner)
        }
        try writer.endLearners()
        var pendingReviews: [Review] = []
        for learner in learners {
            let mark = previous?[learner.id]
            var newest = mark ?? SyncWatermark.Mark(attempts: Int64.min, reviews: Int64.min)
            for attempt in try store.attempts.attempts(learnerID: learner.id) {
                let submitted = attempt.submittedAt.millisecondsSince1970
                let review = reviews[attempt.id]
                let decided = review?.decidedAt.millisecondsSince1970
                newest.attempts = max(newest.attempts, submitted)
                if let decided { newest.reviews = max(newest.reviews, decided) }
                // Already sent, and so is its review decision, if any.
                if let mark, submitted < mark.attempts, decided.map({ $0 < mark.reviews }) ?? true { continue }
                try writer.attempt(attempt)
                if let review { pendingReviews.append(review) }
            }
            if newest.attempts != .min || newest.reviews != .min {
                next[learner.id] = newest
            }
        }
        try writer.endAttempts()
        for review in pendingReviews {
            try writer.review(review)
        }
        let digest = try writer.finish()
        try sink.close()
        if let peer = options.sinceLastPeer {
            try next.save(peer: peer, to: store.settings)
        }
        return Summary(learners: learners.count, attempts: writer.attempts, reviews: pendingReviews.count,
                       bytes: sink.count, digest: digest, peer: options.sinceLastPeer)
    }
}
