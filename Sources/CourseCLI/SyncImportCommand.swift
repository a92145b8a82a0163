import ArgumentParser
import CourseModels
import Foundation
import Sync

/// `sync import FILE…`, the same in both programs.
public struct SyncImportCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import bundle files, each checked whole and applied on its own.",
        discussion: """
            Bundles are signed: attempts by the device that made them (enrolled by its learner), \
            review decisions by an instructor the course content names. Unsigned bundles are \
            accepted only from this machine's own exports, or with --trust-unsigned.

            Exit status: 0 when every bundle was imported, 2 when some attempt conflicted with \
            a different one stored here (it was skipped and reported), 1 when a bundle was refused.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The bundle files, imported in the order given ('-' reads standard input).")
    public var files: [String] = []

    @Flag(name: .customLong("trust-unsigned"), help: "Also accept unsigned attempts and review decisions (bundles from before signatures); only for a source you trust.")
    public var trustUnsigned = false

    public init() {}

    public func validate() throws {
        if files.isEmpty { throw ValidationError("Name at least one bundle file to import.") }
        if files.filter({ $0 == "-" }).count > 1 { throw ValidationError("Standard input ('-') can be read only once; name it once.") }
    }

    public func run() throws {
        let batch = BundleImporter(store: try database.openStore(checkingIntegrity: true), trustUnsigned: trustUnsigned).importBundles(at: files)
        for outcome in batch.outcomes {
            switch outcome {
            case let .imported(report): print(report.text())
            case let .refused(_, error): StandardStreams.writeError("error: \(error)\n")
            }
        }
        if batch.exitStatus != 0 { throw ExitCode(batch.exitStatus) }
    }
}

/// Says what an export wrote: on standard error when the bundle itself went to standard output.
public func announceExport(_ line: String, output: String?) {
    if output == nil {
        StandardStreams.writeError(line + "\n")
    } else {
        print(line)
    }
}
