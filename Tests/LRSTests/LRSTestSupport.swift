import CourseModels
import CourseService
import CourseStore
import Foundation
import Grading
import LRS
import Sync
import TestSupport
import Testing

/// Small course content built in code: an expression part, a number part, a choice and a
/// manual part (graded by a person), linked to two objectives.
enum LRSTestContent {
    static let objectives = SmallCourse.objectives
    static let exercises = SmallCourse.exercises

    static let answers: [(exercise: String, part: String, answers: [String])] = [
        ("ex1", "a", ["2*x", "2x", "x^2", "2"]),
        ("ex1", "b", ["4", "4.0", "5"]),
        ("ex2", "", ["chain", "power"]),
        ("ex3", "", ["Because the inner function changes.", "No idea"]),
    ]
}

/// One installation syncing through an LRS: its own database, device and grader.
final class Installation {
    let store: Store
    let grader = PartGrader()
    let device: UUID

    init(_ name: String, in folder: TemporaryFolder) throws {
        store = try Store(path: folder.path("\(name).db"))
        try importContent(objectives: LRSTestContent.objectives, exercises: LRSTestContent.exercises, into: store)
        device = try store.settings.deviceID()
    }

    @discardableResult
    func addLearner(_ handle: String) throws -> Learner {
        let learner = Learner(id: UUID(), handle: handle, displayName: handle.capitalized,
                              createdAt: Date(millisecondsSince1970: 1_700_000_000_000))
        try store.learners.insert(learner)
        return learner
    }

    /// Records an answer as the grading service would (graded here, mastery replayed).
    @discardableResult
    func answer(_ learner: UUID, exercise: String, part: String, _ text: String, at milliseconds: Int64,
                replay: Bool = true) throws -> Attempt {
        let exercisePart = LRSTestContent.exercises.first { $0.id == exercise }!.part(part)!
        let grade = grader.grade(text, part: exercisePart)
        let attempt = Attempt(
            id: UUID(), learnerID: learner, exerciseID: exercise, part: part, answer: text,
            submittedAt: Date(millisecondsSince1970: milliseconds), deviceID: device, graderVersion: GraderVersion.current,
            verdict: grade.verdict, score: grade.score, feedback: grade.feedback, mistake: grade.mistake)
        try store.attempts.insert(attempt)
        if replay { try CourseService(store: store).replayMastery(learnerID: learner) }
        return attempt
    }

    /// `count` answers by `learners` learners, cycling through the test answers, a second apart.
    func practise(learners: Int, answers count: Int, from start: Int64, prefix: String = "l") throws -> [Attempt] {
        let people = try (0..<learners).map { try addLearner("\(prefix)\($0)") }
        var attempts: [Attempt] = []
        attempts.reserveCapacity(count)
        for n in 0..<count {
            let item = LRSTestContent.answers[n % LRSTestContent.answers.count]
            let text = item.answers[(n / LRSTestContent.answers.count) % item.answers.count]
            attempts.append(try answer(people[n % learners].id, exercise: item.exercise, part: item.part, text,
                                       at: start + Int64(n) * 1000, replay: false))
        }
        for person in people { try CourseService(store: store).replayMastery(learnerID: person.id) }
        return attempts
    }

    func review(_ attempt: Attempt, accepted: Bool, at milliseconds: Int64) throws {
        try store.reviews.record(Review(attemptID: attempt.id, reviewer: "tutor", accepted: accepted,
                                        comment: accepted ? "Good." : "Say more.",
                                        decidedAt: Date(millisecondsSince1970: milliseconds)))
        try CourseService(store: store).replayMastery(learnerID: attempt.learnerID)
    }

    func pusher(_ endpoint: String, _ credentials: LRSCredentials, batchSize: Int = 100,
                transport: any HTTPTransport = URLSessionTransport(timeout: 20), retry: RetryPolicy = .fast) throws -> LRSPusher {
        LRSPusher(store: store, endpoint: try LRSEndpoint(endpoint), credentials: credentials, transport: transport,
                  batchSize: batchSize, retry: retry)
    }

    func puller(_ endpoint: String, _ credentials: LRSCredentials, pageSize: Int = 100, overlap: TimeInterval = 300,
                retry: RetryPolicy = .fast) throws -> LRSPuller {
        LRSPuller(store: store, endpoint: try LRSEndpoint(endpoint), credentials: credentials,
                  transport: URLSessionTransport(timeout: 20), pageSize: pageSize, overlap: overlap, retry: retry)
    }

    /// Every attempt's submission, sorted by id (the grades are compared separately).
    func submissions() throws -> [String] {
        try attempts().map {
            "\($0.id.uuidString)|\($0.learnerID.uuidString)|\($0.exerciseID)|\($0.part)|\($0.answer)|\($0.submittedAt.millisecondsSince1970)|\($0.deviceID.uuidString)"
        }
    }

    func attempts() throws -> [Attempt] {
        try store.learners.all().flatMap { try store.attempts.attempts(learnerID: $0.id) }
            .sorted { $0.id.uuidString < $1.id.uuidString }
    }

    func grades() throws -> [String] {
        try attempts().map { "\($0.id.uuidString)|\($0.verdict.rawValue)|\($0.score)|\($0.feedback)" }
    }

    func mastery() throws -> [MasteryState] {
        try store.learners.all().sorted { $0.id.uuidString < $1.id.uuidString }
            .flatMap { try store.mastery.states(learnerID: $0.id) }
    }

    func reviews() throws -> [Review] {
        try store.reviews.all().sorted { $0.attemptID.uuidString < $1.attemptID.uuidString }
    }
}

extension RetryPolicy {
    /// Short waits, so fault tests take milliseconds, not the production backoff.
    static let fast = RetryPolicy(maxTries: 6, baseDelay: 0.01, maxDelay: 0.05, maxRetryAfter: 1.5)
}

/// A statement as another xAPI client would write it, for forged and foreign statements.
func foreignStatement(id: UUID = UUID(), verb: String, activity: String, timestamp: String = "2027-01-15T08:00:00.000Z") -> [String: Any] {
    [
        "id": id.uuidString.lowercased(),
        "actor": ["objectType": "Agent", "account": ["homePage": "https://elsewhere.invalid", "name": "someone"]],
        "verb": ["id": verb],
        "object": ["objectType": "Activity", "id": activity],
        "timestamp": timestamp,
    ]
}
