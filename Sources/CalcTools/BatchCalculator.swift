import CalculusCore
import CourseModels
/// Answers JSON Lines requests one line at a time, for `course-admin calc equiv --jsonl` and
/// `calc diff --jsonl`: each input line gives exactly one output line, in order.
public struct BatchCalculator: Sendable {
    public var checker = EquivalenceChecker()

    public init() {}

    /// `{"id": …, "equivalent": true|false}`, or `{"id": …, "error": "…"}`.
    public mutating func equivalence(line: Substring) -> String {
        var line = line
        return line.withUTF8 { equivalence(line: $0) }
    }

    /// `equivalence(line:)` of a line's UTF-8 bytes, as `JSONLines` hands them over.
    public mutating func equivalence(line: UnsafeBufferPointer<UInt8>) -> String {
        switch comparison(line: line) {
        case let .failure(reply):
            return reply.line
        case let .success(request):
            let verdict = checker.judge(request.key, request.answer, domain: request.domain)
            return "{\"id\": \(request.id.json), \"equivalent\": \(verdict.isEquivalent)}"
        }
    }

    /// What an `equiv` line asks: the item read and both expressions parsed, everything before
    /// the judge (`course-bench jsonl` measures this part on its own).
    public struct Comparison: Sendable {
        public var id: CorpusItem.JSONScalar
        public var key: Expression
        public var answer: Expression
        public var domain: [String: ClosedRange<Double>]
    }

    /// The reply line of a request that cannot be judged.
    public struct ErrorReply: Error {
        public var line: String
    }

    /// The parser of nearly every item, built once instead of per line (its variable set).
    static let parserForX = Parser(variables: ["x"])

    /// The last key parsed, by its text and variable: a batch usually asks about many answers to
    /// one key in a row (a class's answers to one question, the corpus's rewrites of one
    /// derivative), and the same text with the same variable parses to the same tree.
    private var lastKey: (text: String, variable: String, expression: Expression)?

    /// Reads and parses an `equiv` line, or gives the error line to answer it with.
    public mutating func comparison(line: UnsafeBufferPointer<UInt8>) -> Result<Comparison, ErrorReply> {
        let item: CorpusItem
        do { item = try CorpusItem(utf8: line) } catch { return .failure(ErrorReply(line: Self.error(id: .null, "\(error)"))) }
        guard let keyText = item.key, let answerText = item.answer else {
            return .failure(ErrorReply(line: Self.error(id: item.id, "the item needs both 'key' and 'answer'")))
        }
        let parser = item.variable == "x" ? Self.parserForX : Parser(variables: [item.variable])
        do {
            let key: Expression
            if let lastKey, lastKey.text == keyText, lastKey.variable == item.variable {
                key = lastKey.expression
            } else {
                key = try parser.parse(keyText)
                lastKey = (keyText, item.variable, key)
            }
            let answer = try parser.parse(answerText)
            var domain: [String: ClosedRange<Double>] = [:]
            if let range = item.domain { domain[item.variable] = range }
            return .success(Comparison(id: item.id, key: key, answer: answer, domain: domain))
        } catch {
            return .failure(ErrorReply(line: Self.error(id: item.id, error.summary)))
        }
    }

    /// `{"id": …, "derivative": "…"}` of the item's `function`, or `{"id": …, "error": "…"}`.
    public func derivative(line: Substring) -> String {
        var line = line
        return line.withUTF8 { derivative(line: $0) }
    }

    /// `derivative(line:)` of a line's UTF-8 bytes, as `JSONLines` hands them over.
    public func derivative(line: UnsafeBufferPointer<UInt8>) -> String {
        let item: CorpusItem
        do { item = try CorpusItem(utf8: line) } catch { return Self.error(id: .null, "\(error)") }
        guard let functionText = item.function else {
            return Self.error(id: item.id, "the item needs a 'function'")
        }
        do {
            let function = try Parser(variables: [item.variable]).parse(functionText)
            let derivative = function.simplifiedDerivative(withRespectTo: item.variable)
            return "{\"id\": \(item.id.json), \"derivative\": \(JSONText.quoted(derivative.description))}"
        } catch {
            return Self.error(id: item.id, error.summary)
        }
    }

    static func error(id: CorpusItem.JSONScalar, _ message: String) -> String {
        "{\"id\": \(id.json), \"error\": \(JSONText.quoted(message))}"
    }
}
