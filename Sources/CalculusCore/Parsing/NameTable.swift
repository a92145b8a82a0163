/// The distinct names of one input, each with what it was found to mean: an answer names the
/// same variable and functions again and again, so each name is compared on bytes and looked
/// up once, without a string.
struct NameTable {
    /// The first 16 bytes of an ASCII name packed little-endian, with its length: names that
    /// fit compare as two words. Identifier bytes are never zero, so the padding is unambiguous.
    struct Key: Equatable {
        var low: UInt64 = 0
        var high: UInt64 = 0
        var count = 0

        @inline(__always) mutating func append(_ byte: UInt8, at offset: Int) {
            if offset < 8 {
                low |= UInt64(byte) << (8 * UInt64(offset))
            } else if offset < 16 {
                high |= UInt64(byte) << (8 * UInt64(offset - 8))
            }
            count = offset + 1
        }

        /// Whether the key alone identifies the name (16 bytes or fewer).
        var isComplete: Bool { count <= 16 }

        init() {}

        /// The key of an ASCII string (for the tables built once).
        init(_ name: String) {
            for (offset, byte) in name.utf8.enumerated() { append(byte, at: offset) }
        }
    }

    /// A name's context-free reading, as plain data (the leaves it stands for live in the
    /// parser): a function, a constant, a declared variable (an index into the parser's list).
    enum Meaning {
        case function(Function)
        case constant(Constant)
        case declared(Int)
        /// None of these: read in context each time (`Parser.State.parseName`).
        case other
    }

    /// A symbol the lexer spells as a name.
    enum Symbol {
        case pi, sigmoid, Phi

        var name: String {
            switch self {
            case .pi: return "pi"
            case .sigmoid: return "sigmoid"
            case .Phi: return "Phi"
            }
        }
    }

    /// Plain data, so the table is freed without visiting its entries.
    struct Entry {
        var key: Key
        /// Where the name was first typed in the input (its bytes are `key.count` from there),
        /// or -1 for a symbol.
        var start: Int
        var symbol: Symbol?
        var meaning: Meaning?
    }

    private(set) var entries: [Entry] = []

    /// The index of the name typed at `bytes[start..<start + key.count]` (the input), entered
    /// when new.
    mutating func enter(_ key: Key, in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Int {
        search: for index in entries.indices where entries[index].key == key && entries[index].start >= 0 {
            if !key.isComplete {
                // A long name: the key holds only its first 16 bytes.
                let other = entries[index].start
                for offset in 16..<key.count where bytes[start + offset] != bytes[other + offset] { continue search }
            }
            return index
        }
        if entries.isEmpty { entries.reserveCapacity(4) }
        entries.append(Entry(key: key, start: start, symbol: nil, meaning: nil))
        return entries.count - 1
    }

    /// The index of the name the lexer spelled for a symbol (π, σ, Φ), entered when new.
    mutating func enter(_ symbol: Symbol) -> Int {
        if let index = entries.firstIndex(where: { $0.symbol == symbol }) { return index }
        if entries.isEmpty { entries.reserveCapacity(4) }
        entries.append(Entry(key: Key(symbol.name), start: -1, symbol: symbol, meaning: nil))
        return entries.count - 1
    }

    /// The name at `index` as a string, read from `bytes` (the input) when it was typed.
    func name(_ index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> String {
        let entry = entries[index]
        if let symbol = entry.symbol { return symbol.name }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[entry.start..<(entry.start + entry.key.count)]), as: UTF8.self)
    }

    func key(_ index: Int) -> Key { entries[index].key }

    func meaning(_ index: Int) -> Meaning? { entries[index].meaning }

    mutating func setMeaning(_ meaning: Meaning, at index: Int) { entries[index].meaning = meaning }

    /// The function an ASCII spelling names (`Function.byName` on packed keys), or nil.
    static func function(_ key: Key) -> Function? {
        guard key.isComplete else { return nil }
        return functions.lookup(key)
    }

    private static let functions = FunctionTable()

    /// `Function.byName`'s ASCII spellings in an open-addressed table of packed keys.
    private struct FunctionTable {
        private static let size = 128
        private var keys: [Key]
        private var values: [Function?]

        init() {
            keys = Array(repeating: Key(), count: Self.size)
            values = Array(repeating: nil, count: Self.size)
            for (name, function) in Function.byName where name.utf8.allSatisfy({ Lexer.isIdentifierContinue($0) }) {
                let key = Key(name)
                var slot = Self.slot(key)
                while values[slot] != nil { slot = (slot + 1) & (Self.size - 1) }
                keys[slot] = key
                values[slot] = function
            }
        }

        @inline(__always) static func slot(_ key: Key) -> Int {
            Int(truncatingIfNeeded: ((key.low ^ (key.high &* 0x9E37_79B9)) &* 0x9E37_79B9_7F4A_7C15) >> 57)
        }

        func lookup(_ key: Key) -> Function? {
            var slot = Self.slot(key)
            while let function = values[slot] {
                if keys[slot] == key { return function }
                slot = (slot + 1) & (Self.size - 1)
            }
            return nil
        }
    }
}
