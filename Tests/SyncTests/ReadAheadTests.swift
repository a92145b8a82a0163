import CourseModels
import Foundation
@testable import Sync
import TestSupport
import Testing

/// Reading ahead on a thread of its own changes nothing a visitor can see: the same records in
/// the same order with the same signature fields, the same summary, the same error after the
/// same records, and a visitor's own error stops the read and comes back as it was thrown.
struct ReadAheadTests {
    /// Everything a visitor sees, as text, in order.
    final class Transcript {
        var lines: [String] = []
    }

    static func visitor(_ transcript: Transcript, _ signatures: BundleReader.Signatures, stopAt: Int? = nil) -> BundleReader.Visitor {
        var visitor = BundleReader.Visitor()
        visitor.header = { transcript.lines.append("header \($0.deviceID)") }
        visitor.enrolment = { transcript.lines.append("enrolment \($0.deviceID) \($1)") }
        visitor.learner = { transcript.lines.append("learner \($0.id) \($1)") }
        visitor.attempt = { attempt, index, line in
            if let stopAt, index == stopAt { throw Stop() }
            transcript.lines.append("attempt \(attempt.id) \(attempt.answer) \(index) \(line) "
                + "\(signatures.attempt?.base64EncodedString() ?? "-") \(signatures.chain.map { "\($0)" } ?? "-")")
        }
        visitor.review = { review, line in
            transcript.lines.append("review \(review.attemptID) \(line) \(signatures.review?.base64EncodedString() ?? "-")")
        }
        return visitor
    }

    struct Stop: Error {}

    /// A signed bundle of `count` attempts by two learners, with a review.
    static func bundle(_ count: Int, in folder: TemporaryFolder) throws -> String {
        let machine = try Machine("m", in: folder)
        let ada = try machine.addLearner("ada")
        let bo = try machine.addLearner("bo")
        for index in 0..<count {
            try machine.answer(index % 3 == 0 ? bo.id : ada.id, exercise: "ex1", part: "a", "\(index)*x",
                               at: 1_700_000_000_000 + Int64(index) * 1000)
        }
        let path = folder.path("b.json")
        _ = try machine.export(path)
        return path
    }

    @Test func theVisitorSeesWhatAPlainReadShows() throws {
        let folder = try TemporaryFolder()
        // Many more records than are read ahead (small chunks, two ahead).
        let path = try Self.bundle(90, in: folder)
        let plain = Transcript(), ahead = Transcript()
        let plainSignatures = BundleReader.Signatures(), aheadSignatures = BundleReader.Signatures()
        let expected = try BundleReader(path: path).read(Self.visitor(plain, plainSignatures), signatures: plainSignatures)
        let summary = try BundleReader(path: path).readAhead(Self.visitor(ahead, aheadSignatures), signatures: aheadSignatures,
                                                             chunkSize: 7, chunksAhead: 2)
        #expect(summary == expected)
        #expect(ahead.lines == plain.lines)
        #expect(plain.lines.count > 90)
    }

    @Test func aDamagedFileFailsAfterTheSameRecords() throws {
        let folder = try TemporaryFolder()
        let path = try Self.bundle(60, in: folder)
        // Cut the file in the middle of the attempts.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let cut = folder.path("cut.json")
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: cut))
        let plain = Transcript(), ahead = Transcript()
        let signatures = BundleReader.Signatures()
        let plainError = #expect(throws: BundleError.self) {
            try BundleReader(path: cut).read(Self.visitor(plain, signatures), signatures: signatures)
        }
        let aheadError = #expect(throws: BundleError.self) {
            try BundleReader(path: cut).readAhead(Self.visitor(ahead, signatures), signatures: signatures, chunkSize: 5, chunksAhead: 2)
        }
        #expect(aheadError.map { "\($0)" } == plainError.map { "\($0)" })
        #expect(ahead.lines == plain.lines)
        #expect(plain.lines.count > 20)
    }

    @Test func aVisitorsErrorStopsTheReadAndIsThrown() throws {
        let folder = try TemporaryFolder()
        let path = try Self.bundle(80, in: folder)
        let ahead = Transcript()
        let signatures = BundleReader.Signatures()
        #expect(throws: Stop.self) {
            try BundleReader(path: path).readAhead(Self.visitor(ahead, signatures, stopAt: 40), signatures: signatures,
                                                  chunkSize: 3, chunksAhead: 2)
        }
        #expect(ahead.lines.filter { $0.hasPrefix("attempt") }.count == 39)
    }
}
