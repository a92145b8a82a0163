import CourseModels
import Foundation

/// One line of an equivalence corpus (see `shared/corpus/README.md`): a function, a key, an
/// answer, the variable and the domain they are judged on. Unknown fields are ignored.
public struct CorpusItem: Sendable {
    public var id: JSONScalar
    public var function: String?
    public var variable: String
    public var domain: ClosedRange<Double>?
    public var key: String?
    public var answer: String?
    /// The label, when the corpus gives one.
    public var equivalent: Bool?
    public var rule: String?

    /// An `id` as given: a string or a number, echoed back unchanged.
    public enum JSONScalar: Sendable, Hashable {
        case string(String)
        case number(Double)
        case null

        var json: String {
            switch self {
            case let .string(s): return JSONText.quoted(s)
            case let .number(n):
                return n.rounded() == n && abs(n) < 1e15 ? String(Int64(n)) : "\(n)"
            case .null: return "null"
            }
        }
    }

    public enum DecodingError: Error, CustomStringConvertible {
        case notJSONObject
        case badField(String)

        public var description: String {
            switch self {
            case .notJSONObject: return "the line is not a JSON object"
            case let .badField(name): return "the field '\(name)' has the wrong type"
            }
        }
    }

    /// Reads one JSON Lines item.
    /// - Throws: `DecodingError` when the line is not a JSON object or a field has the wrong type.
    public init(jsonLine: Substring) throws {
        guard let object = try? JSONSerialization.jsonObject(with: Data(jsonLine.utf8)) as? [String: Any] else {
            throw DecodingError.notJSONObject
        }
        switch object["id"] {
        case let s as String: id = .string(s)
        case let n as NSNumber: id = .number(n.doubleValue)
        default: id = .null
        }
        func string(_ name: String) throws -> String? {
            guard let value = object[name], !(value is NSNull) else { return nil }
            guard let text = value as? String else { throw DecodingError.badField(name) }
            return text
        }
        function = try string("function")
        key = try string("key")
        answer = try string("answer")
        rule = try string("rule")
        variable = try string("variable") ?? "x"
        equivalent = object["equivalent"] as? Bool
        if let bounds = object["domain"] {
            guard let pair = bounds as? [NSNumber], pair.count == 2,
                  pair[0].doubleValue <= pair[1].doubleValue else {
                throw DecodingError.badField("domain")
            }
            domain = pair[0].doubleValue...pair[1].doubleValue
        }
    }
}
