import Foundation

/// A pull reader of JSON tokens from a file, holding one fixed buffer however big the file is.
///
/// It knows JSON's lexical rules (strings with every escape, numbers, literals, structure
/// bytes) and counts lines for error messages; what the tokens mean is `BundleReader`'s business.
final class JSONScanner {
    private let descriptor: Int32
    private let buffer: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private var position = 0
    private var end = 0
    private var reachedEnd = false
    /// Bytes consumed from the file before the current buffer.
    private var offsetOfBuffer = 0
    /// The current 1-based line.
    private(set) var line = 1
    private var scratch: [UInt8] = []

    /// Reads from `descriptor`, which the scanner closes when it is released.
    init(descriptor: Int32, bufferSize: Int = 1 << 20) {
        self.descriptor = descriptor
        capacity = bufferSize
        buffer = .allocate(capacity: bufferSize)
        scratch.reserveCapacity(4096)
    }

    deinit {
        buffer.deallocate()
        close(descriptor)
    }

    /// How many bytes of the file have been consumed.
    var bytesRead: Int { offsetOfBuffer + position }

    // MARK: Bytes

    /// The next byte without consuming it; nil at the end of the file.
    @inline(__always)
    func peek() throws(BundleError.Problem) -> UInt8? {
        if position < end { return buffer[position] }
        return try refill() ? buffer[position] : nil
    }

    @inline(__always)
    func advance() {
        position += 1
    }

    private func refill() throws(BundleError.Problem) -> Bool {
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
            throw .cannotOpen(reason: String(cString: strerror(errno)))
        }
    }

    /// Skips JSON whitespace and returns the next byte, unconsumed; nil at the end of the file.
    func skipWhitespace() throws(BundleError.Problem) -> UInt8? {
        while let byte = try peek() {
            switch byte {
            case 0x20, 0x09, 0x0D: position += 1
            case 0x0A:
                line += 1
                position += 1
            default: return byte
            }
        }
        return nil
    }

    /// Consumes `byte` after optional whitespace, or fails saying `what` was expected.
    func expect(_ byte: UInt8, _ what: String) throws(BundleError.Problem) {
        guard let next = try skipWhitespace() else { throw .truncated(line: line) }
        guard next == byte else { throw unexpected(next, expected: what) }
        position += 1
    }

    /// A syntax error for `byte` found where `expected` should be.
    func unexpected(_ byte: UInt8, expected: String) -> BundleError.Problem {
        if byte >= 0x80 {
            return .syntax(line: line, message: "expected \(expected), found a non-ASCII byte")
        }
        let shown = byte >= 0x20 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : String(format: "the byte 0x%02X", byte)
        return .syntax(line: line, message: "expected \(expected), found \(shown)")
    }

    // MARK: Tokens

    /// Reads a string (after optional whitespace), decoding escapes and checking it is UTF-8.
    /// - Throws: `.tooLong` with empty record and field names when it exceeds `limit` bytes.
    func readString(limit: Int) throws(BundleError.Problem) -> String {
        try readStringBytes(limit: limit)
        guard let text = String(validating: scratch, as: UTF8.self) else { throw .notUTF8(line: line) }
        return text
    }

    /// Reads a string into the scratch buffer and hands its raw (unescaped) UTF-8 bytes to `body`.
    func withStringBytes<T>(limit: Int, _ body: ([UInt8]) -> T) throws(BundleError.Problem) -> T {
        try readStringBytes(limit: limit)
        return body(scratch)
    }

    private func readStringBytes(limit: Int) throws(BundleError.Problem) {
        try expect(UInt8(ascii: "\""), "a string")
        scratch.removeAll(keepingCapacity: true)
        while true {
            if position >= end, !(try refill()) { throw .truncated(line: line) }
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
                if scratch.count > limit { throw .tooLong(record: "", field: "", limit: limit, line: line) }
            }
            if position >= end { continue }
            let byte = buffer[position]
            position += 1
            if byte == UInt8(ascii: "\"") { return }
            if byte < 0x20 {
                if byte == 0x0A { throw .syntax(line: line, message: "a string runs past the end of the line (an unescaped line break or a missing '\"')") }
                throw .syntax(line: line, message: "a string holds an unescaped control character")
            }
            try readEscape()
            if scratch.count > limit { throw .tooLong(record: "", field: "", limit: limit, line: line) }
        }
    }

    private func readEscape() throws(BundleError.Problem) {
        guard let byte = try peek() else { throw .truncated(line: line) }
        position += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(byte)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try readHex4()
            if (0xD800..<0xDC00).contains(scalar) {
                // A high surrogate must be followed by an escaped low one.
                guard try peek() == UInt8(ascii: "\\") else { throw .syntax(line: line, message: "an unpaired UTF-16 surrogate escape") }
                position += 1
                guard try peek() == UInt8(ascii: "u") else { throw .syntax(line: line, message: "an unpaired UTF-16 surrogate escape") }
                position += 1
                let low = try readHex4()
                guard (0xDC00..<0xE000).contains(low) else { throw .syntax(line: line, message: "an unpaired UTF-16 surrogate escape") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00..<0xE000).contains(scalar) {
                throw .syntax(line: line, message: "an unpaired UTF-16 surrogate escape")
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw .syntax(line: line, message: "an invalid \\u escape") }
            scratch.append(contentsOf: UTF8.encode(unicode)!)
        default:
            throw .syntax(line: line, message: "an unknown escape '\\\(Character(Unicode.Scalar(byte)))' in a string")
        }
    }

    private func readHex4() throws(BundleError.Problem) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = try peek() else { throw .truncated(line: line) }
            position += 1
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - 48)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - 87)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - 55)
            default: throw .syntax(line: line, message: "a \\u escape needs four hexadecimal digits")
            }
            value = value << 4 | digit
        }
        return value
    }

    /// Reads a number token (after optional whitespace) following JSON's grammar; returns its text.
    func readNumberText() throws(BundleError.Problem) -> String {
        guard let first = try skipWhitespace() else { throw .truncated(line: line) }
        guard first == UInt8(ascii: "-") || (first >= 48 && first <= 57) else { throw unexpected(first, expected: "a number") }
        var text: [UInt8] = []
        while let byte = try peek(), text.count < 64 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
                 UInt8(ascii: "e"), UInt8(ascii: "E"):
                text.append(byte)
                position += 1
            default:
                return try Self.checkedNumber(text, line: line)
            }
        }
        if text.count >= 64 { throw .syntax(line: line, message: "a number is too long") }
        throw .truncated(line: line)
    }

    private static func checkedNumber(_ text: [UInt8], line: Int) throws(BundleError.Problem) -> String {
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
        var valid = integerDigits > 0 && !(integerDigits > 1 && text[integerStart] == 48)
        if valid, index < text.count, text[index] == UInt8(ascii: ".") {
            index += 1
            valid = digits() > 0
        }
        if valid, index < text.count, text[index] == UInt8(ascii: "e") || text[index] == UInt8(ascii: "E") {
            index += 1
            if index < text.count, text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-") { index += 1 }
            valid = digits() > 0
        }
        guard valid, index == text.count else {
            throw .syntax(line: line, message: "'\(String(decoding: text, as: UTF8.self))' is not a JSON number")
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Reads `true`, `false` or `null` (after optional whitespace); nil stands for `null`.
    func readLiteral() throws(BundleError.Problem) -> Bool? {
        guard let first = try skipWhitespace() else { throw .truncated(line: line) }
        let word: String
        switch first {
        case UInt8(ascii: "t"): word = "true"
        case UInt8(ascii: "f"): word = "false"
        case UInt8(ascii: "n"): word = "null"
        default: throw unexpected(first, expected: "true, false or null")
        }
        for expected in word.utf8 {
            guard let byte = try peek() else { throw .truncated(line: line) }
            guard byte == expected else { throw unexpected(byte, expected: "'\(word)'") }
            position += 1
        }
        return word == "null" ? nil : word == "true"
    }

    /// Consumes a ',' before another member, or the closing `close` byte; true when another member follows.
    func commaOr(_ close: UInt8) throws(BundleError.Problem) -> Bool {
        guard let next = try skipWhitespace() else { throw .truncated(line: line) }
        position += 1
        if next == UInt8(ascii: ",") { return true }
        if next == close { return false }
        position -= 1
        throw unexpected(next, expected: "',' or '\(Character(Unicode.Scalar(close)))'")
    }
}
