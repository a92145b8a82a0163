import CourseModels
import Grading
import CourseStore
import Foundation

/// The instructor's overview: learners × objectives, attempts and scores, frequent mistakes.
public struct CourseReport: Hashable, Sendable, Encodable {
    public struct LearnerRow: Hashable, Sendable, Encodable {
        public var learner: String
        /// p(known) by objective id, the prior where never observed.
        public var mastery: [String: Double]
        public var mastered: [String]
        public var attempts: Int
        /// Mean score of the graded attempts (syntax errors and pending reviews left out).
        public var meanScore: Double
        public var exercisesDone: Int

        enum CodingKeys: String, CodingKey {
            case learner, mastery, mastered, attempts, meanScore = "mean_score", exercisesDone = "exercises_done"
        }
    }

    public struct MistakeCount: Hashable, Sendable, Encodable {
        public var exercise: String
        public var part: String
        public var mistake: String
        public var count: Int
    }

    /// Objective ids in column order.
    public var objectives: [String]
    public var learners: [LearnerRow]
    /// Per exercise part, its mistake tags by frequency (most frequent first, then by tag).
    public var mistakes: [MistakeCount]
}

extension CourseService {
    /// The report behind `course-admin report`.
    /// - Throws: `CourseError.storage`.
    public func report() throws(CourseError) -> CourseReport {
        try guarded { () throws -> CourseReport in
            let objectives = try store.content.objectives()
            let exercises = try store.content.exercises()
            let reviews = try reviewsByAttempt()
            var rows: [CourseReport.LearnerRow] = []
            var tally: [String: Int] = [:]
            for learner in try store.learners.all() {
                let attempts = try store.attempts.attempts(learnerID: learner.id)
                let states = Dictionary(
                    try store.mastery.states(learnerID: learner.id).map { ($0.objectiveID, $0) },
                    uniquingKeysWith: { a, _ in a })
                var mastery: [String: Double] = [:]
                var mastered: [String] = []
                for objective in objectives {
                    let p = states[objective.id]?.pKnown ?? objective.mastery.pInit
                    mastery[objective.id] = p
                    if states[objective.id]?.isMastered(objective.mastery) == true { mastered.append(objective.id) }
                }
                let graded = attempts.filter { $0.verdict == .correct || $0.verdict == .incorrect }
                let mean = graded.isEmpty ? 0 : graded.map(\.score).reduce(0, +) / Double(graded.count)
                let done = Self.statuses(exercises, attempts: attempts, reviews: reviews).filter { $0.state == .done }.count
                rows.append(CourseReport.LearnerRow(
                    learner: learner.handle, mastery: mastery, mastered: mastered, attempts: attempts.count,
                    meanScore: mean, exercisesDone: done))
                for attempt in attempts {
                    if let tag = attempt.mistake { tally[attempt.exerciseID + "\u{0}" + attempt.part + "\u{0}" + tag, default: 0] += 1 }
                }
            }
            let position = Dictionary(exercises.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
            let mistakes = tally.map { key, count -> CourseReport.MistakeCount in
                let fields = key.split(separator: "\u{0}", omittingEmptySubsequences: false).map(String.init)
                return CourseReport.MistakeCount(exercise: fields[0], part: fields[1], mistake: fields[2], count: count)
            }.sorted {
                let a = (position[$0.exercise] ?? Int.max, $0.exercise, $0.part)
                let b = (position[$1.exercise] ?? Int.max, $1.exercise, $1.part)
                if a != b { return a < b }
                return ($1.count, $0.mistake) < ($0.count, $1.mistake)
            }
            return CourseReport(objectives: objectives.map(\.id), learners: rows, mistakes: mistakes)
        }
    }
}
