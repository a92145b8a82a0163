import Foundation

extension UUID {
    /// A version-7 UUID (RFC 9562): 48 bits of Unix milliseconds, then random bits.
    ///
    /// Attempt ids use it so new ids sort after old ones: storage appends to its id index
    /// instead of inserting at random places, which keeps bulk imports fast.
    public static func timeOrdered(at date: Date = Date()) -> UUID {
        var generator = SystemRandomNumberGenerator()
        return timeOrdered(at: date, using: &generator)
    }

    /// A version-7 UUID whose random bits come from `generator`, for reproducible data.
    public static func timeOrdered<G: RandomNumberGenerator>(at date: Date, using generator: inout G) -> UUID {
        let milliseconds = UInt64(max(0, date.millisecondsSince1970)) & 0xFFFF_FFFF_FFFF
        let random = generator.next()
        let more = generator.next()
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - UInt64(index)))) }
        for index in 6..<14 { bytes[index] = UInt8(truncatingIfNeeded: random >> (8 * UInt64(index - 6))) }
        bytes[14] = UInt8(truncatingIfNeeded: more)
        bytes[15] = UInt8(truncatingIfNeeded: more >> 8)
        bytes[6] = bytes[6] & 0x0F | 0x70
        bytes[8] = bytes[8] & 0x3F | 0x80
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}
