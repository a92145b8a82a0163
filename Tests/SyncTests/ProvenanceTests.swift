import CourseModels
import CourseStore
import Crypto
import Foundation
@testable import Sync
import TestSupport
import Testing

/// Who may say what: unsigned version-1 bundles, forged signatures, future times, watermarks.
struct ProvenanceTests {
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
        try laptop.answer(ada.id, exercise: "ex3", part: "", "Because.", at: 1_700_000_002_000)
    }

    /// A bundle in an earlier format, with a valid digest, as exporters wrote it before: version 1
    /// (no enrolments, no signatures) from `device`, or version 2 from the laptop (ada enrols it,
    /// each attempt signed on its own by `attemptKey`, the laptop's device key unless given).
    /// `reviews` are signed by `reviewKey` in version 2 (version 1 carries no signatures).
    func legacyBundle(version: Int, device: UUID? = nil, attempts: [Attempt]? = nil,
                      attemptKey: Curve25519.Signing.PrivateKey? = nil, reviews: [Review] = [],
                      reviewKey: Curve25519.Signing.PrivateKey? = nil) throws -> String {
        let attempts = try attempts ?? laptop.attempts()
        let identity = try laptop.identity()
        var hasher = SHA256()
        func record(_ tag: StaticString, _ body: (inout CanonicalJSON) -> Void) -> String {
            var json = CanonicalJSON()
            json.raw(tag)
            body(&json)
            json.byte(0x0A)
            hasher.update(data: json.bytes)
            return String(decoding: json.bytes.dropFirst().dropLast(), as: UTF8.self)
        }
        let header = BundleHeader(version: version, deviceID: device ?? identity.deviceID,
                                  exportedAt: Date(millisecondsSince1970: 1_750_000_000_000), contentVersion: "test")
        var text = String(record("H") { $0.header(header) }.dropLast())
        if version >= 2 {
            let enrolment = try DeviceEnrolment.selfEnrolment(of: identity, learnerID: ada.id,
                                                              at: Date(millisecondsSince1970: 1_700_000_000_000))
            text += ",\"enrolments\":[" + record("E") { $0.enrolment(enrolment) } + "]"
        }
        text += ",\"learners\":[" + record("L") { $0.learner(ada) } + "]"
        var lines: [String] = []
        for attempt in attempts {
            guard version >= 2 else {
                lines.append(record("A") { $0.attempt(attempt) })
                continue
            }
            let message = SignedMessage.attempt(attempt)
            let signature = try attemptKey.map { try $0.signature(for: message) } ?? identity.sign(message)
            lines.append(record("A") { $0.attempt(attempt, signature: signature) })
        }
        text += ",\"attempts\":[" + lines.joined(separator: ",") + "]"
        lines.removeAll()
        for review in reviews {
            guard version >= 2 else {
                lines.append(record("R") { $0.review(review) })
                continue
            }
            let signature = try reviewKey?.signature(for: SignedMessage.review(review))
            lines.append(record("R") { $0.review(review, signer: reviewKey?.publicKey.rawRepresentation, signature: signature) })
        }
        text += ",\"reviews\":[" + lines.joined(separator: ",") + "]"
        text += ",\"digest\":\"sha256:" + hasher.finalize().map { String(format: "%02x", $0) }.joined() + "\"}"
        let path = folder.path("v\(version)-\(UUID().uuidString.prefix(6)).json")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func anUnsignedBundleFromAnotherMachineNeedsTrustUnsigned() throws {
        let path = try legacyBundle(version: 1, device: UUID())
        let before = try lab.dump()
        #expect {
            try lab.importBundle(path)
        } throws: { error in
            guard let error = error as? BundleError, case .unsignedBundle = error.problem else { return false }
            return error.description.contains("--trust-unsigned")
        }
        #expect(try lab.dump() == before)
        let report = try lab.importBundle(path, trustUnsigned: true)
        #expect(report.added == 2)
        // Accepted unsigned, relayed unsigned: the lab never signs for the laptop's device.
        let relayed = folder.path("relayed.json")
        _ = try lab.export(relayed)
        let other = try Machine("other", in: folder)
        let skipped = try other.importBundle(relayed)
        #expect(skipped.added == 0 && skipped.unsignedAttemptsSkipped == 2)
        #expect(skipped.text().contains("unsigned, left out: 2 attempts"))
    }

    @Test func ownVersion1ExportIsAcceptedButItsDecisionsAreNot() throws {
        let essay = try #require(try laptop.attempts().first { $0.exerciseID == "ex3" })
        let review = Review(attemptID: essay.id, reviewer: "instructor", accepted: true,
                            decidedAt: Date(millisecondsSince1970: 1_700_000_003_000))
        let path = try legacyBundle(version: 1, device: lab.device, reviews: [review])
        let report = try lab.importBundle(path)
        #expect(report.added == 2 && report.reviewsAdded == 0 && report.unsignedReviewsSkipped == 1)
    }

    @Test func aDecisionSignedByAnInstructorIsAcceptedAndOneWithAChangedCommentIsNot() throws {
        let essay = try #require(try laptop.attempts().first { $0.exerciseID == "ex3" })
        let review = Review(attemptID: essay.id, reviewer: "tutor", accepted: true, comment: "Good.",
                            decidedAt: Date(millisecondsSince1970: 1_700_000_003_000))
        let good = folder.path("good.json")
        try writeBundle(good, learners: [ada], attempts: try laptop.attempts(), reviews: [review],
                        signer: try laptop.identity(), reviewKey: TestKeys.instructor)
        #expect(try lab.importBundle(good).reviewsAdded == 1)
        // Same key, but the signature was made for another decision.
        let other = Curve25519.Signing.PrivateKey()
        let bad = folder.path("bad.json")
        try writeBundle(bad, learners: [ada], attempts: try laptop.attempts(), reviews: [review],
                        signer: try laptop.identity(), reviewKey: other)
        #expect {
            try lab.importBundle(bad)
        } throws: { error in
            guard let error = error as? BundleError, case .notAnInstructor = error.problem else { return false }
            return true
        }
    }

    @Test func aTimeBeyondTheClockSkewIsRefusedAndOneWithinItAccepted() throws {
        var attempts = try laptop.attempts()
        let now = Date(millisecondsSince1970: 1_750_000_000_000)
        attempts[0].submittedAt = now.addingTimeInterval(BundleFormat.allowedClockSkew - 60)
        let near = folder.path("near.json")
        try writeBundle(near, learners: [ada], attempts: attempts, signer: try laptop.identity())
        #expect(try lab.importBundle(near).added == 2)
        attempts[1].submittedAt = now.addingTimeInterval(BundleFormat.allowedClockSkew + 60)
        let far = folder.path("far.json")
        try writeBundle(far, learners: [ada], attempts: attempts, signer: try laptop.identity())
        #expect {
            try lab.importBundle(far)
        } throws: { error in
            guard let error = error as? BundleError, case .futureTimestamp(_, "submittedAt", _, _) = error.problem else { return false }
            return true
        }
    }

    @Test func aWatermarkNeverPassesTheExportersClock() throws {
        try laptop.answer(ada.id, exercise: "ex1", part: "b", "4", at: 1_760_000_000_000)
        let first = folder.path("w1.json"), second = folder.path("w2.json")
        _ = try laptop.export(first, since: "lab")
        // The attempt ahead of the clock (1_750_000_000_000) is sent again, not skipped for ever.
        #expect(try laptop.export(second, since: "lab").attempts == 1)
    }

    @Test func theDeviceKeyIsPrivateAndKeptOutsideTheDatabase() throws {
        let identity = try laptop.identity()
        let path = DeviceIdentity.keyPath(forDatabase: laptop.store.path)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect(attributes[.posixPermissions] as? Int == 0o600)
        #expect(try laptop.identity().publicKey == identity.publicKey)
        #expect(try laptop.dump().allSatisfy { !$0.contains(identity.key.rawRepresentation.base64EncodedString()) })
    }
}
