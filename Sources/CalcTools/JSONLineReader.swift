import CourseModels

/// Reads one JSON object from the UTF-8 bytes of a JSON Lines line, field by field, without
/// building a dictionary: the batch protocol reads thousands of small items, and Foundation's
/// `JSONSerialization` boxed every value. The tokens come from the package's one `JSONLexer`
/// (strictly RFC 8259); this reader knows only the shape of an item. Errors name the column.
struct JSONLineReader {
    typealias Failure = CorpusItem.DecodingError

    /// A value the caller asked for, or that was skipped.
    enum Value {
        case string(String)
        case number(Double)
        case bool(Bool)
        case null
        /// An array of numbers (the corpus `domain`).
        case numbers([Double])
        /// Any other array or object, skipped.
        case other
    }

    private let lexer: JSONLexer<Failure>

    /// Reads `bytes`, which must stay valid while the reader is used.
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        lexer = JSONLexer(bytes: bytes)
    }

    /// Calls `field` with each member of the object, in order: the index of its name in `names`
    /// (nil for any other name) and its value. Names are matched on their bytes, not as strings.
    /// - Throws: `CorpusItem.DecodingError.notJSONObject` when the line does not start with `{`,
    ///   `.malformed` with the column of the first byte that breaks the grammar.
    func readObject(names: [[UInt8]], _ field: (Int?, Value) throws(Failure) -> Void) throws(Failure) {
        guard try lexer.skipWhitespace() == UInt8(ascii: "{") else { throw .notJSONObject }
        try readMembers(close: UInt8(ascii: "}"), depth: 0, names: names, field)
        if try lexer.skipWhitespace() != nil { throw lexer.syntax("unexpected text after the object") }
    }

    /// Reads the members of the array or object whose opening byte is next, up to and
    /// including `close`; an object's members come with the index of their key in `names`.
    private func readMembers(close: UInt8, depth: Int, names: [[UInt8]] = [], _ member: (Int?, Value) throws(Failure) -> Void) throws(Failure) {
        lexer.advance()
        if try lexer.skipWhitespace() == close {
            lexer.advance()
            return
        }
        repeat {
            var key: Int?
            if close == UInt8(ascii: "}") {
                guard try lexer.skipWhitespace() == UInt8(ascii: "\"") else { throw lexer.syntax("expected a quoted field name") }
                key = try lexer.withString { bytes in names.firstIndex { $0.elementsEqual(bytes) } }
                try lexer.expect(UInt8(ascii: ":"), "':' after the field name")
            }
            try member(key, try readValue(depth: depth))
        } while try lexer.commaOr(close)
    }

    private func readValue(depth: Int) throws(Failure) -> Value {
        guard let next = try lexer.skipWhitespace() else { throw lexer.syntax("expected a value") }
        switch next {
        case UInt8(ascii: "\""): return .string(try lexer.readString())
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            return try lexer.readLiteral().map(Value.bool) ?? .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            if let value = try lexer.readPlainNumber() { return .number(value) }
            let column = lexer.bytesRead + 1
            let text = try lexer.readNumberText()
            guard let value = Double(text) else { throw .malformed("the number \(text) is out of range", column: column) }
            return .number(value)
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            guard depth < 64 else { throw lexer.syntax("nested more than 64 levels deep") }
            let isArray = next == UInt8(ascii: "[")
            var numbers: [Double]? = isArray ? [] : nil
            try readMembers(close: isArray ? UInt8(ascii: "]") : UInt8(ascii: "}"), depth: depth + 1) { (_, value) throws(Failure) in
                if case let .number(n) = value { numbers?.append(n) } else { numbers = nil }
            }
            return numbers.map(Value.numbers) ?? .other
        default:
            throw lexer.syntax("expected a value")
        }
    }
}

/// The lexer's findings in a JSON Lines item's terms: 1-based byte columns.
extension CorpusItem.DecodingError: JSONLexerFailure {
    package static func jsonEnded(line: Int, offset: Int) -> Self {
        .malformed("the line ends before the JSON value does", column: offset + 1)
    }

    package static func jsonSyntax(_ message: String, line: Int, offset: Int) -> Self {
        .malformed(message, column: offset + 1)
    }

    package static func jsonTooLong(limit: Int, line: Int) -> Self {
        .malformed("a string is longer than \(limit) bytes", column: 1)
    }

    package static func jsonNotUTF8(line: Int, offset: Int) -> Self {
        .malformed("a string holds bytes that are not UTF-8", column: offset + 1)
    }

    package static func jsonUnreadable(_ reason: String) -> Self {
        .malformed("the input cannot be read (\(reason))", column: 1)
    }
}
