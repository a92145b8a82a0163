import CourseModels
import CourseService
import CourseStore
import Foundation
import Grading
import LRS
import Sync
import TestSupport
import Testing
import XAPI

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

/// The instructor every test installation's content names ("tutor"); installations made with
/// `instructor: true` hold its key beside their database, so the reviews decided there are signed.
enum LRSInstructor {
    static let keyFile: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("course-lrs-tests-\(getpid()).instructor-key").path
        _ = try! InstructorKey.loadOrCreate(path: path)
        return path
    }()
    static let publicKey = try! InstructorKey.load(path: keyFile)!.publicKey
}

/// One installation syncing through an LRS: its own database, device and grader.
final class Installation {
    let store: Store
    let grader = PartGrader()
    let device: UUID

    init(_ name: String, in folder: TemporaryFolder, instructor: Bool = true) throws {
        store = try Store(path: folder.path("\(name).db"))
        try importContent(objectives: LRSTestContent.objectives, exercises: LRSTestContent.exercises, into: store)
        try store.provenance.replaceContentKeys(instructors: [(LRSInstructor.publicKey, "tutor")], revoked: [])
        if instructor {
            try FileManager.default.copyItem(atPath: LRSInstructor.keyFile, toPath: InstructorKey.keyPath(forDatabase: store.path))
        }
        device = try store.settings.deviceID()
    }

    /// A learner with the id and handle another machine gave them (as a machine that heard of
    /// the learner some other way would hold them).
    func adopt(_ learner: Learner) throws {
        try store.learners.insert(learner)
    }

    /// The statement this installation pushes for `attempt`, decoded: signed by this device.
    func signedStatement(_ attempt: Attempt, homePage: String = XAPIExporter.defaultHomePage) throws -> [String: Any] {
        var signer = try StatementSigner(store: store, homePage: homePage)
        let learner = try store.learners.learner(id: attempt.learnerID)!
        return try JSONSerialization.jsonObject(with: Data(try signer.statement(attempt, learner: learner)!)) as! [String: Any]
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

/// What someone with write access to an LRS can try, and what a pull must make of it: the
/// scenario runs the same against the fault server and against Ralph; `post` stores statements
/// in the LRS as another client would.
enum Forgeries {
    /// Changes `statement` as a forger would: `edit` gets its context extensions (by short name)
    /// and its result, and returns them.
    static func edit(_ statement: [String: Any], homePage: String, newID: UUID? = nil,
                     learner: Learner? = nil, _ body: (inout [String: Any], inout [String: Any]) -> Void = { _, _ in }) -> [String: Any] {
        var copy = statement
        if let newID { copy["id"] = newID.uuidString.lowercased() }
        if let learner {
            copy["actor"] = ["objectType": "Agent", "name": learner.displayName,
                             "account": ["homePage": homePage, "name": learner.id.uuidString.lowercased()]]
        }
        var context = copy["context"] as! [String: Any]
        var full = context["extensions"] as! [String: Any]
        let prefix = "\(homePage)/xapi/extensions/"
        var short = Dictionary(uniqueKeysWithValues: full.map { (String($0.key.dropFirst(prefix.count)), $0.value) })
        var result = copy["result"] as! [String: Any]
        body(&short, &result)
        full = Dictionary(uniqueKeysWithValues: short.map { (prefix + $0.key, $0.value) })
        context["extensions"] = full
        copy["context"] = context
        copy["result"] = result
        return copy
    }

    static func claimCorrect(_ extensions: inout [String: Any], _ result: inout [String: Any]) {
        extensions["verdict"] = "correct"
        result["success"] = true
        result["score"] = ["scaled": 1]
    }

    /// Runs the scenario; returns the pull's report for the caller to print on failure.
    @discardableResult
    static func run(in folder: TemporaryFolder, endpoint: String, credentials: LRSCredentials, homePage: String,
                    post: ([[String: Any]]) throws -> Void) throws -> LRSPuller.Report {
        // Recent times: the newest in a shared LRS, so all of this run's statements share a page.
        let start = (Int64(Date().timeIntervalSince1970) - 3600) * 1000
        let a = try Installation("forge-a", in: folder)
        let ada = try a.addLearner("ada")
        let bob = try a.addLearner("bob")
        let bobs = try a.answer(bob.id, exercise: "ex1", part: "a", "2*x", at: start)
        let wrong = try a.answer(ada.id, exercise: "ex1", part: "a", "x^2", at: start + 1000)
        #expect(bobs.verdict == .correct && wrong.verdict == .incorrect)
        let genuine = try a.signedStatement(wrong, homePage: homePage)

        // 1. ada's signed wrong answer, its verdict turned to "correct", in the LRS before a pushes it.
        let verdictForged = edit(genuine, homePage: homePage, claimCorrect)
        // 2. The answer replaced by the right one (as a new attempt): the signature no longer matches.
        let answerForged = edit(genuine, homePage: homePage, newID: UUID()) { extensions, result in
            extensions["answer"] = "2*x"
            result["response"] = "2*x"
            claimCorrect(&extensions, &result)
        }
        // 3. ada's attempt passed off as bob's: the learner is part of what the device signed.
        let otherLearner = edit(genuine, homePage: homePage, newID: UUID(), learner: bob) { extensions, result in
            extensions["learner-handle"] = "bob"
            extensions["enrolments"] = []
            claimCorrect(&extensions, &result)
        }
        // 4. No signature at all (as statements pushed before signatures were).
        let unsigned = edit(genuine, homePage: homePage, newID: UUID()) { extensions, result in
            extensions["signature"] = nil
            extensions["enrolments"] = nil
            claimCorrect(&extensions, &result)
        }
        // 5. Another machine speaking for bob, signed by its own device and enrolling it for him.
        let m = try Installation("forge-m", in: folder, instructor: false)
        try m.adopt(bob)
        let mallory = try m.signedStatement(
            m.answer(bob.id, exercise: "ex1", part: "b", "4", at: start + 5000), homePage: homePage)
        // 6. A time far in the future (a year ahead), re-signed by nobody.
        let future = edit(genuine, homePage: homePage, newID: UUID())
            .merging(["timestamp": StatementImporter.timestampText(start + 366 * 86_400_000)]) { $1 }

        try post([verdictForged])
        let pushed = try LRSPusher(store: a.store, endpoint: LRSEndpoint(endpoint), credentials: credentials,
                                   homePage: homePage, retry: .fast).push()
        #expect(pushed.accepted == 1 && pushed.conflicts.map(\.statementID) == [wrong.id.uuidString.lowercased()],
                "the LRS holds the forged content under ada's attempt id: a conflict, reported")
        try post([answerForged, otherLearner, unsigned, mallory, future])

        let b = try Installation("forge-b", in: folder)
        let report = try LRSPuller(store: b.store, endpoint: LRSEndpoint(endpoint), credentials: credentials,
                                   homePage: homePage, retry: .fast).pull()
        #expect(report.added == 2, "bob's attempt and ada's (regraded), nothing else")
        #expect(report.verdictDifferences == 1)
        #expect(report.refused == 4 && report.unsigned == 1)
        #expect(try b.store.attempts.attempt(id: wrong.id)?.verdict == .incorrect)
        #expect(try b.store.attempts.attempts(learnerID: ada.id).map(\.id) == [wrong.id])
        #expect(try b.store.attempts.attempts(learnerID: bob.id).map(\.id) == [bobs.id])
        #expect(try b.mastery() == a.mastery(), "the forgeries changed nobody's mastery")
        let reasons = report.refusedReasons.joined(separator: "\n")
        #expect(reasons.contains("does not match its content"))
        #expect(reasons.contains("the learner already has enrolled devices here and none of them signed it"))
        #expect(reasons.contains("more than 24 hours after this machine's clock"))
        #expect(report.text.contains("4 statements were refused"))
        #expect(report.text.contains("1 unsigned statements were skipped"))
        #expect(report.cursor.flatMap(StatementImporter.timestamp).map { $0 <= Int64(Date().timeIntervalSince1970 * 1000) } == true,
                "a statement dated in the future does not move the cursor past this machine's clock")

        // Once b knows bob's device, another device's attempt for him is refused even when it is
        // dated before all of bob's own work.
        let backdated = try m.signedStatement(
            m.answer(bob.id, exercise: "ex1", part: "a", "2*x", at: start - 10_000), homePage: homePage)
        try post([backdated])
        let again = try LRSPuller(store: b.store, endpoint: LRSEndpoint(endpoint), credentials: credentials,
                                  homePage: homePage, retry: .fast).pull(full: true)
        #expect(again.added == 0 && again.refused == 5 && again.masteryChanges == 0)
        #expect(try b.store.attempts.attempts(learnerID: bob.id).map(\.id) == [bobs.id])

        // Trusting unsigned statements takes the unsigned one, regraded: still not correct.
        let trusting = try LRSPuller(store: b.store, endpoint: LRSEndpoint(endpoint), credentials: credentials,
                                     homePage: homePage, trustUnsigned: true, retry: .fast).pull(full: true)
        #expect(trusting.added == 1 && trusting.refused == 5)
        #expect(try b.store.attempts.attempts(learnerID: ada.id).allSatisfy { $0.verdict == .incorrect })
        return report
    }
}
