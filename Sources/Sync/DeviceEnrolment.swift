import CourseModels
import CourseStore
import Foundation

/// Enrolling devices for a learner: the first device enrols itself; another is added on a
/// device already enrolled, which signs the newcomer's key (read from its `course device show`
/// code). The signed enrolment travels in that device's next bundle.
public enum DeviceEnrolment {
    static func selfEnrolment(of identity: DeviceIdentity, learnerID: UUID, at date: Date) throws -> ProvenanceRepository.Enrolment {
        var enrolment = ProvenanceRepository.Enrolment(
            learnerID: learnerID, deviceID: identity.deviceID, publicKey: identity.publicKey, enrolledAt: date,
            enrolledBy: identity.deviceID, signature: Data())
        enrolment.signature = try identity.sign(SignedMessage.enrolment(enrolment))
        return enrolment
    }

    /// Enrols the device named by `code` for the learner, signed by this device (enrolling
    /// this device first when the learner has no device yet).
    /// - Throws: `SyncError.badEnrolmentCode`, `SyncError.deviceNotEnrolled` when this device is
    ///   not one of the learner's, or `DatabaseError`.
    @discardableResult
    public static func add(code: String, learner: Learner, store: Store, now: Date = Date()) throws -> UUID {
        guard let (deviceID, publicKey) = DeviceIdentity.parseEnrolmentCode(code) else { throw SyncError.badEnrolmentCode }
        return try store.transaction {
            let identity = try DeviceIdentity.open(store: store)
            let known = try store.provenance.enrolments(learnerID: learner.id)
            if !known.contains(where: { $0.deviceID == identity.deviceID }) {
                guard known.isEmpty else { throw SyncError.deviceNotEnrolled(handle: learner.handle) }
                try store.provenance.insert(try selfEnrolment(of: identity, learnerID: learner.id, at: now))
            }
            var enrolment = ProvenanceRepository.Enrolment(
                learnerID: learner.id, deviceID: deviceID, publicKey: publicKey, enrolledAt: now,
                enrolledBy: identity.deviceID, signature: Data())
            enrolment.signature = try identity.sign(SignedMessage.enrolment(enrolment))
            try store.provenance.insert(enrolment)
            return deviceID
        }
    }
}
