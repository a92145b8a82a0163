/// A lexical unit of the answer language, with its 1-based column.
struct Token: Sendable {
    enum Kind: Equatable, Sendable {
        case number(Number, text: String)
        case identifier(String)
        case plus, minus, times, divide, caret
        case open(Character)   // ( or [
        case close(Character)  // ) or ]
        case bar               // |
        case root              // √
        case superscript(Int)  // ² ³ ⁻¹ …
        case equals
        case end
    }

    let kind: Kind
    let column: Int
    /// How the token was written, for error messages.
    let text: String
}

/// Splits input into tokens, folding the Unicode a learner types (× · ÷ − ² √ π σ) onto the
/// ASCII language.
struct Lexer {
    private let scalars: [Unicode.Scalar]
    private let input: String
    private var index = 0

    init(_ input: String) {
        self.input = input
        self.scalars = Array(input.unicodeScalars)
    }

    mutating func tokenize() throws(ParseError) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(scalars.count / 2 + 2)
        while true {
            let token = try next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private func fail(_ kind: ParseError.Kind, at column: Int) -> ParseError {
        ParseError(kind, input: input, column: column)
    }

    private mutating func next() throws(ParseError) -> Token {
        while index < scalars.count, Self.isSpace(scalars[index]) { index += 1 }
        let column = index + 1
        guard index < scalars.count else { return Token(kind: .end, column: column, text: "") }
        let c = scalars[index]
        func single(_ kind: Token.Kind) -> Token {
            index += 1
            return Token(kind: kind, column: column, text: String(c))
        }
        switch c {
        case "+": return single(.plus)
        case "-", "\u{2212}", "\u{2013}": return single(.minus)
        case "*":
            if index + 1 < scalars.count, scalars[index + 1] == "*" {
                index += 2
                return Token(kind: .caret, column: column, text: "**")
            }
            return single(.times)
        case "\u{00D7}", "\u{00B7}", "\u{22C5}", "\u{2219}": return single(.times)
        case "/", "\u{00F7}", "\u{2215}": return single(.divide)
        case "^": return single(.caret)
        case "(": return single(.open("("))
        case "[": return single(.open("["))
        case ")": return single(.close(")"))
        case "]": return single(.close("]"))
        case "|": return single(.bar)
        case "\u{221A}": return single(.root)
        case "=": return single(.equals)
        case "\u{03C0}": return single(.identifier("pi"))
        case "\u{03C3}": return single(.identifier("sigmoid"))
        case "\u{03A6}": return single(.identifier("Phi"))
        default: break
        }
        if Self.superscriptDigit(c) != nil || c == "\u{207B}" || c == "\u{207A}" {
            return try superscript(column: column)
        }
        if Self.isDigit(c) || c == "." {
            return try number(column: column)
        }
        if Self.isIdentifierStart(c) {
            let start = index
            while index < scalars.count, Self.isIdentifierContinue(scalars[index]) { index += 1 }
            let name = String(String.UnicodeScalarView(scalars[start..<index]))
            return Token(kind: .identifier(name), column: column, text: name)
        }
        throw fail(.unexpectedCharacter(String(c)), at: column)
    }

    private mutating func number(column: Int) throws(ParseError) -> Token {
        let start = index
        var sawDigit = false
        var isInteger = true
        while index < scalars.count, Self.isDigit(scalars[index]) { index += 1; sawDigit = true }
        if index < scalars.count, scalars[index] == "." {
            isInteger = false
            index += 1
            while index < scalars.count, Self.isDigit(scalars[index]) { index += 1; sawDigit = true }
        }
        // An exponent only when digits follow: `2e^x` is 2 times e, `2e-5` is scientific.
        if sawDigit, index < scalars.count, scalars[index] == "e" || scalars[index] == "E" {
            var look = index + 1
            if look < scalars.count, scalars[look] == "+" || scalars[look] == "-" { look += 1 }
            if look < scalars.count, Self.isDigit(scalars[look]) {
                isInteger = false
                index = look
                while index < scalars.count, Self.isDigit(scalars[index]) { index += 1 }
            }
        }
        let text = String(String.UnicodeScalarView(scalars[start..<index]))
        guard sawDigit else { throw fail(.invalidNumber(text), at: column) }
        if index < scalars.count, scalars[index] == "." {
            throw fail(.invalidNumber(text + "."), at: column)
        }
        if isInteger, let value = Int64(text) {
            return Token(kind: .number(.rational(value, 1), text: text), column: column, text: text)
        }
        guard let value = Double(text), value.isFinite else {
            throw fail(.invalidNumber(text), at: column)
        }
        return Token(kind: .number(.real(value), text: text), column: column, text: text)
    }

    private mutating func superscript(column: Int) throws(ParseError) -> Token {
        let start = index
        var sign = 1
        if scalars[index] == "\u{207B}" { sign = -1; index += 1 } else if scalars[index] == "\u{207A}" { index += 1 }
        var value = 0
        var digits = 0
        while index < scalars.count, let d = Self.superscriptDigit(scalars[index]) {
            value = value * 10 + d
            digits += 1
            index += 1
            if digits > 6 { break }
        }
        let text = String(String.UnicodeScalarView(scalars[start..<index]))
        guard digits > 0, digits <= 6 else { throw fail(.invalidNumber(text), at: column) }
        return Token(kind: .superscript(sign * value), column: column, text: text)
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

    @inline(__always) static func isSpace(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{00A0}"
    }

    @inline(__always) static func isDigit(_ c: Unicode.Scalar) -> Bool {
        c.value >= 48 && c.value <= 57
    }

    @inline(__always) static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
        (c.value >= 65 && c.value <= 90) || (c.value >= 97 && c.value <= 122) || c == "_"
    }

    @inline(__always) static func isIdentifierContinue(_ c: Unicode.Scalar) -> Bool {
        isIdentifierStart(c) || isDigit(c)
    }
}
