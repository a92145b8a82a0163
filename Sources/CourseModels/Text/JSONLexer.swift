import Foundation

/// How a JSON reader words what the lexer found wrong: each reader has its own error type
/// (a bundle's names the line, a JSON Lines item's the column), the lexer supplies the facts.
package protocol JSONLexerFailure: Error {
    /// The input ended inside a token or where one was expected.
    static func jsonEnded(line: Int, offset: Int) -> Self
    /// `message` says what breaks JSON's grammar at the 0-based byte `offset`, on the 1-based `line`.
    static func jsonSyntax(_ message: String, line: Int, offset: Int) -> Self
    /// A string is longer than the `limit` bytes its reader allows.
    static func jsonTooLong(limit: Int, line: Int) -> Self
    /// The string ending before `offset` holds bytes that are not UTF-8.
    static func jsonNotUTF8(line: Int, offset: Int) -> Self
    /// The file could not be read.
    static func jsonUnreadable(_ reason: String) -> Self
}

/// The one reader of JSON tokens (RFC 8259) in the package: strings with every escape and
/// checked UTF-8, numbers by JSON's grammar, literals, structure bytes, line counting. It reads
/// bytes already in memory (a JSON Lines line, without copying) or a file through one fixed
/// buffer however big the file is (a bundle). What the tokens mean is the caller's business.
///
/// Nothing is `@inlinable`: the stored state stays private to this module, so the optimiser
/// drops the dynamic exclusivity checks a class's properties would otherwise cost on every
/// byte (the error type is generic, but only a throw touches it).
package final class JSONLexer<Failure: JSONLexerFailure> {
    private let buffer: UnsafeMutablePointer<UInt8>
    /// The file read, or -1 for bytes in memory.
    private let descriptor: Int32
    /// False for bytes in memory, which the caller owns.
    private let ownsBuffer: Bool
    private let capacity: Int
    private var position = 0
    private var end = 0
    private var reachedEnd = false
    /// Bytes consumed before the current buffer.
    private var offsetOfBuffer = 0
    private var currentLine = 1
    private var scratch: [UInt8] = []

    /// Reads `bytes`, which must stay valid while the lexer is used.
    package init(bytes: UnsafeBufferPointer<UInt8>) {
        descriptor = -1
        capacity = bytes.count
        if let base = bytes.baseAddress {
            buffer = UnsafeMutablePointer(mutating: base)
            ownsBuffer = false
        } else {
            buffer = .allocate(capacity: 1)
            ownsBuffer = true
        }
        end = bytes.count
        reachedEnd = true
    }

    /// Reads from `descriptor`, which the lexer closes when it is released.
    package init(descriptor: Int32, bufferSize: Int = 1 << 20) {
        self.descriptor = descriptor
        capacity = bufferSize
        buffer = .allocate(capacity: bufferSize)
        ownsBuffer = true
        scratch.reserveCapacity(4096)
    }

    deinit {
        if ownsBuffer { buffer.deallocate() }
        if descriptor >= 0 { close(descriptor) }
    }

    /// The current 1-based line.
    package var line: Int { currentLine }

    /// How many bytes have been consumed: the 0-based offset of the next byte.
    package var bytesRead: Int { offsetOfBuffer + position }

    // MARK: Bytes

    /// The next byte without consuming it; nil at the end of the input.
    @inline(__always)
    package func peek() throws(Failure) -> UInt8? {
        if position < end { return buffer[position] }
        return try refill() ? buffer[position] : nil
    }

    @inline(__always)
    package func advance() {
        position += 1
    }

    private func refill() throws(Failure) -> Bool {
        if reachedEnd { return false }
        offsetOfBuffer += end
        position = 0
        end = 0
        while true {
            let count = read(descriptor, buffer, capacity)
            if count > 0 {
                end = count
                return true
            }
            if count == 0 {
                reachedEnd = true
                return false
            }
            if errno == EINTR { continue }
            throw .jsonUnreadable(String(cString: strerror(errno)))
        }
    }

    /// Skips JSON whitespace and returns the next byte, unconsumed; nil at the end of the input.
    package func skipWhitespace() throws(Failure) -> UInt8? {
        // Most calls find the next token at once.
        if position < end, buffer[position] > 0x20 { return buffer[position] }
        while let byte = try peek() {
            switch byte {
            case 0x20, 0x09, 0x0D: position += 1
            case 0x0A:
                currentLine += 1
                position += 1
            default: return byte
            }
        }
        return nil
    }

    /// Consumes `byte` after optional whitespace, or fails saying `what` was expected.
    package func expect(_ byte: UInt8, _ what: String) throws(Failure) {
        guard let next = try skipWhitespace() else { throw ended() }
        guard next == byte else { throw unexpected(next, expected: what) }
        position += 1
    }

    /// A syntax error at the next byte.
    package func syntax(_ message: String) -> Failure {
        .jsonSyntax(message, line: line, offset: bytesRead)
    }

    private func ended() -> Failure {
        .jsonEnded(line: line, offset: bytesRead)
    }

    /// A syntax error for `byte`, the next one, found where `expected` should be.
    package func unexpected(_ byte: UInt8, expected: String) -> Failure {
        syntax("expected \(expected), found \(Self.shown(byte))")
    }

    /// A byte as an error message shows it: `'x'` when printable ASCII, else its value.
    package static func shown(_ byte: UInt8) -> String {
        if byte >= 0x80 { return "a non-ASCII byte" }
        if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "the byte 0x" + [byte].lowercaseHex.uppercased()
    }

    // MARK: Tokens

    /// Reads a string (after optional whitespace), decoding escapes and checking it is UTF-8.
    /// - Throws: `jsonTooLong` when it exceeds `limit` bytes.
    package func readString(limit: Int = .max) throws(Failure) -> String {
        try withString(limit: limit) { String(decoding: $0, as: UTF8.self) }
    }

    /// Reads a string (after optional whitespace), decoding escapes and checking it is UTF-8,
    /// and hands its UTF-8 bytes to `body`: a field name is matched in place, with no `String`.
    /// - Throws: `jsonTooLong` when it exceeds `limit` bytes.
    package func withString<T>(limit: Int = .max, _ body: (UnsafeBufferPointer<UInt8>) -> T) throws(Failure) -> T {
        // Plain ASCII without escapes, wholly in the buffer (nearly every field name and value):
        // straight from the buffer, with no copy to validate. Anything else takes the full path.
        if try skipWhitespace() == UInt8(ascii: "\"") {
            var index = position + 1
            while index < end {
                let byte = buffer[index]
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { break }
                index += 1
            }
            let count = index - position - 1
            if index < end, buffer[index] == UInt8(ascii: "\""), count <= limit {
                let result = body(UnsafeBufferPointer(start: buffer + position + 1, count: count))
                position = index + 1
                return result
            }
        }
        try readStringBytes(limit: limit)
        guard scratch.allSatisfy({ $0 < 0x80 }) || String(validating: scratch, as: UTF8.self) != nil else {
            throw .jsonNotUTF8(line: line, offset: bytesRead)
        }
        return scratch.withUnsafeBufferPointer(body)
    }

    /// Reads a string and hands its raw (unescaped) UTF-8 bytes to `body`.
    package func withStringBytes<T>(limit: Int, _ body: ([UInt8]) -> T) throws(Failure) -> T {
        try readStringBytes(limit: limit)
        return body(scratch)
    }

    private func readStringBytes(limit: Int) throws(Failure) {
        try expect(UInt8(ascii: "\""), "a string")
        scratch.removeAll(keepingCapacity: true)
        while true {
            if position >= end, !(try refill()) { throw ended() }
            // Copy the run of plain bytes in one go.
            var index = position
            while index < end {
                let byte = buffer[index]
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
                index += 1
            }
            if index > position {
                scratch.append(contentsOf: UnsafeBufferPointer(start: buffer + position, count: index - position))
                position = index
                if scratch.count > limit { throw .jsonTooLong(limit: limit, line: line) }
            }
            if position >= end { continue }
            let byte = buffer[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return
            }
            if byte < 0x20 {
                if byte == 0x0A { throw syntax("a string runs past the end of the line (an unescaped line break or a missing '\"')") }
                throw syntax("a string holds an unescaped control character")
            }
            try readEscape()
            if scratch.count > limit { throw .jsonTooLong(limit: limit, line: line) }
        }
    }

    /// Decodes the escape at the next byte (the backslash); errors point at the backslash.
    private func readEscape() throws(Failure) {
        let start = bytesRead
        func bad(_ message: String) -> Failure { .jsonSyntax(message, line: line, offset: start) }
        position += 1
        guard let byte = try peek() else { throw ended() }
        position += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(byte)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            guard var scalar = try readHex4() else { throw bad("a \\u escape needs four hexadecimal digits") }
            if (0xD800..<0xDC00).contains(scalar) {
                // A high surrogate must be followed by an escaped low one.
                guard try peek() == UInt8(ascii: "\\") else { throw bad("an unpaired UTF-16 surrogate escape") }
                position += 1
                guard try peek() == UInt8(ascii: "u") else { throw bad("an unpaired UTF-16 surrogate escape") }
                position += 1
                guard let low = try readHex4() else { throw bad("a \\u escape needs four hexadecimal digits") }
                guard (0xDC00..<0xE000).contains(low) else { throw bad("an unpaired UTF-16 surrogate escape") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00..<0xE000).contains(scalar) {
                throw bad("an unpaired UTF-16 surrogate escape")
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw bad("an invalid \\u escape") }
            scratch.append(contentsOf: UTF8.encode(unicode)!)
        default:
            throw bad("an unknown escape '\\\(Character(Unicode.Scalar(byte)))' in a string")
        }
    }

    /// Four hexadecimal digits, or nil when another byte comes first.
    private func readHex4() throws(Failure) -> UInt32? {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = try peek() else { throw ended() }
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - 48)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - 87)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - 55)
            default: return nil
            }
            position += 1
            value = value << 4 | digit
        }
        return value
    }

    /// The number token next (after optional whitespace), consumed, when it is a plain decimal
    /// that converts exactly without text: at most 15 significant digits (below 2^53) and at
    /// most 22 after the point, no exponent. One division by an exact power of ten is then
    /// correctly rounded, so the value is the one `Double(String)` gives (Clinger's fast path).
    /// Nil, with nothing consumed, for anything else: `readNumberText` then reads it.
    package func readPlainNumber() throws(Failure) -> Double? {
        guard try skipWhitespace() != nil else { return nil }
        var index = position
        let negative = buffer[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        var significand: UInt64 = 0
        var digits = 0
        var fraction = 0
        func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
        guard index < end, isDigit(buffer[index]) else { return nil }
        if buffer[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while index < end, isDigit(buffer[index]) {
                significand = significand &* 10 &+ UInt64(buffer[index] - 48)
                digits += 1
                index += 1
                if digits > 15 { return nil }
            }
        }
        if index < end, buffer[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            while index < end, isDigit(buffer[index]) {
                significand = significand &* 10 &+ UInt64(buffer[index] - 48)
                if significand != 0 { digits += 1 }
                fraction += 1
                index += 1
                if digits > 15 || fraction > 22 { return nil }
            }
            guard index > start else { return nil }
        }
        // The token must visibly end here: a following number byte (an exponent, `01`,
        // `1.2.3`) is left to the full reader and its messages.
        guard index < end else { return nil }
        switch buffer[index] {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
             UInt8(ascii: "e"), UInt8(ascii: "E"):
            return nil
        default:
            break
        }
        var value = Double(significand)
        if fraction > 0 { value /= exactPowersOfTen[fraction] }
        position = index
        return negative ? -value : value
    }

    /// Reads a number token (after optional whitespace) following JSON's grammar; returns its
    /// text. Errors point at the number's first byte.
    package func readNumberText() throws(Failure) -> String {
        guard let first = try skipWhitespace() else { throw ended() }
        guard first == UInt8(ascii: "-") || (first >= 48 && first <= 57) else { throw unexpected(first, expected: "a number") }
        let start = bytesRead
        var text: [UInt8] = []
        while let byte = try peek() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
                 UInt8(ascii: "e"), UInt8(ascii: "E"):
                guard text.count < 64 else { throw .jsonSyntax("a number is too long", line: line, offset: start) }
                text.append(byte)
                position += 1
            default:
                return try checkedNumber(text, offset: start)
            }
        }
        return try checkedNumber(text, offset: start)
    }

    private func checkedNumber(_ text: [UInt8], offset: Int) throws(Failure) -> String {
        // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
        var index = 0
        func digits() -> Int {
            let start = index
            while index < text.count, text[index] >= 48, text[index] <= 57 { index += 1 }
            return index - start
        }
        if index < text.count, text[index] == UInt8(ascii: "-") { index += 1 }
        let integerStart = index
        let integerDigits = digits()
        let written = String(decoding: text, as: UTF8.self)
        guard integerDigits > 0 else { throw .jsonSyntax("'\(written)' is not a JSON number", line: line, offset: offset) }
        if integerDigits > 1, text[integerStart] == 48 {
            throw .jsonSyntax("'\(written)' is not a JSON number (a number may not start with 0)", line: line, offset: offset)
        }
        var valid = true
        if index < text.count, text[index] == UInt8(ascii: ".") {
            index += 1
            valid = digits() > 0
        }
        if valid, index < text.count, text[index] == UInt8(ascii: "e") || text[index] == UInt8(ascii: "E") {
            index += 1
            if index < text.count, text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-") { index += 1 }
            valid = digits() > 0
        }
        guard valid, index == text.count else { throw .jsonSyntax("'\(written)' is not a JSON number", line: line, offset: offset) }
        return written
    }

    /// Reads `true`, `false` or `null` (after optional whitespace); nil stands for `null`.
    package func readLiteral() throws(Failure) -> Bool? {
        guard let first = try skipWhitespace() else { throw ended() }
        let word: StaticString
        switch first {
        case UInt8(ascii: "t"): word = "true"
        case UInt8(ascii: "f"): word = "false"
        case UInt8(ascii: "n"): word = "null"
        default: throw unexpected(first, expected: "true, false or null")
        }
        for offset in 0..<word.utf8CodeUnitCount {
            guard let byte = try peek() else { throw ended() }
            guard byte == word.utf8Start[offset] else { throw unexpected(byte, expected: "'\(word)'") }
            position += 1
        }
        return first == UInt8(ascii: "n") ? nil : first == UInt8(ascii: "t")
    }

    /// Consumes a ',' before another member, or the closing `close` byte; true when another member follows.
    package func commaOr(_ close: UInt8) throws(Failure) -> Bool {
        guard let next = try skipWhitespace() else { throw ended() }
        if next == UInt8(ascii: ",") {
            position += 1
            return true
        }
        if next == close {
            position += 1
            return false
        }
        throw unexpected(next, expected: "',' or '\(Character(Unicode.Scalar(close)))'")
    }
}

/// Powers of ten a `Double` holds exactly, 10^0 through 10^22 (`JSONLexer.readPlainNumber`).
private let exactPowersOfTen: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { value, _ in value * 10 } }
