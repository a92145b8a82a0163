import CourseModels
import Foundation
import Grading

/// The one place an answer gets the grade that is stored with it: `submit`, `regrade` and a sync
/// import all grade through a `Regrader`, so the same answer in the same situation stores the
/// same verdict, score, feedback and mistake tag whichever path graded it.
///
/// The situation is the number of wrong answers the learner gave to the part before this one
/// (in replay order, submitted-at then id): it picks the hint a wrong answer's feedback ends
/// with. Everything else is a pure function of (part, answer), so each part's key is decoded
/// and compiled (its expressions parsed, `CompiledKey`) once, and each distinct answer to a
/// part is checked once: imports repeat answers a great deal
/// (a class types the same right answer, the same common mistake). The cache is dropped when it
/// grows past `cacheLimit` entries or `cacheByteLimit` bytes of answers and feedback, keeping
/// memory bounded for bundles of all-different answers, however long each one is.
public final class Regrader {
    private let grader: PartGrader
    private var exercises: [String: Exercise]
    private var keys: [PartIdentity: CompiledKey?] = [:]
    private var checked: [AnswerIdentity: PartGrade] = [:]
    private let cacheLimit: Int
    /// Whether each compiled key also works out its mistaken derivatives once
    /// (`CompiledKey.preparingMistakeSearch`): worth it when many answers to a part are graded.
    private let preparesMistakeSearch: Bool
    /// The most bytes of answer and feedback text the cache holds (64 KB proofs add up fast).
    public static let cacheByteLimit = 16 << 20
    private var cacheBytes = 0
    /// How many answers were actually checked (the rest came from the cache).
    public private(set) var graded = 0

    /// - Parameter bulk: true when many answers per part will be graded (a regrade, a sync
    ///   import): each key's mistaken derivatives are then worked out once instead of per wrong answer.
    public init(exercises: [Exercise], grader: PartGrader = PartGrader(), cacheLimit: Int = 200_000, bulk: Bool = false) {
        self.exercises = Dictionary(exercises.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.grader = grader
        self.cacheLimit = cacheLimit
        preparesMistakeSearch = bulk
    }

    /// Makes `exercises` known too (practice items rebuilt from their attempts' specs); an id
    /// already known keeps its exercise.
    public func add(_ exercises: [Exercise]) {
        for exercise in exercises where self.exercises[exercise.id] == nil { self.exercises[exercise.id] = exercise }
    }

    /// The compiled key of a part, or nil when the part is unknown here or its key unreadable.
    public func key(exerciseID: String, part label: String) -> CompiledKey? {
        let identity = PartIdentity(exerciseID: exerciseID, part: label)
        if let compiled = keys[identity] { return compiled }
        var key = exercises[exerciseID]?.part(label).flatMap { try? CompiledKey(json: $0.keyJSON) }
        if preparesMistakeSearch { key = key?.preparingMistakeSearch() }
        keys[identity] = key
        return key
    }

    /// The grade `answer` is stored with, given `wrongAttemptsBefore` wrong answers to the part
    /// before it.
    public func grade(_ answer: String, exerciseID: String, part label: String, wrongAttemptsBefore: Int) -> PartGrade {
        guard let part = exercises[exerciseID]?.part(label) else {
            return PartGrade(verdict: .pendingReview, score: 0, feedback: "This part is not in the course content here.")
        }
        guard let key = key(exerciseID: exerciseID, part: label) else { return PartGrader.unreadableKey }
        let identity = AnswerIdentity(exerciseID: exerciseID, part: label, answer: answer)
        let result: PartGrade
        if let cached = checked[identity] {
            result = cached
        } else {
            result = grader.check(answer, key: key, part: part)
            graded += 1
            remember(result, for: identity)
        }
        return grader.situate(result, key: key, part: part, wrongAttemptsBefore: wrongAttemptsBefore)
    }

    /// Whether the part's key had been shown to a learner with `wrongAttemptsBefore` wrong
    /// answers to it: the key is shown with the wrong answer that reaches the exercise's
    /// `revealKeyAfter`, so every later answer comes after it.
    public func evidence(exerciseID: String, wrongAttemptsBefore: Int) -> Evidence {
        guard let after = exercises[exerciseID]?.revealKeyAfter, wrongAttemptsBefore >= after else { return .counted }
        return .keyShown
    }

    /// `attempt` with this grader's verdict, score, feedback, mistake, evidence status and
    /// grader version.
    public func regrade(_ attempt: Attempt, wrongAttemptsBefore: Int) -> Attempt {
        let grade = self.grade(attempt.answer, exerciseID: attempt.exerciseID, part: attempt.part,
                               wrongAttemptsBefore: wrongAttemptsBefore)
        var local = attempt
        local.verdict = grade.verdict
        local.score = grade.score
        local.feedback = grade.feedback
        local.mistake = grade.mistake
        local.evidence = evidence(exerciseID: attempt.exerciseID, wrongAttemptsBefore: wrongAttemptsBefore)
        local.graderVersion = GraderVersion.current
        local.needsRegrade = false
        return local
    }

    /// Checks the answers not checked yet, spread over the processor's cores (checking is pure,
    /// and dominates imports of many different answers), so the `grade` calls that follow are
    /// cache hits.
    public func prepare(_ attempts: [Attempt]) {
        if let checks = startChecks(attempts) { finish(checks) }
    }

    /// Answers being checked on other threads while the caller goes on (a sync import stores the
    /// batch before meanwhile); `finish` waits for them.
    public final class PendingChecks: @unchecked Sendable {
        fileprivate let jobs: [(answer: AnswerIdentity, part: ExercisePart, key: CompiledKey)]
        /// Written once by the checking thread before `done` is signalled, read after.
        fileprivate var grades: [PartGrade] = []
        fileprivate let done = DispatchSemaphore(value: 0)

        fileprivate init(_ jobs: [(answer: AnswerIdentity, part: ExercisePart, key: CompiledKey)]) {
            self.jobs = jobs
        }
    }

    /// Starts checking the answers of `attempts` not checked yet (each distinct answer to a part
    /// once) on other threads; nil when there is nothing worth a thread (one answer, one core).
    /// Compiles the keys needed first, on the calling thread. Follow with `finish`.
    public func startChecks(_ attempts: [Attempt]) -> PendingChecks? {
        var jobs: [(answer: AnswerIdentity, part: ExercisePart, key: CompiledKey)] = []
        var seen: Set<AnswerIdentity> = []
        for attempt in attempts {
            let identity = AnswerIdentity(exerciseID: attempt.exerciseID, part: attempt.part, answer: attempt.answer)
            guard checked[identity] == nil, seen.insert(identity).inserted,
                  let part = exercises[attempt.exerciseID]?.part(attempt.part),
                  let key = key(exerciseID: attempt.exerciseID, part: attempt.part) else { continue }
            jobs.append((identity, part, key))
        }
        guard jobs.count > 1, ParallelWork.workers > 1 else { return nil }
        let pending = PendingChecks(jobs)
        let grader = self.grader
        DispatchQueue.global().async {
            pending.grades = ParallelWork.map(count: pending.jobs.count) { index in
                let job = pending.jobs[index]
                return grader.check(job.answer.answer, key: job.key, part: job.part)
            }
            pending.done.signal()
        }
        return pending
    }

    /// Waits for `checks` and caches what they found, so the `grade` calls for those answers are
    /// cache hits. Call once per `startChecks`.
    public func finish(_ checks: PendingChecks) {
        checks.done.wait()
        for (job, grade) in zip(checks.jobs, checks.grades) { remember(grade, for: job.answer) }
        graded += checks.jobs.count
    }

    /// Caches a checked answer, first dropping the cache when it is full by count or by bytes.
    private func remember(_ grade: PartGrade, for identity: AnswerIdentity) {
        let bytes = identity.answer.utf8.count + grade.feedback.utf8.count + 96
        if checked.count >= cacheLimit || cacheBytes + bytes > Self.cacheByteLimit {
            checked.removeAll(keepingCapacity: false)
            cacheBytes = 0
        }
        checked[identity] = grade
        cacheBytes += bytes
    }

    private struct PartIdentity: Hashable {
        var exerciseID: String
        var part: String
    }

    fileprivate struct AnswerIdentity: Hashable {
        var exerciseID: String
        var part: String
        var answer: String
    }
}
