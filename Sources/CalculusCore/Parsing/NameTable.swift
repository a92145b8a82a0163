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

    /// How many entries the parser's stack storage holds (`Parser.withState`); more spill to
    /// `spilled`. An answer rarely names more than a few things (`x`, `sin`, `e`), so most
    /// parses allocate nothing for their names.
    static let stackCapacity = 8

    /// The first entries, in storage the parser keeps on its stack for the parse.
    private let stack: UnsafeMutablePointer<Entry>
    private var spilled: [Entry] = []
    private(set) var count = 0

    /// A table over `storage` (room for `stackCapacity` entries, uninitialised), which must
    /// outlive it. Entries are plain data, so the storage is never deinitialised.
    init(storage: UnsafeMutablePointer<Entry>) {
        stack = storage
    }

    private subscript(index: Int) -> Entry {
        get { index < Self.stackCapacity ? stack[index] : spilled[index - Self.stackCapacity] }
        set {
            if index < Self.stackCapacity { stack[index] = newValue } else { spilled[index - Self.stackCapacity] = newValue }
        }
    }

    private mutating func append(_ entry: Entry) -> Int {
        if count < Self.stackCapacity {
            (stack + count).initialize(to: entry)
        } else {
            spilled.append(entry)
        }
        count += 1
        return count - 1
    }

    /// The index of the name typed at `bytes[start..<start + key.count]` (the input), entered
    /// when new.
    mutating func enter(_ key: Key, in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Int {
        search: for index in 0..<count {
            let entry = self[index]
            guard entry.key == key, entry.start >= 0 else { continue }
            if !key.isComplete {
                // A long name: the key holds only its first 16 bytes.
                let other = entry.start
                for offset in 16..<key.count where bytes[start + offset] != bytes[other + offset] { continue search }
            }
            return index
        }
        return append(Entry(key: key, start: start, symbol: nil, meaning: nil))
    }

    /// The index of the name the lexer spelled for a symbol (π, σ, Φ), entered when new.
    mutating func enter(_ symbol: Symbol) -> Int {
        for index in 0..<count where self[index].symbol == symbol { return index }
        return append(Entry(key: Key(symbol.name), start: -1, symbol: symbol, meaning: nil))
    }

    /// The name at `index` as a string, read from `bytes` (the input) when it was typed.
    func name(_ index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> String {
        let entry = self[index]
        if let symbol = entry.symbol { return symbol.name }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[entry.start..<(entry.start + entry.key.count)]), as: UTF8.self)
    }

    func key(_ index: Int) -> Key { self[index].key }

    func meaning(_ index: Int) -> Meaning? { self[index].meaning }

    mutating func setMeaning(_ meaning: Meaning, at index: Int) { self[index].meaning = meaning }

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
