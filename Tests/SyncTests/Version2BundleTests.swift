import CourseModels
import CourseStore
import Crypto
import Foundation
@testable import Sync
import TestSupport
import Testing

/// Bundles of format version 2 (enrolments and per-attempt signatures, no hash chains, no
/// `practice`), as exporters wrote them before version 3, still import under today's rules.
struct Version2BundleTests {
    let folder: TemporaryFolder
    let laptop: Machine
    let lab: Machine
    let ada: Learner

    init() throws {
        folder = try TemporaryFolder()
        laptop = try Machine("laptop", in: folder, instructor: false)
        lab = try Machine("lab", in: folder)
        ada = try laptop.addLearner("ada")
        try laptop.answer(ada.id, exercise: "ex1", part: "a", "2*x", at: 1_700_000_001_000)
        try laptop.answer(ada.id, exercise: "ex1", part: "b", "5", at: 1_700_000_001_500)
        try laptop.answer(ada.id, exercise: "ex3", part: "", "Because.", at: 1_700_000_002_000)
    }

    /// Writes a version-2 bundle of the laptop's attempts with a valid digest: each attempt signed
    /// on its own by `attemptKey` (the laptop's device key unless given), the learner enrolling the
    /// laptop, and `reviews` signed by `reviewKey`.
    func version2Bundle(attempts: [Attempt]? = nil, attemptKey: Curve25519.Signing.PrivateKey? = nil,
                        reviews: [Review] = [], reviewKey: Curve25519.Signing.PrivateKey? = nil) throws -> String {
        let identity = try laptop.identity()
        let attempts = try attempts ?? laptop.attempts()
        var hasher = SHA256()
        func record(_ tag: StaticString, _ body: (inout CanonicalJSON) -> Void) -> String {
            var json = CanonicalJSON()
            json.raw(tag)
            body(&json)
            json.byte(0x0A)
            hasher.update(data: json.bytes)
            return String(decoding: json.bytes.dropFirst().dropLast(), as: UTF8.self)
        }
        let header = BundleHeader(version: 2, deviceID: identity.deviceID,
                                  exportedAt: Date(millisecondsSince1970: 1_750_000_000_000), contentVersion: "test")
        let head = record("H") { $0.header(header) }
        let enrolment = try DeviceEnrolment.selfEnrolment(of: identity, learnerID: ada.id,
                                                          at: Date(millisecondsSince1970: 1_700_000_000_000))
        let enrolmentLine = record("E") { $0.enrolment(enrolment) }
        let learner = record("L") { $0.learner(ada) }
        var attemptLines: [String] = []
        for attempt in attempts {
            let message = SignedMessage.attempt(attempt)
            let signature = try attemptKey.map { try $0.signature(for: message) } ?? identity.sign(message)
            attemptLines.append(record("A") { $0.attempt(attempt, signature: signature) })
        }
        var reviewLines: [String] = []
        for review in reviews {
            let signature = try reviewKey?.signature(for: SignedMessage.review(review))
            reviewLines.append(record("R") { $0.review(review, signer: reviewKey?.publicKey.rawRepresentation, signature: signature) })
        }
        let digest = "sha256:" + hasher.finalize().map { String(format: "%02x", $0) }.joined()
        let opening = String(head.dropLast())
        let sections = "\"enrolments\":[\(enrolmentLine)],\"learners\":[\(learner)],"
        let records = "\"attempts\":[\(attemptLines.joined(separator: ","))],\"reviews\":[\(reviewLines.joined(separator: ","))],"
        let text = opening + "," + sections + records + "\"digest\":\"\(digest)\"}"
        let path = folder.path("v2-\(UUID().uuidString.prefix(6)).json")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aSignedVersion2BundleImportsWithItsAttemptsRegraded() throws {
        var attempts = try laptop.attempts()
        // A verdict in the bundle is never trusted: the lab grades every answer again.
        let index = try #require(attempts.firstIndex { $0.exerciseID == "ex1" && $0.part == "b" })
        #expect(attempts[index].verdict != .correct)
        attempts[index].verdict = .correct
        attempts[index].score = 1
        let path = try version2Bundle(attempts: attempts)
        let report = try lab.importBundle(path)
        #expect(report.added == 3 && report.unsignedAttemptsSkipped == 0)
        let imported = try lab.attempts()
        #expect(imported.map(\.id) == attempts.map(\.id))
        #expect(imported.map(\.answer) == attempts.map(\.answer))
        #expect(imported.map(\.verdict) == (try laptop.attempts()).map(\.verdict))
        // Importing it again adds nothing.
        #expect(try lab.importBundle(path).added == 0)
    }

    @Test func aVersion2AttemptSignedByAnotherKeyIsRefusedAndNothingIsStored() throws {
        let path = try version2Bundle(attemptKey: Curve25519.Signing.PrivateKey())
        let before = try lab.dump()
        #expect {
            try lab.importBundle(path)
        } throws: { error in
            guard let error = error as? BundleError, case .badSignature = error.problem else { return false }
            return true
        }
        #expect(try lab.dump() == before)
    }

    @Test func aVersion2DecisionCountsOnlyWhenAnInstructorSignedIt() throws {
        let essay = try #require(try laptop.attempts().first { $0.exerciseID == "ex3" })
        let review = Review(attemptID: essay.id, reviewer: "instructor", accepted: true,
                            decidedAt: Date(millisecondsSince1970: 1_700_000_003_000))
        let signed = try version2Bundle(reviews: [review], reviewKey: TestKeys.instructor)
        #expect(try lab.importBundle(signed).reviewsAdded == 1)

        let other = try Machine("other", in: folder)
        let forged = try version2Bundle(reviews: [review], reviewKey: Curve25519.Signing.PrivateKey())
        #expect {
            try other.importBundle(forged)
        } throws: { error in
            guard let error = error as? BundleError, case .notAnInstructor = error.problem else { return false }
            return true
        }
        #expect(try other.reviews().isEmpty)
    }
}
