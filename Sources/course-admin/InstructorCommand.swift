import ArgumentParser
import CourseCLI
import Foundation
import Sync

/// `course-admin instructor init`: the key that signs this instructor's review decisions.
struct InstructorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "instructor",
        abstract: "Manage the instructor key that signs review decisions.",
        subcommands: [Init.self]
    )

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create this machine's instructor key (or show the existing one) and print the lines to add to Seeds/course.yaml."
        )

        @OptionGroup var database: DatabaseOptions

        @Option(help: "The instructor's name, as the content will list it.")
        var name = "instructor"

        func run() throws {
            let path = InstructorKey.keyPath(forDatabase: database.location.path)
            let (key, created) = try InstructorKey.loadOrCreate(path: path)
            print(created
                ? "Created the instructor key \(path) (readable only by you; keep a copy somewhere safe)."
                : "The instructor key \(path) already exists; it was kept.")
            print("Add these lines to Seeds/course.yaml, then run 'course-admin import seeds' on every machine:")
            print(key.contentLines(name: name))
        }
    }
}
