import ArgumentParser
import CourseCLI
import CourseStore
import Foundation
import Sync

/// `course sync`: move your attempts between machines as bundle files.
struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Exchange your attempts with another machine as bundle files.",
        subcommands: [Export.self, SyncImportCommand.self]
    )

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write your attempts and their review decisions as one bundle file."
        )

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var learner: LearnerOptions

        @Option(name: [.short, .customLong("output")], help: "The bundle file to write (default: standard output).")
        var output: String?

        @Option(name: .customLong("since-last"), help: "Export only what was not yet exported to this peer (a name you choose, such as 'lab'), and remember it.")
        var sinceLast: String?

        @Flag(help: "Export everything (the default).")
        var all = false

        @Flag(help: "Replace the output file if it exists (never the database, a folder or a device).")
        var force = false

        func validate() throws {
            if all, sinceLast != nil {
                throw ValidationError("Choose either --since-last PEER or --all, not both.")
            }
            if let sinceLast, sinceLast.trimmingSpaces.isEmpty {
                throw ValidationError("--since-last needs a peer name, such as 'lab' or 'laptop'.")
            }
        }

        func run() throws {
            let store = try database.openStore(checkingIntegrity: true)
            let me = try learner.current(in: store)
            let summary = try BundleExporter(store: store).export(
                to: output.map { .file($0, replacing: force) } ?? .standardOutput,
                options: .init(learnerIDs: [me.id], sinceLastPeer: sinceLast))
            announceExport(summary.text(destination: output ?? "standard output"), output: output)
        }
    }
}
