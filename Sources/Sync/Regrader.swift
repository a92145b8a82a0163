import CourseModels
import Foundation
import Grading

/// Grades imported answers with this machine's grader and keys, so a bundle cannot make a
/// wrong answer count as right.
///
/// Grading is a pure function of (part, answer), so each part's key is decoded once and each
/// distinct answer to a part is graded once: bundles repeat answers a great deal (a class types
/// the same right answer, the same common mistake). The cache is dropped when it grows past
/// `cacheLimit` entries, keeping memory bounded for bundles of all-different answers.
final class Regrader {
    private let grader = PartGrader()
    private let content: LocalContent
    private var keys: [PartIdentity: PartKey?] = [:]
    private var cache: [AnswerIdentity: PartGrade] = [:]
    private let cacheLimit: Int
    /// How many answers were actually graded (the rest came from the cache).
    private(set) var graded = 0

    init(content: LocalContent, cacheLimit: Int = 200_000) {
        self.content = content
        self.cacheLimit = cacheLimit
    }

    /// `attempt` with this machine's verdict, score, mistake and grader version. The feedback
    /// the learner saw is kept when the grade agrees with it; otherwise it is the local grader's.
    /// The part must exist (the importer checked).
    func regrade(_ attempt: Attempt) -> Attempt {
        let grade = self.grade(attempt.answer, exerciseID: attempt.exerciseID, part: attempt.part)
        var local = attempt
        let agrees = grade.verdict == attempt.verdict && grade.score == attempt.score && grade.mistake == attempt.mistake
        local.verdict = grade.verdict
        local.score = grade.score
        local.mistake = grade.mistake
        local.graderVersion = GraderVersion.current
        if !agrees { local.feedback = grade.feedback }
        local.needsRegrade = false
        return local
    }

    func grade(_ answer: String, exerciseID: String, part label: String) -> PartGrade {
        let identity = AnswerIdentity(exerciseID: exerciseID, part: label, answer: answer)
        if let cached = cache[identity] { return cached }
        guard let part = content.part(exerciseID: exerciseID, label: label) else {
            return PartGrade(verdict: .pendingReview, score: 0, feedback: "This part is not in the course content here.")
        }
        let partIdentity = PartIdentity(exerciseID: exerciseID, part: label)
        let key: PartKey?
        if let decoded = keys[partIdentity] {
            key = decoded
        } else {
            key = try? PartKey(json: part.keyJSON)
            keys[partIdentity] = key
        }
        // Feedback is graded as for a first attempt, so it is the same on every machine
        // whatever history each one holds.
        let grade = key.map { grader.grade(answer, key: $0, part: part) } ?? grader.grade(answer, part: part)
        graded += 1
        if cache.count >= cacheLimit { cache.removeAll(keepingCapacity: true) }
        cache[identity] = grade
        return grade
    }

    private struct PartIdentity: Hashable {
        var exerciseID: String
        var part: String
    }

    private struct AnswerIdentity: Hashable {
        var exerciseID: String
        var part: String
        var answer: String
    }
}
