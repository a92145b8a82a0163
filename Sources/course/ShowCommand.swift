import ArgumentParser
import CourseCLI
import Foundation
import CourseService

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show an exercise: its prompt, its parts, the answer format and the hints you have unlocked."
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var learnerOptions: LearnerOptions

    @Argument(help: "The exercise, e.g. ex4 or drill1.")
    var exercise: String

    func run() throws {
        let store = try database.openStore()
        let learner = try learnerOptions.current(in: store)
        let service = CourseService(store: store)
        let terminal = Terminal.standard
        let (found, _) = try service.resolve(exercise)
        try announceNewReviews(service, learner: learner)
        let hints = try service.unlockedHints(learnerID: learner.id, exercise: found)
        print(terminal.bold("\(found.id) — \(found.title)"))
        print()
        print(found.prompt.trimmingCharacters(in: .newlines))
        print()
        if found.parts.count > 1 || !(found.parts.first?.label.isEmpty ?? true) {
            print(terminal.bold("Parts"))
            for part in found.parts {
                print("  \(part.label)) \(part.prompt)  [\(part.kind.rawValue)]")
            }
        }
        let unlocked = found.parts.compactMap { part -> String? in
            guard let list = hints[part.label], !list.isEmpty else { return nil }
            let name = part.label.isEmpty ? "" : "\(part.label)) "
            return list.map { "  \(name)\($0)" }.joined(separator: "\n")
        }
        if !unlocked.isEmpty {
            print()
            print(terminal.bold("Hints you have unlocked"))
            print(unlocked.joined(separator: "\n"))
        }
        let reviews = try service.reviewNotices(learnerID: learner.id, exerciseID: found.id)
        if !reviews.isEmpty {
            print()
            print(terminal.bold("Reviews"))
            for review in reviews { print("  " + review.sentence) }
        }
        print()
        print("Submit with: course submit \(found.id) answer.txt")

    }
}
