import Foundation

extension UUID {
    /// Parses the 36-character hyphenated form (either case) from raw bytes, without
    /// Foundation's per-call overhead: storage reads three UUIDs per attempt and bundles carry
    /// millions. Nil when the bytes are not a UUID.
    public init?<Bytes: RandomAccessCollection>(hyphenatedASCII bytes: Bytes) where Bytes.Element == UInt8, Bytes.Index == Int {
        // Parsed through the concrete buffer form: called across modules, the generic body runs
        // unspecialised (witness calls per byte, 15,000 instructions a UUID).
        guard let parsed = bytes.withContiguousStorageIfAvailable({ UUID(hyphenatedASCII: $0) }) ?? UUID(hyphenatedASCII: Array(bytes)) else {
            return nil
        }
        self = parsed
    }

    /// `init(hyphenatedASCII:)` for bytes in memory: what storage and bundles call.
    public init?(hyphenatedASCII bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count == 36 else { return nil }
        var value: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let start = bytes.startIndex
        let parsed = withUnsafeMutableBytes(of: &value) { out -> Bool in
            var position = start
            for index in 0..<16 {
                if index == 4 || index == 6 || index == 8 || index == 10 {
                    guard bytes[position] == UInt8(ascii: "-") else { return false }
                    position += 1
                }
                guard let high = Self.nibble(bytes[position]), let low = Self.nibble(bytes[position + 1]) else { return false }
                out[index] = high << 4 | low
                position += 2
            }
            return true
        }
        guard parsed else { return nil }
        self.init(uuid: value)
    }

    /// Calls `body` with the canonical upper-case hyphenated form's 36 bytes (the form storage
    /// and bundles use), built without allocating a `String`.
    public func withUppercaseASCII<T>(_ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        var text = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        return try withUnsafeMutableBytes(of: &text) { raw in
            let out = raw.bindMemory(to: UInt8.self)
            var position = 0
            withUnsafeBytes(of: uuid) { parts in
                for index in 0..<16 {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        out[position] = UInt8(ascii: "-")
                        position += 1
                    }
                    out[position] = Self.upperHexDigits[Int(parts[index] >> 4)]
                    out[position + 1] = Self.upperHexDigits[Int(parts[index] & 0xF)]
                    position += 2
                }
            }
            return try body(UnsafeBufferPointer(rebasing: out[0..<36]))
        }
    }

    /// The id's 16 bytes as two big-endian halves. Comparing them orders ids as their
    /// `uuidString`s compare (upper-case hex keeps byte order), without building the strings.
    public var orderedHalves: (high: UInt64, low: UInt64) {
        withUnsafeBytes(of: uuid) { bytes in
            (UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
             UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
        }
    }

    /// Whether `a` comes before `b` as their `uuidString`s compare, without building either
    /// string: Foundation formats a `uuidString` through `snprintf`, about 6,000 instructions,
    /// which sorting a thousand learners' ids did forty thousand times per import.
    public static func precedesInText(_ a: UUID, _ b: UUID) -> Bool {
        let (x, y) = (a.orderedHalves, b.orderedHalves)
        return (x.high, x.low) < (y.high, y.low)
    }

    private static let upperHexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - 48
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - 87
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - 55
        default: return nil
        }
    }
}
