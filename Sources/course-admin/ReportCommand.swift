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

    func run() throws {
        let store = try database.openStore()
        let report: CourseReport
        report = try CourseService(store: store).report()
        switch format {
        case .json:
            print(encodeJSON(report))
        case .csv:
            print((["learner", "attempts", "mean_score", "exercises_done"] + report.objectives).joined(separator: ","))
            for row in report.learners {
                let cells = [csv(row.learner), String(row.attempts), format3(row.meanScore), String(row.exercisesDone)]
                    + report.objectives.map { format3(row.mastery[$0] ?? 0) }
                print(cells.joined(separator: ","))
            }
            print()
            print("exercise,part,mistake,count")
            for mistake in report.mistakes {
                print("\(csv(mistake.exercise)),\(csv(mistake.part)),\(csv(mistake.mistake)),\(mistake.count)")
            }
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
            if !report.mistakes.isEmpty {
                print()
                print("Most frequent mistakes")
                for mistake in report.mistakes.prefix(20) {
                    print("  \(mistake.exercise)\(mistake.part)  \(mistake.mistake)  ×\(mistake.count)")
                }
            }
        }
    }

    private func csv(_ text: String) -> String {
        text.contains(",") || text.contains("\"") ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    private func format3(_ value: Double) -> String { String(format: "%.3f", value) }
}
