import ArgumentParser
import Content
import CourseModels
import CourseService
import CourseStore
import FaultLRS
import Foundation
import LRS
import Sync

/// `course-bench lrs`: the bars of issue 15. Builds a source database (the seed content, M
/// learners, N graded attempts), pushes every attempt to an LRS as signed statements, pulls
/// them into an empty database holding the same content (each statement's signature checked,
/// every answer regraded, mastery replayed), and checks that the pulled database's attempts and
/// mastery equal the source's. Each phase runs in its own child process, so its peak memory
/// is its own.
///
/// Without `--endpoint` the LRS is the fault-injecting server of the test suite (`FaultLRS`),
/// in this process, injecting nothing: it has no limit of its own, so the rates are the
/// client's. With `--endpoint` (Ralph started by `scripts/ralph start`), the LRS sets the pace.
struct LRSBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lrs",
        abstract: "Measure push to and pull from an LRS (signed statements, regraded on pull): rates and peak memory.",
        subcommands: [LRSPhase.self]
    )

    @Option(help: "How many attempts to push and pull (default: 100000 through the fault server, 20000 through --endpoint).")
    var attempts: Int?

    @Option(help: "How many learners share them.")
    var learners = 200

    @Option(help: "The LRS's xAPI base URL (default: the in-process fault server).")
    var endpoint: String?

    @Option(help: "The Basic-authentication user (with --endpoint).")
    var user: String?

    @Option(name: .customLong("password-file"), help: "A file whose first line is the password (with --endpoint).")
    var passwordFile: String?

    @Option(name: .customLong("batch-size"), help: "Statements per POST (default: 500 through the fault server, 100 through --endpoint).")
    var batchSize: Int?

    @Option(name: .customLong("page-size"), help: "Statements per GET page (default: 500 through the fault server, 100 through --endpoint).")
    var pageSize: Int?

    @Option(help: "The seed folder (default: Seeds/ found from the working directory upwards).")
    var seeds: String?

    @Flag(help: "Keep the temporary folder with the databases.")
    var keep = false

    func validate() throws {
        if endpoint != nil, user == nil || passwordFile == nil {
            throw ValidationError("With --endpoint, give --user and --password-file (for Ralph: source .build/ralph/env and pass $COURSE_LRS_USER and $COURSE_LRS_PASSWORD_FILE).")
        }
        guard learners > 0, (attempts ?? 1) > 0, (batchSize ?? 1) > 0, (pageSize ?? 1) > 0 else {
            throw ValidationError("--attempts, --learners, --batch-size and --page-size must be positive.")
        }
    }

    func run() throws {
        let seedFolder = try benchmarkSeeds(seeds)
        try withBenchmarkFolder(named: "lrs", keep: keep) { folder in try run(in: folder, seeds: seedFolder) }
    }

    private func run(in folder: URL, seeds seedFolder: URL) throws {
        var server: FaultServer?
        defer { server?.stop() }
        let url: String, login: String, secret: String, label: String
        if let endpoint, let user, let passwordFile {
            (url, login, secret, label) = (endpoint, user, passwordFile, endpoint)
        } else {
            let started = try FaultServer()
            started.capPages(at: pageSize ?? 500)
            server = started
            secret = folder.appending(path: "password").path
            try Data(started.password.utf8).write(to: URL(fileURLWithPath: secret))
            (url, login, label) = (started.endpoint, started.user, "the fault-injecting server (no faults), in process")
        }
        let count = attempts ?? (server == nil ? 20_000 : 100_000)
        let batch = batchSize ?? (server == nil ? 100 : 500)
        let page = pageSize ?? (server == nil ? 100 : 500)
        // A home page of its own, so other statements in a shared LRS are foreign to this run.
        let homePage = "https://course.invalid/bench-\(UUID().uuidString.prefix(8).lowercased())"
        let source = folder.appending(path: "source.db").path
        let target = folder.appending(path: "target.db").path

        print("LRS benchmark: \(count) attempts by \(learners) learners through \(label); batches of \(batch), pages of \(page)")
        try SyncBenchmarkData.populate(source, seeds: seedFolder, attempts: count, learners: learners, uniqueShare: 0.01)
        // What `submit` would have stored (evidence after a shown key included), and the mastery of it.
        let sourceStore = try Store(path: source)
        _ = try CourseService(store: sourceStore).regrade()
        _ = try CourseService(store: sourceStore).replayMastery(of: Set(try sourceStore.learners.all().map(\.id)))
        _ = try SeedImporter(directory: seedFolder).importInto(try Store(path: target))
        let connection = ["--lrs", url, "--login", login, "--secret-file", secret, "--home-page", homePage]
        let push = try benchmarkPhase(["lrs", "phase", "push", "--db", source, "--size", String(batch)] + connection)
        print(String(format: "push: %8.0f statements/s  (%.1f s, each signed here on its first push)",
                     Double(push.count) / push.seconds, push.seconds))
        print("      peak memory: \(push.memory) (bar ≤ 300 MB)")
        let pull = try benchmarkPhase(["lrs", "phase", "pull", "--db", target, "--size", String(page)] + connection)
        print(String(format: "pull: %8.0f statements/s  (%.1f s, every signature checked and answer regraded; signature checks %.1f s)",
                     Double(pull.count) / pull.seconds, pull.seconds, pull.signatureSeconds))
        print("      peak memory: \(pull.memory) (bar ≤ 300 MB)")
        guard push.count == count, pull.count == count else {
            throw ValidationError("pushed \(push.count) and pulled \(pull.count) of \(count) attempts")
        }
        let compared = try LRSBenchmarkComparison(source: Store(path: source), target: Store(path: target))
        print("pulled database equals the source: \(compared.attempts) attempts (submission, verdict, score, evidence), \(compared.masteryStates) mastery states")
    }
}

/// `course-bench lrs phase`: one timed push or pull, in its own process (hidden). Prints one
/// JSON line: count, seconds, peak memory.
struct LRSPhase: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phase", abstract: "Push or pull once and report time and peak memory.", shouldDisplay: false)

    enum Kind: String, ExpressibleByArgument {
        case push, pull
    }

    @Argument(help: "push or pull.")
    var kind: Kind

    @Option(help: "The database file.")
    var db: String

    // Named unlike the parent's --endpoint, --user and --password-file, which the parser would
    // otherwise take for its own.
    @Option(name: .customLong("lrs"), help: "The LRS's xAPI base URL.")
    var endpoint: String

    @Option(name: .customLong("login"), help: "The Basic-authentication user.")
    var user: String

    @Option(name: .customLong("secret-file"), help: "A file whose first line is the password.")
    var passwordFile: String

    @Option(name: .customLong("home-page"), help: "The IRI naming learner accounts and activities.")
    var homePage: String

    @Option(help: "Statements per POST (push) or per page (pull).")
    var size: Int

    func run() throws {
        let store = try Store(path: db)
        let credentials = try LRSCredentials.fromFile(user: user, path: passwordFile)
        let lrs = try LRSEndpoint(endpoint)
        let sampler = AnonymousMemorySampler()
        let started = DispatchTime.now()
        var result: SyncPhase.Result
        switch kind {
        case .push:
            let report = try LRSPusher(store: store, endpoint: lrs, credentials: credentials, homePage: homePage,
                                       batchSize: size).push()
            guard report.pending == 0, report.conflicts.isEmpty, report.rejected.isEmpty else {
                throw ValidationError("the push did not complete: \(report.summary)")
            }
            result = SyncPhase.Result(count: report.accepted, seconds: 0, peakKB: 0, peakAnonymousKB: 0)
        case .pull:
            let report = try LRSPuller(store: store, endpoint: lrs, credentials: credentials, homePage: homePage,
                                       pageSize: size).pull()
            guard report.refused == 0, report.unsigned == 0, report.conflicts.isEmpty else {
                throw ValidationError("the pull did not accept everything: \(report.summary)")
            }
            result = SyncPhase.Result(count: report.added, seconds: 0, peakKB: 0, peakAnonymousKB: 0,
                                      signatureSeconds: report.signatureSeconds)
        }
        result.seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        result.peakKB = peakResidentKilobytes()
        result.peakAnonymousKB = sampler.stop()
        print(String(decoding: try JSONEncoder().encode(result), as: UTF8.self))
    }
}

/// The check that a pulled database holds what the source holds: every attempt (submission,
/// verdict, score and evidence status, as regraded on pull) and every mastery state.
struct LRSBenchmarkComparison {
    var attempts = 0
    var masteryStates = 0

    /// - Throws: `ValidationError` naming the first difference.
    init(source: Store, target: Store) throws {
        let learners = try source.learners.all().sorted { $0.id.uuidString < $1.id.uuidString }
        let pulled = try target.learners.all().sorted { $0.id.uuidString < $1.id.uuidString }
        guard learners.map(\.id) == pulled.map(\.id) else {
            throw ValidationError("the pulled database has \(pulled.count) learners, the source \(learners.count)")
        }
        for learner in learners {
            let mine = try source.attempts.attempts(learnerID: learner.id).sorted { $0.id.uuidString < $1.id.uuidString }
            let theirs = try target.attempts.attempts(learnerID: learner.id).sorted { $0.id.uuidString < $1.id.uuidString }
            guard mine.count == theirs.count else {
                throw ValidationError("\(learner.handle): \(theirs.count) attempts pulled, \(mine.count) in the source")
            }
            for (a, b) in zip(mine, theirs) {
                guard a.id == b.id, a.learnerID == b.learnerID, a.exerciseID == b.exerciseID, a.part == b.part,
                      a.answer == b.answer, a.submittedAt == b.submittedAt, a.deviceID == b.deviceID,
                      a.verdict == b.verdict, a.score == b.score, a.evidence == b.evidence else {
                    throw ValidationError("attempt \(a.id.uuidString) differs after the round trip")
                }
            }
            let states = try source.mastery.states(learnerID: learner.id)
            guard try target.mastery.states(learnerID: learner.id) == states else {
                throw ValidationError("\(learner.handle): mastery differs after the round trip")
            }
            attempts += mine.count
            masteryStates += states.count
        }
    }
}
