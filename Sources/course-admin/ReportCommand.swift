import ArgumentParser
import CourseCLI
import Foundation
import CourseService

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Learners × objectives mastery, attempts and scores, and the most frequent mistakes."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json
    }

    @OptionGroup var database: DatabaseOptions

    @Option(name: .long, help: "The output format.")
    var format: Format = .table

    @Option(name: .long, help: "With --format csv, the table to write (one table per file, with a header row): \(CourseReport.Table.allCases.map(\.rawValue).joined(separator: ", ")).")
    var table: CourseReport.Table?

    func validate() throws {
        if table != nil, format != .csv {
            throw ValidationError("--table chooses one CSV table: use it with --format csv.")
        }
    }

    func run() throws {
        let store = try database.openExistingStore()
        let report: CourseReport
        report = try CourseService(store: store).report()
        switch format {
        case .json:
            print(encodeJSON(report))
        case .csv:
            print(report.csv(table ?? .learners), terminator: "")
        case .table:
            if report.learners.isEmpty { print("No learners yet."); return }
            let columns = report.objectives.enumerated().map { "O\($0.offset + 1)" }
            print("learner".padding(toLength: 14, withPad: " ", startingAt: 0)
                + "attempts  score  done  " + columns.map { $0.padding(toLength: 5, withPad: " ", startingAt: 0) }.joined())
            for row in report.learners {
                var line = row.learner.padding(toLength: 14, withPad: " ", startingAt: 0)
                line += String(row.attempts).padding(toLength: 10, withPad: " ", startingAt: 0)
                line += percent(row.meanScore).padding(toLength: 7, withPad: " ", startingAt: 0)
                line += String(row.exercisesDone).padding(toLength: 6, withPad: " ", startingAt: 0)
                line += report.objectives.map { objective in
                    let value = row.mastery[objective] ?? 0
                    let mark = row.mastered.contains(objective) ? "*" : ""
                    return (percent(value) + mark).padding(toLength: 5, withPad: " ", startingAt: 0)
                }.joined()
                print(line)
            }
            print()
            for (index, objective) in report.objectives.enumerated() { print("O\(index + 1) = \(objective)") }
            print("* = mastered")
            print()
            print("Exercises")
            print("  " + "exercise".padding(toLength: 10, withPad: " ", startingAt: 0) + "learners  attempts  first try  done  frequent mistakes")
            for row in report.exercises {
                let first = row.firstTrySuccess.map(percent) ?? "–"
                print("  " + row.exercise.padding(toLength: 10, withPad: " ", startingAt: 0)
                    + String(row.learners).padding(toLength: 10, withPad: " ", startingAt: 0)
                    + String(row.attempts).padding(toLength: 10, withPad: " ", startingAt: 0)
                    + first.padding(toLength: 11, withPad: " ", startingAt: 0)
                    + String(row.done).padding(toLength: 6, withPad: " ", startingAt: 0)
                    + row.frequentMistakes.joined(separator: ", "))
            }
            if !report.practice.isEmpty {
                print()
                print("Practice (generated items)")
                print("  " + "objective".padding(toLength: 28, withPad: " ", startingAt: 0) + "tier  items  attempts  success")
                for row in report.practice {
                    print("  " + row.objective.padding(toLength: 28, withPad: " ", startingAt: 0)
                        + String(row.tier).padding(toLength: 6, withPad: " ", startingAt: 0)
                        + String(row.items).padding(toLength: 7, withPad: " ", startingAt: 0)
                        + String(row.attempts).padding(toLength: 10, withPad: " ", startingAt: 0)
                        + (row.success.map(percent) ?? "–"))
                }
            }
            if !report.mistakes.isEmpty {
                print()
                print("Most frequent mistakes")
                for mistake in report.mistakes.prefix(20) {
                    print("  \(mistake.exercise)\(mistake.part)  \(mistake.mistake)  ×\(mistake.count)")
                }
            }
        }
    }
}

extension CourseReport.Table: ExpressibleByArgument {}
