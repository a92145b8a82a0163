import CourseModels
import CourseStore
import Crypto
import Dispatch
import Foundation

/// Who may say what in a bundle, checked record by record in the validation pass:
///
/// - an attempt only from a device enrolled for its learner, signed by that device's key;
/// - an enrolment only self-signed for a learner with no device yet on this machine, or signed
///   by a device already enrolled for that learner;
/// - a review decision only signed by an instructor key the course content names, and only on
///   an answer waiting for review;
/// - a learner merge likewise only signed by such a key (else that merge alone is refused);
/// - nothing signed by a key the content revoked, dated at or after its revocation;
/// - no time beyond this machine's clock plus `BundleFormat.allowedClockSkew`;
/// - unsigned records (version 1, or `null` signatures) only with `--trust-unsigned`, except a
///   version-1 bundle this machine exported itself, whose attempts are accepted for learners
///   who enrolled no other device (its reviews still need the flag).
///
/// Signatures are checked once here; the apply pass trusts a file whose digest is unchanged.
///
/// An attempt that carries a hash-chain link (version 3) is not checked by its own signature:
/// the attempts of one device for one learner whose links follow one another form a run, and
/// the device's signature of the run's last chain value covers them all (see
/// `SignedMessage.chainValue`), so a run costs one signature check however long it is. A run
/// ends where the next attempt's `chainPrevious` is not the value the run reached, or at the
/// end of the file (`finish`).
package final class ProvenanceCheck {
    let store: Store
    let trustUnsigned: Bool
    let now: Date
    let ownDevice: UUID
    let instructors: [Data: String]
    let revoked: [Data: Date]
    private(set) var version = BundleFormat.version
    private var enrolled: [UUID: [UUID: Data]] = [:]
    private var keys: [Data: Curve25519.Signing.PublicKey] = [:]
    /// Attempts in this bundle at a part waiting for a person (the only ones a review may decide).
    private var manualAttempts: Set<UUID> = []
    private var latest: Date
    /// Time spent checking signatures (hashing chains included), in seconds: the benchmark
    /// reports its share of the import.
    private(set) var signatureSeconds = 0.0
    private(set) var signaturesChecked = 0
    /// The runs of chained attempts not yet checked, by device and learner.
    private var openRuns: [ChainKey: OpenRun] = [:]
    /// One bit per attempt (by index in the file): whether it continues the run of the chained
    /// attempt before it of the same device and learner, so the apply pass knows a run's shape
    /// without hashing again.
    private var continuing: [UInt64] = []

    struct ChainKey: Hashable {
        var deviceID: UUID
        var learnerID: UUID
    }

    /// A run of chained attempts whose last signature is still to be checked.
    private struct OpenRun {
        /// The chain value after the run's last attempt, and that attempt's chain signature.
        var value: Data
        var signature: Data
        var publicKey: Data
        var firstIndex: Int
        var lastIndex: Int
        var learnerID: UUID
        var deviceID: UUID

        var record: String {
            firstIndex == lastIndex ? "attempt \(lastIndex)"
                : "attempts \(firstIndex) to \(lastIndex) (one chain of device \(deviceID.uuidString) for learner \(learnerID.uuidString))"
        }
    }

    package typealias Problem = BundleError.Problem

    package init(store: Store, trustUnsigned: Bool, now: Date) throws {
        self.store = store
        self.trustUnsigned = trustUnsigned
        self.now = now
        latest = now.addingTimeInterval(BundleFormat.allowedClockSkew)
        ownDevice = try store.settings.deviceID()
        instructors = try store.provenance.instructorKeys()
        revoked = try store.provenance.revokedKeys()
    }

    /// Whether the apply pass stores an attempt or review carrying `signature`.
    func accepts(signature: Data?, isReview: Bool) -> Bool {
        if signature != nil || trustUnsigned { return true }
        return version == 1 && !isReview
    }

    func checkTime(_ date: Date, record: @autoclosure () -> String, field: String) throws(Problem) {
        guard date <= latest else { throw .futureTimestamp(record: record(), field: field, value: date, now: now) }
    }

    package func header(_ header: BundleHeader) throws(Problem) {
        version = header.version
        try checkTime(header.exportedAt, record: "the bundle header", field: "exportedAt")
        if header.version == 1, !trustUnsigned, header.deviceID != ownDevice {
            throw .unsignedBundle(deviceID: header.deviceID)
        }
    }

    package func enrolment(_ enrolment: ProvenanceRepository.Enrolment) throws {
        try checkTime(enrolment.enrolledAt, record: "the enrolment of device \(enrolment.deviceID.uuidString)", field: "enrolledAt")
        var devices = try enrolledDevices(enrolment.learnerID)
        if let known = devices[enrolment.deviceID] {
            guard known == enrolment.publicKey else {
                throw Problem.enrolmentRefused(learnerID: enrolment.learnerID, deviceID: enrolment.deviceID,
                                               reason: "that device is enrolled here with another key")
            }
            return
        }
        let signer: Data
        if enrolment.enrolledBy == enrolment.deviceID {
            guard devices.isEmpty else {
                throw Problem.enrolmentRefused(learnerID: enrolment.learnerID, deviceID: enrolment.deviceID,
                                               reason: "the learner already has enrolled devices here and none of them signed it")
            }
            signer = enrolment.publicKey
        } else {
            guard let key = devices[enrolment.enrolledBy] else {
                throw Problem.enrolmentRefused(learnerID: enrolment.learnerID, deviceID: enrolment.deviceID,
                                               reason: "the device that signed it, \(enrolment.enrolledBy.uuidString), is not enrolled for that learner")
            }
            signer = key
        }
        let record = "the enrolment of device \(enrolment.deviceID.uuidString)"
        try checkRevocation(signer, at: enrolment.enrolledAt, record: record)
        try verify(enrolment.signature, of: SignedMessage.enrolment(enrolment), key: signer, record: record)
        devices[enrolment.deviceID] = enrolment.publicKey
        enrolled[enrolment.learnerID] = devices
    }

    package func learner(_ learner: Learner) throws(Problem) {
        try checkTime(learner.createdAt, record: "the learner \(learner.id.uuidString)", field: "createdAt")
    }

    package func attempt(_ attempt: Attempt, signature: Data?, chain: ProvenanceRepository.ChainLink?, index: Int, content: LocalContent) throws {
        let record = "attempt \(index)"
        try checkTime(attempt.submittedAt, record: record, field: "submittedAt")
        if content.part(exerciseID: attempt.exerciseID, label: attempt.part)?.kind == .manual {
            manualAttempts.insert(attempt.id)
        }
        let devices = try enrolledDevices(attempt.learnerID)
        guard let signature else {
            // Version 1 from this machine: only for learners no other device speaks for.
            if version == 1, !trustUnsigned, !devices.isEmpty, devices[ownDevice] == nil {
                throw Problem.deviceNotEnrolled(record: record, learnerID: attempt.learnerID, deviceID: ownDevice)
            }
            return
        }
        guard let key = devices[attempt.deviceID] else {
            throw Problem.deviceNotEnrolled(record: record, learnerID: attempt.learnerID, deviceID: attempt.deviceID)
        }
        try checkRevocation(key, at: attempt.submittedAt, record: record)
        guard let chain else {
            try verify(signature, of: SignedMessage.attempt(attempt), key: key, record: record)
            return
        }
        let value = chainValue(of: attempt, link: chain)
        let runKey = ChainKey(deviceID: attempt.deviceID, learnerID: attempt.learnerID)
        var firstIndex = index
        if let open = openRuns[runKey] {
            if open.value == chain.previous, open.publicKey == key {
                firstIndex = open.firstIndex
                let word = index / 64
                if continuing.count <= word { continuing += Array(repeating: 0, count: word + 1 - continuing.count) }
                continuing[word] |= 1 << UInt64(index % 64)
            } else {
                try close(open)
            }
        }
        openRuns[runKey] = OpenRun(value: value, signature: chain.signature, publicKey: key, firstIndex: firstIndex,
                                   lastIndex: index, learnerID: attempt.learnerID, deviceID: attempt.deviceID)
    }

    /// Checks the runs still open at the end of the attempts, in file order.
    /// - Throws: `BundleError.Problem.badSignature` naming the run whose signature fails.
    func finish() throws {
        let runs = openRuns.values.sorted { $0.firstIndex < $1.firstIndex }
        openRuns = [:]
        for run in runs { try close(run) }
    }

    /// Whether the attempt at `index` continues the run of the chained attempt of the same
    /// device and learner before it in the file (the validation pass found its `chainPrevious`
    /// to be the value that attempt reached).
    func continuesRun(_ index: Int) -> Bool {
        let word = index / 64
        return word < continuing.count && continuing[word] & (1 << UInt64(index % 64)) != 0
    }

    /// The chain value an attempt reaches, timed with the signature checks.
    private func chainValue(of attempt: Attempt, link: ProvenanceRepository.ChainLink) -> Data {
        let started = DispatchTime.now().uptimeNanoseconds
        defer { signatureSeconds += Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9 }
        return SignedMessage.chainValue(after: link.previous, attemptMessage: SignedMessage.attempt(attempt))
    }

    /// Checks the chain signature of an attempt that ends a run only because the apply pass
    /// left out the attempt after it (a conflict), so that every run this machine stores, and
    /// may relay, ends at a signature checked here. `value` is the left-out attempt's
    /// `chainPrevious`, which is the value the earlier one reached when it `continuesRun`.
    /// - Throws: `BundleError.Problem.badSignature` or `.deviceNotEnrolled`.
    func checkChainEnd(value: Data, signature: Data, deviceID: UUID, learnerID: UUID, index: Int) throws {
        let record = "attempt \(index)"
        guard let key = try enrolledDevices(learnerID)[deviceID] else {
            throw Problem.deviceNotEnrolled(record: record, learnerID: learnerID, deviceID: deviceID)
        }
        try verify(signature, of: SignedMessage.chain(value), key: key, record: record)
    }

    private func close(_ run: OpenRun) throws {
        try verify(run.signature, of: SignedMessage.chain(run.value), key: run.publicKey, record: run.record)
    }

    package func review(_ review: Review, signer: Data?, signature: Data?) throws {
        let record = "the review of attempt \(review.attemptID.uuidString)"
        try checkTime(review.decidedAt, record: record, field: "decidedAt")
        guard manualAttempts.contains(review.attemptID) else { throw Problem.reviewOfGradedAttempt(attemptID: review.attemptID) }
        guard let signature, let signer else { return }
        guard instructors[signer] != nil else { throw Problem.notAnInstructor(record: record) }
        try checkRevocation(signer, at: review.decidedAt, record: record)
        try verify(signature, of: SignedMessage.review(review), key: signer, record: record)
    }

    /// Why each refused merge of the bundle is refused, by its index in the `merges` section;
    /// the merges absent here are accepted.
    private(set) var refusedMerges: [Int: String] = [:]

    /// Checks a learner merge, an instructor act: signed by an instructor key the content names
    /// and did not revoke by `mergedAt`, dated no later than the clock allows. A merge failing
    /// that is refused on its own (recorded in `refusedMerges`); the rest of the bundle is not.
    func merge(_ merge: LearnerRepository.Merge, index: Int) throws {
        if let reason = try refusal(of: merge) {
            refusedMerges[index] = reason
        } else {
            mergedLearnerIDs.insert(merge.mergedID)
        }
    }

    /// The learners the bundle's accepted merges remove.
    private(set) var mergedLearnerIDs: Set<UUID> = []

    private func refusal(of merge: LearnerRepository.Merge) throws -> String? {
        guard merge.mergedID != merge.keptID else { return "it merges a learner into itself" }
        guard merge.mergedAt <= latest else {
            return "it is dated \(BundleTimestamp.string(merge.mergedAt.millisecondsSince1970)), later than this machine's clock allows"
        }
        guard let signer = merge.signer, let signature = merge.signature else {
            return "it is not signed; only a merge signed by an instructor key the course content names is accepted"
        }
        guard instructors[signer] != nil else {
            return "it is signed by a key the course content does not name as an instructor's"
        }
        if let revokedAt = revoked[signer], merge.mergedAt >= revokedAt {
            return "it is signed by an instructor key the course content revoked on \(BundleTimestamp.string(revokedAt.millisecondsSince1970))"
        }
        do {
            try verify(signature, of: SignedMessage.merge(merge), key: signer, record: "merge")
        } catch is Problem {
            return "its signature does not match it (the record was changed, or signed by another key)"
        }
        return nil
    }

    private func enrolledDevices(_ learner: UUID) throws -> [UUID: Data] {
        if let known = enrolled[learner] { return known }
        let stored = Dictionary(try store.provenance.enrolments(learnerID: learner).map { ($0.deviceID, $0.publicKey) },
                                uniquingKeysWith: { first, _ in first })
        enrolled[learner] = stored
        return stored
    }

    private func checkRevocation(_ key: Data, at date: Date, record: String) throws(Problem) {
        if let revokedAt = revoked[key], date >= revokedAt { throw .revokedKey(record: record, revokedAt: revokedAt) }
    }

    private func verify(_ signature: Data, of message: [UInt8], key raw: Data, record: String) throws {
        let started = DispatchTime.now().uptimeNanoseconds
        defer { signatureSeconds += Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9 }
        signaturesChecked += 1
        let key: Curve25519.Signing.PublicKey
        if let cached = keys[raw] {
            key = cached
        } else {
            guard let parsed = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else { throw Problem.badSignature(record: record) }
            keys[raw] = parsed
            key = parsed
        }
        guard key.isValidSignature(signature, for: message) else { throw Problem.badSignature(record: record) }
    }
}
