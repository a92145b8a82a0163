import CourseModels
import CourseService
import CourseStore
import Foundation

/// `course-admin learners merge`: a learner merge is an instructor act, so it is made only with
/// an instructor key the course content names. The merge is signed, applied here and stored, and
/// every later bundle of the kept learner carries it, so other machines apply the same merge.
/// On a machine without such a key (a learner's own) it is refused: a local-only merge would
/// leave this machine's learners different from everyone else's.
public struct LearnerMerging {
    public let store: Store
    public var now: Date

    public init(store: Store, now: Date = Date()) {
        self.store = store
        self.now = now
    }

    /// Merges the learner `merged` into `kept` (by handle, any case).
    /// - Throws: `CourseError.unknownLearner` or `.sameLearner`; `SyncError.noInstructorKey`,
    ///   `.instructorKeyNotNamed` or `.instructorKeyRevoked`, or `DatabaseError` (nothing changed).
    public func merge(kept keptHandle: String, merged mergedHandle: String) throws -> LearnerMerge {
        guard let kept = try store.learners.learner(handle: keptHandle) else { throw CourseError.unknownLearner(keptHandle) }
        guard let gone = try store.learners.learner(handle: mergedHandle) else { throw CourseError.unknownLearner(mergedHandle) }
        guard kept.id != gone.id else { throw CourseError.sameLearner(kept.handle) }
        let key = try instructorKey(kept: kept.handle, merged: gone.handle)
        var merge = LearnerRepository.Merge(mergedID: gone.id, keptID: kept.id, mergedAt: now,
                                            signer: key.publicKey, signature: nil)
        merge.signature = try key.sign(SignedMessage.merge(merge))
        return try store.transaction {
            let oldest = try store.attempts.earliestSubmission(learnerID: gone.id)
            let result = try CourseService(store: store).mergeLearners(merge)
            // The moved attempts are sent again to every peer, with the merge.
            if let oldest {
                let millis = oldest.millisecondsSince1970
                try SyncWatermark.lowerAll(to: [kept.id: .init(attempts: millis, reviews: millis)], in: store.settings)
            }
            return result
        }
    }

    /// This machine's instructor key, if the content names it and has not revoked it.
    private func instructorKey(kept: String, merged: String) throws -> InstructorKey {
        let path = InstructorKey.keyPath(forDatabase: store.path)
        guard let key = try InstructorKey.load(path: path) else {
            throw SyncError.noInstructorKey(path: path, kept: kept, merged: merged)
        }
        guard try store.provenance.instructorKeys()[key.publicKey] != nil else { throw SyncError.instructorKeyNotNamed(path: path) }
        if let revokedAt = try store.provenance.revokedKeys()[key.publicKey], now >= revokedAt {
            throw SyncError.instructorKeyRevoked(path: path, revokedAt: revokedAt)
        }
        return key
    }
}
