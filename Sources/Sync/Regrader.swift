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

    /// `regrade` for a batch: the answers not graded yet are graded first, spread over the
    /// processor's cores (grading is pure, and dominates imports of many different answers).
    func regrade(_ attempts: [Attempt]) -> [Attempt] {
        var missing: [AnswerIdentity] = []
        var seen: Set<AnswerIdentity> = []
        for attempt in attempts {
            let identity = AnswerIdentity(exerciseID: attempt.exerciseID, part: attempt.part, answer: attempt.answer)
            if cache[identity] == nil, seen.insert(identity).inserted { missing.append(identity) }
        }
        if missing.count > 1, Self.workers > 1 {
            let jobs = missing.compactMap { identity -> (AnswerIdentity, ExercisePart, PartKey?)? in
                guard let part = content.part(exerciseID: identity.exerciseID, label: identity.part) else { return nil }
                return (identity, part, key(identity, part))
            }
            let grades = Self.gradeConcurrently(jobs.map { ($0.0.answer, $0.1, $0.2) }, grader: grader)
            if cache.count + jobs.count > cacheLimit { cache.removeAll(keepingCapacity: true) }
            for (job, grade) in zip(jobs, grades) { cache[job.0] = grade }
            graded += jobs.count
        }
        return attempts.map(regrade)
    }

    static let workers = ProcessInfo.processInfo.activeProcessorCount

    private static func gradeConcurrently(_ jobs: [(String, ExercisePart, PartKey?)], grader: PartGrader) -> [PartGrade] {
        var grades = [PartGrade](repeating: PartGrade(verdict: .pendingReview, score: 0, feedback: ""), count: jobs.count)
        let workers = min(workers, jobs.count)
        grades.withUnsafeMutableBufferPointer { buffer in
            // Each worker writes only its own indices.
            nonisolated(unsafe) let output = buffer
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var index = worker
                while index < jobs.count {
                    let (answer, part, key) = jobs[index]
                    output[index] = key.map { grader.grade(answer, key: $0, part: part) } ?? grader.grade(answer, part: part)
                    index += workers
                }
            }
        }
        return grades
    }

    private func key(_ identity: AnswerIdentity, _ part: ExercisePart) -> PartKey? {
        let partIdentity = PartIdentity(exerciseID: identity.exerciseID, part: identity.part)
        if let decoded = keys[partIdentity] { return decoded }
        let key = try? PartKey(json: part.keyJSON)
        keys[partIdentity] = key
        return key
    }

    func grade(_ answer: String, exerciseID: String, part label: String) -> PartGrade {
        let identity = AnswerIdentity(exerciseID: exerciseID, part: label, answer: answer)
        if let cached = cache[identity] { return cached }
        guard let part = content.part(exerciseID: exerciseID, label: label) else {
            return PartGrade(verdict: .pendingReview, score: 0, feedback: "This part is not in the course content here.")
        }
        let key = self.key(identity, part)
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
