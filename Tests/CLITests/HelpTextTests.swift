import ArgumentParser
@testable import course
@testable import course_admin
import Foundation
import Testing

/// The `--help` text of both programs and of every subcommand, pinned at 100 columns. Run with
/// `PIN_HELP=1` to rewrite the pinned files after a deliberate change, and read the diff.
struct HelpTextTests {
    static let pinned = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(path: "Pinned")

    /// The help of `root` and of every command below it, each under a `## path` heading.
    static func helpTree(_ root: any ParsableCommand.Type, path: [String] = []) -> String {
        let name = root.configuration.commandName ?? String(describing: root)
        let here = path + [name]
        var text = "## \(here.joined(separator: " "))\n" + helpText(root, path: here) + "\n"
        for sub in root.configuration.subcommands {
            text += helpTree(sub, path: here)
        }
        return text
    }

    static func helpText(_ command: any ParsableCommand.Type, path: [String]) -> String {
        let root: any ParsableCommand.Type = path.first == "course" ? Course.self : CourseAdmin.self
        return root.helpMessage(for: command, columns: 100)
    }

    @Test(arguments: ["course", "course-admin"])
    func helpTextIsPinned(program: String) throws {
        let text = Self.helpTree(program == "course" ? Course.self : CourseAdmin.self)
        let file = Self.pinned.appending(path: "\(program)-help.txt")
        if ProcessInfo.processInfo.environment["PIN_HELP"] == "1" {
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(text == expected)
    }

    @Test func enumOptionsListTheirValues() {
        let nderiv = CourseAdmin.helpMessage(for: CalcNDeriv.self, columns: 100)
        #expect(nderiv.contains("forward"), "\(nderiv)")
        #expect(nderiv.contains("richardson"))
        let report = CourseAdmin.helpMessage(for: ReportCommand.self, columns: 100)
        #expect(report.contains("table") && report.contains("csv") && report.contains("json"), "\(report)")
    }
}
