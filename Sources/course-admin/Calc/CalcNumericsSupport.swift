import ArgumentParser
import CalculusCore
import CourseCLI
import CourseModels
import Foundation

/// Number formatting shared by the numerics commands.
enum NumericsFormat {
    /// Up to 12 significant digits, as a person reads a value (and 0, never -0).
    static func value(_ x: Double) -> String { String(format: "%.12g", x == 0 ? 0 : x) }
    /// The shortest decimal that reads back as the same Double (Swift's `description`): all the
    /// digits a Double holds and no more, so an estimate exact to the last bit shows as such.
    static func exact(_ x: Double) -> String { (x == 0 ? 0 : x).description }
    /// Three significant digits in scientific notation, for errors and steps.
    static func error(_ x: Double) -> String { String(format: "%.3e", x) }
    /// Pads `text` on the right to `width` characters.
    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}

/// Evaluation failures as a one-line message and exit status 2.
func reportEvaluationError(_ error: EvaluationError) -> CommandFailure {
    CommandFailure(error.description, status: 2)
}

/// Writes `text` to `path` safely (see `SafeFile`): a plot replaces an earlier plot of the same
/// name, but never a folder, a device or the target of a planted symlink.
/// - Throws: `CommandFailure` (status 2) saying why it could not.
func writeTextFile(_ text: String, to path: String) throws {
    do {
        try SafeFileWriter.write(Array(text.utf8), to: path, replacing: true)
    } catch {
        throw CommandFailure(error.description, status: 2)
    }
}

/// Parses an expression whose variables `--at` must give: a name without a value is reported
/// as a missing value (not as an unknown name), with status 2.
func readExpression(_ text: String, at point: [String: Double]) throws -> CalculusCore.Expression {
    if let loose = try? Parser(variables: nil).parse(text),
       let missing = loose.variables.subtracting(point.keys).sorted().first {
        throw reportEvaluationError(.unboundVariable(missing))
    }
    return try readExpression(text, variables: Set(point.keys))
}
