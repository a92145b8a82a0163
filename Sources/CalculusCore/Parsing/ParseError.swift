/// Why an answer could not be read, and where.
///
/// Each case carries what the learner needs to fix it; `description` renders the message,
/// the input with a caret under the 1-based column, and a hint.
public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        case empty
        case tooLong(length: Int, limit: Int)
        case tooDeep(limit: Int)
        case unexpectedCharacter(String)
        case unknownName(String, suggestion: String?)
        case unknownFunction(String, suggestion: String?)
        case functionNeedsParentheses(String)
        case unclosedBracket(String)
        case unmatchedClosingBracket(String)
        case mismatchedBracket(open: String, close: String, openColumn: Int)
        case danglingOperator(String)
        case missingOperand(before: String)
        case missingOperator
        case emptyBrackets
        case invalidNumber(String)
        /// A number written with more significant digits than the checker keeps exactly (18).
        case tooManyDigits(String)
        case unexpectedEquals
        case expectedEquation
        case ambiguousFunctionPower(String)
    }

    public let kind: Kind
    /// The full input that failed.
    public let input: String
    /// 1-based column (in Unicode scalars) of the offending place.
    public let column: Int

    public init(_ kind: Kind, input: String, column: Int) {
        self.kind = kind
        self.input = input
        self.column = max(1, column)
    }

    /// One sentence: what is wrong.
    public var message: String {
        switch kind {
        case .empty:
            return "the answer is empty"
        case let .tooLong(length, limit):
            return "the expression is \(length) characters long, more than the limit of \(limit)"
        case let .tooDeep(limit):
            return "the expression is nested more than \(limit) levels deep"
        case let .unexpectedCharacter(c):
            return "unexpected character '\(c)'"
        case let .unknownName(name, _):
            return "unknown name '\(name)'"
        case let .unknownFunction(name, _):
            return "unknown function '\(name)'"
        case let .functionNeedsParentheses(name):
            return "the function '\(name)' needs its argument in parentheses"
        case let .unclosedBracket(open):
            return "'\(open)' is never closed"
        case let .unmatchedClosingBracket(close):
            return "'\(close)' has no matching opening bracket"
        case let .mismatchedBracket(open, close, openColumn):
            return "'\(open)' at column \(openColumn) is closed by '\(close)'"
        case let .danglingOperator(op):
            return "'\(op)' has nothing after it"
        case let .missingOperand(before):
            return "'\(before)' has nothing before it"
        case .missingOperator:
            return "two values stand side by side with no operator between them"
        case .emptyBrackets:
            return "empty brackets"
        case let .invalidNumber(text):
            return "'\(text)' is not a valid number"
        case let .tooManyDigits(text):
            return "'\(text)' has more than 18 significant digits"
        case .unexpectedEquals:
            return "unexpected '='"
        case .expectedEquation:
            return "expected an equation with one '=', such as x^2 + y^2 = 1"
        case let .ambiguousFunctionPower(name):
            return "'\(name)' with a negative power is ambiguous"
        }
    }

    /// What to do about it.
    public var hint: String {
        switch kind {
        case .empty:
            return "write an expression, for example 3*x^2"
        case .tooLong:
            return "shorten the expression"
        case .tooDeep:
            return "remove redundant brackets or split the expression"
        case .unexpectedCharacter:
            return "use + - * / ^, parentheses, numbers, variables and function names"
        case let .unknownName(_, suggestion?), let .unknownFunction(_, suggestion?):
            return "did you mean \(suggestion)?"
        case .unknownName:
            return "check the spelling; functions need parentheses, as in sin(x)"
        case .unknownFunction:
            return "check the spelling of the function name"
        case let .functionNeedsParentheses(name):
            return "write \(name)(...), for example \(name)(x)"
        case let .unclosedBracket(open):
            return "add the matching '\(Self.closing(of: open))'"
        case .unmatchedClosingBracket:
            return "remove it or add the opening bracket it belongs to"
        case let .mismatchedBracket(open, _, _):
            return "close '\(open)' with '\(Self.closing(of: open))'"
        case .danglingOperator:
            return "complete the expression after the operator, or remove the operator"
        case .missingOperand:
            return "put a value before the operator, or remove the operator"
        case .missingOperator:
            return "write * between them (implicit multiplication cannot start with a number)"
        case .emptyBrackets:
            return "put an expression inside the brackets"
        case .invalidNumber:
            return "write numbers like 3, 0.5, .5 or 1e-5"
        case .tooManyDigits:
            return "write at most 18 significant digits; a decimal is taken as exactly the number you write"
        case .unexpectedEquals:
            return "write only the expression; a left-hand side like f'(x) = goes on its own at the start"
        case .expectedEquation:
            return "write both sides, for example x^3 + y^3 = 6*x*y"
        case let .ambiguousFunctionPower(name):
            return "write the inverse as a\(name)(x) or the reciprocal as 1/\(name)(x)"
        }
    }

    public var description: String {
        let (line, caretOffset) = Self.window(of: input, around: column)
        return "\(message) at column \(column)\n  \(line)\n  \(String(repeating: " ", count: caretOffset))^\nhint: \(hint)"
    }

    /// A one-line form for logs and JSON: message, column and hint.
    public var summary: String {
        "\(message) at column \(column); \(hint)"
    }

    private static func closing(of open: String) -> String {
        switch open {
        case "[": return "]"
        case "|": return "|"
        default: return ")"
        }
    }

    /// The input line around `column`, cut to at most 60 characters so a huge input stays readable.
    private static func window(of input: String, around column: Int) -> (String, Int) {
        let scalars = Array(input.unicodeScalars.map { $0 == "\n" || $0 == "\t" || $0 == "\r" ? " " : $0 })
        let index = min(max(column - 1, 0), scalars.count)
        let start = max(0, index - 40)
        let end = min(scalars.count, index + 20)
        var text = String(String.UnicodeScalarView(scalars[start..<end]))
        var offset = index - start
        if start > 0 { text = "…" + text; offset += 1 }
        if end < scalars.count { text += "…" }
        return (text, offset)
    }
}
