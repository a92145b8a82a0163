/// The line framing of the batch protocol, over bytes: lines end at `\n`, `\r\n` or `\r`;
/// lines of only spaces and tabs are skipped. Splitting a `String` into `Character`s cost
/// more than a third of every item.
public enum JSONLines {
    /// Calls `answer` with each non-blank line of `input` and hands the answers, one per line,
    /// to `write` in chunks of about 64 KiB (one output buffer, reused).
    public static func respond(
        to input: [UInt8],
        with answer: (UnsafeBufferPointer<UInt8>) -> String,
        write: ([UInt8]) -> Void
    ) {
        var output: [UInt8] = []
        output.reserveCapacity(1 << 17)
        input.withUnsafeBufferPointer { bytes in
            var start = 0
            while start < bytes.count {
                var end = lineEnd(in: bytes, from: start)
                let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
                if line.contains(where: { $0 != 0x20 && $0 != 0x09 }) {
                    output.append(contentsOf: answer(line).utf8)
                    output.append(0x0A)
                    if output.count > 1 << 16 {
                        write(output)
                        output.removeAll(keepingCapacity: true)
                    }
                }
                if end + 1 < bytes.count, bytes[end] == 0x0D, bytes[end + 1] == 0x0A { end += 1 }
                start = end + 1
            }
        }
        if !output.isEmpty { write(output) }
    }

    /// The index of the first `\n` or `\r` in `bytes` from `start`, or `bytes.count`: eight
    /// bytes at a time, since a line is a few hundred bytes of JSON.
    static func lineEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= bytes.count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if hasZeroByte(word ^ 0x0A0A_0A0A_0A0A_0A0A) || hasZeroByte(word ^ 0x0D0D_0D0D_0D0D_0D0D) { break }
                index += 8
            }
        }
        while index < bytes.count, bytes[index] != 0x0A, bytes[index] != 0x0D { index += 1 }
        return index
    }

    /// Whether one of the eight bytes of `word` is zero.
    @inline(__always) private static func hasZeroByte(_ word: UInt64) -> Bool {
        (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 != 0
    }
}
