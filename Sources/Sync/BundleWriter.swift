import CourseModels
import CourseStore
import Crypto
import Foundation

/// Writes a bundle's JSON in the documented layout, one record per line, hashing each record's
/// canonical form as it goes. The caller supplies the records in order: header, learners,
/// attempts, reviews.
struct BundleWriter {
    private let sink: ByteSink
    private var hasher = SHA256()
    private var record = CanonicalJSON(capacity: 4096)
    private var firstInSection = true
    private(set) var attempts = 0

    init(sink: ByteSink) {
        self.sink = sink
    }

    mutating func begin(_ header: BundleHeader) throws {
        record.removeAll()
        record.raw("H")
        record.header(header)
        // The header's fields open the top-level object: drop the tag and the closing brace.
        try sink.write(record.bytes[1..<(record.bytes.count - 1)])
        try sink.write(",\n\"enrolments\":[")
        hashRecord()
        firstInSection = true
    }

    mutating func enrolment(_ enrolment: ProvenanceRepository.Enrolment) throws {
        record.removeAll()
        record.raw("E")
        record.enrolment(enrolment)
        try writeRecord()
    }

    mutating func endEnrolments() throws {
        try sink.write(firstInSection ? "],\n\"learners\":[" : "\n],\n\"learners\":[")
        firstInSection = true
    }

    mutating func learner(_ learner: Learner) throws {
        record.removeAll()
        record.raw("L")
        record.learner(learner)
        try writeRecord()
    }

    mutating func endLearners() throws {
        try sink.write(firstInSection ? "],\n\"attempts\":[" : "\n],\n\"attempts\":[")
        firstInSection = true
    }

    mutating func attempt(_ attempt: Attempt, signature: Data?) throws {
        record.removeAll()
        record.raw("A")
        record.attempt(attempt, signature: signature, practice: attempt.practice)
        try writeRecord()
        attempts += 1
    }

    mutating func endAttempts() throws {
        try sink.write(firstInSection ? "],\n\"reviews\":[" : "\n],\n\"reviews\":[")
        firstInSection = true
    }

    mutating func review(_ review: Review, signer: Data?, signature: Data?) throws {
        record.removeAll()
        record.raw("R")
        record.review(review, signer: signer, signature: signature)
        try writeRecord()
    }

    /// Closes the reviews and writes the digest; returns it.
    mutating func finish() throws -> String {
        let digest = BundleFormat.digestPrefix + hasher.finalize().map { String(format: "%02x", $0) }.joined()
        try sink.write(firstInSection ? "],\n\"digest\":\"" : "\n],\n\"digest\":\"")
        try sink.write(Array(digest.utf8))
        try sink.write("\"}\n")
        return digest
    }

    private mutating func writeRecord() throws {
        try sink.write(firstInSection ? "\n" : ",\n")
        firstInSection = false
        try sink.write(record.bytes[1...])
        hashRecord()
    }

    private mutating func hashRecord() {
        record.byte(0x0A)
        hasher.update(data: record.bytes)
    }
}
