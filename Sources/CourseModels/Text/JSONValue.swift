/// A small JSON document held as a tree, read through the package's one `JSONLexer`: for the
/// short JSON texts stored in database columns (a part's key, its hints), which a submit reads
/// and which `JSONDecoder` would read at many times the cost. Numbers keep their text, so an
/// integer is read exactly and a double as `Double(text)` reads it.
package indirect enum JSONValue: Sendable {
    case string(String)
    case number(String)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    /// What is wrong with a text that is not one JSON value, in a sentence.
    package struct SyntaxError: JSONLexerFailure {
        package let message: String

        package static func jsonEnded(line: Int, offset: Int) -> SyntaxError {
            SyntaxError(message: "the JSON ends early (byte \(offset))")
        }
        package static func jsonSyntax(_ message: String, line: Int, offset: Int) -> SyntaxError {
            SyntaxError(message: "the JSON is malformed at byte \(offset): \(message)")
        }
        package static func jsonTooLong(limit: Int, line: Int) -> SyntaxError {
            SyntaxError(message: "a string is longer than \(limit) bytes")
        }
        package static func jsonNotUTF8(line: Int, offset: Int) -> SyntaxError {
            SyntaxError(message: "the JSON holds bytes that are not UTF-8 (before byte \(offset))")
        }
        package static func jsonUnreadable(_ reason: String) -> SyntaxError {
            SyntaxError(message: reason)
        }
    }

    /// Parses `text`, which must be exactly one JSON value (whitespace around it allowed).
    /// - Throws: `SyntaxError` saying what breaks JSON's grammar, and where.
    package init(parsing text: String) throws(SyntaxError) {
        var text = text
        let result: Result<JSONValue, SyntaxError> = text.withUTF8 { bytes in
            let lexer = JSONLexer<SyntaxError>(bytes: bytes)
            do throws(SyntaxError) {
                let value = try Self.read(lexer, depth: 0)
                if try lexer.skipWhitespace() != nil { throw lexer.syntax("unexpected text after the value") }
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        self = try result.get()
    }

    private static func read(_ lexer: JSONLexer<SyntaxError>, depth: Int) throws(SyntaxError) -> JSONValue {
        guard let next = try lexer.skipWhitespace() else { throw lexer.syntax("expected a value") }
        switch next {
        case UInt8(ascii: "\""): return .string(try lexer.readString())
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"): return try lexer.readLiteral().map(JSONValue.bool) ?? .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try lexer.readNumberText())
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            guard depth < 32 else { throw lexer.syntax("nested more than 32 levels deep") }
            let isArray = next == UInt8(ascii: "[")
            let close = isArray ? UInt8(ascii: "]") : UInt8(ascii: "}")
            lexer.advance()
            var elements: [JSONValue] = []
            var members: [(key: String, value: JSONValue)] = []
            if try lexer.skipWhitespace() == close {
                lexer.advance()
            } else {
                repeat {
                    if isArray {
                        elements.append(try read(lexer, depth: depth + 1))
                    } else {
                        guard try lexer.skipWhitespace() == UInt8(ascii: "\"") else { throw lexer.syntax("expected a quoted member name") }
                        let key = try lexer.readString()
                        try lexer.expect(UInt8(ascii: ":"), "':' after the member name")
                        members.append((key, try read(lexer, depth: depth + 1)))
                    }
                } while try lexer.commaOr(close)
            }
            return isArray ? .array(elements) : .object(members)
        default:
            throw lexer.syntax("expected a value")
        }
    }

    /// The strings of an array of strings; nil for any other value.
    package var strings: [String]? {
        guard case let .array(elements) = self else { return nil }
        var result: [String] = []
        result.reserveCapacity(elements.count)
        for element in elements {
            guard case let .string(text) = element else { return nil }
            result.append(text)
        }
        return result
    }
}
