import CalculusCore

/// How the instructor's calculator reads what is typed on its command line.
public enum CalcInput {
    /// Why an expression could not be read, with the variables that were assumed.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// The parser's message, with the caret line.
        public var message: String
        /// The variables the expression was read with, sorted.
        public var assumed: [String]

        public var description: String {
            message + "\nnote: the variables assumed were \(assumed.joined(separator: ", ")); "
                + "declare the others with --var, as in --var x,y"
        }
    }

    /// Parses `text` with the variables `declared` (from `--var`) and each one-letter name the
    /// text uses (`y`, `t`, `w1`, `w_2`) in play.
    ///
    /// Any longer name that is neither a function nor declared, such as `xy` or `rate`, is an
    /// error naming the variables assumed, never read as a variable of its own: read that way,
    /// `diff "xy"` with respect to x silently answers 0. With the variables declared, `xy` is
    /// their product, as in answers (`xx` is `x*x` with x declared).
    /// - Throws: `Failure`.
    public static func expression(_ text: String, declared: [String]) throws(Failure) -> Expression {
        var assumed = Set(declared)
        if let loose = try? Parser(variables: nil).parse(text) {
            for name in loose.variables where isOneLetterName(name) { assumed.insert(name) }
        }
        do {
            return try Parser(variables: assumed).parse(text)
        } catch {
            throw Failure(message: error.description, assumed: assumed.sorted())
        }
    }

    /// A letter, optionally followed by digits, with or without an underscore: `x`, `w1`, `w_2`.
    static func isOneLetterName(_ name: String) -> Bool {
        guard let first = name.first, first.isLetter else { return false }
        var rest = name.dropFirst()
        if rest.first == "_" { rest = rest.dropFirst(); if rest.isEmpty { return false } }
        return rest.allSatisfy(\.isNumber)
    }

    /// The value of a constant expression (`1.5`, `pi`, `pi/4`, `e^-2`, `sqrt(2)`), as `--at`
    /// and the interval options take it.
    /// - Returns: nil when the text is not a constant expression with a finite value.
    public static func constant(_ text: String) -> Double? {
        if let value = Double(text), value.isFinite { return value }
        guard let expression = try? Parser(variables: []).parse(text),
              let value = try? expression.evaluate([:]), value.isFinite else { return nil }
        return value
    }
}
