import CourseModels
import Foundation
import LRS
import Sync
import TestSupport
import Testing

/// The Ralph LRS that `scripts/ralph` (and `.ci/run`) started, named by the environment it
/// writes: COURSE_LRS_ENDPOINT, COURSE_LRS_USER, COURSE_LRS_PASSWORD_FILE.
enum Ralph {
    static let environment = ProcessInfo.processInfo.environment
    static let endpoint = environment["COURSE_LRS_ENDPOINT"]
    static let credentials: LRSCredentials? = {
        guard let user = environment["COURSE_LRS_USER"], let file = environment["COURSE_LRS_PASSWORD_FILE"] else { return nil }
        return try? LRSCredentials.fromFile(user: user, path: file)
    }()
    static var available: Bool { endpoint != nil && credentials != nil }
    static let skipMessage: Comment = "Ralph is not running: start it with 'scripts/ralph test' (or 'scripts/ralph start' and source .build/ralph/env)"
}

/// Under CI the Ralph tests must run, never be skipped.
@Test(.enabled(if: ProcessInfo.processInfo.environment["CI"] == "true", "only under CI=true"))
func ralphIsRunningUnderCI() {
    #expect(Ralph.available, "CI=true but COURSE_LRS_ENDPOINT / COURSE_LRS_USER / COURSE_LRS_PASSWORD_FILE are not set: .ci/run must start Ralph")
}

/// Sync through a real LRS, Ralph 5 over its file-system back end. Each test names its own
/// home page, so the others' statements in the shared store are foreign to it.
@Suite(.serialized, .enabled(if: Ralph.available, Ralph.skipMessage))
final class RalphTests {
    let folder: TemporaryFolder
    let endpoint = Ralph.endpoint ?? ""
    let credentials = Ralph.credentials ?? LRSCredentials(user: "", password: "")
    let homePage = "https://course.invalid/run-\(UUID().uuidString.prefix(8).lowercased())"

    init() throws {
        folder = try TemporaryFolder(prefix: "lrs-ralph")
    }

    func push(_ machine: Installation) throws -> LRSPusher.Report {
        try LRSPusher(store: machine.store, endpoint: LRSEndpoint(endpoint), credentials: credentials,
                      homePage: homePage, retry: .fast).push()
    }

    func pull(_ machine: Installation, full: Bool = false) throws -> LRSPuller.Report {
        try LRSPuller(store: machine.store, endpoint: LRSEndpoint(endpoint), credentials: credentials,
                      homePage: homePage, retry: .fast).pull(full: full)
    }

    @Test(arguments: [2, 3])
    func databasesSyncingOnlyThroughRalphConverge(machines count: Int) throws {
        var random = SeededRandom(seed: UInt64(count) * 7919)
        let machines = try (0..<count).map { try Installation("m\($0)", in: folder) }
        var learners: [[Learner]] = []
        for (index, machine) in machines.enumerated() {
            learners.append(try (0..<2).map { try machine.addLearner("m\(index)l\($0)") })
        }
        var clock: Int64 = 1_750_000_000_000
        for _ in 0..<6 {
            for index in machines.indices.shuffled(using: &random) {
                let machine = machines[index]
                switch Int.random(in: 0..<4, using: &random) {
                case 0: _ = try push(machine)
                case 1: _ = try pull(machine)
                default:
                    for _ in 0..<Int.random(in: 1...4, using: &random) {
                        clock += Int64.random(in: 1...90_000, using: &random)
                        let item = LRSTestContent.answers.randomElement(using: &random)!
                        let attempt = try machine.answer(learners[index].randomElement(using: &random)!.id,
                                                         exercise: item.exercise, part: item.part,
                                                         item.answers.randomElement(using: &random)!, at: clock)
                        if attempt.verdict == .pendingReview, Bool.random(using: &random) {
                            clock += 1000
                            try machine.review(attempt, accepted: Bool.random(using: &random), at: clock)
                        }
                    }
                }
                if Bool.random(using: &random) { _ = try push(machine) }
            }
        }
        // Everyone pushes, then everyone reconciles: Ralph filters `since` on the statement's
        // timestamp, so an attempt made early and pushed late is past every cursor but a full pull's.
        for machine in machines { _ = try push(machine) }
        for machine in machines { _ = try pull(machine, full: true) }
        let reference = machines[0]
        #expect(try !reference.submissions().isEmpty)
        for machine in machines.dropFirst() {
            #expect(try machine.submissions() == reference.submissions())
            #expect(try machine.grades() == reference.grades())
            #expect(try machine.reviews() == reference.reviews())
            #expect(try machine.mastery() == reference.mastery())
        }
        for machine in machines {
            let again = try push(machine)
            #expect(again.queued == 0 && again.requests == 0)
            let quiet = try pull(machine)
            #expect(quiet.added == 0 && quiet.conflicts.isEmpty && quiet.masteryChanges == 0)
        }
    }

    @Test func repeatedPushChangesNothingEvenFromAnotherMachineHoldingTheSameAttempts() throws {
        let a = try Installation("a", in: folder)
        let attempts = try a.practise(learners: 2, answers: 40, from: 1_750_000_000_000)
        let first = try push(a)
        #expect(first.accepted == attempts.count && first.conflicts.isEmpty)
        let again = try push(a)
        #expect(again.queued == 0 && again.requests == 0)

        // b got the same attempts as a bundle and pushes them: Ralph holds them already (204).
        let bundle = folder.path("a.json")
        _ = try BundleExporter(store: a.store).export(to: .file(bundle))
        let b = try Installation("b", in: folder)
        _ = try BundleImporter(store: b.store).importBundle(at: bundle)
        let fromB = try push(b)
        #expect(fromB.accepted == attempts.count && fromB.conflicts.isEmpty && fromB.rejected.isEmpty)

        let c = try Installation("c", in: folder)
        let pulled = try pull(c)
        #expect(pulled.attempts == attempts.count && pulled.added == attempts.count, "no statement twice in Ralph")
        #expect(try c.submissions() == a.submissions() && c.mastery() == a.mastery())
    }

    @Test func forgedStatementsInRalphDoNotCountAfterPull() throws {
        try Forgeries.run(in: folder, endpoint: endpoint, credentials: credentials, homePage: homePage) { statements in
            let response = try URLSessionTransport().send(HTTPRequest(
                method: "POST", url: LRSEndpoint(endpoint).statements,
                headers: ["Authorization": "Basic " + Data("\(credentials.user):\(try password())".utf8).base64EncodedString(),
                          "X-Experience-API-Version": "1.0.3", "Content-Type": "application/json"],
                body: try JSONSerialization.data(withJSONObject: statements)))
            #expect(response.status == 200, "Ralph stored the forged statements: \(String(decoding: response.body, as: UTF8.self))")
        }
    }

    @Test func wrongPasswordIsRefused() throws {
        let a = try Installation("a", in: folder)
        _ = try a.practise(learners: 1, answers: 2, from: 1_750_000_000_000)
        let wrong = LRSCredentials(user: credentials.user, password: "not-the-password")
        #expect(throws: LRSError.unauthorized(url: try LRSEndpoint(endpoint).statements.absoluteString, status: 401)) {
            try LRSPusher(store: a.store, endpoint: LRSEndpoint(endpoint), credentials: wrong, homePage: homePage).push()
        }
    }

    private func password() throws -> String {
        guard let file = Ralph.environment["COURSE_LRS_PASSWORD_FILE"],
              let text = String(data: try contents(file), encoding: .utf8) else { throw TestFailure("no password file") }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// SplitMix64, so the random orders of the convergence test are the same on every run.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
