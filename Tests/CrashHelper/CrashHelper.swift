import ArgumentParser
import CourseModels
import CourseStore
import Foundation
import Sync

/// The child process of the crash and concurrency tests: writes to a database as the product
/// does, and with `COURSE_CRASH_AFTER_ROWS=N` kills itself at the N-th row (`CrashPoint`), so
/// a test chooses the point of the crash instead of guessing it with a sleep. Not installed;
/// the tests find it next to themselves in the build products.
@main
struct CrashHelper: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "course-crash-helper",
        abstract: "Write to a course database for the crash tests (stops itself at COURSE_CRASH_AFTER_ROWS).",
        subcommands: [Write.self, Import.self]
    )
}

extension CrashHelper {
    /// `--mode transaction` inserts a new learner and `--attempts` attempts in one transaction
    /// (the test stops it at a chosen row and expects all or nothing); `--mode single` inserts
    /// each attempt in its own transaction (several run at once and none may fail or lose one).
    struct Write: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write attempts for one learner.")

        enum Mode: String, ExpressibleByArgument, CaseIterable {
            case transaction, single
        }

        @Option(help: "The database file (created and migrated if absent).")
        var db: String

        @Option(help: "The learner id the attempts belong to (created if absent).")
        var learner: String

        @Option(help: "How many attempts to write.")
        var attempts = 1000

        @Option(help: "transaction: all attempts in one transaction; single: one transaction each.")
        var mode: Mode = .transaction

        func validate() throws {
            guard UUID(uuidString: learner) != nil else {
                throw ValidationError("--learner must be a UUID such as \(UUID().uuidString).")
            }
        }

        func run() throws {
            let learnerID = UUID(uuidString: learner)!
            let store = try Store(path: db)
            let device = try store.settings.deviceID()
            CrashPoint.arm(store)
            let person = Learner(id: learnerID, handle: "w" + learnerID.uuidString.prefix(13), displayName: "Writer")
            func attempt(_ index: Int) -> Attempt {
                Attempt(learnerID: learnerID, exerciseID: "ex\(index % 7)", part: "a", answer: "x^\(index)",
                        deviceID: device, graderVersion: "writer", verdict: .correct, score: 1)
            }
            switch mode {
            case .transaction:
                try store.transaction {
                    try store.learners.insertIfAbsent(person)
                    for index in 0..<attempts { try store.attempts.insert(attempt(index)) }
                }
            case .single:
                try store.learners.insertIfAbsent(person)
                for index in 0..<attempts { try store.attempts.insert(attempt(index)) }
            }
        }
    }

    /// Imports one bundle through the product's import path (one transaction).
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Import one bundle.")

        @Option(help: "The database file.")
        var db: String

        @Option(help: "The bundle file to read.")
        var bundle: String

        func run() throws {
            let store = try Store(path: db)
            CrashPoint.arm(store)
            let report = try BundleImporter(store: store).importBundle(at: bundle)
            print("\(report.added) attempts added")
        }
    }
}
