import ArgumentParser
import CalcTools
import CalculusCore
import CourseCLI
import Foundation

/// Parses an expression given on the command line.
/// - Throws: `CommandFailure` (status 2) with the parser's message.
func readExpression(_ text: String, variables: Set<String>? = nil, what: String = "expression") throws -> CalculusCore.Expression {
    do {
        return try Parser(variables: variables).parse(text)
    } catch {
        throw CommandFailure("cannot read the \(what): \(error.description)", status: 2)
    }
}

/// Parses an expression whose variables are those `--var` declares plus the one-letter names it
/// uses (see `CalcInput.expression`).
/// - Throws: `CommandFailure` (status 2) with the parser's message and the variables assumed.
func readExpression(_ text: String, declaring declared: [String], what: String = "expression") throws -> CalculusCore.Expression {
    do {
        return try CalcInput.expression(text, declared: declared)
    } catch {
        throw CommandFailure("cannot read the \(what): \(error.description)", status: 2)
    }
}

/// Reads `--var x` or `--var x,y`.
/// - Throws: `ValidationError` saying how to write it.
func parseVariables(_ text: String) throws -> [String] {
    let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    guard !names.isEmpty, names.allSatisfy({ name in
        name.first?.isLetter == true && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }) else {
        throw ValidationError("'\(text)' is not a list of variable names; write --var x or --var x,y")
    }
    return names
}

/// Reads `--at x=1.5,y=2` style assignments (the `transform:` of every `--at`); a value may be a
/// constant expression (`x=pi/4`, `x=e^-2`).
/// - Throws: `ValidationError` saying how to write them.
func parseAssignments(_ text: String) throws -> [String: Double] {
    var values: [String: Double] = [:]
    for part in text.split(separator: ",") {
        let pieces = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard pieces.count == 2, !pieces[0].isEmpty else {
            throw ValidationError("'\(part)' is not an assignment; write --at x=1.5,y=2")
        }
        guard let value = CalcInput.constant(pieces[1]) else {
            throw ValidationError("'\(pieces[1])' is not a number or a constant expression with a finite value; write --at \(pieces[0])=1.5 or \(pieces[0])=pi/4")
        }
        values[pieces[0]] = value
    }
    return values
}

/// Reads `LO,HI` (the `transform:` of `--on` and `--domain`); each end may be a constant
/// expression (`-pi,pi`).
/// - Throws: `ValidationError` saying how to write it.
func parseInterval(_ text: String, option: String) throws -> ClosedRange<Double> {
    let pieces = text.split(separator: ",").map { CalcInput.constant($0.trimmingCharacters(in: .whitespaces)) }
    guard pieces.count == 2, let lo = pieces[0], let hi = pieces[1], lo.isFinite, hi.isFinite, lo < hi else {
        throw ValidationError("'\(text)' is not an interval; write it as LO,HI with LO < HI, e.g. \(option) -1,4")
    }
    return lo...hi
}

/// Calls `body` with each line of a file, or of standard input for `-`, writing its results
/// through one buffered stream.
/// - Throws: `CommandFailure` (status 2) when the input cannot be read as UTF-8 text.
func forEachLine(of path: String, _ body: (Substring) -> String) throws {
    let data: Data
    if path == "-" {
        data = FileHandle.standardInput.readDataToEndOfFile()
    } else {
        guard let contents = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("cannot read '\(path)'; check the path and its permissions", status: 2)
        }
        data = contents
    }
    guard let text = String(data: data, encoding: .utf8) else {
        throw CommandFailure("'\(path)' is not UTF-8 text", status: 2)
    }
    var output = ""
    output.reserveCapacity(data.count / 4)
    // "\r\n" is one Character in Swift, so lines are split on every kind of line break.
    for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
        if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
        output += body(line)
        output += "\n"
        if output.utf8.count > 1 << 16 {
            FileHandle.standardOutput.write(Data(output.utf8))
            output.removeAll(keepingCapacity: true)
        }
    }
    FileHandle.standardOutput.write(Data(output.utf8))
}
