import CourseModels
import CourseStore
import Crypto
import Foundation
@testable import Sync
import TestSupport
import Testing

/// Bundles of format version 2 (enrolments and per-attempt signatures, no hash chains, no
/// `practice`), as exporters wrote them before version 3, still import under today's rules.
extension ProvenanceTests {
    @Test func aSignedVersion2BundleImportsWithItsAttemptsRegraded() throws {
        try laptop.answer(ada.id, exercise: "ex1", part: "b", "5", at: 1_700_000_001_500)
        var attempts = try laptop.attempts()
        // A verdict in the bundle is never trusted: the lab grades every answer again.
        let index = try #require(attempts.firstIndex { $0.exerciseID == "ex1" && $0.part == "b" })
        #expect(attempts[index].verdict != .correct)
        attempts[index].verdict = .correct
        attempts[index].score = 1
        let path = try legacyBundle(version: 2, attempts: attempts)
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
        let path = try legacyBundle(version: 2, attemptKey: Curve25519.Signing.PrivateKey())
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
        let signed = try legacyBundle(version: 2, reviews: [review], reviewKey: TestKeys.instructor)
        #expect(try lab.importBundle(signed).reviewsAdded == 1)

        let other = try Machine("other", in: folder)
        let forged = try legacyBundle(version: 2, reviews: [review], reviewKey: Curve25519.Signing.PrivateKey())
        #expect {
            try other.importBundle(forged)
        } throws: { error in
            guard let error = error as? BundleError, case .notAnInstructor = error.problem else { return false }
            return true
        }
        #expect(try other.reviews().isEmpty)
    }
}
