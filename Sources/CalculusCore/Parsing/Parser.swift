/// Reads the answer language into an `Expression`.
///
/// Precedence, loosest first: `+ -`; `* /` and implicit multiplication (same level, left to
/// right, so `1/2x` is `(1/2)*x`); unary `-`/`+`; `^` (right-associative, so `-x^2` is
/// `-(x^2)` and `2^-x` is allowed); postfix superscripts; atoms. Nesting is limited to
/// `Parser.maximumDepth` levels and input to `Parser.maximumLength` characters, so hostile input
/// returns an error quickly instead of exhausting the stack.
public struct Parser: Sendable {
    public static let maximumLength = 65_536
    public static let maximumDepth = 256

    /// The variables in play. With a set, other names are errors and `x(x+1)` multiplies;
    /// with nil, any name that is not a function or constant is a variable.
    public var variables: Set<String>? {
        didSet { declared = Self.declared(variables) }
    }
    /// Learner notation: a function applied to a lone variable, constant or number without
    /// brackets (`sin x`, `e^(sin x)`), and a function name glued to a declared variable (`sinx`,
    /// `lnx`), where the reading is unique (see `bareArgument`). Off for keys and the calculator,
    /// which keep the stricter errors.
    public var acceptsBareArguments: Bool
    /// `variables` with their keys and shared subtrees, found once per parser rather than per parse.
    private var declared: [DeclaredVariable]

    fileprivate struct DeclaredVariable: Sendable {
        let key: NameTable.Key
        let name: String
        /// Its shared subtrees (`x^2`, `sin(x)`); nil once the process holds too many names.
        let leaves: VariableLeaves?
    }

    public init(variables: Set<String>? = nil, acceptsBareArguments: Bool = false) {
        self.variables = variables
        self.acceptsBareArguments = acceptsBareArguments
        declared = Self.declared(variables)
    }

    private static func declared(_ variables: Set<String>?) -> [DeclaredVariable] {
        guard let variables else { return [] }
        // Sharing is for answers in a few variables: with many (a gradient check's thousands),
        // finding a variable's leaves would be a scan of them all at every use.
        let shares = variables.count <= VariableLeaves.variablesShared
        return variables.map {
            DeclaredVariable(key: NameTable.Key($0), name: $0, leaves: shares ? VariableLeaves.leaves(for: $0) : nil)
        }
    }

    /// Parses one expression.
    /// - Throws: `ParseError` naming what is wrong, where, and how to fix it.
    public func parse(_ input: String) throws(ParseError) -> Expression {
        try withState(input) { (state) throws(ParseError) in
            let expression = try state.parseExpression()
            try state.expectEnd()
            return expression
        }
    }

    /// Parses an equation `lhs = rhs`.
    /// - Throws: `ParseError`, including when there is no `=`.
    public func parseEquation(_ input: String) throws(ParseError) -> (lhs: Expression, rhs: Expression) {
        try withState(input) { (state) throws(ParseError) in
            let lhs = try state.parseExpression()
            guard state.current.kind == .equals else {
                throw ParseError(.expectedEquation, input: input, column: state.current.column)
            }
            try state.advance()
            let rhs = try state.parseExpression()
            try state.expectEnd()
            return (lhs, rhs)
        }
    }

    /// Runs `body` on a parser state over the UTF-8 of `input` (no copy of a native string).
    /// Tokens are read on demand, so when `body` fails on the grammar the rest of the input is
    /// still lexed: a lexical error anywhere is reported first, as if all were lexed up front.
    private func withState<T>(_ input: String, _ body: (inout State) throws(ParseError) -> T) throws(ParseError) -> T {
        let length = input.utf8.count
        if length > Parser.maximumLength {
            throw ParseError(.tooLong(length: length, limit: Parser.maximumLength), input: input, column: Parser.maximumLength + 1)
        }
        var text = input
        let result: Result<T, ParseError> = text.withUTF8 { bytes in
            // The name table's first entries live on the stack for the parse.
            withUnsafeTemporaryAllocation(of: NameTable.Entry.self, capacity: NameTable.stackCapacity) { names in
                var state = State(input: input, bytes: bytes, names: NameTable(storage: names.baseAddress!), parser: self)
                do throws(ParseError) {
                    try state.start()
                    return .success(try body(&state))
                } catch {
                    return .failure(state.lexicalErrorBefore(error))
                }
            }
        }
        return try result.get()
    }

    /// The parser for what learners type: `acceptsBareArguments` on.
    public static func learner(variables: Set<String>?) -> Parser {
        Parser(variables: variables, acceptsBareArguments: true)
    }

    /// Parses with the default variable rules; a convenience for tests and tools.
    public static func parse(_ input: String, variables: Set<String>? = nil) throws(ParseError) -> Expression {
        try Parser(variables: variables).parse(input)
    }
}

extension Parser {
    fileprivate struct State {
        let input: String
        let variables: Set<String>?
        let declared: [DeclaredVariable]
        let acceptsBareArguments: Bool
        /// The input's UTF-8, for names and for quoting tokens in messages.
        let bytes: UnsafeBufferPointer<UInt8>
        var lexer: Lexer
        /// The identifiers met, with what each was found to mean.
        var names: NameTable
        var current: Token
        /// The token before `current` (for messages about what came last).
        var previous: Token
        /// Tokens already read past `current`, for the few places that look ahead.
        var ahead: [Token] = []
        /// How many tokens precede `current`.
        var position = 0
        /// Whether the lexer has thrown (then there is nothing more to lex).
        var lexerFailed = false
        var depth = 0
        var openBars = 0
        /// The pieces before the last of a name that split into several (see `parseSplitPower`).
        var splitPrefix: [Expression] = []

        init(input: String, bytes: UnsafeBufferPointer<UInt8>, names: NameTable, parser: Parser) {
            self.input = input
            self.names = names
            variables = parser.variables
            declared = parser.declared
            acceptsBareArguments = parser.acceptsBareArguments
            self.bytes = bytes
            lexer = Lexer(input, bytes: bytes)
            current = Token(kind: .end, column: 1, start: 0, end: 0)
            previous = current
        }

        /// Reads the first token.
        /// - Throws: `ParseError.Kind.empty` when there is none.
        mutating func start() throws(ParseError) {
            current = try lex()
            previous = current
            if current.kind == .end { throw ParseError(.empty, input: input, column: 1) }
        }

        mutating func lex() throws(ParseError) -> Token {
            do {
                return try lexer.next(names: &names)
            } catch {
                lexerFailed = true
                throw error
            }
        }

        /// `error`, or the lexical error the rest of the input holds, which comes first.
        mutating func lexicalErrorBefore(_ error: ParseError) -> ParseError {
            guard !lexerFailed else { return error }
            do {
                while try lex().kind != .end {}
            } catch let lexical {
                return lexical
            }
            return error
        }

        @inline(__always) mutating func advance() throws(ParseError) {
            previous = current
            position += 1
            if ahead.isEmpty {
                current = try lex()
            } else {
                current = ahead.removeFirst()
            }
        }

        /// The token `offset` places after `current` (`.end` past the end).
        mutating func peek(_ offset: Int) throws(ParseError) -> Token {
            while ahead.count < offset { ahead.append(try lex()) }
            return ahead[offset - 1]
        }

        /// How `token` was written.
        func text(_ token: Token) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[token.start..<token.end]), as: UTF8.self)
        }

        static func bracket(_ byte: UInt8) -> String { String(UnicodeScalar(byte)) }

        func fail(_ kind: ParseError.Kind, at token: Token) -> ParseError {
            ParseError(kind, input: input, column: token.column)
        }

        mutating func enter() throws(ParseError) {
            depth += 1
            if depth > Parser.maximumDepth {
                throw fail(.tooDeep(limit: Parser.maximumDepth), at: current)
            }
        }

        mutating func expectEnd() throws(ParseError) {
            let token = current
            switch token.kind {
            case .end: return
            case let .close(c): throw fail(.unmatchedClosingBracket(Self.bracket(c)), at: token)
            case .bar: throw fail(.unmatchedClosingBracket("|"), at: token)
            case .equals: throw fail(.unexpectedEquals, at: token)
            default: throw fail(.missingOperator, at: token)
            }
        }

        // expression := term (('+' | '-') term)*
        mutating func parseExpression() throws(ParseError) -> Expression {
            try enter()
            defer { depth -= 1 }
            let first = try parseTerm()
            // Most expressions are one term: the array is made only for a second.
            guard let second = try nextTerm() else { return first }
            var terms: [Expression] = []
            terms.reserveCapacity(4)
            terms.append(consume first)
            terms.append(consume second)
            while let next = try nextTerm() { terms.append(next) }
            return .sum(of: terms)
        }

        /// The term after a `+` or `-`, which is `current`; nil when the expression ends here.
        /// (Each term is moved into the sum's array, never copied.)
        mutating func nextTerm() throws(ParseError) -> Expression? {
            let token = current
            switch token.kind {
            case .plus:
                try advance()
                try requireOperand(after: token)
                return try parseTerm()
            case .minus:
                try advance()
                try requireOperand(after: token)
                return try parseTerm(negated: true)
            default:
                return nil
            }
        }

        // term := unary (('*' | '/') unary | implicit-factor)*
        /// With `negated`, the term after a binary minus: -1 leads its factors, which gives the
        /// tree `-(term)` gives without building the term's product first.
        mutating func parseTerm(negated: Bool = false) throws(ParseError) -> Expression {
            let first = try parseOperand()
            // Most terms are one factor: the array is made only for a second.
            guard let second = try nextFactor() else { return negated ? negation(of: first) : first }
            let third = try nextFactor()
            // `2x`, `-4*x`: a shared multiple of a declared variable.
            // (`0 &- k`: Int64.min negates to itself, outside the kept range, rather than trapping.)
            if case .none = third, case let .number(.rational(k, 1)) = first,
               let shared = leaves(of: second)?.multiple(negated ? 0 &- k : k) {
                return shared
            }
            var factors: [Expression] = []
            factors.reserveCapacity(negated ? 5 : 4)
            if negated { factors.append(.minusOne) }
            factors.append(consume first)
            factors.append(consume second)
            guard let third else { return .product(of: factors) }
            factors.append(third)
            while let next = try nextFactor() { factors.append(next) }
            return .product(of: factors)
        }

        /// The next factor of a term: after `*` or `/`, or written next to the last one (`2x`,
        /// `x(x+1)`); nil when the term ends here.
        mutating func nextFactor() throws(ParseError) -> Expression? {
            let token = current
            switch token.kind {
            case .times:
                try advance()
                try requireOperand(after: token)
                return try parseOperand()
            case .divide:
                try advance()
                try requireOperand(after: token)
                return power(try parseOperand(), .minusOne)
            case .identifier, .open, .root:
                return try parsePower()
            case .bar where openBars == 0:
                return try parsePower()
            case .number:
                throw fail(.missingOperator, at: token)
            default:
                return nil
            }
        }

        mutating func requireOperand(after op: Token) throws(ParseError) {
            switch current.kind {
            case .end, .close, .equals: throw fail(.danglingOperator(text(op)), at: op)
            case .plus:
                return
            case .times, .divide, .caret, .superscript, .superscriptText:
                throw fail(.missingOperand(before: text(current)), at: current)
            default: return
            }
        }

        // unary := ('-' | '+') unary | power
        mutating func parseUnary() throws(ParseError) -> Expression {
            let token = current
            switch token.kind {
            case .minus:
                try enter()
                defer { depth -= 1 }
                try advance()
                try requireOperand(after: token)
                return negation(of: try parseUnary())
            case .plus:
                try enter()
                defer { depth -= 1 }
                try advance()
                try requireOperand(after: token)
                return try parseUnary()
            default:
                return try parsePower()
            }
        }

        /// `parseUnary()`, without its frame for the usual operand that has no sign.
        @inline(__always) mutating func parseOperand() throws(ParseError) -> Expression {
            switch current.kind {
            case .minus, .plus: return try parseUnary()
            default: return try parsePower()
            }
        }

        // power := postfix ('^' unary)?
        mutating func parsePower() throws(ParseError) -> Expression {
            if !splitPrefix.isEmpty { splitPrefix = [] }
            let atom = try parseAtom()
            if !splitPrefix.isEmpty { return try parseSplitPower(last: atom) }
            // The usual atom, with no power after it, is returned as it came (not copied).
            switch current.kind {
            case .caret: return power(atom, try parseExponent())
            case .superscript, .superscriptText: break
            default: return atom
            }
            let base = try superscripts(on: atom)
            guard case .caret = current.kind else { return base }
            return power(base, try parseExponent())
        }

        /// `parsePower()` after a name that split into several pieces (`xe` in `2xe^x`): the
        /// superscripts and the exponent belong to the last piece only, so `xe^x` is x·e^x.
        mutating func parseSplitPower(last: consuming Expression) throws(ParseError) -> Expression {
            var prefix: [Expression] = []
            swap(&prefix, &splitPrefix)
            let base = try superscripts(on: last)
            guard case .caret = current.kind else { return Self.joined(prefix, base) }
            return Self.joined(prefix, power(base, try parseExponent()))
        }

        /// The exponent after `^`, which is `current`.
        mutating func parseExponent() throws(ParseError) -> Expression {
            let token = current
            try enter()
            defer { depth -= 1 }
            try advance()
            try requireOperand(after: token)
            return try parseUnary()
        }

        // postfix := atom superscript*
        mutating func parsePostfix() throws(ParseError) -> Expression {
            if !splitPrefix.isEmpty { splitPrefix = [] }
            let atom = try parseAtom()
            var prefix: [Expression] = []
            if !splitPrefix.isEmpty { swap(&prefix, &splitPrefix) }
            return Self.joined(prefix, try superscripts(on: atom))
        }

        /// `base` with the superscripts that follow it (`x²`, `eˣ`) as powers.
        @inline(__always) mutating func superscripts(on base: consuming Expression) throws(ParseError) -> Expression {
            switch current.kind {
            case .superscript, .superscriptText: break
            default: return base
            }
            while true {
                if case let .superscript(k) = current.kind {
                    try advance()
                    base = power(base, .number(Number(k)))
                } else if case let .superscriptText(index) = current.kind {
                    base = power(base, try superscriptExponent(lexer.readings[index], token: current))
                    try advance()
                } else {
                    return base
                }
            }
        }

        /// The exponent a superscript with letters writes (`ˣ` in `eˣ`, `⁻²ˣ` in `e⁻²ˣ`), read
        /// with the same variables; an error in it is reported at the superscript.
        func superscriptExponent(_ reading: String, token: Token) throws(ParseError) -> Expression {
            do {
                return try Parser(variables: variables, acceptsBareArguments: acceptsBareArguments).parse(reading)
            } catch {
                throw fail(error.kind, at: token)
            }
        }

        static func joined(_ prefix: [Expression], _ last: consuming Expression) -> Expression {
            prefix.isEmpty ? last : .product(of: prefix + [last])
        }

        /// The shared subtrees of `expression` when it is a declared variable.
        /// (The helpers are `mutating` only so that `self` is passed in place: a non-mutating
        /// method here copied the whole parser state on each call.)
        @inline(__always) mutating func leaves(of expression: Expression) -> VariableLeaves? {
            guard declared.count <= VariableLeaves.variablesShared, case let .variable(name) = expression else { return nil }
            for index in declared.indices where declared[index].name == name { return declared[index].leaves }
            return nil
        }

        /// `Expression.power(base, to: exponent)`, shared when it is a declared variable's
        /// small integer power, or `e` to a small multiple of one.
        mutating func power(_ base: consuming Expression, _ exponent: consuming Expression) -> Expression {
            if case let .number(k) = exponent, let shared = leaves(of: base)?.power(k) { return shared }
            if case .constant(.e) = base {
                // e^x, e^(2x), e^(-x): the exponent is the variable or a shared multiple of it.
                if let shared = leaves(of: exponent)?.exponential(1) { return shared }
                if case let .product(factors) = exponent, factors.count == 2, case let .number(.rational(k, 1)) = factors[0],
                   let shared = leaves(of: factors[1])?.exponential(k) {
                    return shared
                }
            }
            return .power(base, to: exponent)
        }

        /// `.call(function, argument)`, shared when the argument is a declared variable.
        mutating func call(_ function: Function, _ argument: consuming Expression) -> Expression {
            if let leaves = leaves(of: argument) { return leaves.call(function) }
            return .call(function, argument)
        }

        /// `-operand`, shared when the operand is a declared variable.
        mutating func negation(of operand: consuming Expression) -> Expression {
            if let leaves = leaves(of: operand) { return leaves.negated }
            return -operand
        }

        mutating func parseAtom() throws(ParseError) -> Expression {
            let token = current
            switch token.kind {
            case let .number(value):
                try advance()
                return .number(value)
            case let .identifier(index):
                try advance()
                return try parseName(at: index, token: token)
            case let .open(open):
                try advance()
                return try parseBracketed(open: open, token: token)
            case .bar:
                try enter()
                defer { depth -= 1 }
                try advance()
                // `||` with nothing inside; otherwise a bar where an operand is expected opens
                // a nested absolute value, as in ||x| - 1|.
                if case .bar = current.kind {
                    switch try peek(1).kind {
                    case .end, .close, .equals, .bar: throw fail(.emptyBrackets, at: token)
                    default: break
                    }
                }
                openBars += 1
                let inner = try parseExpression()
                openBars -= 1
                guard case .bar = current.kind else {
                    if case .end = current.kind { throw fail(.unclosedBracket("|"), at: token) }
                    throw fail(.mismatchedBracket(open: "|", close: text(current), openColumn: token.column), at: current)
                }
                try advance()
                return call(.abs, inner)
            case .root:
                try enter()
                defer { depth -= 1 }
                try advance()
                if case .end = current.kind { throw fail(.danglingOperator("√"), at: token) }
                return call(.sqrt, try parsePostfix())
            case .end:
                throw fail(.danglingOperator(text(previous)), at: previous)
            case let .close(c):
                if position > 0, case .open = previous.kind {
                    throw fail(.emptyBrackets, at: previous)
                }
                if position > 0 { throw fail(.danglingOperator(text(previous)), at: previous) }
                throw fail(.unmatchedClosingBracket(Self.bracket(c)), at: token)
            case .equals:
                throw fail(.unexpectedEquals, at: token)
            case .plus, .minus, .times, .divide, .caret, .superscript, .superscriptText:
                throw fail(.missingOperand(before: text(token)), at: token)
            }
        }

        mutating func parseBracketed(open: UInt8, token: Token) throws(ParseError) -> Expression {
            if case .close = current.kind { throw fail(.emptyBrackets, at: token) }
            let savedBars = openBars
            openBars = 0
            let inner = try parseExpression()
            openBars = savedBars
            let closing = current
            switch closing.kind {
            case let .close(c):
                let expected: UInt8 = switch open {
                case UInt8(ascii: "("): UInt8(ascii: ")")
                case UInt8(ascii: "{"): UInt8(ascii: "}")
                default: UInt8(ascii: "]")
                }
                guard c == expected else {
                    throw fail(.mismatchedBracket(open: Self.bracket(open), close: Self.bracket(c), openColumn: token.column), at: closing)
                }
                try advance()
                return inner
            case .end:
                throw fail(.unclosedBracket(Self.bracket(open)), at: token)
            case .equals:
                throw fail(.unexpectedEquals, at: closing)
            default:
                throw fail(.missingOperator, at: closing)
            }
        }

        /// `parseName(_:token:)` of the name at `index`, through what the name was found to
        /// mean: the first time it is met it is looked up on its bytes (a function, a constant, a
        /// declared variable), without a string.
        mutating func parseName(at index: Int, token: Token) throws(ParseError) -> Expression {
            let meaning: NameTable.Meaning
            if let known = names.meaning(index) {
                meaning = known
            } else {
                meaning = resolve(names.key(index))
                names.setMeaning(meaning, at: index)
            }
            switch meaning {
            case let .function(function): return try parseCall(function, name: .entry(index), token: token)
            case .constant(.e): return .constant(.e)
            case .constant(.pi): return .constant(.pi)
            case let .declared(variable): return .variable(declared[variable].name)
            case .other: return try parseName(names.name(index, in: bytes), token: token)
            }
        }

        /// What a name means wherever it stands, in the order `parseName(_:token:)` tries:
        /// a function, then a constant, then a declared variable; `.other` for the rest.
        func resolve(_ key: NameTable.Key) -> NameTable.Meaning {
            if let function = NameTable.function(key) { return .function(function) }
            if key.count == 1, key.low == UInt64(UInt8(ascii: "e")) { return .constant(.e) }
            if key.count == 2, key.low == UInt64(UInt8(ascii: "p")) | UInt64(UInt8(ascii: "i")) << 8 { return .constant(.pi) }
            // A long name may still be declared: the string path (`.other`) finds it.
            if key.isComplete, let variable = declared.firstIndex(where: { $0.key == key }) { return .declared(variable) }
            return .other
        }

        /// How a name reached `parseCall` was written: an entry of `names`, or a string.
        enum Spelling {
            case entry(Int)
            case text(String)
        }

        func string(_ spelling: Spelling) -> String {
            switch spelling {
            case let .entry(index): return names.name(index, in: bytes)
            case let .text(text): return text
            }
        }

        mutating func parseName(_ name: String, token: Token) throws(ParseError) -> Expression {
            if let function = Function.byName[name] {
                return try parseCall(function, name: .text(name), token: token)
            }
            if let constant = Constant(rawValue: name) { return .constant(constant) }
            if isVariable(name) {
                return .variable(name)
            }
            // `xy` or `w1x` with the variables in play is a product, when the name splits into
            // declared variables in exactly one way.
            // The constants e and pi may be pieces too (`2xe^(x^2)` is 2·x·e^(x²)), unless
            // declared as variables.
            let constants = Set(Constant.allCases.map(\.rawValue)).subtracting(variables ?? [])
            if let variables, let parts = Self.uniqueSplit(name, into: variables.union(constants)) {
                if acceptsBareArguments, Self.splitCount(name, into: variables.union(constants)) == 1,
                   gluedFunction(name) != nil {
                    // `sinx` could be sin·x… only when no split reads it: never both.
                    throw fail(.unknownName(name, suggestion: suggestion(forUnknown: name)), at: token)
                }
                let pieces: [Expression] = parts.map { piece in
                    variables.contains(piece) ? .variable(piece) : .constant(Constant(rawValue: piece)!)
                }
                splitPrefix = Array(pieces.dropLast())
                return pieces[pieces.count - 1]
            }
            if acceptsBareArguments, let (function, argument) = gluedFunction(name),
               Self.splitCount(name, into: (variables ?? []).union(constants)) == 0,
               endsBareArgument(current) {
                return call(function, .variable(argument))
            }
            if case .open = current.kind {
                throw fail(.unknownFunction(name, suggestion: Self.closestFunction(to: name)), at: token)
            }
            throw fail(.unknownName(name, suggestion: suggestion(forUnknown: name)), at: token)
        }

        /// A call of `function`, written `name`, whose name has just been read.
        mutating func parseCall(_ function: Function, name: Spelling, token: Token) throws(ParseError) -> Expression {
            // `sin^2(x)` and `sin²(x)` are the usual shorthand for sin(x)^2.
            let exponent = try functionPowerShorthand(name)
            // `ln|x|`: an absolute value is bracket enough.
            if case .bar = current.kind {
                let call = self.call(function, try parseAtom())
                return exponent.map { .power(call, to: .integer($0)) } ?? call
            }
            guard case let .open(open) = current.kind else {
                if exponent == nil, let argument = try bareArgument() {
                    return call(function, argument)
                }
                throw fail(.functionNeedsParentheses(string(name)), at: token)
            }
            let openToken = current
            try advance()
            let call = self.call(function, try parseBracketed(open: open, token: openToken))
            return exponent.map { .power(call, to: .integer($0)) } ?? call
        }

        /// With learner notation, the lone argument after a function name written without
        /// brackets (`sin x`, `ln 2`, `cos pi`), consumed; nil when there is none or the reading
        /// is not unique: only a number, variable or constant followed by what ends a factor
        /// (`+ - * / )`, the end, `=`) or by another function, so `sin x^2`, `sin 2x` and
        /// `sin x y` keep the error.
        mutating func bareArgument() throws(ParseError) -> Expression? {
            guard acceptsBareArguments else { return nil }
            // Read before the check: `peek` enters a name it lexes in `names`, which the check reads.
            let next = try peek(1)
            guard endsBareArgument(next) else { return nil }
            let argument: Expression
            switch current.kind {
            case let .number(value):
                argument = .number(value)
            case let .identifier(index):
                let name = names.name(index, in: bytes)
                if let constant = Constant(rawValue: name), variables?.contains(name) != true {
                    argument = .constant(constant)
                } else if let variables {
                    guard variables.contains(name) else { return nil }
                    argument = .variable(name)
                } else {
                    guard Function.byName[name] == nil, functionPrefix(of: name) == nil else { return nil }
                    argument = .variable(name)
                }
            default:
                return nil
            }
            try advance()
            return argument
        }

        /// Whether `token` may follow an unbracketed argument without making the reading ambiguous.
        func endsBareArgument(_ token: Token) -> Bool {
            switch token.kind {
            case .plus, .minus, .times, .divide, .close, .end, .equals: return true
            case .bar: return openBars > 0
            case let .identifier(index):
                let name = names.name(index, in: bytes)
                return Function.byName[name] != nil || gluedFunction(name) != nil
            default: return false
            }
        }

        /// `sinx` → (sin, x), `lnx` → (ln, x): a function name followed by one declared
        /// variable, when the variables are declared.
        func gluedFunction(_ name: String) -> (Function, String)? {
            guard let variables, name.utf8.count > 2 else { return nil }
            var found: (Function, String)?
            for length in 2..<min(name.utf8.count, 8) {
                let prefix = String(name.utf8.prefix(length))!
                let rest = String(name.utf8.dropFirst(length))!
                guard let function = Function.byName[prefix], variables.contains(rest) else { continue }
                if found != nil { return nil }
                found = (function, rest)
            }
            return found
        }

        /// After a function name: a positive power written `^n` or as a superscript, followed by
        /// the opening bracket, is consumed and returned. `^-1` is refused: it means the inverse
        /// to some and the reciprocal to others.
        mutating func functionPowerShorthand(_ name: Spelling) throws(ParseError) -> Int? {
            let token = current
            switch token.kind {
            case let .superscript(k):
                guard case .open = try peek(1).kind else { return nil }
                guard k > 0 else { throw fail(.ambiguousFunctionPower(string(name)), at: token) }
                try advance()
                return k
            case .caret:
                var look = 1
                var negative = false
                if case .minus = try peek(look).kind { negative = true; look += 1 }
                guard case let .number(n) = try peek(look).kind,
                      let k = n.integerValue, n.isExact, case .open = try peek(look + 1).kind else { return nil }
                guard !negative, k > 0 else { throw fail(.ambiguousFunctionPower(string(name)), at: token) }
                for _ in 0...look { try advance() }
                return Int(k)
            default:
                return nil
            }
        }

        /// How many ways `name` splits into at least two of `variables`: 0, 1, or 2 for several.
        static func splitCount(_ name: String, into variables: Set<String>) -> Int {
            let bounds = Array(name.indices) + [name.endIndex]  // as in `uniqueSplit`
            let count = bounds.count - 1
            guard count > 1, count <= 24 else { return 0 }
            let longest = longestPiece(variables)
            var ways = [Int](repeating: 0, count: count + 1)
            ways[count] = 1
            for start in stride(from: count - 1, through: 0, by: -1) {
                for end in (start + 1)...min(count, start + longest) where ways[end] > 0 {
                    guard start > 0 || end < count else { continue }
                    guard variables.contains(String(name[bounds[start]..<bounds[end]])) else { continue }
                    ways[start] = min(2, ways[start] + ways[end])
                }
            }
            return ways[0]
        }

        /// The length of the longest piece a name can split into: no longer piece is tried, so an
        /// unknown 20-letter name costs a few dozen set lookups, not a few hundred.
        static func longestPiece(_ pieces: Set<String>) -> Int {
            max(1, pieces.lazy.map(\.count).max() ?? 1)
        }

        /// The one way `name` splits into declared variables, or nil when there is none or more
        /// than one.
        static func uniqueSplit(_ name: String, into variables: Set<String>) -> [String]? {
            // The name's character boundaries: pieces are cut as Substrings of `name` (a String
            // made from an ArraySlice<Character> goes through generic code, whose associated
            // types the runtime looks up, a scan of every conformance record, at its first use).
            let bounds = Array(name.indices) + [name.endIndex]
            let count = bounds.count - 1
            guard count > 1, count <= 24 else { return nil }
            // ways[i]: how many splits the suffix from i has (capped at 2), and the first piece.
            var ways = [Int](repeating: 0, count: count + 1)
            var next = [Int](repeating: 0, count: count + 1)
            let longest = longestPiece(variables)
            ways[count] = 1
            for start in stride(from: count - 1, through: 0, by: -1) {
                for end in (start + 1)...min(count, start + longest) where ways[end] > 0 {
                    guard variables.contains(String(name[bounds[start]..<bounds[end]])) else { continue }
                    if ways[start] == 0 { next[start] = end }
                    ways[start] = min(2, ways[start] + ways[end])
                }
            }
            guard ways[0] == 1 else { return nil }
            var parts: [String] = []
            var index = 0
            while index < count {
                parts.append(String(name[bounds[index]..<bounds[next[index]]]))
                index = next[index]
            }
            return parts.count > 1 ? parts : nil
        }

        func isVariable(_ name: String) -> Bool {
            if let variables { return variables.contains(name) }
            // Without a declared set, a name that glues a function to its argument (`sinx`)
            // is far more likely a mistake than a variable.
            if case .open = current.kind, name.count > 1 { return false }
            return functionPrefix(of: name) == nil
        }

        /// `sinx` → `sin(x)`, `xy` → `x*y`, when the pieces are known names.
        func suggestion(forUnknown name: String) -> String? {
            if let (function, rest) = functionPrefix(of: name) {
                return "\(function)(\(rest))"
            }
            if let variables {
                let letters = name.map(String.init)
                if letters.count > 1, letters.allSatisfy({ variables.contains($0) || Constant(rawValue: $0) != nil }) {
                    return letters.joined(separator: "*")
                }
                // Equally close names are taken in name order, so the hint does not depend on
                // the order a `Set` happens to hold them in.
                if let close = variables.map({ (Self.editDistance($0, name), $0) }).min(by: { $0 < $1 }), close.0 <= 1 {
                    return close.1
                }
            }
            return nil
        }

        func functionPrefix(of name: String) -> (String, String)? {
            for length in stride(from: min(name.count - 1, 7), through: 2, by: -1) {
                let prefix = String(name.prefix(length))
                let rest = String(name.dropFirst(length))
                guard Function.byName[prefix] != nil, !rest.isEmpty else { continue }
                let restIsArgument = rest.allSatisfy { $0.isNumber }
                    || variables?.contains(rest) == true
                    || Constant(rawValue: rest) != nil
                    || (variables == nil && rest.first?.isLetter == true)
                if restIsArgument { return (prefix, rest) }
            }
            return nil
        }

        static func closestFunction(to name: String) -> String? {
            var best: (String, Int)?
            for candidate in Function.byName.keys where candidate.unicodeScalars.allSatisfy({ $0.isASCII }) {
                let distance = editDistance(candidate, name.lowercased())
                if distance <= (name.count <= 3 ? 1 : 2), best == nil || distance < best!.1 || (distance == best!.1 && candidate < best!.0) {
                    best = (candidate, distance)
                }
            }
            return best?.0
        }

        static func editDistance(_ a: String, _ b: String) -> Int {
            let a = Array(a), b = Array(b)
            if a.isEmpty { return b.count }
            if b.isEmpty { return a.count }
            var previous = Array(0...b.count)
            var row = [Int](repeating: 0, count: b.count + 1)
            for i in 1...a.count {
                row[0] = i
                for j in 1...b.count {
                    row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                }
                swap(&previous, &row)
            }
            return previous[b.count]
        }
    }
}
