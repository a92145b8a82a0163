import CourseModels
import Foundation

/// The provenance tables: device enrolments, attempt and review signatures, and the instructor
/// and revoked keys the course content names. What the rows mean is the sync module's business;
/// this type only stores them.
public struct ProvenanceRepository {
    package let database: Database

    package init(database: Database) {
        self.database = database
    }

    /// One device enrolled for one learner, with the signature that proves it.
    public struct Enrolment: Hashable, Sendable {
        public var learnerID: UUID
        public var deviceID: UUID
        /// The device's raw 32-byte Ed25519 public key.
        public var publicKey: Data
        public var enrolledAt: Date
        /// The device whose key signed this enrolment: `deviceID` itself for a learner's first device.
        public var enrolledBy: UUID
        public var signature: Data

        public init(learnerID: UUID, deviceID: UUID, publicKey: Data, enrolledAt: Date, enrolledBy: UUID, signature: Data) {
            self.learnerID = learnerID
            self.deviceID = deviceID
            self.publicKey = publicKey
            self.enrolledAt = enrolledAt.roundedToMilliseconds
            self.enrolledBy = enrolledBy
            self.signature = signature
        }
    }

    static let enrolmentColumns = "learner_id, device_id, public_key, enrolled_at, enrolled_by, signature"

    /// Stores an enrolment; an existing one for the same learner and device is kept.
    /// - Throws: `DatabaseError` on a storage failure.
    public func insert(_ enrolment: Enrolment) throws(DatabaseError) {
        try database.execute(
            "INSERT INTO device_enrolments (\(Self.enrolmentColumns)) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [enrolment.learnerID, enrolment.deviceID, enrolment.publicKey, enrolment.enrolledAt,
             enrolment.enrolledBy, enrolment.signature])
    }

    /// The devices enrolled for `learnerID`, in enrolment order.
    /// - Throws: `DatabaseError` on a storage failure.
    public func enrolments(learnerID: UUID) throws(DatabaseError) -> [Enrolment] {
        try database.rows(
            "SELECT \(Self.enrolmentColumns) FROM device_enrolments WHERE learner_id = ? ORDER BY enrolled_at, device_id",
            [learnerID], Self.decodeEnrolment)
    }

    static func decodeEnrolment(_ row: Row) throws(DatabaseError) -> Enrolment {
        Enrolment(learnerID: try row.get(0), deviceID: try row.get(1), publicKey: try row.get(2),
                  enrolledAt: try row.get(3), enrolledBy: try row.get(4), signature: try row.get(5))
    }

    // MARK: Attempt signatures

    /// Whether a row exists for the attempt, and its signature (nil: imported unsigned).
    /// - Throws: `DatabaseError` on a storage failure.
    public func attemptSignature(attemptID: UUID) throws(DatabaseError) -> Data?? {
        try database.first("SELECT signature FROM attempt_signatures WHERE attempt_id = ?", [attemptID]) { row throws(DatabaseError) -> Data? in
            row.isNull(0) ? nil : try Data.decode(from: row, at: 0)
        }
    }

    /// Records the attempt's signature (nil for an attempt accepted unsigned) and its link in its
    /// device's hash chain, if it has one; keeps an existing row.
    /// - Throws: `DatabaseError` on a storage failure.
    public func setAttemptSignature(_ signature: Data?, chain: ChainLink? = nil, attemptID: UUID) throws(DatabaseError) {
        try database.execute(
            """
            INSERT INTO attempt_signatures (attempt_id, signature, chain_previous, chain_signature) VALUES (?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """,
            [attemptID, signature, chain?.previous, chain?.signature])
    }

    /// An attempt's place in the hash chain of its device's attempts for its learner: the chain
    /// value before it, and the device's signature of the value after it.
    public struct ChainLink: Hashable, Sendable {
        /// 32 bytes.
        public var previous: Data
        /// 64 bytes.
        public var signature: Data

        public init(previous: Data, signature: Data) {
            self.previous = previous
            self.signature = signature
        }
    }

    /// The attempt's chain link; nil when it has none (signed before chains, or unsigned).
    /// - Throws: `DatabaseError` on a storage failure.
    public func attemptChain(attemptID: UUID) throws(DatabaseError) -> ChainLink? {
        let link = try database.first(
            "SELECT chain_previous, chain_signature FROM attempt_signatures WHERE attempt_id = ?", [attemptID]
        ) { row throws(DatabaseError) -> ChainLink? in
            guard !row.isNull(0), !row.isNull(1) else { return nil }
            return ChainLink(previous: try row.get(0), signature: try row.get(1))
        }
        return link ?? nil
    }

    // MARK: Review signatures

    /// A review decision's signature, valid only for the decision whose digest it names.
    public struct ReviewSignature: Hashable, Sendable {
        public var reviewDigest: Data
        /// nil for a decision imported unsigned with --trust-unsigned.
        public var signer: Data?
        public var signature: Data?

        public init(reviewDigest: Data, signer: Data?, signature: Data?) {
            self.reviewDigest = reviewDigest
            self.signer = signer
            self.signature = signature
        }
    }

    /// - Throws: `DatabaseError` on a storage failure.
    public func reviewSignature(attemptID: UUID) throws(DatabaseError) -> ReviewSignature? {
        try database.first(
            "SELECT review_digest, signer, signature FROM review_signatures WHERE attempt_id = ?", [attemptID]
        ) { row throws(DatabaseError) in
            ReviewSignature(reviewDigest: try row.get(0), signer: row.isNull(1) ? nil : try row.get(1),
                            signature: row.isNull(2) ? nil : try row.get(2))
        }
    }

    /// Records (replacing) the signature of the attempt's current decision.
    /// - Throws: `DatabaseError` on a storage failure.
    public func setReviewSignature(_ signature: ReviewSignature, attemptID: UUID) throws(DatabaseError) {
        try database.execute(
            """
            INSERT INTO review_signatures (attempt_id, review_digest, signer, signature) VALUES (?, ?, ?, ?)
            ON CONFLICT (attempt_id) DO UPDATE SET review_digest = excluded.review_digest,
                signer = excluded.signer, signature = excluded.signature
            """,
            [attemptID, signature.reviewDigest, signature.signer, signature.signature])
    }

    // MARK: Keys named by the content

    /// Replaces the instructor keys and the revocation list with those of the content just imported.
    /// - Throws: `DatabaseError` on a storage failure.
    public func replaceContentKeys(instructors: [(publicKey: Data, name: String)], revoked: [(publicKey: Data, revokedAt: Date)]) throws(DatabaseError) {
        try database.inTransaction { () throws(DatabaseError) in
            try database.execute("DELETE FROM instructor_keys")
            try database.execute("DELETE FROM revoked_keys")
            for instructor in instructors {
                try database.execute("INSERT OR REPLACE INTO instructor_keys (public_key, name) VALUES (?, ?)",
                                     [instructor.publicKey, instructor.name])
            }
            for key in revoked {
                try database.execute("INSERT OR REPLACE INTO revoked_keys (public_key, revoked_at) VALUES (?, ?)",
                                     [key.publicKey, key.revokedAt])
            }
        }
    }

    /// The instructors' public keys and names.
    /// - Throws: `DatabaseError` on a storage failure.
    public func instructorKeys() throws(DatabaseError) -> [Data: String] {
        let pairs = try database.rows("SELECT public_key, name FROM instructor_keys", []) { row throws(DatabaseError) in
            (try Data.decode(from: row, at: 0), row.string(1))
        }
        return Dictionary(pairs, uniquingKeysWith: { first, _ in first })
    }

    /// The revoked keys and when their revocation was published.
    /// - Throws: `DatabaseError` on a storage failure.
    public func revokedKeys() throws(DatabaseError) -> [Data: Date] {
        let pairs = try database.rows("SELECT public_key, revoked_at FROM revoked_keys", []) { row throws(DatabaseError) in
            (try Data.decode(from: row, at: 0), try Date.decode(from: row, at: 1))
        }
        return Dictionary(pairs, uniquingKeysWith: { first, _ in first })
    }
}
