import ArgumentParser
import CourseCLI
import CourseStore
import Foundation
import Sync
import XAPI

/// `course-admin sync`: gather or hand out a class's attempts as bundle files.
struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Exchange learners' attempts with other machines as bundle files, or export them as xAPI.",
        subcommands: [Export.self, SyncImportCommand.self]
    )

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write the attempts of all or some learners as one bundle file (or as xAPI statements)."
        )

        @OptionGroup var database: DatabaseOptions

        @Option(name: [.short, .customLong("output")], help: "The file to write (default: standard output).")
        var output: String?

        @Option(name: .customLong("learner"), help: "Export this learner (by handle); repeat for several. Default: every learner.")
        var learners: [String] = []

        @Option(name: .customLong("since-last"), help: "Export only what was not yet exported to this peer (a name you choose), and remember it.")
        var sinceLast: String?

        @Flag(help: "Export everything (the default).")
        var all = false

        @Flag(help: "Replace the output file if it exists (never the database, a folder or a device).")
        var force = false

        @Flag(help: "Write xAPI statements (a JSON array for a Learning Record Store) instead of a bundle.")
        var xapi = false

        @Option(name: .customLong("home-page"), help: "With --xapi: the IRI naming learner accounts and activities.")
        var homePage = XAPIExporter.defaultHomePage

        func validate() throws {
            if all, sinceLast != nil {
                throw ValidationError("Choose either --since-last PEER or --all, not both.")
            }
            if xapi, sinceLast != nil {
                throw ValidationError("--xapi exports every selected attempt; leave out --since-last.")
            }
            if let sinceLast, sinceLast.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError("--since-last needs a peer name, such as 'lab' or 'office'.")
            }
        }

        func run() throws {
            let store = try database.openStore(checkingIntegrity: true)
            let ids = learners.isEmpty ? nil : try BundleExporter(store: store).learnerIDs(handles: learners)
            let destination: BundleExporter.Destination = output.map { .file($0, replacing: force) } ?? .standardOutput
            let line: String
            if xapi {
                let count = try XAPIExporter(store: store, homePage: homePage).export(to: destination, learnerIDs: ids)
                line = "Exported \(count) xAPI statement\(count == 1 ? "" : "s") to \(output ?? "standard output")."
            } else {
                let summary = try BundleExporter(store: store).export(
                    to: destination, options: .init(learnerIDs: ids, sinceLastPeer: sinceLast))
                line = summary.text(destination: output ?? "standard output")
            }
            announceExport(line, output: output)
        }
    }
}
