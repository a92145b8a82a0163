import CourseModels
import CourseStore
import Crypto
import Foundation

/// The one way this module writes JSON: compact, keys in a fixed order, strings escaped
/// minimally. Bundles are written in this form and their digest is computed over it, so a
/// reader re-encodes what it parsed and gets the very bytes the exporter hashed.
///
/// Escaping: `"` and `\` are escaped, control characters below U+0020 use the short escapes
/// (`\b \f \n \r \t`) or `\u00xx`; every other character is written as its UTF-8 bytes.
package struct CanonicalJSON {
    package var bytes: [UInt8] = []

    package init(capacity: Int = 1024) {
        bytes.reserveCapacity(capacity)
    }

    package mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }

    package mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func byte(_ value: UInt8) {
        bytes.append(value)
    }

    /// `"key":` — keys are ASCII names that need no escaping.
    package mutating func key(_ name: StaticString) {
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    package mutating func string(_ value: String) {
        JSONText.appendQuoted(value, to: &bytes)
    }

    mutating func optionalString(_ value: String?) {
        if let value { string(value) } else { raw("null") }
    }

    /// A UUID in its canonical upper-case form, the form storage uses.
    mutating func uuid(_ value: UUID) {
        bytes.append(UInt8(ascii: "\""))
        value.withUppercaseASCII { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
    }

    package mutating func timestamp(_ date: Date) {
        bytes.append(UInt8(ascii: "\""))
        BundleTimestamp.write(date.millisecondsSince1970, into: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func integer(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    /// The shortest decimal that reads back as the same double (Swift's `description`), with
    /// integral values written without a fraction (`1`, not `1.0`).
    package mutating func number(_ value: Double) {
        if value == value.rounded(), abs(value) < 1e15 {
            if value == 0 {
                bytes.append(UInt8(ascii: "0"))
            } else {
                integer(Int(value))
            }
        } else {
            bytes.append(contentsOf: value.description.utf8)
        }
    }

    package mutating func bool(_ value: Bool) {
        if value { raw("true") } else { raw("false") }
    }

}

/// The records of a bundle in canonical form, shared by the exporter (which writes and hashes
/// them) and the reader (which re-encodes what it parsed and hashes that).
extension CanonicalJSON {
    mutating func header(_ header: BundleHeader) {
        raw("{")
        key("format"); string(header.format); raw(",")
        key("version"); integer(header.version); raw(",")
        key("deviceID"); uuid(header.deviceID); raw(",")
        key("exportedAt"); timestamp(header.exportedAt); raw(",")
        key("contentVersion"); string(header.contentVersion)
        raw("}")
    }

    mutating func learner(_ learner: Learner) {
        raw("{")
        key("id"); uuid(learner.id); raw(",")
        key("handle"); string(learner.handle); raw(",")
        key("name"); string(learner.displayName); raw(",")
        key("createdAt"); timestamp(learner.createdAt)
        raw("}")
    }

    mutating func attempt(_ attempt: Attempt) {
        raw("{")
        key("id"); uuid(attempt.id); raw(",")
        key("learnerID"); uuid(attempt.learnerID); raw(",")
        key("exerciseID"); string(attempt.exerciseID); raw(",")
        key("part"); string(attempt.part); raw(",")
        key("answer"); string(attempt.answer); raw(",")
        key("submittedAt"); timestamp(attempt.submittedAt); raw(",")
        key("deviceID"); uuid(attempt.deviceID); raw(",")
        key("graderVersion"); string(attempt.graderVersion); raw(",")
        key("verdict"); string(attempt.verdict.rawValue); raw(",")
        key("score"); number(attempt.score); raw(",")
        key("feedback"); string(attempt.feedback); raw(",")
        key("mistake"); optionalString(attempt.mistake)
        raw("}")
    }

    package mutating func review(_ review: Review) {
        raw("{")
        key("attemptID"); uuid(review.attemptID); raw(",")
        key("reviewer"); string(review.reviewer); raw(",")
        key("accepted"); bool(review.accepted); raw(",")
        key("comment"); string(review.comment); raw(",")
        key("decidedAt"); timestamp(review.decidedAt)
        raw("}")
    }
}

/// The version-2 additions: signatures travel in the records, and what each key signs is a
/// canonical message of its own, domain-separated so one kind of signature can never pass for another.
extension CanonicalJSON {
    package mutating func base64(_ value: Data?) {
        if let value { string(value.base64EncodedString()) } else { raw("null") }
    }

    package mutating func enrolment(_ enrolment: ProvenanceRepository.Enrolment) {
        raw("{")
        key("learnerID"); uuid(enrolment.learnerID); raw(",")
        key("deviceID"); uuid(enrolment.deviceID); raw(",")
        key("publicKey"); base64(enrolment.publicKey); raw(",")
        key("enrolledAt"); timestamp(enrolment.enrolledAt); raw(",")
        key("enrolledBy"); uuid(enrolment.enrolledBy); raw(",")
        key("signature"); base64(enrolment.signature)
        raw("}")
    }

    /// A version-2 attempt: the version-1 fields, then the originating device's signature.
    mutating func attempt(_ attempt: Attempt, signature: Data?) {
        self.attempt(attempt)
        bytes.removeLast()
        raw(","); key("signature"); base64(signature)
        raw("}")
    }

    /// A version-3 attempt: the version-2 fields, then its link in its device's hash chain and
    /// `practice` (null or the spec, its seed as 16 hex digits).
    mutating func attempt(_ attempt: Attempt, signature: Data?, chain: ProvenanceRepository.ChainLink?, practice: PracticeSpec?) {
        self.attempt(attempt, signature: signature)
        bytes.removeLast()
        raw(","); key("chainPrevious"); base64(chain?.previous); raw(",")
        key("chainSignature"); base64(chain?.signature); raw(",")
        key("practice")
        if let practice {
            raw("{"); key("family"); string(practice.family); raw(",")
            key("tier"); integer(practice.tier); raw(",")
            key("version"); integer(practice.version); raw(",")
            key("seed"); string(practice.seedText); raw("}")
        } else {
            raw("null")
        }
        raw("}")
    }

    /// A learner merge (version 3, in the optional `merges` section): the three signed fields,
    /// then the instructor's key and signature.
    mutating func merge(_ merge: LearnerRepository.Merge) {
        mergeFields(merge)
        bytes.removeLast()
        raw(","); key("signer"); base64(merge.signer); raw(",")
        key("signature"); base64(merge.signature)
        raw("}")
    }

    /// `{"mergedID","keptID","mergedAt"}`: what an instructor signs for a merge.
    mutating func mergeFields(_ merge: LearnerRepository.Merge) {
        raw("{")
        key("mergedID"); uuid(merge.mergedID); raw(",")
        key("keptID"); uuid(merge.keptID); raw(",")
        key("mergedAt"); timestamp(merge.mergedAt)
        raw("}")
    }

    /// A version-2 review: the version-1 fields, then the signing instructor's key and signature.
    mutating func review(_ review: Review, signer: Data?, signature: Data?) {
        self.review(review)
        bytes.removeLast()
        raw(","); key("signer"); base64(signer); raw(",")
        key("signature"); base64(signature)
        raw("}")
    }
}

/// What each kind of key signs.
enum SignedMessage {
    /// An attempt's submission: what the learner did, not the grade (grades are derived here).
    static func attempt(_ attempt: Attempt) -> [UInt8] {
        var json = CanonicalJSON(capacity: 256 + attempt.answer.utf8.count)
        json.raw("course-attempt-2\n{")
        json.key("id"); json.uuid(attempt.id); json.raw(",")
        json.key("learnerID"); json.uuid(attempt.learnerID); json.raw(",")
        json.key("exerciseID"); json.string(attempt.exerciseID); json.raw(",")
        json.key("part"); json.string(attempt.part); json.raw(",")
        json.key("answer"); json.string(attempt.answer); json.raw(",")
        json.key("submittedAt"); json.timestamp(attempt.submittedAt); json.raw(",")
        json.key("deviceID"); json.uuid(attempt.deviceID)
        json.raw("}")
        return json.bytes
    }

    /// Where every device's chain of attempts for a learner starts: 32 zero bytes. Any start
    /// would do, since a chain signature covers everything after it.
    static let chainStart = Data(count: 32)

    /// The chain value after an attempt, from the value before it and the attempt's signed
    /// message: SHA-256 of `course-chain-3` and a newline, the previous value, and the SHA-256 of
    /// the message. A signature of the last value of a run thus covers every attempt in the run.
    static func chainValue(after previous: Data, attemptMessage: [UInt8]) -> Data {
        var hasher = SHA256()
        hasher.update(data: chainTag)
        hasher.update(data: previous)
        hasher.update(data: Data(SHA256.hash(data: attemptMessage)))
        return Data(hasher.finalize())
    }

    /// What a device signs for a chain value: `course-chain-3`, a newline, then the 32 bytes.
    static func chain(_ value: Data) -> [UInt8] {
        chainTag + Array(value)
    }

    private static let chainTag = Array("course-chain-3\n".utf8)

    static func enrolment(_ enrolment: ProvenanceRepository.Enrolment) -> [UInt8] {
        var json = CanonicalJSON(capacity: 256)
        json.raw("course-enrolment-2\n{")
        json.key("learnerID"); json.uuid(enrolment.learnerID); json.raw(",")
        json.key("deviceID"); json.uuid(enrolment.deviceID); json.raw(",")
        json.key("publicKey"); json.base64(enrolment.publicKey); json.raw(",")
        json.key("enrolledAt"); json.timestamp(enrolment.enrolledAt); json.raw(",")
        json.key("enrolledBy"); json.uuid(enrolment.enrolledBy)
        json.raw("}")
        return json.bytes
    }

    static func review(_ review: Review) -> [UInt8] {
        var json = CanonicalJSON(capacity: 256 + review.comment.utf8.count)
        json.raw("course-review-2\n")
        json.review(review)
        return json.bytes
    }

    /// A learner merge: `course-merge-3`, a newline and its merged id, kept id and time.
    static func merge(_ merge: LearnerRepository.Merge) -> [UInt8] {
        var json = CanonicalJSON(capacity: 160)
        json.raw("course-merge-3\n")
        json.mergeFields(merge)
        return json.bytes
    }

    /// The SHA-256 of a review's canonical form, naming the decision a stored signature covers.
    static func reviewDigest(_ review: Review) -> Data {
        Data(SHA256.hash(data: Self.review(review)))
    }
}
