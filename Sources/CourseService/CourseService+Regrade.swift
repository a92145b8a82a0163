import CourseModels
import Grading
import CourseStore
import Foundation

/// What a regrade changed.
public struct RegradeReport: Hashable, Sendable, Encodable {
    /// Attempts graded again.
    public var examined: Int
    /// Attempts whose stored grade was rewritten (any of verdict, score, feedback, mistake,
    /// grader version, or a pending regrade flag).
    public var updated: Int
    /// Attempts whose verdict, score or mistake tag changed, for the instructor to read.
    public var changes: [RegradeChange]
    /// Attempts at parts the exercise no longer has; left as they were.
    public var orphaned: Int
    /// Handles of learners whose mastery was replayed.
    public var learnersReplayed: [String]

    enum CodingKeys: String, CodingKey {
        case examined, updated, changes, orphaned, learnersReplayed = "learners_replayed"
    }
}

/// One attempt whose grade moved.
public struct RegradeChange: Hashable, Sendable, Encodable {
    public var attemptID: UUID
    public var learner: String
    public var exercise: String
    public var part: String
    public var answer: String
    public var before: Verdict
    public var after: Verdict
    public var scoreBefore: Double
    public var scoreAfter: Double
    public var mistakeBefore: String?
    public var mistakeAfter: String?

    enum CodingKeys: String, CodingKey {
        case attemptID = "attempt_id", learner, exercise, part, answer, before, after
        case scoreBefore = "score_before", scoreAfter = "score_after"
        case mistakeBefore = "mistake_before", mistakeAfter = "mistake_after"
    }
}

extension CourseService {
    /// Grades every stored answer (of one exercise, or of all) against the current keys and
    /// grader, rewrites the grades that differ, and replays the mastery of learners whose
    /// verdicts moved. Manual parts stay pending; their reviews still decide them.
    /// - Throws: `CourseError.unknownExercise` or `.storage`; nothing changes then.
    public func regrade(exerciseID: String? = nil) throws(CourseError) -> RegradeReport {
        try guarded { () throws -> RegradeReport in
            let exercises: [Exercise]
            if let exerciseID {
                exercises = [try resolve(exerciseID).0]
            } else {
                // The practice items answered here are regraded too, each rebuilt from its seed.
                exercises = try store.content.exercises()
                    + Self.practiceExercises(for: try store.attempts.practiceSpecs())
            }
            let handles = Dictionary(try store.learners.all().map { ($0.id, $0.handle) }, uniquingKeysWith: { a, _ in a })
            var report = RegradeReport(examined: 0, updated: 0, changes: [], orphaned: 0, learnersReplayed: [])
            var affected = Set<UUID>()
            let regrader = Regrader(exercises: exercises, grader: grader, bulk: true)
            try store.transaction {
                for exercise in exercises {
                    var wrongSoFar: [String: Int] = [:]
                    for attempt in MasteryModel.ordered(try store.attempts.attempts(exerciseID: exercise.id)) {
                        guard let part = exercise.part(attempt.part) else {
                            report.orphaned += 1
                            continue
                        }
                        let slot = attempt.learnerID.uuidString + "\u{0}" + attempt.part
                        let grade = regrader.grade(attempt.answer, exerciseID: exercise.id, part: part.label,
                                                   wrongAttemptsBefore: wrongSoFar[slot] ?? 0)
                        let evidence = regrader.evidence(exerciseID: exercise.id, wrongAttemptsBefore: wrongSoFar[slot] ?? 0)
                        if grade.verdict == .incorrect { wrongSoFar[slot, default: 0] += 1 }
                        report.examined += 1
                        let same = grade.verdict == attempt.verdict && grade.score == attempt.score
                            && grade.mistake == attempt.mistake
                        if same && grade.feedback == attempt.feedback && attempt.graderVersion == GraderVersion.current
                            && !attempt.needsRegrade && evidence == attempt.evidence {
                            continue
                        }
                        try store.attempts.updateGrade(
                            id: attempt.id, verdict: grade.verdict, score: grade.score, feedback: grade.feedback,
                            mistake: grade.mistake, graderVersion: GraderVersion.current, evidence: evidence)
                        report.updated += 1
                        if !same {
                            report.changes.append(RegradeChange(
                                attemptID: attempt.id, learner: handles[attempt.learnerID] ?? attempt.learnerID.uuidString,
                                exercise: exercise.id, part: attempt.part, answer: attempt.answer,
                                before: attempt.verdict, after: grade.verdict, scoreBefore: attempt.score,
                                scoreAfter: grade.score, mistakeBefore: attempt.mistake, mistakeAfter: grade.mistake))
                        }
                        if grade.verdict != attempt.verdict || evidence != attempt.evidence { affected.insert(attempt.learnerID) }
                    }
                }
                for learnerID in affected.sorted(by: UUID.precedesInText) {
                    try replayAndCache(learnerID: learnerID)
                }
            }
            report.learnersReplayed = affected.map { handles[$0] ?? $0.uuidString }.sorted()
            return report
        }
    }
}
