/// A small seeded generator (SplitMix64), so that sample points — and therefore verdicts —
/// are the same on every run and every machine.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform value in [0, 1) with 53 random bits.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }
}

extension SplitMix64 {
    /// A uniform integer in `0..<bound` (bound > 0), by Lemire's multiply-and-reject method.
    public mutating func next(below bound: UInt64) -> UInt64 {
        precondition(bound > 0)
        while true {
            let (high, low) = next().multipliedFullWidth(by: bound)
            if low >= (0 &- bound) % bound { return high }
        }
    }

    /// Shuffles `array` in place (Fisher–Yates, from the end): our own, so that the order is the
    /// same on every Swift version, unlike the standard library's `shuffle(using:)`.
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        var i = array.count - 1
        while i > 0 {
            let j = Int(next(below: UInt64(i + 1)))
            array.swapAt(i, j)
            i -= 1
        }
    }
}
