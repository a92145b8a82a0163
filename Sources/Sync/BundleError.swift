import CourseModels
import Foundation

/// Why a bundle was refused. Every refusal happens before anything is written, so the
/// description ends by saying nothing was imported.
public struct BundleError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The bundle file, as named on the command line.
    public var path: String
    public var problem: Problem

    public init(path: String, problem: Problem) {
        self.path = path
        self.problem = problem
    }

    /// What is wrong with the bundle; `line` numbers are 1-based lines of the file.
    public enum Problem: Hashable, Sendable {
        case cannotOpen(reason: String)
        case empty
        case notUTF8(line: Int)
        case notJSON(found: String)
        case syntax(line: Int, message: String)
        case truncated(line: Int)
        case unknownFormat(String)
        case newerVersion(Int)
        case unsupportedVersion(Int)
        case outOfOrder(expected: String, found: String, line: Int)
        case missingField(record: String, field: String, line: Int)
        case unknownField(record: String, field: String, line: Int)
        case duplicateField(record: String, field: String, line: Int)
        case invalidValue(record: String, field: String, expected: String, line: Int)
        case badTimestamp(record: String, field: String, value: String, line: Int)
        case tooLong(record: String, field: String, limit: Int, line: Int)
        case duplicateAttempt(id: UUID, index: Int, line: Int)
        case duplicateLearner(id: UUID, line: Int)
        case unlistedLearner(record: String, learnerID: UUID, line: Int)
        case unknownContent([UnknownPart])
        case reviewWithoutAttempt(attemptID: UUID, line: Int)
        case duplicateReview(attemptID: UUID, line: Int)
        case digestMismatch(stated: String, computed: String)
        case trailingData(line: Int)
        case changedWhileImporting
        case versionNotInteger(String)
        /// A time later than this machine's clock plus `BundleFormat.allowedClockSkew`.
        case futureTimestamp(record: String, field: String, value: Date, now: Date)
        /// A version-1 (unsigned) bundle that this machine did not export.
        case unsignedBundle(deviceID: UUID)
        case enrolmentRefused(learnerID: UUID, deviceID: UUID, reason: String)
        case deviceNotEnrolled(record: String, learnerID: UUID, deviceID: UUID)
        case badSignature(record: String)
        case revokedKey(record: String, revokedAt: Date)
        case notAnInstructor(record: String)
        case reviewOfGradedAttempt(attemptID: UUID)
    }

    /// An exercise part that attempts refer to and this machine's content lacks.
    public struct UnknownPart: Hashable, Sendable, CustomStringConvertible {
        public var exerciseID: String
        public var part: String
        /// True when the whole exercise is unknown, false when only the part is.
        public var exerciseUnknown: Bool
        public var attempts: Int

        public var description: String {
            let what = exerciseUnknown ? "exercise '\(TerminalText.visible(exerciseID))'" :
                "part '\(TerminalText.visible(part))' of exercise '\(TerminalText.visible(exerciseID))'"
            return "\(what) (\(attempts) attempt\(attempts == 1 ? "" : "s"))"
        }
    }

    public var description: String {
        "The bundle \(TerminalText.visible(path)) was refused: \(problemDescription) Nothing was imported."
    }

    package var problemDescription: String {
        switch problem {
        case let .cannotOpen(reason):
            return "it cannot be read (\(reason)); check the path and its permissions."
        case .empty:
            return "the file is empty; export the bundle again."
        case let .notUTF8(line):
            return "line \(line) holds bytes that are not UTF-8 text; bundles are UTF-8 JSON, so the file was damaged or re-saved in another encoding. Export it again."
        case let .notJSON(found):
            return "it is not JSON (it starts with \(found) where '{' should be); pick the .json file written by 'sync export'."
        case let .syntax(line, message):
            return "the JSON is malformed at line \(line): \(message). Export the bundle again rather than editing it."
        case let .truncated(line):
            return "the file ends in the middle of the JSON (after line \(line)), as a cut-off copy or download does; copy the whole file again."
        case let .unknownFormat(name):
            return "its format is '\(TerminalText.visible(name))', not '\(BundleFormat.name)'; it was not written by 'sync export'."
        case let .newerVersion(version):
            return "it is format version \(version) and this program reads up to version \(BundleFormat.version); update the course tools on this machine."
        case let .unsupportedVersion(version):
            return "its format version \(version) is not one this program knows (1 to \(BundleFormat.version))."
        case let .outOfOrder(expected, found, line):
            return "line \(line) has the field '\(TerminalText.visible(found))' where '\(expected)' should come; bundles keep the documented field order so they can be read as a stream."
        case let .missingField(record, field, line):
            return "\(record) (ending at line \(line)) has no '\(field)' field, which is required."
        case let .unknownField(record, field, line):
            return "\(record) has an unknown field '\(TerminalText.visible(field))' at line \(line)."
        case let .duplicateField(record, field, line):
            return "\(record) has the field '\(field)' twice (line \(line))."
        case let .invalidValue(record, field, expected, line):
            return "the '\(field)' of \(record) at line \(line) is not \(expected)."
        case let .badTimestamp(record, field, value, line):
            return "the '\(field)' of \(record) at line \(line) is '\(TerminalText.visible(value))', which is not a time of the form 2026-03-01T09:30:00.250Z (UTC, milliseconds)."
        case let .tooLong(record, field, limit, line):
            return "the '\(field)' of \(record) at line \(line) is longer than the limit of \(limit) bytes."
        case let .duplicateAttempt(id, index, line):
            return "attempt \(index) at line \(line) repeats the id \(id.uuidString) of an earlier attempt; a bundle lists each attempt once."
        case let .duplicateLearner(id, line):
            return "the learner \(id.uuidString) is listed twice (again at line \(line))."
        case let .unlistedLearner(record, learnerID, line):
            return "\(record) at line \(line) belongs to the learner \(learnerID.uuidString), whom the bundle's 'learners' list does not include."
        case let .unknownContent(parts):
            let shown = parts.prefix(10).map(\.description).joined(separator: ", ")
            let more = parts.count > 10 ? " and \(parts.count - 10) more" : ""
            return "this machine's course content has no \(shown)\(more); import the same course content here first ('course-admin import seeds')."
        case let .reviewWithoutAttempt(attemptID, line):
            return "the review at line \(line) is of the attempt \(attemptID.uuidString), which the bundle does not carry."
        case let .duplicateReview(attemptID, line):
            return "the attempt \(attemptID.uuidString) has a second review at line \(line); a bundle carries one decision per attempt."
        case let .digestMismatch(stated, computed):
            return "its content does not match its digest (the file states \(stated), the content gives \(computed)), so it was changed after export, by hand or by damage. Export it again."
        case let .trailingData(line):
            return "there is more data after the bundle's closing '}' (line \(line)); two bundles were perhaps joined into one file."
        case .changedWhileImporting:
            return "the file changed while it was being imported; import it again once nothing writes to it."
        case let .versionNotInteger(text):
            return "format version \"\(TerminalText.visible(text))\" is not an integer; bundles state their version as a whole number such as \(BundleFormat.version)."
        case let .futureTimestamp(record, field, value, now):
            return "the '\(field)' of \(record) is \(BundleTimestamp.string(value.millisecondsSince1970)), more than \(Int(BundleFormat.allowedClockSkew / 3600)) hours after this machine's clock (\(BundleTimestamp.string(now.millisecondsSince1970))); a forged time or a clock far ahead on the exporting machine. Set that clock right and export again."
        case let .unsignedBundle(deviceID):
            return "it is an unsigned version-1 bundle from device \(deviceID.uuidString), not one this machine exported, so nothing in it proves who made it; if you trust where it came from, import it with --trust-unsigned."
        case let .enrolmentRefused(learnerID, deviceID, reason):
            return "it enrols device \(deviceID.uuidString) for the learner \(learnerID.uuidString), but \(reason). A new device is added on one of the learner's enrolled devices with 'course device add'."
        case let .deviceNotEnrolled(record, learnerID, deviceID):
            return "\(record) was made on device \(deviceID.uuidString), which is not enrolled for the learner \(learnerID.uuidString); a device can add attempts only for the learners who enrolled it."
        case let .badSignature(record):
            return "the signature of \(record) does not match its content, so it was changed after it was signed, or forged."
        case let .revokedKey(record, revokedAt):
            return "\(record) is signed with a key the course content revoked on \(BundleTimestamp.string(revokedAt.millisecondsSince1970)), and dated after that."
        case let .notAnInstructor(record):
            return "\(record) is not signed by an instructor the course content names (Seeds/course.yaml, 'instructors'); only instructors decide reviews."
        case let .reviewOfGradedAttempt(attemptID):
            return "it carries a review decision on the attempt \(attemptID.uuidString), which is not an answer waiting for an instructor (a proof)."
        }
    }
}

/// Thrown on its own inside the reader, which adds the path on the way out.
extension BundleError.Problem: Error {}

/// The lexer's findings, in the bundle's terms (lines; the record and field names of an
/// over-long string are filled in by the reader).
extension BundleError.Problem: JSONLexerFailure {
    package static func jsonEnded(line: Int, offset: Int) -> Self { .truncated(line: line) }
    package static func jsonSyntax(_ message: String, line: Int, offset: Int) -> Self { .syntax(line: line, message: message) }
    package static func jsonTooLong(limit: Int, line: Int) -> Self { .tooLong(record: "", field: "", limit: limit, line: line) }
    package static func jsonNotUTF8(line: Int, offset: Int) -> Self { .notUTF8(line: line) }
    package static func jsonUnreadable(_ reason: String) -> Self { .cannotOpen(reason: reason) }
}
