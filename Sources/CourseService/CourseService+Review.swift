import CourseModels
import Grading
import CourseStore
import Foundation

/// An answer waiting in the instructor's queue.
public struct PendingReview: Hashable, Sendable, Encodable {
    public var attemptID: UUID
    public var learner: String
    public var exercise: String
    public var part: String
    public var answer: String
    public var submittedAt: Date
    /// What a full-credit answer contains, from the content.
    public var rubric: String?

    enum CodingKeys: String, CodingKey {
        case attemptID = "attempt_id", learner, exercise, part, answer, submittedAt = "submitted_at", rubric
    }
}

/// The outcome of an instructor's decision.
public struct ReviewResult: Hashable, Sendable, Encodable {
    public var attemptID: UUID
    public var learner: String
    public var exercise: String
    public var part: String
    public var accepted: Bool
    public var comment: String
    public var mastery: [MasteryChange]
    /// The earlier decision this one replaced (accepted or not), nil for a first decision.
    public var replaced: Bool?

    enum CodingKeys: String, CodingKey {
        case attemptID = "attempt_id", learner, exercise, part, accepted, comment, mastery, replaced
    }
}

extension CourseService {
    /// Every answer waiting for review, oldest first.
    /// - Throws: `CourseError.storage`.
    public func pendingReviews() throws(CourseError) -> [PendingReview] {
        try guarded { () throws -> [PendingReview] in
            let handles = Dictionary(try store.learners.all().map { ($0.id, $0.handle) }, uniquingKeysWith: { a, _ in a })
            var exercises: [String: Exercise?] = [:]
            return try store.reviews.attemptsAwaitingReview().map { attempt in
                if exercises[attempt.exerciseID] == nil {
                    exercises[attempt.exerciseID] = .some(try store.content.exercise(id: attempt.exerciseID))
                }
                let part = exercises[attempt.exerciseID]??.part(attempt.part)
                var rubric: String?
                if let json = part?.keyJSON, case let .manual(text)? = try? PartKey(json: json).answer { rubric = text }
                return PendingReview(
                    attemptID: attempt.id, learner: handles[attempt.learnerID] ?? attempt.learnerID.uuidString,
                    exercise: attempt.exerciseID, part: attempt.part, answer: attempt.answer,
                    submittedAt: attempt.submittedAt, rubric: rubric)
            }
        }
    }

    /// Decides the learner's latest answer to `exercise` (any case) that waits for review, or,
    /// when none waits, changes the decision on their latest reviewed answer to it (the later
    /// decision wins, as in sync); then replays the learner's mastery, in which that answer now
    /// counts as right (accepted) or wrong.
    /// - Throws: `CourseError.unknownLearner`, `.unknownExercise`, `.nothingToReview` or `.storage`.
    public func review(
        exerciseID reference: String, learner handle: String, accept: Bool, comment: String = "",
        reviewer: String = "instructor", now: Date = Date()
    ) throws(CourseError) -> ReviewResult {
        let exerciseID = try resolve(reference).0.id
        let attempt = try guarded { () throws -> Attempt in
            guard let learner = try store.learners.learner(handle: handle) else {
                throw CourseError.unknownLearner(handle)
            }
            let waiting = try store.reviews.attemptsAwaitingReview()
                .filter { $0.learnerID == learner.id && $0.exerciseID == exerciseID }
            if let attempt = waiting.last { return attempt }
            let reviewed = try reviewsByAttempt()
            let decided = MasteryModel.ordered(try store.attempts.attempts(learnerID: learner.id, exerciseID: exerciseID))
                .filter { $0.verdict == .pendingReview && reviewed[$0.id] != nil }
            guard let attempt = decided.last else {
                throw CourseError.nothingToReview(exerciseID: exerciseID, learner: learner.handle)
            }
            return attempt
        }
        return try review(attempt: attempt, accept: accept, comment: comment, reviewer: reviewer, now: now)
    }

    /// Decides one attempt by id (as `review list` shows it), whether it waits or was decided
    /// before (the later decision wins), and replays the learner's mastery.
    /// - Throws: `CourseError.unknownAttempt`, `.notReviewable` or `.storage`.
    public func review(
        attemptID: UUID, accept: Bool, comment: String = "", reviewer: String = "instructor", now: Date = Date()
    ) throws(CourseError) -> ReviewResult {
        let attempt = try guarded { () throws -> Attempt in
            guard let attempt = try store.attempts.attempt(id: attemptID) else {
                throw CourseError.unknownAttempt(attemptID.uuidString)
            }
            guard attempt.verdict == .pendingReview else {
                throw CourseError.notReviewable(attemptID: attemptID.uuidString, verdict: attempt.verdict.rawValue)
            }
            return attempt
        }
        return try review(attempt: attempt, accept: accept, comment: comment, reviewer: reviewer, now: now)
    }

    private func review(
        attempt: Attempt, accept: Bool, comment: String, reviewer: String, now: Date
    ) throws(CourseError) -> ReviewResult {
        try guarded { () throws -> ReviewResult in
            let handle = try store.learners.learner(id: attempt.learnerID)?.handle ?? attempt.learnerID.uuidString
            let previous = try store.reviews.review(attemptID: attempt.id)
            let exercise = try store.content.exercise(id: attempt.exerciseID)
            let linked = exercise.map { CourseService.linkedObjectives($0, parts: [attempt.part]) } ?? []
            let objectives = try linked.compactMap { try store.content.objective(id: $0) }
            var before: [String: Double] = [:]
            for id in linked { before[id] = try store.mastery.state(learnerID: attempt.learnerID, objectiveID: id)?.pKnown }
            // A change of mind is later than the decision it replaces, even on a clock set back.
            var decidedAt = now.roundedToMilliseconds
            if let previous, previous.decidedAt >= decidedAt { decidedAt = previous.decidedAt.addingTimeInterval(0.001) }
            let states = try store.transaction { () throws -> [MasteryState] in
                try store.reviews.record(Review(
                    attemptID: attempt.id, reviewer: reviewer, accepted: accept, comment: comment, decidedAt: decidedAt))
                return try replayAndCache(learnerID: attempt.learnerID)
            }
            let after = Dictionary(states.map { ($0.objectiveID, $0.pKnown) }, uniquingKeysWith: { a, _ in a })
            let changes = objectives.map { objective in
                let p = after[objective.id] ?? objective.mastery.pInit
                return MasteryChange(
                    objective: objective.id, title: objective.title, before: before[objective.id] ?? objective.mastery.pInit,
                    after: p, mastered: p >= objective.mastery.masteredAt)
            }
            return ReviewResult(
                attemptID: attempt.id, learner: handle, exercise: attempt.exerciseID, part: attempt.part,
                accepted: accept, comment: comment, mastery: changes, replaced: previous.map { $0.accepted })
        }
    }
}
