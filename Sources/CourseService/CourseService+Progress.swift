import CourseModels
import Grading
import CourseStore
import Foundation

/// Where a learner stands on one exercise.
public struct ExerciseStatus: Hashable, Sendable, Encodable {
    public enum State: String, Hashable, Sendable, Encodable {
        case notStarted = "not-started"
        case inProgress = "in-progress"
        case done
    }

    public var exercise: String
    public var title: String
    public var state: State
    /// The mean over the exercise's parts of the best score reached on each (a reviewed manual
    /// part scores 1 when accepted); 0 when not started.
    public var score: Double
    public var attempts: Int
}

/// One objective in a learner's progress.
public struct ObjectiveProgress: Hashable, Sendable, Encodable {
    public var objective: String
    public var title: String
    public var pKnown: Double
    public var observations: Int
    public var mastered: Bool

    enum CodingKeys: String, CodingKey {
        case objective, title, pKnown = "p_known", observations, mastered
    }
}

/// A learner's mastery of every objective and the exercise to do next.
public struct LearnerProgress: Hashable, Sendable, Encodable {
    public var learner: String
    public var objectives: [ObjectiveProgress]
    /// The first unfinished exercise linking to the weakest objective that has one; nil when
    /// every exercise is done (or waits for review).
    public var next: String?
    /// False before any content is imported: then there is nothing to do yet, rather than
    /// everything done.
    public var contentImported: Bool
    /// Exercises with an answer waiting for the instructor, in course order.
    public var waitingForReview: [String]

    enum CodingKeys: String, CodingKey {
        case learner, objectives, next, contentImported = "content_imported", waitingForReview = "waiting_for_review"
    }

    /// `next` is `null` when there is none, rather than left out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(learner, forKey: .learner)
        try container.encode(objectives, forKey: .objectives)
        try container.encode(next, forKey: .next)
        try container.encode(contentImported, forKey: .contentImported)
        try container.encode(waitingForReview, forKey: .waitingForReview)
    }
}

/// One past attempt, with the review that decided it, if any.
public struct HistoryEntry: Hashable, Sendable, Encodable {
    public var attempt: Attempt
    public var review: Review?
    /// Whether the attempt is an observation in the mastery replay: graded right or wrong, or a
    /// manual answer once reviewed; syntax errors, answers still waiting and repeats are not.
    public var countedForMastery: Bool
    /// Whether the replay found it repeats an earlier answer to the part (one that arrived by
    /// sync: a repeat typed here is not stored).
    public var alreadyAnswered: Bool = false

    enum CodingKeys: String, CodingKey {
        case attempt, review, countedForMastery = "counted_for_mastery", alreadyAnswered = "already_answered"
    }
}

/// A learner on this machine and how many attempts they have made.
public struct LearnerSummary: Hashable, Sendable {
    public var learner: Learner
    public var attempts: Int
}

extension CourseService {
    /// Every learner on this machine, by handle, with their attempt counts.
    /// - Throws: `CourseError.storage`.
    public func learners() throws(CourseError) -> [LearnerSummary] {
        try guarded { () throws -> [LearnerSummary] in
            try store.learners.all().sorted { $0.handle < $1.handle }.map { learner in
                LearnerSummary(learner: learner, attempts: try store.attempts.count(learnerID: learner.id))
            }
        }
    }

    /// Every exercise in display order with the learner's status and score.
    /// - Throws: `CourseError.storage`.
    public func exerciseStatuses(learnerID: UUID) throws(CourseError) -> [ExerciseStatus] {
        try guarded { () throws -> [ExerciseStatus] in
            let attempts = try store.attempts.attempts(learnerID: learnerID)
            return Self.statuses(try store.content.exercises(), attempts: attempts, reviews: try reviewsByAttempt())
        }
    }

    static func statuses(_ exercises: [Exercise], attempts: [Attempt], reviews: [UUID: Review]) -> [ExerciseStatus] {
        var byExercise: [String: [Attempt]] = [:]
        for attempt in attempts { byExercise[attempt.exerciseID, default: []].append(attempt) }
        return exercises.map { exercise in
            let mine = byExercise[exercise.id] ?? []
            guard !mine.isEmpty, !exercise.parts.isEmpty else {
                return ExerciseStatus(exercise: exercise.id, title: exercise.title, state: .notStarted, score: 0, attempts: 0)
            }
            var best: [String: Double] = [:]
            var solved = Set<String>()
            for attempt in mine {
                var score = attempt.score
                var correct = attempt.verdict == .correct
                if attempt.verdict == .pendingReview, let review = reviews[attempt.id] {
                    score = review.accepted ? 1 : 0
                    correct = review.accepted
                }
                best[attempt.part] = max(best[attempt.part] ?? 0, score)
                if correct { solved.insert(attempt.part) }
            }
            let score = exercise.parts.map { best[$0.label] ?? 0 }.reduce(0, +) / Double(exercise.parts.count)
            let done = exercise.parts.allSatisfy { solved.contains($0.label) }
            return ExerciseStatus(
                exercise: exercise.id, title: exercise.title, state: done ? .done : .inProgress,
                score: score, attempts: mine.count)
        }
    }

    /// The learner's mastery of every objective (from the cache; the prior where never
    /// observed), in course order, and the next exercise to do.
    ///
    /// Course order is the order in which the exercises (by position) first link to each
    /// objective, so progress reads like the course. The next exercise is the earliest
    /// unfinished one, in course order, of the weakest unmastered objective the learner has
    /// been observed on (ties go to the objective met first in the course); with none, the
    /// earliest unfinished exercise, so a newcomer starts at the beginning. An exercise with an
    /// answer waiting for review is never suggested, since nothing can be done on it.
    /// - Throws: `CourseError.storage`.
    public func progress(learner: Learner) throws(CourseError) -> LearnerProgress {
        try guarded { () throws -> LearnerProgress in
            let exercises = try store.content.exercises().sorted { ($0.position, $0.id) < ($1.position, $1.id) }
            let objectives = Self.courseOrder(try store.content.objectives(), exercises: exercises)
            let states = Dictionary(
                try store.mastery.states(learnerID: learner.id).map { ($0.objectiveID, $0) }, uniquingKeysWith: { a, _ in a })
            let rows = objectives.map { objective in
                let p = states[objective.id]?.pKnown ?? objective.mastery.pInit
                return ObjectiveProgress(
                    objective: objective.id, title: objective.title, pKnown: p,
                    observations: states[objective.id]?.observations ?? 0,
                    mastered: states[objective.id]?.isMastered(objective.mastery) ?? false)
            }
            let attempts = try store.attempts.attempts(learnerID: learner.id)
            let reviews = try reviewsByAttempt()
            let statuses = Self.statuses(exercises, attempts: attempts, reviews: reviews)
            let waiting = Set(attempts.filter { $0.verdict == .pendingReview && reviews[$0.id] == nil }.map(\.exerciseID))
            let open = Set(statuses.filter { $0.state != .done && !waiting.contains($0.exercise) }.map(\.exercise))
            var next: String?
            // Only objectives the learner has been observed on compete for "weakest": an
            // untouched objective's prior says nothing about the learner, and following it would
            // send a newcomer to whichever objective has the lowest prior, often the hardest.
            let weakestFirst = rows.enumerated()
                .filter { $0.element.observations > 0 && !$0.element.mastered }
                .sorted { ($0.element.pKnown, $0.offset) < ($1.element.pKnown, $1.offset) }
            for (_, row) in weakestFirst {
                let candidate = exercises.first { exercise in
                    open.contains(exercise.id)
                        && exercise.parts.contains { $0.objectives.contains { $0.objectiveID == row.objective } }
                }
                if let candidate {
                    next = candidate.id
                    break
                }
            }
            if next == nil { next = exercises.first { open.contains($0.id) }?.id }
            return LearnerProgress(
                learner: learner.handle, objectives: rows, next: next, contentImported: !exercises.isEmpty,
                waitingForReview: exercises.map(\.id).filter { waiting.contains($0) })
        }
    }

    /// Objectives in the order the exercises first link to them; objectives no exercise links to
    /// come last, by id.
    static func courseOrder(_ objectives: [Objective], exercises: [Exercise]) -> [Objective] {
        var rank: [String: Int] = [:]
        for exercise in exercises {
            for part in exercise.parts {
                for link in part.objectives where rank[link.objectiveID] == nil { rank[link.objectiveID] = rank.count }
            }
        }
        return objectives.sorted { (rank[$0.id] ?? Int.max, $0.id) < (rank[$1.id] ?? Int.max, $1.id) }
    }

    /// The learner's attempts, oldest first, at the exercise `reference` names (any case) or at all.
    /// - Throws: `CourseError.unknownExercise` or `.storage`.
    public func history(learnerID: UUID, exercise reference: String?) throws(CourseError) -> [HistoryEntry] {
        var exerciseID: String?
        if let reference { exerciseID = try resolve(reference).0.id }
        return try history(learnerID: learnerID, exerciseID: exerciseID)
    }

    /// The learner's attempts, oldest first, at one exercise or at all.
    /// - Throws: `CourseError.storage`.
    public func history(learnerID: UUID, exerciseID: String? = nil) throws(CourseError) -> [HistoryEntry] {
        try guarded { () throws -> [HistoryEntry] in
            let reviews = try reviewsByAttempt()
            let log = try store.attempts.attempts(learnerID: learnerID)
            // The rules replay applies: key-shown attempts and repeats are not evidence.
            let repeats = try replayer().repeats.repeats(in: log)
            return log
                .filter { exerciseID == nil || $0.exerciseID == exerciseID }
                .map { attempt in
                    let review = reviews[attempt.id]
                    let repeated = repeats.contains(attempt.id)
                    let counted = !repeated && MasteryModel.outcome(of: attempt, review: review) != nil
                    return HistoryEntry(attempt: attempt, review: review, countedForMastery: counted,
                                        alreadyAnswered: repeated)
                }
        }
    }

    /// The hints the learner has unlocked, by part label: one per wrong attempt at the part,
    /// up to all of them.
    /// - Throws: `CourseError.storage`.
    public func unlockedHints(learnerID: UUID, exercise: Exercise) throws(CourseError) -> [String: [String]] {
        try guarded { () throws -> [String: [String]] in
            let attempts = try store.attempts.attempts(learnerID: learnerID).filter { $0.exerciseID == exercise.id }
            var hints: [String: [String]] = [:]
            for part in exercise.parts {
                let wrong = attempts.filter { $0.part == part.label && $0.verdict == .incorrect }.count
                hints[part.label] = Array(part.hints.prefix(wrong))
            }
            return hints
        }
    }
}
