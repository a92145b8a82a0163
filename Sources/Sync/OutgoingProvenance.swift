import CourseModels
import CourseStore
import Foundation

/// What this machine attaches to the records it sends (a bundle, or statements pushed to an
/// LRS) so that every other machine can check who made them: the learner's device enrolments,
/// each attempt's device signature and each review decision's instructor signature.
///
/// Signs only what this machine may speak for, storing each signature once: the attempts made
/// on this device, its self-enrolment for a learner with no device yet, and (with an instructor
/// key the content names) review decisions made here. Everything else travels with the
/// signature it arrived with, or without one.
package struct OutgoingProvenance {
    let store: Store
    package let identity: DeviceIdentity
    let instructor: InstructorKey?

    /// - Throws: `SyncError` when the device or instructor key file cannot be read or created,
    ///   or `DatabaseError`.
    package init(store: Store) throws {
        self.store = store
        identity = try DeviceIdentity.open(store: store)
        let named = try store.provenance.instructorKeys()
        instructor = try InstructorKey.load(path: InstructorKey.keyPath(forDatabase: store.path))
            .flatMap { named[$0.publicKey] != nil ? $0 : nil }
    }

    /// The learner's enrolments, signers first; enrols this device first when it made some of the
    /// learner's attempts and the learner has no device yet.
    /// - Throws: `SyncError.deviceNotEnrolled` when this device made attempts for a learner who
    ///   enrolled other devices but not this one, or `DatabaseError`.
    package func enrolments(of learner: Learner, at date: Date) throws -> [ProvenanceRepository.Enrolment] {
        let known = try store.provenance.enrolments(learnerID: learner.id)
        guard !known.contains(where: { $0.deviceID == identity.deviceID }),
              try store.attempts.hasAttempt(signedFor: learner.id, deviceID: identity.deviceID) else {
            return BundleExporter.signersFirst(known)
        }
        guard known.isEmpty else { throw SyncError.deviceNotEnrolled(handle: learner.handle) }
        let own = try DeviceEnrolment.selfEnrolment(of: identity, learnerID: learner.id, at: date)
        try store.provenance.insert(own)
        return [own]
    }

    /// The stored signature of an attempt; an attempt made on this device and never signed is
    /// signed now. Nil for an attempt this machine holds unsigned (accepted with --trust-unsigned).
    package func signature(of attempt: Attempt) throws -> Data? {
        switch try store.provenance.attemptSignature(attemptID: attempt.id) {
        case let .some(stored): return stored
        case .none:
            guard attempt.deviceID == identity.deviceID else { return nil }
            let signature = try identity.sign(SignedMessage.attempt(attempt))
            try store.provenance.setAttemptSignature(signature, attemptID: attempt.id)
            return signature
        }
    }

    /// The signature of a review decision as it stands: the stored one while it covers this
    /// very decision, else a new one by this machine's instructor key (nil without one).
    package func signature(of review: Review) throws -> ProvenanceRepository.ReviewSignature? {
        let digest = SignedMessage.reviewDigest(review)
        if let stored = try store.provenance.reviewSignature(attemptID: review.attemptID), stored.reviewDigest == digest {
            return stored
        }
        guard let instructor else { return nil }
        let signed = ProvenanceRepository.ReviewSignature(
            reviewDigest: digest, signer: instructor.publicKey, signature: try instructor.sign(SignedMessage.review(review)))
        try store.provenance.setReviewSignature(signed, attemptID: review.attemptID)
        return signed
    }
}
