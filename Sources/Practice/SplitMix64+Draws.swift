import CalculusCore

/// The draws the generators make, all from the project's one seeded generator, so an item is the
/// same on every machine and every Swift version.
extension SplitMix64 {
    /// A uniform integer in `range`.
    mutating func integer(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next(below: UInt64(range.upperBound - range.lowerBound + 1)))
    }

    /// One of `options`, uniformly.
    mutating func pick<T>(_ options: [T]) -> T {
        options[Int(next(below: UInt64(options.count)))]
    }

    mutating func coin() -> Bool { next() >> 63 == 1 }

    /// ±2 … ±`largest`: a coefficient that neither vanishes nor leaves its term unchanged.
    mutating func coefficient(upTo largest: Int) -> Int {
        integer(2...largest) * (coin() ? -1 : 1)
    }

    /// ±1 … ±`largest`: a nonzero constant term.
    mutating func nonzero(upTo largest: Int) -> Int {
        integer(1...largest) * (coin() ? -1 : 1)
    }

    /// A nonzero multiple of ½ in [−`largest`, `largest`]: the given values of numeric items.
    mutating func half(upTo largest: Int) -> Double {
        Double(integer(1...(2 * largest))) / 2 * (coin() ? -1 : 1)
    }
}
