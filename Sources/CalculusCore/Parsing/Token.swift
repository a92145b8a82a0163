/// A lexical unit of the answer language: its kind, its 1-based column, and its byte range in
/// the input (for error messages). Plain data, so the parser copies tokens for free.
struct Token: Sendable {
    enum Kind: Equatable, Sendable {
        case number(Number)
        /// An index into the parser's `NameTable`.
        case identifier(Int)
        case plus, minus, times, divide, caret
        case open(UInt8)   // ( or [
        case close(UInt8)  // ) or ]
        case bar           // |
        case root          // √
        case superscript(Int)  // ² ³ ⁻¹ …
        /// A superscript run with letters (`ˣ`, `²ˣ`, `⁻ˣ`): an index into `Lexer.readings`
        /// holding its ASCII reading (`x`, `2x`, `-x`), parsed as the exponent.
        case superscriptText(Int)
        case equals
        case end
    }

    let kind: Kind
    let column: Int
    let start: Int
    let end: Int
}

/// Splits input into tokens on demand, folding the Unicode a learner types (× · ÷ − ² √ π σ)
/// onto the ASCII language. It scans UTF-8 bytes and counts columns in Unicode scalars; the
/// parser asks for one token at a time, so no token array is built.
struct Lexer {
    /// The input's UTF-8, valid while the parse runs.
    let bytes: UnsafeBufferPointer<UInt8>
    private let input: String
    /// The ASCII readings of superscripts with letters; `Token.Kind.superscriptText` indexes it.
    private(set) var readings: [String] = []
    private var index = 0
    /// The 1-based scalar column of `index`.
    private var column = 1

    init(_ input: String, bytes: UnsafeBufferPointer<UInt8>) {
        self.input = input
        self.bytes = bytes
    }

    private func fail(_ kind: ParseError.Kind, at column: Int) -> ParseError {
        ParseError(kind, input: input, column: column)
    }

    /// The scalar at `index` and its length in bytes (a replacement scalar for invalid UTF-8,
    /// which a Swift `String` never holds).
    private func scalar(at index: Int) -> (Unicode.Scalar, Int) {
        let lead = bytes[index]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let length = lead >= 0xF0 ? 4 : (lead >= 0xE0 ? 3 : 2)
        var value = UInt32(lead) & (length == 2 ? 0x1F : (length == 3 ? 0x0F : 0x07))
        for offset in 1..<length where index + offset < bytes.count {
            value = value << 6 | (UInt32(bytes[index + offset]) & 0x3F)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", min(length, bytes.count - index))
    }

    @inline(__always) private mutating func advance(bytes count: Int) {
        index += count
        column += 1
    }

    /// The next token; `.end` (again and again) once the input is used up. Identifiers are
    /// entered in `names`.
    /// - Throws: `ParseError` for a character outside the language or a malformed number.
    mutating func next(names: inout NameTable) throws(ParseError) -> Token {
        while index < bytes.count {
            let b = bytes[index]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D {
                advance(bytes: 1)
            } else if b == 0xC2, index + 1 < bytes.count, bytes[index + 1] == 0xA0 {
                advance(bytes: 2)  // no-break space
            } else {
                break
            }
        }
        let start = column
        let first = index
        guard index < bytes.count else { return Token(kind: .end, column: start, start: index, end: index) }
        let b = bytes[index]
        if b < 0x80 {
            let kind: Token.Kind
            switch b {
            case UInt8(ascii: "+"): kind = .plus
            case UInt8(ascii: "-"): kind = .minus
            case UInt8(ascii: "*"):
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "*") {
                    index += 2
                    column += 2
                    return Token(kind: .caret, column: start, start: first, end: index)
                }
                kind = .times
            case UInt8(ascii: "/"): kind = .divide
            case UInt8(ascii: "^"): kind = .caret
            // Braces are brackets too, as in e^{x} and x^{4} (LaTeX habits).
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): kind = .open(b)
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"): kind = .close(b)
            case UInt8(ascii: "|"): kind = .bar
            case UInt8(ascii: "="): kind = .equals
            default:
                if Self.isDigit(b) || b == UInt8(ascii: ".") { return try number(column: start) }
                if Self.isIdentifierStart(b) { return identifier(column: start, names: &names) }
                throw fail(.unexpectedCharacter(String(Unicode.Scalar(b))), at: start)
            }
            advance(bytes: 1)
            return Token(kind: kind, column: start, start: first, end: index)
        }
        let (c, length) = scalar(at: index)
        let kind: Token.Kind
        switch c {
        case "\u{2212}", "\u{2013}": kind = .minus
        case "\u{00D7}", "\u{00B7}", "\u{22C5}", "\u{2219}": kind = .times
        case "\u{00F7}", "\u{2215}": kind = .divide
        case "\u{221A}": kind = .root
        case "\u{03C0}": kind = .identifier(names.enter(.pi))
        case "\u{03C3}": kind = .identifier(names.enter(.sigmoid))
        case "\u{03A6}": kind = .identifier(names.enter(.Phi))
        default:
            if Self.superscriptDigit(c) != nil || c == "\u{207B}" || c == "\u{207A}" || Self.superscriptLetter(c) != nil {
                return try superscript(column: start)
            }
            throw fail(.unexpectedCharacter(String(c)), at: start)
        }
        advance(bytes: length)
        return Token(kind: kind, column: start, start: first, end: index)
    }

    /// An ASCII identifier, entered in `names` by its bytes (no `String` is built for it).
    private mutating func identifier(column start: Int, names: inout NameTable) -> Token {
        let first = index
        // The first 16 bytes packed, little-endian: the name table's key.
        var key = NameTable.Key()
        while index < bytes.count, Self.isIdentifierContinue(bytes[index]) {
            key.append(bytes[index], at: index - first)
            index += 1
        }
        column += index - first
        let entry = names.enter(key, in: bytes, at: first)
        return Token(kind: .identifier(entry), column: start, start: first, end: index)
    }

    private mutating func number(column start: Int) throws(ParseError) -> Token {
        let first = index
        var sawDigit = false
        var isInteger = true
        // Small integers are read as they are scanned, without a second pass or a string.
        var value: Int64 = 0
        while index < bytes.count, Self.isDigit(bytes[index]) {
            value = value &* 10 &+ Int64(bytes[index] &- 48)
            index += 1
            sawDigit = true
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            while index < bytes.count, Self.isDigit(bytes[index]) { index += 1; sawDigit = true }
        }
        // An exponent only when digits follow: `2e^x` is 2 times e, `2e-5` is scientific.
        if sawDigit, index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            var look = index + 1
            if look < bytes.count, bytes[look] == UInt8(ascii: "+") || bytes[look] == UInt8(ascii: "-") { look += 1 }
            if look < bytes.count, Self.isDigit(bytes[look]) {
                isInteger = false
                index = look
                while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
            }
        }
        column += index - first
        if sawDigit, isInteger, index - first <= 18, index >= bytes.count || bytes[index] != UInt8(ascii: ".") {
            return Token(kind: .number(.rational(value, 1)), column: start, start: first, end: index)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[first..<index]), as: UTF8.self)
        guard sawDigit else { throw fail(.invalidNumber(text), at: start) }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            throw fail(.invalidNumber(text + "."), at: start)
        }
        if isInteger {
            if let value = Int64(text) {
                return Token(kind: .number(.rational(value, 1)), column: start, start: first, end: index)
            }
        }
        guard let value = Double(text), value.isFinite else {
            throw fail(.invalidNumber(text), at: start)
        }
        guard let number = Self.exactDecimal(UnsafeBufferPointer(rebasing: bytes[first..<index])) else {
            throw fail(.tooManyDigits(text), at: start)
        }
        _ = value
        return Token(kind: .number(number), column: start, start: first, end: index)
    }

    /// The decimal `digits[.digits][e±digits]` as the exact number it writes, or nil when it has
    /// more than 18 significant digits (the parser then asks for fewer).
    static func exactDecimal(_ text: UnsafeBufferPointer<UInt8>) -> Number? {
        var significand: Int64 = 0
        var digits = 0
        var exponent = 0
        var index = 0
        var afterPoint = false
        while index < text.count {
            let byte = text[index]
            if byte == UInt8(ascii: ".") { afterPoint = true; index += 1; continue }
            guard isDigit(byte) else { break }
            if significand != 0 || byte != UInt8(ascii: "0") {
                digits += 1
                if digits > 18 { return nil }
                significand = significand * 10 + Int64(byte - 48)
            }
            if afterPoint { exponent -= 1 }
            index += 1
        }
        if index < text.count {
            // The exponent part: e, an optional sign, digits.
            index += 1
            var negative = false
            if text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+") {
                negative = text[index] == UInt8(ascii: "-")
                index += 1
            }
            var written = 0
            while index < text.count {
                written = written * 10 + Int(text[index] - 48)
                if written > 100_000 { return nil }
                index += 1
            }
            exponent += negative ? -written : written
        }
        return .decimal(significand: significand, exponent: exponent)
    }

    /// A run of superscript characters. Signs and digits alone are an integer power (`x⁻¹`);
    /// with letters (`eˣ`, `e²ˣ`, `e⁻ˣ`) the run is kept as its ASCII reading for the parser.
    private mutating func superscript(column start: Int) throws(ParseError) -> Token {
        let first = index
        var text = ""
        var ascii = ""
        var sign = 1
        var value = 0
        var digits = 0
        var letters = false
        var (c, length) = scalar(at: index)
        if c == "\u{207B}" || c == "\u{207A}" {
            if c == "\u{207B}" { sign = -1; ascii = "-" }
            text.unicodeScalars.append(c)
            advance(bytes: length)
        }
        while index < bytes.count {
            (c, length) = scalar(at: index)
            if let d = Self.superscriptDigit(c) {
                if !letters {
                    value = value * 10 + d
                    digits += 1
                }
                ascii.unicodeScalars.append(Unicode.Scalar(UInt8(48 + d)))
            } else if let letter = Self.superscriptLetter(c) {
                letters = true
                ascii.unicodeScalars.append(letter)
                // A digit after a letter is its power (`eˣ²` is e^(x^2)), not part of a name.
                if index + length < bytes.count, Self.superscriptDigit(scalar(at: index + length).0) != nil {
                    ascii += "^"
                }
            } else {
                break
            }
            text.unicodeScalars.append(c)
            advance(bytes: length)
            if ascii.utf8.count > 64 { break }
        }
        if letters {
            readings.append(ascii)
            return Token(kind: .superscriptText(readings.count - 1), column: start, start: first, end: index)
        }
        guard digits > 0, digits <= 6 else { throw fail(.invalidNumber(text), at: start) }
        return Token(kind: .superscript(sign * value), column: start, start: first, end: index)
    }

    /// The letter a Unicode superscript (modifier) letter stands for: ˣ → x, ʸ → y, ᵗ → t, ⁿ → n …
    static func superscriptLetter(_ c: Unicode.Scalar) -> Unicode.Scalar? {
        switch c.value {
        case 0x1D43: return "a"
        case 0x1D47: return "b"
        case 0x1D9C: return "c"
        case 0x1D48: return "d"
        case 0x1D49: return "e"
        case 0x1DA0: return "f"
        case 0x1D4D: return "g"
        case 0x02B0: return "h"
        case 0x2071: return "i"
        case 0x02B2: return "j"
        case 0x1D4F: return "k"
        case 0x02E1: return "l"
        case 0x1D50: return "m"
        case 0x207F: return "n"
        case 0x1D52: return "o"
        case 0x1D56: return "p"
        case 0x02B3: return "r"
        case 0x02E2: return "s"
        case 0x1D57: return "t"
        case 0x1D58: return "u"
        case 0x1D5B: return "v"
        case 0x02B7: return "w"
        case 0x02E3: return "x"
        case 0x02B8: return "y"
        case 0x1DBB: return "z"
        default: return nil
        }
    }

    static func superscriptDigit(_ c: Unicode.Scalar) -> Int? {
        switch c {
        case "\u{2070}": return 0
        case "\u{00B9}": return 1
        case "\u{00B2}": return 2
        case "\u{00B3}": return 3
        case "\u{2074}": return 4
        case "\u{2075}": return 5
        case "\u{2076}": return 6
        case "\u{2077}": return 7
        case "\u{2078}": return 8
        case "\u{2079}": return 9
        default: return nil
        }
    }

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }

    @inline(__always) static func isIdentifierStart(_ b: UInt8) -> Bool {
        (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 95
    }

    @inline(__always) static func isIdentifierContinue(_ b: UInt8) -> Bool {
        isIdentifierStart(b) || isDigit(b)
    }
}
