import CourseModels
import Foundation

/// What importing one bundle did: the per-bundle report of `sync import`.
public struct BundleImportReport: Hashable, Sendable {
    public var path: String
    public var header: BundleHeader
    /// The SHA-256 digest the bundle was verified against.
    public var digest: String
    public var attemptsInBundle = 0
    public var added = 0
    public var alreadyPresent = 0
    /// Attempts whose id is stored here with different content: skipped, both versions kept for the report.
    public var conflicts: [Conflict] = []
    public var learnersCreated: [Learner] = []
    /// New learners whose handle another learner already has here: created under another handle.
    public var handleClashes: [HandleClash] = []
    /// Attempts whose local grade differs from the bundle's; the local grade is what was stored.
    public var verdictDifferences: [VerdictDifference] = []
    /// How many verdict differences there were in all (`verdictDifferences` keeps the first 100).
    public var verdictDifferenceCount = 0
    public var reviewsAdded = 0
    public var reviewsReplaced = 0
    public var reviewsKept = 0
    /// Mastery states that changed, by learner and objective.
    public var masteryChanges: [MasteryChange] = []
    /// True when the bundle was graded against other content (keys) than this machine's.
    public var contentDiffers = false
    /// How many distinct answers were graded here (the rest repeated one already graded).
    public var answersGraded = 0
    /// Seconds spent checking signatures (building each signed message and verifying it).
    public var signatureSeconds = 0.0
    /// How many signatures were checked: one per enrolment, per run of chained attempts, per
    /// unchained attempt and per review.
    public var signaturesChecked = 0
    /// Device enrolments new to this machine.
    public var enrolmentsAdded = 0
    /// Attempts and review decisions without a signature, left out (see `--trust-unsigned`).
    public var unsignedAttemptsSkipped = 0
    public var unsignedReviewsSkipped = 0
    /// Learner merges applied here, and those this machine had applied already.
    public var mergesApplied: [AppliedMerge] = []
    public var mergesAlreadyApplied = 0
    /// Learner merges left out, each with the reason (an unsigned or forged one, say).
    public var mergesRefused: [RefusedMerge] = []

    public init(path: String, header: BundleHeader, digest: String) {
        self.path = path
        self.header = header
        self.digest = digest
    }

    /// True when the import changed nothing: a bundle imported before, say.
    public var changedNothing: Bool {
        added == 0 && learnersCreated.isEmpty && reviewsAdded == 0 && reviewsReplaced == 0 && masteryChanges.isEmpty
            && mergesApplied.isEmpty
    }

    public struct AppliedMerge: Hashable, Sendable {
        public var mergedID: UUID
        /// The merged learner's handle, when this machine or the bundle knew it.
        public var mergedHandle: String?
        /// The learner that now holds its attempts.
        public var keptID: UUID
        public var keptHandle: String
        public var attemptsMoved: Int
    }

    public struct RefusedMerge: Hashable, Sendable {
        public var mergedID: UUID
        public var keptID: UUID
        public var reason: String
    }

    /// The same attempt id with different content here and in the bundle.
    public struct Conflict: Hashable, Sendable {
        public var stored: Attempt
        public var incoming: Attempt
    }

    public struct HandleClash: Hashable, Sendable {
        public var handle: String
        public var incomingID: UUID
        public var existingID: UUID
        /// The handle the incoming learner was created under.
        public var createdAs: String
    }

    public struct VerdictDifference: Hashable, Sendable {
        public var attemptID: UUID
        public var exerciseID: String
        public var part: String
        public var bundleVerdict: Verdict
        public var localVerdict: Verdict
    }

    public struct MasteryChange: Hashable, Sendable {
        public var learnerID: UUID
        public var handle: String
        public var objectiveID: String
        public var before: Double?
        public var after: Double?
        /// Whether the objective counts as mastered before and after.
        public var masteredBefore: Bool
        public var masteredAfter: Bool
    }
}
