import CourseModels
import CourseStore
import Foundation
import TestSupport
import Testing

@Suite struct ReviewRepositoryTests {
    let test: TestStore
    let ada = Fixtures.learner()
    var reviews: ReviewRepository { test.store.reviews }

    init() throws {
        test = try TestStore()
        try test.store.learners.insert(ada)
    }

    @Test func pendingAttemptsWaitUntilReviewed() throws {
        let pending = Fixtures.attempt(learner: ada.id, part: "b", answer: "Because the slope...", verdict: .pendingReview)
        let graded = Fixtures.attempt(learner: ada.id)
        try test.store.attempts.insert(contentsOf: [pending, graded])
        #expect(try reviews.attemptsAwaitingReview() == [pending])
        let review = Review(attemptID: pending.id, reviewer: "prof", accepted: true, comment: "Good.", decidedAt: Fixtures.epoch)
        try reviews.record(review)
        #expect(try reviews.review(attemptID: pending.id) == review)
        #expect(try reviews.attemptsAwaitingReview().isEmpty)
        var changedMind = review
        changedMind.accepted = false
        try reviews.record(changedMind)
        #expect(try reviews.all() == [changedMind])
    }

    @Test func reviewOfUnknownAttemptIsRefused() throws {
        let error = #expect(throws: DatabaseError.self) {
            try reviews.record(Review(attemptID: UUID(), reviewer: "prof", accepted: true))
        }
        #expect(error?.kind == .constraint)
    }
}
