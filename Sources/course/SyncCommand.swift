import ArgumentParser
import CourseStore
import Foundation
import Sync

/// `course sync`: move your attempts between machines as bundle files.
struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Exchange your attempts with another machine as bundle files.",
        subcommands: [Export.self, Import.self]
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

        func validate() throws {
            if all, sinceLast != nil {
                throw ValidationError("Choose either --since-last PEER or --all, not both.")
            }
            if let sinceLast, sinceLast.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError("--since-last needs a peer name, such as 'lab' or 'laptop'.")
            }
        }

        func run() throws {
            let store = try database.openStore()
            let me = try learner.current(in: store)
            do {
                let summary = try BundleExporter(store: store).export(
                    to: output.map { .file($0) } ?? .standardOutput,
                    options: .init(learnerIDs: [me.id], sinceLastPeer: sinceLast))
                let line = summary.text(destination: output ?? "standard output")
                if output == nil {
                    FileHandle.standardError.write(Data((line + "\n").utf8))
                } else {
                    print(line)
                }
            } catch {
                fail("\(error)")
            }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import bundle files, each checked whole and applied on its own.",
            discussion: """
                Exit status: 0 when every bundle was imported, 2 when some attempt conflicted with \
                a different one stored here (it was skipped and reported), 1 when a bundle was refused.
                """
        )

        @OptionGroup var database: DatabaseOptions

        @Argument(help: "The bundle files, imported in the order given.")
        var files: [String]

        func validate() throws {
            if files.isEmpty { throw ValidationError("Name at least one bundle file to import.") }
        }

        func run() throws {
            let batch = BundleImporter(store: try database.openStore()).importBundles(at: files)
            for outcome in batch.outcomes {
                switch outcome {
                case let .imported(report): print(report.text())
                case let .refused(_, error): FileHandle.standardError.write(Data("error: \(error)\n".utf8))
                }
            }
            if batch.exitStatus != 0 { throw ExitCode(batch.exitStatus) }
        }
    }
}
