extension Expression {
    /// A 64-bit digest of the tree that is the same on every machine and every run (unlike
    /// `hashValue`, which Swift seeds per process): the equivalence checker seeds its sample
    /// points from it.
    public var fingerprint: UInt64 {
        var state: UInt64 = 0xCBF2_9CE4_8422_2325
        mix(into: &state)
        return state
    }

    private func mix(into state: inout UInt64) {
        @inline(__always) func absorb(_ value: UInt64) {
            state = (state ^ value) &* 0x0000_0100_0000_01B3
            state ^= state >> 29
        }
        func absorb(_ text: String) {
            for byte in text.utf8 { absorb(UInt64(byte)) }
            absorb(0xFF)
        }
        switch self {
        case let .number(n):
            absorb(1)
            switch n {
            case let .rational(p, q): absorb(UInt64(bitPattern: p)); absorb(UInt64(bitPattern: q))
            case let .decimal(s, e): absorb(UInt64(bitPattern: s)); absorb(UInt64(bitPattern: Int64(e)) ^ 0xDEC)
            case let .real(v): absorb(v.bitPattern)
            }
        case let .variable(name): absorb(2); absorb(name)
        case let .constant(c): absorb(3); absorb(c.rawValue)
        case let .sum(items):
            absorb(4); absorb(UInt64(items.count))
            for item in items { item.mix(into: &state) }
        case let .product(items):
            absorb(5); absorb(UInt64(items.count))
            for item in items { item.mix(into: &state) }
        case let .power(b, e):
            absorb(6); b.mix(into: &state); e.mix(into: &state)
        case let .call(f, argument):
            absorb(7); absorb(f.rawValue); argument.mix(into: &state)
        }
    }
}
