import CourseModels

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

        public var json: String {
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
        /// The domain is not two finite numbers in order.
        case badDomain
        /// The line starts as an object but breaks JSON's grammar at the 1-based byte column.
        case malformed(String, column: Int)

        public var description: String {
            switch self {
            case .notJSONObject: return "the line is not a JSON object"
            case let .badField(name): return "the field '\(name)' has the wrong type"
            case .badDomain: return "the field 'domain' must be [LO, HI] with finite numbers and LO ≤ HI"
            case let .malformed(what, column): return "the line is not valid JSON at column \(column): \(what)"
            }
        }
    }

    /// Reads one JSON Lines item.
    /// - Throws: `DecodingError` when the line is not a JSON object or a field has the wrong type.
    public init(jsonLine: Substring) throws {
        var line = jsonLine
        self = try line.withUTF8 { bytes in try CorpusItem(utf8: bytes) }
    }

    /// Reads one item from the UTF-8 bytes of its line (no copy, no dictionary).
    /// - Throws: `DecodingError` when the line is not a JSON object or a field has the wrong type.
    public init(utf8 bytes: UnsafeBufferPointer<UInt8>) throws(DecodingError) {
        var id = JSONScalar.null
        var function: String?, key: String?, answer: String?, rule: String?, variable: String?
        var equivalent: Bool?
        var domain: ClosedRange<Double>?
        let reader = JSONLineReader(bytes)
        try reader.readObject(names: Self.fieldNames) { (field, value) throws(DecodingError) in
            guard let field else { return }
            func string() throws(DecodingError) -> String? {
                switch value {
                case let .string(text): return text
                case .null: return nil
                default: throw .badField(String(decoding: Self.fieldNames[field], as: UTF8.self))
                }
            }
            switch field {
            case Field.id:
                switch value {
                case let .string(text): id = .string(text)
                // An id past Double's range (`1e400`) could not be written back as JSON.
                case let .number(n) where n.isFinite: id = .number(n)
                case .number: throw .badField("id")
                default: id = .null
                }
            case Field.function: function = try string()
            case Field.key: key = try string()
            case Field.answer: answer = try string()
            case Field.rule: rule = try string()
            case Field.variable: variable = try string()
            case Field.equivalent:
                if case let .bool(b) = value { equivalent = b } else { equivalent = nil }
            case Field.domain:
                guard case let .numbers(pair) = value, pair.count == 2 else { throw .badField("domain") }
                // `1e400` reads as infinity: no sample point could be drawn from it.
                guard pair[0].isFinite, pair[1].isFinite, pair[0] <= pair[1] else { throw .badDomain }
                domain = pair[0]...pair[1]
            default:
                break
            }
        }
        self.id = id
        self.function = function
        self.key = key
        self.answer = answer
        self.rule = rule
        self.variable = variable ?? "x"
        self.equivalent = equivalent
        self.domain = domain
    }

    /// The fields an item is read from, as bytes, and their indices.
    private static let fieldNames = ["id", "function", "key", "answer", "rule", "variable", "equivalent", "domain"].map { Array($0.utf8) }
    private enum Field {
        static let id = 0, function = 1, key = 2, answer = 3, rule = 4, variable = 5, equivalent = 6, domain = 7
    }
}
