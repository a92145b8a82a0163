import CourseModels
import CourseStore
import Foundation

/// An instructor's decision on one of the learner's answers, as the learner is told it.
public struct ReviewNotice: Hashable, Sendable, Encodable {
    public var exercise: String
    public var part: String
    public var accepted: Bool
    public var comment: String
    public var reviewer: String
    public var decidedAt: Date

    /// "Your answer to ex6 was accepted by instructor: “Clear use of the theorem.”"
    public var sentence: String {
        let what = exercise + part
        let comment = comment.isEmpty ? "" : ": “\(comment)”"
        return "Your answer to \(what) was \(accepted ? "accepted" : "rejected") by \(reviewer)\(comment)"
    }
}

extension CourseService {
    /// The decisions on the learner's answers (to one exercise, or all), oldest first.
    /// - Throws: `CourseError.storage`.
    public func reviewNotices(learnerID: UUID, exerciseID: String? = nil) throws(CourseError) -> [ReviewNotice] {
        try guarded { () throws -> [ReviewNotice] in
            let reviews = try reviewsByAttempt()
            guard !reviews.isEmpty else { return [] }
            return try store.attempts.attempts(learnerID: learnerID)
                .filter { exerciseID == nil || $0.exerciseID == exerciseID }
                .compactMap { attempt in
                    reviews[attempt.id].map {
                        ReviewNotice(exercise: attempt.exerciseID, part: attempt.part, accepted: $0.accepted,
                                     comment: $0.comment, reviewer: $0.reviewer, decidedAt: $0.decidedAt)
                    }
                }
                .sorted { $0.decidedAt < $1.decidedAt }
        }
    }

    /// The decisions the learner has not been told yet, which are then remembered as told: what
    /// the next `course` command after a review shows once.
    /// - Throws: `CourseError.storage`.
    public func takeNewReviewNotices(learnerID: UUID) throws(CourseError) -> [ReviewNotice] {
        let notices = try reviewNotices(learnerID: learnerID)
        return try guarded { () throws -> [ReviewNotice] in
            let key = "reviews-seen." + learnerID.uuidString
            let seen = try store.settings.value(forKey: key).flatMap(Int64.init) ?? Int64.min
            let fresh = notices.filter { $0.decidedAt.millisecondsSince1970 > seen }
            if let latest = fresh.last {
                try store.settings.setValue(String(latest.decidedAt.millisecondsSince1970), forKey: key)
            }
            return fresh
        }
    }
}
