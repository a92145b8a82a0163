import CourseModels
import CourseStore
import Crypto
import Foundation

/// Writes a bundle's JSON in the documented layout, one record per line, hashing each record's
/// canonical form as it goes. The caller supplies the records in order: header, enrolments,
/// learners, attempts, reviews, and merges if any.
package struct BundleWriter {
    private let sink: ByteSink
    private var hasher = SHA256()
    private var record = CanonicalJSON(capacity: 4096)
    private var firstInSection = true
    private(set) var attempts = 0

    package init(sink: ByteSink) {
        self.sink = sink
    }

    package mutating func begin(_ header: BundleHeader) throws {
        record.removeAll()
        record.raw("H")
        record.header(header)
        // The header's fields open the top-level object: drop the tag and the closing brace.
        try sink.write(record.bytes[1..<(record.bytes.count - 1)])
        try sink.write(",\n\"enrolments\":[")
        hashRecord()
        firstInSection = true
    }

    package mutating func enrolment(_ enrolment: ProvenanceRepository.Enrolment) throws {
        try write("E") { $0.enrolment(enrolment) }
    }

    package mutating func endEnrolments() throws {
        try closeSection(then: "learners")
    }

    package mutating func learner(_ learner: Learner) throws {
        try write("L") { $0.learner(learner) }
    }

    package mutating func endLearners() throws {
        try closeSection(then: "attempts")
    }

    package mutating func attempt(_ attempt: Attempt, signature: Data?, chain: ProvenanceRepository.ChainLink? = nil) throws {
        try write("A") { $0.attempt(attempt, signature: signature, chain: chain, practice: attempt.practice) }
        attempts += 1
    }

    package mutating func endAttempts() throws {
        try closeSection(then: "reviews")
    }

    package mutating func review(_ review: Review, signer: Data?, signature: Data?) throws {
        try write("R") { $0.review(review, signer: signer, signature: signature) }
    }

    /// Closes the reviews and opens the optional `merges` section; call only when there are merges.
    mutating func beginMerges() throws {
        try closeSection(then: "merges")
    }

    mutating func merge(_ merge: LearnerRepository.Merge) throws {
        try write("M") { $0.merge(merge) }
    }

    /// Closes the reviews (or the merges) and writes the digest; returns it.
    package mutating func finish() throws -> String {
        let digest = BundleFormat.digestPrefix + hasher.finalize().lowercaseHex
        try closeSection(then: "digest", opening: "\"")
        try sink.write(Array(digest.utf8))
        try sink.write("\"}\n")
        return digest
    }

    /// Ends the array being written and opens the top-level field `next` with `opening`.
    private mutating func closeSection(then next: String, opening: String = "[") throws {
        try sink.write(Array(((firstInSection ? "]," : "\n],") + "\n\"\(next)\":" + opening).utf8))
        firstInSection = true
    }

    /// Writes one record: its one-letter `tag` (hashed, not written) and the fields `fill` adds.
    private mutating func write(_ tag: StaticString, _ fill: (inout CanonicalJSON) -> Void) throws {
        record.removeAll()
        record.raw(tag)
        fill(&record)
        try writeRecord()
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
