import CourseModels
import CourseStore
import Foundation
import Sync

/// Builds the xAPI statements a push sends to a Learning Record Store, each carrying what
/// every other machine needs to check who made it, as bundles do (see `ProvenanceCheck`):
///
/// - an attempt's statement: the originating device's Ed25519 signature of the submission
///   (extension `signature`; the signed fields are the statement's id, actor account, exercise,
///   part, answer, timestamp and device) and the learner's enrolments leading to that device
///   (extension `enrolments`, each signed as in a bundle);
/// - a review decision's statement: the instructor's public key and signature (`signer`, `signature`).
///
/// Signs only what this machine may speak for (see `OutgoingProvenance`); an attempt it holds
/// unsigned travels unsigned, and every importer skips it unless told to trust unsigned records.
public struct StatementSigner {
    let store: Store
    let xapi: XAPIExporter
    let outgoing: OutgoingProvenance
    let now: Date
    /// Per learner, the enrolments by device, or nil when this device made some of the
    /// learner's attempts without being enrolled for them.
    private var enrolments: [UUID: [UUID: ProvenanceRepository.Enrolment]?] = [:]
    /// Per kept learner, the learners merged into it (by id; nil when never seen here).
    private var absorbed: [UUID: [UUID: Learner?]] = [:]

    /// - Throws: `SyncError` when the device key cannot be read or created, or `DatabaseError`.
    public init(store: Store, homePage: String = XAPIExporter.defaultHomePage, now: Date = Date()) throws {
        self.store = store
        xapi = XAPIExporter(store: store, homePage: homePage)
        outgoing = try OutgoingProvenance(store: store)
        self.now = now
    }

    /// An attempt's statement, signed; nil when this device made it but the learner enrolled
    /// other devices and not this one (it cannot be vouched for until the learner adds this
    /// device with `course device add`).
    /// - Throws: `DatabaseError`.
    public mutating func statement(_ attempt: Attempt, learner kept: Learner) throws -> [UInt8]? {
        // An attempt a merge moved to this learner travels, as in a bundle, under the learner
        // its device signed it for: the merge itself travels only in bundles, signed.
        var attempt = attempt, learner = kept
        let merged = try absorbedLearners(of: kept.id)
        if !merged.isEmpty, let origin = try store.learners.origin(attemptID: attempt.id), origin != kept.id {
            attempt.learnerID = origin
            learner = (merged[origin] ?? nil) ?? Learner(id: origin, handle: kept.handle, displayName: kept.displayName,
                                                          createdAt: kept.createdAt)
        }
        let devices: [UUID: ProvenanceRepository.Enrolment]?
        if let known = enrolments[learner.id] {
            devices = known
        } else {
            do {
                let list = try outgoing.enrolments(of: learner, at: now)
                devices = Dictionary(list.map { ($0.deviceID, $0) }, uniquingKeysWith: { first, _ in first })
            } catch SyncError.deviceNotEnrolled {
                devices = nil
            }
            enrolments[learner.id] = devices
        }
        if devices == nil, attempt.deviceID == outgoing.identity.deviceID { return nil }
        let signature = try outgoing.signature(of: attempt)
        var json = CanonicalJSON(capacity: 1536)
        xapi.statement(attempt, learner: learner, review: nil,
                       provenance: (signature, Self.chain(to: attempt.deviceID, in: devices ?? [:])), into: &json)
        return json.bytes
    }

    private mutating func absorbedLearners(of learnerID: UUID) throws -> [UUID: Learner?] {
        if let known = absorbed[learnerID] { return known }
        var found: [UUID: Learner?] = [:]
        for (merge, learner) in try store.learners.merges(into: learnerID) { found[merge.mergedID] = learner }
        absorbed[learnerID] = found
        return found
    }

    /// A review decision's statement id and bytes, signed when this machine holds the
    /// decision's instructor signature or an instructor key the content names.
    /// - Throws: `DatabaseError`.
    public func statement(_ review: Review, of attempt: Attempt) throws -> (id: UUID, bytes: [UInt8]) {
        var json = CanonicalJSON(capacity: 768)
        xapi.statement(review, of: attempt, signed: try outgoing.signature(of: review), into: &json)
        return (XAPIExporter.statementID(of: review), json.bytes)
    }

    /// The enrolments from the learner's first device down to `device`, each after the one that
    /// signed it: what an importer needs to accept the device's signature, and no more.
    static func chain(to device: UUID, in devices: [UUID: ProvenanceRepository.Enrolment]) -> [ProvenanceRepository.Enrolment] {
        var chain: [ProvenanceRepository.Enrolment] = []
        var next: UUID? = device
        var visited: Set<UUID> = []
        while let id = next, visited.insert(id).inserted, let enrolment = devices[id] {
            chain.append(enrolment)
            next = enrolment.enrolledBy == enrolment.deviceID ? nil : enrolment.enrolledBy
        }
        return chain.reversed()
    }
}
