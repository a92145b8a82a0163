import CalculusCore
import CourseModels
/// Answers JSON Lines requests one line at a time, for `course-admin calc equiv --jsonl` and
/// `calc diff --jsonl`: each input line gives exactly one output line, in order.
public struct BatchCalculator: Sendable {
    public var checker = EquivalenceChecker()

    public init() {}

    /// `{"id": …, "equivalent": true|false}`, or `{"id": …, "error": "…"}`.
    public func equivalence(line: Substring) -> String {
        var line = line
        return line.withUTF8 { equivalence(line: $0) }
    }

    /// `equivalence(line:)` of a line's UTF-8 bytes, as `JSONLines` hands them over.
    public func equivalence(line: UnsafeBufferPointer<UInt8>) -> String {
        let item: CorpusItem
        do { item = try CorpusItem(utf8: line) } catch { return Self.error(id: .null, "\(error)") }
        guard let keyText = item.key, let answerText = item.answer else {
            return Self.error(id: item.id, "the item needs both 'key' and 'answer'")
        }
        let parser = Parser(variables: [item.variable])
        do {
            let key = try parser.parse(keyText)
            let answer = try parser.parse(answerText)
            var domain: [String: ClosedRange<Double>] = [:]
            if let range = item.domain { domain[item.variable] = range }
            let verdict = checker.judge(key, answer, domain: domain)
            return "{\"id\": \(item.id.json), \"equivalent\": \(verdict.isEquivalent)}"
        } catch {
            return Self.error(id: item.id, error.summary)
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
