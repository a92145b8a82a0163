import CourseModels
import Foundation

/// The one way this module writes JSON: compact, keys in a fixed order, strings escaped
/// minimally. Bundles are written in this form and their digest is computed over it, so a
/// reader re-encodes what it parsed and gets the very bytes the exporter hashed.
///
/// Escaping: `"` and `\` are escaped, control characters below U+0020 use the short escapes
/// (`\b \f \n \r \t`) or `\u00xx`; every other character is written as its UTF-8 bytes.
struct CanonicalJSON {
    var bytes: [UInt8] = []

    init(capacity: Int = 1024) {
        bytes.reserveCapacity(capacity)
    }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func byte(_ value: UInt8) {
        bytes.append(value)
    }

    /// `"key":` — keys are ASCII names that need no escaping.
    mutating func key(_ name: StaticString) {
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    mutating func string(_ value: String) {
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

    mutating func timestamp(_ date: Date) {
        bytes.append(UInt8(ascii: "\""))
        BundleTimestamp.write(date.millisecondsSince1970, into: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func integer(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    /// The shortest decimal that reads back as the same double (Swift's `description`), with
    /// integral values written without a fraction (`1`, not `1.0`).
    mutating func number(_ value: Double) {
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

    mutating func bool(_ value: Bool) {
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

    mutating func review(_ review: Review) {
        raw("{")
        key("attemptID"); uuid(review.attemptID); raw(",")
        key("reviewer"); string(review.reviewer); raw(",")
        key("accepted"); bool(review.accepted); raw(",")
        key("comment"); string(review.comment); raw(",")
        key("decidedAt"); timestamp(review.decidedAt)
        raw("}")
    }
}
