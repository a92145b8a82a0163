extension Sequence where Element == UInt8 {
    /// The bytes as lower-case hexadecimal, two digits each (digests, fingerprints).
    ///
    /// Inlinable so it is specialised for the caller's sequence (a digest): unspecialised, each
    /// byte went through the protocol's witness table, about 50 k instructions per SHA-256 digest,
    /// and a store's opening computes eight of them.
    @inlinable
    public var lowercaseHex: String {
        @inline(__always) func digit(_ value: UInt8) -> UInt8 {
            value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") - 10 + value
        }
        var text: [UInt8] = []
        text.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            text.append(digit(byte >> 4))
            text.append(digit(byte & 0xF))
        }
        return String(decoding: text, as: UTF8.self)
    }
}
