import CourseModels
import CourseService

/// Prints, once, the instructor decisions the learner has not seen yet: every learner command
/// calls it after resolving the learner, so a review reaches the learner on their next command.
func announceNewReviews(_ service: CourseService, learner: Learner) throws {
    for notice in try service.takeNewReviewNotices(learnerID: learner.id) {
        print("Reviewed: " + notice.sentence)
    }
}
