import ArgumentParser
import CourseCLI
import CourseStore
import Foundation
import LRS
import Sync
import XAPI

/// `course-admin lrs`: sync through a Learning Record Store (xAPI) instead of bundle files.
struct LRSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lrs",
        abstract: "Sync attempts through a Learning Record Store: push them as xAPI statements, pull everyone else's.",
        subcommands: [Push.self, Pull.self, Status.self]
    )

    /// Where the LRS is and how to log in to it; the password is read, never stored or printed.
    struct Connection: ParsableArguments {
        @Option(help: "The LRS's xAPI base URL, such as http://127.0.0.1:8100/xAPI/.")
        var endpoint: String

        @Option(help: "The Basic-authentication user name.")
        var user: String

        @Option(name: .customLong("password-file"), help: "A file whose first line is the password.")
        var passwordFile: String?

        @Option(name: .customLong("password-env"), help: "An environment variable holding the password.")
        var passwordEnv: String?

        @Option(name: .customLong("home-page"), help: "The IRI naming learner accounts and activities (the same on every machine of the class).")
        var homePage = XAPIExporter.defaultHomePage

        func validate() throws {
            if (passwordFile == nil) == (passwordEnv == nil) {
                throw ValidationError("Give the LRS password with exactly one of --password-file FILE or --password-env VARIABLE.")
            }
            _ = try parsedEndpoint()
        }

        func parsedEndpoint() throws -> LRSEndpoint {
            do {
                return try LRSEndpoint(endpoint)
            } catch {
                throw ValidationError(error.description)
            }
        }

        func credentials() throws -> LRSCredentials {
            if let passwordFile { return try LRSCredentials.fromFile(user: user, path: passwordFile) }
            return try LRSCredentials.fromEnvironment(user: user, variable: passwordEnv ?? "")
        }
    }

    struct Push: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send every attempt and review decision the LRS has not accepted yet (resumes an interrupted push).")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var connection: Connection

        @Option(name: .customLong("batch-size"), help: "Statements per request (halved when the LRS answers 413).")
        var batchSize = 100

        func validate() throws {
            guard (1...10_000).contains(batchSize) else { throw ValidationError("--batch-size must be between 1 and 10000.") }
        }

        func run() throws {
            let store = try database.openStore()
            let report = try LRSPusher(
                store: store, endpoint: try connection.parsedEndpoint(), credentials: try connection.credentials(),
                homePage: connection.homePage, batchSize: batchSize
            ).push()
            print(report.text)
            if !report.conflicts.isEmpty || !report.rejected.isEmpty {
                throw CommandFailure("Some statements were not accepted (listed above).", status: 2)
            }
        }
    }

    struct Pull: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import the course's statements from the LRS: regraded here, mastery replayed, foreign ones skipped.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var connection: Connection

        @Flag(help: "Read everything again instead of from the cursor (finds statements that arrived late with old timestamps).")
        var full = false

        @Option(help: "Seconds the cursor re-reads before the newest statement seen (LRSs differ in what 'since' means).")
        var overlap: Double = 300

        @Option(name: .customLong("page-size"), help: "Statements asked for per page (the LRS may cap it).")
        var pageSize = 100

        @Flag(name: .customLong("trust-unsigned"), help: "Also accept unsigned statements (pushed before statements were signed); only if you trust everyone who writes to this LRS.")
        var trustUnsigned = false

        func validate() throws {
            guard overlap >= 0 else { throw ValidationError("--overlap must be zero or more seconds.") }
            guard (1...10_000).contains(pageSize) else { throw ValidationError("--page-size must be between 1 and 10000.") }
        }

        func run() throws {
            let store = try database.openStore()
            let report = try LRSPuller(
                store: store, endpoint: try connection.parsedEndpoint(), credentials: try connection.credentials(),
                homePage: connection.homePage, pageSize: pageSize, overlap: overlap, trustUnsigned: trustUnsigned
            ).pull(full: full)
            print(report.text)
            if !report.conflicts.isEmpty {
                throw CommandFailure("Some pulled attempts conflict with attempts stored here (listed above).", status: 2)
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show, per LRS endpoint, the outbox (pending, accepted, conflicts, refused), the pull cursor and the last results.")

        @OptionGroup var database: DatabaseOptions

        @Option(help: "Only this endpoint (default: every endpoint used from this database).")
        var endpoint: String?

        func run() throws {
            let store = try database.openStore()
            let keys: [String]
            if let endpoint {
                do { keys = [try LRSEndpoint(endpoint).key] } catch { throw ValidationError(error.description) }
            } else {
                keys = try store.lrs.endpoints()
            }
            if keys.isEmpty { print("No LRS has been pushed to or pulled from with this database.") }
            for key in keys {
                let counts = try store.lrs.counts(endpoint: key)
                let state = try store.lrs.endpointState(key)
                print(key)
                print("  outbox: \(counts[.pending] ?? 0) pending, \(counts[.accepted] ?? 0) accepted, \(counts[.conflict] ?? 0) conflicts, \(counts[.rejected] ?? 0) refused")
                print("  pull cursor: \(state?.pullCursor ?? "none")")
                print("  last push: \(state?.lastPush.isEmpty == false ? state!.lastPush : "never")")
                print("  last pull: \(state?.lastPull.isEmpty == false ? state!.lastPull : "never")")
                for (id, detail) in try store.lrs.settled(.conflict, endpoint: key, limit: 20) + store.lrs.settled(.rejected, endpoint: key, limit: 20) {
                    print("  not accepted: \(id) (\(detail))")
                }
            }
        }
    }
}
