import CourseModels
import Grading
import CourseStore
import Foundation

/// The product's main job: grades answer files, stores attempts, keeps mastery, and answers the
/// questions learners and instructors ask about them. Every command of the two CLIs calls one
/// method of it.
///
/// It reaches the database only through the store's repositories; mastery kept in the store is
/// a cache of `MasteryModel.replay` over the attempt log.
public struct CourseService {
    public let store: Store
    public var grader: PartGrader

    public init(store: Store, grader: PartGrader = PartGrader()) {
        self.store = store
        self.grader = grader
    }

    // MARK: Submit

    /// Grades an answer file for `learner` and stores one attempt per graded part, all in one
    /// transaction, updating the mastery cache.
    ///
    /// `reference` is an exercise id (`ex4`) or one part (`ex4b`). An answer identical to the
    /// learner's last one for the part is graded and reported but neither stored nor counted.
    /// - Throws: `CourseError.unknownExercise`, `.unknownPart`, `.badFile` (nothing stored),
    ///   `.storage`.
    public func submit(
        learner: Learner, reference: String, file: Data, deviceID: UUID? = nil, now: Date = Date()
    ) throws(CourseError) -> SubmissionResult {
        let (exercise, selected, answers) = try answerFile(file, for: reference, learner: learner)
        return try guarded { () throws -> SubmissionResult in
            try submit(learner: learner, exercise: exercise, selected: selected, answers: answers,
                       deviceID: deviceID, now: now)
        }
    }

    /// The exercise and part `reference` names, and `file` read as answers to it: what `submit`
    /// and its preview `check` start from.
    /// - Throws: `CourseError.unknownExercise`, `.unknownPart` or `.badFile`.
    func answerFile(_ file: Data, for reference: String, learner: Learner) throws(CourseError) -> (Exercise, part: String?, AnswerFile) {
        let (exercise, selected) = try resolve(reference, learner: learner)
        do {
            return (exercise, selected, try AnswerFile(data: file, exercise: exercise, part: selected))
        } catch {
            throw .badFile(error)
        }
    }

    /// `submit` with the file's text already decoded.
    /// - Throws: as `submit(learner:reference:file:deviceID:now:)`.
    public func submit(
        learner: Learner, reference: String, text: String, deviceID: UUID? = nil, now: Date = Date()
    ) throws(CourseError) -> SubmissionResult {
        try submit(learner: learner, reference: reference, file: Data(text.utf8), deviceID: deviceID, now: now)
    }

    /// The exercise and the part a reference names: an exercise of the content, one of its
    /// parts, a practice item by id (`p-…`), or, with a learner, `practice` (their current item).
    /// - Throws: `CourseError.unknownExercise`, `.unknownPart`, `.noPracticeItem`, `.unknownPracticeItem`.
    public func resolve(_ reference: String, learner: Learner? = nil) throws(CourseError) -> (Exercise, part: String?) {
        let trimmed = reference.trimmingSpaces
        return try guarded { () throws -> (Exercise, part: String?) in
            if let exercise = try practiceExercise(trimmed, learner: learner) { return (exercise, nil) }
            if let exercise = try store.content.exercise(id: trimmed) { return (exercise, nil) }
            let split = ExerciseReference(parsing: trimmed)
            if let part = split.part, let exercise = try store.content.exercise(id: split.exerciseID) {
                guard exercise.part(part) != nil else {
                    throw CourseError.unknownPart(
                        exerciseID: exercise.id, part: part, validLabels: exercise.parts.map(\.label))
                }
                return (exercise, part)
            }
            // Ids are matched without regard to case, like handles: `Ex4` is `ex4`.
            let all = try store.content.exercises()
            if let exact = all.first(where: { $0.id.lowercased() == trimmed.lowercased() }) { return (exact, nil) }
            let lowered = all.map { exercise -> Exercise in
                var copy = exercise
                copy.id = exercise.id.lowercased()
                return copy
            }
            if let (match, part) = ExerciseReference.resolve(trimmed.lowercased(), in: lowered),
               let exercise = all.first(where: { $0.id.lowercased() == match.id }) {
                return (exercise, part)
            }
            throw CourseError.unknownExercise(trimmed, known: all.map(\.id))
        }
    }

    private func submit(
        learner: Learner, exercise: Exercise, selected: String?, answers: AnswerFile, deviceID: UUID?, now: Date
    ) throws -> SubmissionResult {
        let submittedAt = now.roundedToMilliseconds
        // Ids sort in file order, so replay (by time, then id) sees the parts as graded here.
        let ids = answers.entries.map { _ in UUID.timeOrdered(at: submittedAt) }.sorted(by: UUID.precedesInText)
        let regrader = Regrader(exercises: [exercise], grader: grader)
        // Checking an answer is pure and the slow part: done before the write lock is taken.
        for entry in answers.entries where exercise.part(entry.part) != nil {
            _ = regrader.grade(entry.text, exerciseID: exercise.id, part: entry.part, wrongAttemptsBefore: 0)
        }
        let linked = Self.linkedObjectives(exercise, parts: answers.entries.map(\.part).filter { exercise.part($0) != nil })
        var objectives: [String: Objective] = [:]
        for id in linked { objectives[id] = try store.content.objective(id: id) }
        let model = MasteryModel(objectives: Array(objectives.values), exercises: [exercise])

        // One write transaction: every read that decides what is stored (the device id, the last
        // answer, the wrong attempts so far, the cached mastery) sees what the last writer
        // committed, so two processes submitting for one learner cannot both start from the
        // same mastery.
        return try store.transaction { () throws -> SubmissionResult in
            let device = try deviceID ?? store.settings.deviceID()
            let atExercise = try store.attempts.attempts(learnerID: learner.id, exerciseID: exercise.id)
            var history = PartHistory(atExercise)
            var results: [PartResult] = []
            var toStore: [Attempt] = []
            for (index, entry) in answers.entries.enumerated() {
                guard let part = exercise.part(entry.part) else { continue }
                var attempt = Attempt(
                    id: ids[index], learnerID: learner.id, exerciseID: exercise.id, part: part.label,
                    answer: entry.text, submittedAt: submittedAt, deviceID: device,
                    graderVersion: GraderVersion.current, verdict: .pendingReview, score: 0, feedback: "",
                    practice: PracticeSpec(exercise: exercise))
                let wrongBefore = history.wrongAttempts(before: attempt)
                attempt = regrader.regrade(attempt, wrongAttemptsBefore: wrongBefore)
                let grade = regrader.grade(entry.text, exerciseID: exercise.id, part: part.label,
                                           wrongAttemptsBefore: wrongBefore)
                // The replay's rule, against the attempts before this one in replay order.
                let repeated = RepeatedAnswers(regrader: regrader, grader: grader).repeated(
                    entry.text, verdict: grade.verdict,
                    earlier: atExercise.filter { $0.part == part.label && MasteryModel.precedes($0, attempt) },
                    exerciseID: exercise.id, part: part.label)
                let wrong = wrongBefore + (grade.verdict == .incorrect && repeated == nil ? 1 : 0)
                var result = PartResult(
                    part: part.label, verdict: grade.verdict, score: grade.score, readAs: grade.readAs,
                    feedback: grade.feedback, mistake: grade.mistake, key: nil, identicalToLast: repeated != nil,
                    attemptID: nil, wrongAttempts: wrong, answer: entry.text, keyShownBefore: attempt.evidence == .keyShown)
                if let repeated {
                    result.feedback = "Already answered: this is the same answer as your earlier '\(repeated.answer)' "
                        + "for this part, so it was not counted again. " + grade.feedback
                } else {
                    toStore.append(attempt)
                    history.add(attempt)
                    result.attemptID = attempt.id
                }
                if grade.verdict != .correct, let after = exercise.revealKeyAfter, wrong >= after,
                   let key = regrader.key(exerciseID: exercise.id, part: part.label) {
                    result.key = key.key.displayText
                }
                results.append(result)
            }

            // Mastery: incremental from the cache, unless older attempts sort after this
            // submission (a clock set back, a sync from the future), when only a replay is right.
            var states: [String: MasteryState] = [:]
            for id in linked { states[id] = try store.mastery.state(learnerID: learner.id, objectiveID: id) }
            let before = states.mapValues(\.pKnown)
            let outOfOrder = try store.attempts.latestSubmission(learnerID: learner.id).map { $0 > submittedAt } ?? false
            try store.attempts.insert(contentsOf: toStore)
            if outOfOrder {
                try replayAndCache(learnerID: learner.id)
                for id in linked { states[id] = try store.mastery.state(learnerID: learner.id, objectiveID: id) }
            } else {
                let counted = RepeatedAnswers(regrader: regrader, grader: grader).firstEvidence(in: atExercise)
                var evidenced = Set(linked.filter { model.hasEvidence(counted, exerciseID: exercise.id, objectiveID: $0) })
                for attempt in toStore {
                    model.apply(attempt, review: nil, to: &states) { evidenced.insert($0).inserted }
                }
                for id in linked { if let state = states[id] { try store.mastery.upsert(state) } }
            }

            let changes = linked.map { id -> MasteryChange in
                let parameters = model.parameters(id)
                let after = states[id]?.pKnown ?? parameters.pInit
                return MasteryChange(
                    objective: id, title: objectives[id]?.title ?? id, before: before[id] ?? parameters.pInit,
                    after: after, mastered: states[id]?.isMastered(parameters) ?? false,
                    exercises: states[id]?.exercises ?? 0)
            }
            // The mean over the parts graded now: syntax errors and parts waiting for review are
            // listed apart, not scored as 0.
            let scored = results.filter { $0.verdict == .correct || $0.verdict == .incorrect }
            let score = scored.isEmpty ? 0 : scored.map(\.score).reduce(0, +) / Double(scored.count)
            return SubmissionResult(
                learner: learner.handle, exercise: exercise.id, selectedPart: selected, title: exercise.title,
                parts: results, score: score, mastery: changes)
        }
    }

    /// The objectives the given parts link to, in part then link order, without repeats.
    static func linkedObjectives(_ exercise: Exercise, parts: [String]) -> [String] {
        var seen: [String] = []
        for label in parts {
            for link in exercise.part(label)?.objectives ?? [] where !seen.contains(link.objectiveID) {
                seen.append(link.objectiveID)
            }
        }
        return seen
    }

    // MARK: Mastery

    /// Recomputes one learner's mastery from the attempt log and replaces the cache with it.
    /// - Throws: `CourseError.storage`.
    @discardableResult
    public func replayMastery(learnerID: UUID) throws(CourseError) -> [MasteryState] {
        try guarded { () throws -> [MasteryState] in try replayAndCache(learnerID: learnerID) }
    }

    /// What the replay gives, without touching the cache.
    /// - Throws: `CourseError.storage`.
    public func computeMastery(learnerID: UUID) throws(CourseError) -> [MasteryState] {
        try guarded { () throws -> [MasteryState] in
            let attempts = try store.attempts.attempts(learnerID: learnerID)
            return try replayer().including(Self.practiceExercises(in: attempts)).states(attempts)
        }
    }

    @discardableResult
    func replayAndCache(learnerID: UUID) throws -> [MasteryState] {
        try replayAndCache(learnerID: learnerID, replayer: try replayer())
    }

    /// The one mastery replay: the learner's attempts in storage order (submitted-at, then id,
    /// the replay order), streamed through `replayer` one at a time, replacing the cache.
    /// Practice items are exercises too, each rebuilt from its attempts' spec: a first pass
    /// keeps only the practice attempts, to know them before the replay.
    func replayAndCache(learnerID: UUID, replayer: Replayer) throws -> [MasteryState] {
        let practice = try store.attempts.practiceAttempts(learnerID: learnerID)
        var run = replayer.including(Self.practiceExercises(in: practice)).run()
        try store.attempts.forEachAttempt(learnerID: learnerID) { run.add($0) }
        let states = run.states
        try store.mastery.replaceAll(learnerID: learnerID, with: states)
        return states
    }

    /// What the replay reads besides the log: the mastery model, the reviews and the part keys
    /// (for the repeats), loaded once for any number of learners.
    struct Replayer {
        let model: MasteryModel
        let reviews: [UUID: Review]
        let repeats: RepeatedAnswers

        /// One learner's replay in progress, fed the log in replay order.
        struct Run {
            var replay: MasteryModel.Replay
            var repeats: RepeatedAnswers.Tracker

            /// Shows `attempt` to the tracker (so later ones are compared with it) and, unless it
            /// repeats an earlier answer, to the mastery replay.
            mutating func add(_ attempt: Attempt) {
                if !repeats.isRepeat(attempt) { replay.add(attempt) }
            }

            var states: [MasteryState] { replay.states }
        }

        func run() -> Run {
            Run(replay: MasteryModel.Replay(model: model, reviews: reviews), repeats: repeats.tracker())
        }

        /// Mastery from one learner's log: every counted attempt, except repeats of an earlier
        /// answer to the same part (`RepeatedAnswers`), which are decided here, from the log.
        func states(_ attempts: [Attempt]) -> [MasteryState] {
            var run = run()
            for attempt in MasteryModel.ordered(attempts) { run.add(attempt) }
            return run.states
        }

        /// The replayer with `exercises` known too (practice items rebuilt from their specs).
        func including(_ exercises: [Exercise]) -> Replayer {
            guard !exercises.isEmpty else { return self }
            repeats.regrader.add(exercises)
            return Replayer(model: model.including(exercises), reviews: reviews, repeats: repeats)
        }
    }

    func replayer() throws -> Replayer {
        let exercises = try store.content.exercises()
        return Replayer(
            model: MasteryModel(objectives: try store.content.objectives(), exercises: exercises),
            reviews: try reviewsByAttempt(), repeats: RepeatedAnswers(exercises: exercises, grader: grader))
    }

    /// One learner's mastery before and after a replay.
    public struct MasteryReplay: Sendable {
        public var learnerID: UUID
        public var before: [MasteryState]
        public var after: [MasteryState]
        var parameters: [String: MasteryParameters]

        /// The p(known) at which the objective counts as mastered.
        public func masteredAt(_ objectiveID: String) -> Double {
            (parameters[objectiveID] ?? .standard).masteredAt
        }

        /// Whether `state` counts as mastered (threshold and two distinct exercises).
        public func isMastered(_ state: MasteryState?) -> Bool {
            guard let state else { return false }
            return state.isMastered(parameters[state.objectiveID] ?? .standard)
        }
    }

    /// Replays the mastery of `learners` (in id order) and replaces their cache; for callers that
    /// have already changed the log in their own transaction (sync import).
    /// - Throws: `DatabaseError` on a storage failure.
    public func replayMastery(of learners: Set<UUID>) throws -> [MasteryReplay] {
        guard !learners.isEmpty else { return [] }
        let replayer = try replayer()
        let parameters = replayer.model.objectives.mapValues(\.mastery)
        let ordered = learners.sorted(by: UUID.precedesInText)
        var replays: [MasteryReplay] = []
        // A few learners at a time: their logs are read here (the store is this thread's), their
        // replays, which are pure, run on the other threads while the next few logs are read,
        // and their caches are written here again. Each log is held as the tracker would keep it
        // (long answers the engine never compares reduced to digests, no feedback), so memory
        // follows the answers compared, not the proofs.
        typealias Entry = (learnerID: UUID, before: [MasteryState], practice: [Exercise], log: [Attempt])
        var inFlight: (group: [Entry], states: ParallelWork.Pending<[MasteryState]>)?
        func finishInFlight() throws {
            guard let (group, pending) = inFlight else { return }
            inFlight = nil
            for (entry, after) in zip(group, pending.wait()) {
                try store.mastery.replaceAll(learnerID: entry.learnerID, with: after)
                replays.append(MasteryReplay(learnerID: entry.learnerID, before: entry.before, after: after,
                                             parameters: parameters))
            }
        }
        for start in stride(from: 0, to: ordered.count, by: Self.replayGroup) {
            var group: [Entry] = []
            for learnerID in ordered[start..<min(start + Self.replayGroup, ordered.count)] {
                let practice = Self.practiceExercises(in: try store.attempts.practiceAttempts(learnerID: learnerID))
                var log: [Attempt] = []
                try store.attempts.forEachAttempt(learnerID: learnerID) { log.append(RepeatedAnswers.Tracker.kept($0)) }
                group.append((learnerID, try store.mastery.states(learnerID: learnerID), practice, log))
            }
            // The replays before must be done before the shared regrader learns this group's
            // practice items and compiles its keys: while replays run it is only read.
            try finishInFlight()
            let work = group.map { entry in
                let learnerReplayer = replayer.including(entry.practice)
                learnerReplayer.repeats.compileKeys(for: entry.log)
                return (learnerReplayer, entry.log)
            }
            // Safe to share: the replayers' regrader is only read until `finishInFlight` (its keys
            // were compiled above) and their memo of engine verdicts takes a lock.
            nonisolated(unsafe) let shared = work
            inFlight = (group, ParallelWork.start(count: shared.count) { shared[$0].0.states(shared[$0].1) })
        }
        try finishInFlight()
        return replays
    }

    /// How many learners' replays run side by side.
    static let replayGroup = 4 * ParallelWork.workers

    func masteryModel() throws -> MasteryModel {
        MasteryModel(objectives: try store.content.objectives(), exercises: try store.content.exercises())
    }

    func reviewsByAttempt() throws -> [UUID: Review] {
        Dictionary(try store.reviews.all().map { ($0.attemptID, $0) }, uniquingKeysWith: { _, latest in latest })
    }

    /// Runs `body`, turning any error into a `CourseError`.
    func guarded<T>(_ body: () throws -> T) throws(CourseError) -> T {
        do {
            return try body()
        } catch let error as CourseError {
            throw error
        } catch let error as DatabaseError {
            throw .storage(error)
        } catch {
            throw .unexpected(String(describing: error))
        }
    }
}
