/// Reads one JSON object from the UTF-8 bytes of a JSON Lines line, field by field, without
/// building a dictionary: the batch protocol reads thousands of small items, and Foundation's
/// `JSONSerialization` boxed every value. Strictly JSON (RFC 8259); errors name the column.
struct JSONLineReader {
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

    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Calls `field` with each key and value of the object, in order.
    /// - Throws: `CorpusItem.DecodingError.notJSONObject` when the line does not start with `{`,
    ///   `.malformed` with the column of the first byte that breaks the grammar.
    mutating func readObject(_ field: (String, Value) throws(CorpusItem.DecodingError) -> Void) throws(CorpusItem.DecodingError) {
        skipSpace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { throw .notJSONObject }
        index += 1
        skipSpace()
        if peek() == UInt8(ascii: "}") {
            index += 1
        } else {
            while true {
                skipSpace()
                guard peek() == UInt8(ascii: "\"") else { throw malformed("expected a quoted field name") }
                let key = try readString()
                skipSpace()
                guard peek() == UInt8(ascii: ":") else { throw malformed("expected ':' after the field name") }
                index += 1
                let value = try readValue(depth: 0)
                try field(key, value)
                skipSpace()
                if peek() == UInt8(ascii: ",") { index += 1; continue }
                if peek() == UInt8(ascii: "}") { index += 1; break }
                throw malformed("expected ',' or '}'")
            }
        }
        skipSpace()
        if index < bytes.count { throw malformed("unexpected text after the object") }
    }

    private func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    private func malformed(_ what: String) -> CorpusItem.DecodingError {
        .malformed(what, column: index + 1)
    }

    private mutating func skipSpace() {
        while index < bytes.count {
            let b = bytes[index]
            guard b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D else { return }
            index += 1
        }
    }

    private mutating func readValue(depth: Int) throws(CorpusItem.DecodingError) -> Value {
        skipSpace()
        guard let b = peek() else { throw malformed("expected a value") }
        switch b {
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try readNumber())
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            guard depth < 64 else { throw malformed("nested more than 64 levels deep") }
            return try readContainer(depth: depth)
        default: throw malformed("expected a value")
        }
    }

    /// An array or object; an array of numbers only is kept.
    private mutating func readContainer(depth: Int) throws(CorpusItem.DecodingError) -> Value {
        let isArray = bytes[index] == UInt8(ascii: "[")
        let close = isArray ? UInt8(ascii: "]") : UInt8(ascii: "}")
        index += 1
        var numbers: [Double]? = isArray ? [] : nil
        skipSpace()
        if peek() == close { index += 1; return numbers.map(Value.numbers) ?? .other }
        while true {
            skipSpace()
            if !isArray {
                guard peek() == UInt8(ascii: "\"") else { throw malformed("expected a quoted field name") }
                _ = try readString()
                skipSpace()
                guard peek() == UInt8(ascii: ":") else { throw malformed("expected ':' after the field name") }
                index += 1
            }
            let value = try readValue(depth: depth + 1)
            if case let .number(n) = value { numbers?.append(n) } else { numbers = nil }
            skipSpace()
            if peek() == UInt8(ascii: ",") { index += 1; continue }
            if peek() == close { index += 1; break }
            throw malformed(isArray ? "expected ',' or ']'" : "expected ',' or '}'")
        }
        return numbers.map(Value.numbers) ?? .other
    }

    private mutating func literal(_ word: StaticString) throws(CorpusItem.DecodingError) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw malformed("expected a value") }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
            throw malformed("expected a value")
        }
        index += count
    }

    private mutating func readNumber() throws(CorpusItem.DecodingError) -> Double {
        let start = index
        if peek() == UInt8(ascii: "-") { index += 1 }
        func digits() -> Int {
            let from = index
            while let b = peek(), b >= 48, b <= 57 { index += 1 }
            return index - from
        }
        let integerDigits = digits()
        guard integerDigits > 0 else { throw malformed("expected digits") }
        if integerDigits > 1, bytes[index - integerDigits] == UInt8(ascii: "0") { throw malformed("a number may not start with 0") }
        if peek() == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { throw malformed("expected digits after '.'") }
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            index += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { throw malformed("expected digits in the exponent") }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let value = Double(text) else { throw .malformed("the number \(text) is out of range", column: start + 1) }
        return value
    }

    private mutating func readString() throws(CorpusItem.DecodingError) -> String {
        index += 1  // the opening quote
        let start = index
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return text
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw malformed("a control character inside a string must be escaped") }
            index += 1
        }
        // With escapes: decode into a buffer.
        var scratch = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: scratch, as: UTF8.self)
            }
            if b < 0x20 { throw malformed("a control character inside a string must be escaped") }
            guard b == UInt8(ascii: "\\") else { scratch.append(b); index += 1; continue }
            index += 1
            guard let e = peek() else { break }
            index += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(e)
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(0x0A)
            case UInt8(ascii: "r"): scratch.append(0x0D)
            case UInt8(ascii: "t"): scratch.append(0x09)
            case UInt8(ascii: "u"):
                var unit = try hex4()
                if (0xD800..<0xDC00).contains(unit) {
                    guard index + 6 <= bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                        throw malformed("a high surrogate must be followed by a low one")
                    }
                    index += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw malformed("a high surrogate must be followed by a low one") }
                    unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                }
                let scalar = Unicode.Scalar(unit) ?? "\u{FFFD}"
                scratch.append(contentsOf: String(scalar).utf8)
            default:
                index -= 2  // at the backslash
                throw malformed("unknown escape '\\\(String(Unicode.Scalar(e)))'")
            }
        }
        throw malformed("the string is never closed")
    }

    private mutating func hex4() throws(CorpusItem.DecodingError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw malformed("expected four hex digits after \\u") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[index]
            let digit: UInt32
            switch b {
            case 48...57: digit = UInt32(b - 48)
            case 65...70: digit = UInt32(b - 55)
            case 97...102: digit = UInt32(b - 87)
            default: throw malformed("expected four hex digits after \\u")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }
}
