import ArgumentParser
import CourseCLI
import CourseModels
import Foundation
import CourseService
import Sync

struct LearnersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learners",
        abstract: "Add, list and merge learners.",
        subcommands: [Add.self, List.self, Merge.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a learner to this machine.")

        @OptionGroup var database: DatabaseOptions

        @Argument(help: "The learner's handle: letters, digits, '-', '_' or '.'.")
        var handle: String

        @Option(name: .long, help: "The learner's display name (default: the handle).")
        var name: String?

        func run() throws {
            let store = try database.openStore()
            let learner = try LearnerSelection(store: store).add(handle: handle, displayName: name)
            print("Added learner '\(TerminalText.visible(learner.handle))' (\(TerminalText.visible(learner.displayName))), id \(learner.id.uuidString.lowercased()).")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the learners on this machine.")

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let learners = try CourseService(store: try database.openExistingStore()).learners()
            if learners.isEmpty {
                print("No learners yet: add one with 'course-admin learners add HANDLE'.")
                return
            }
            for row in learners {
                print("\(TerminalText.visible(row.learner.handle))\t\(TerminalText.visible(row.learner.displayName))\t\(row.attempts) attempts")
            }
        }
    }

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Merge learner B into learner A: B's attempts become A's, B is removed, A's mastery is replayed.",
            discussion: """
                For one person who became two learners, such as 'ada' and 'ada-1a2b3c4d' after \
                logging in on a second machine before importing their bundle. A merge is an \
                instructor's act: it is signed with this machine's instructor key (see \
                'course-admin instructor init'), which the course content must name, and travels \
                with every later bundle of A, so other machines apply it too; without that key it \
                is refused. Later bundles that still carry B add to A; B's attempts keep the \
                learner id their device signed.
                """
        )

        @OptionGroup var database: DatabaseOptions

        @Argument(help: "The learner to keep (A).")
        var kept: String

        @Argument(help: "The learner merged into A and removed (B).")
        var merged: String

        @Flag(name: .long, help: "Print JSON.")
        var json = false

        func run() throws {
            let store = try database.openExistingStore(checkingIntegrity: true)
            let result = try LearnerMerging(store: store).merge(kept: kept, merged: merged)
            if json { print(encodeJSON(result)); return }
            print("Merged '\(TerminalText.visible(result.merged))' into '\(TerminalText.visible(result.kept))': \(result.attemptsMoved) attempt\(result.attemptsMoved == 1 ? "" : "s") moved, mastery replayed; the signed merge goes with every later bundle of '\(TerminalText.visible(result.kept))'.")
        }
    }
}
