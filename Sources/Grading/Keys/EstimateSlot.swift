import Foundation

/// What the `estimate` form knows about one key value that is a float64 finite-difference
/// estimate: the step, how far a correct program elsewhere may land (its round-off band), the
/// grid its values fall on, and the values the usual wrong answers give (the exact derivative,
/// the other difference formulas). Computed at import, so grading compares numbers only.
public struct EstimateSlot: Codable, Hashable, Sendable {
    /// The difference formula the key uses (`forward`, `backward`, `centered`).
    public var method: String
    public var step: Double
    /// Half-width of the estimates correct programs compute on common platforms.
    public var band: Double
    /// The spacing of the values a float64 estimate can take (see `FiniteDifference`).
    public var spacing: Double
    public var alternatives: [EstimateAlternative]

    enum CodingKeys: String, CodingKey {
        case method = "method", step = "step", band = "band", spacing = "spacing", alternatives = "alternatives"
    }

    public init(method: String, step: Double, band: Double, spacing: Double, alternatives: [EstimateAlternative]) {
        self.method = method
        self.step = step
        self.band = band
        self.spacing = spacing
        self.alternatives = alternatives
    }

    /// Whether a correct float64 program could print a value within `window` of `value`: some
    /// value of the estimate's grid within the band of `estimate` lies there.
    public func achievable(near value: Double, window: Double, estimate: Double) -> Bool {
        let low = max(value - window, estimate - band), high = min(value + window, estimate + band)
        guard low <= high else { return false }
        // A grid finer than a millionth of the band is as good as continuous.
        guard spacing > 0, band / spacing < 1e6 else { return true }
        let first = ((low - estimate) / spacing).rounded(.up)
        return estimate + first * spacing <= high
    }

    /// Whether `alternative` can be told apart from the estimate at all: it lies outside the
    /// band of this machine's estimate and of another platform's (twice the band).
    public func distinguishes(_ alternative: EstimateAlternative, from estimate: Double) -> Bool {
        abs(alternative.value - estimate) > 2 * band
    }
}

/// A value a known wrong approach gives where an estimate is asked for.
public struct EstimateAlternative: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Hashable, Sendable, CaseIterable {
        /// The exact derivative (what the estimate approximates, not what float64 computes).
        case exact = "exact"
        case forward = "forward"
        case backward = "backward"
        case centered = "centered"
    }

    public var kind: Kind
    public var value: Double

    enum CodingKeys: String, CodingKey { case kind = "kind", value = "value" }

    public init(kind: Kind, value: Double) {
        self.kind = kind
        self.value = value
    }

    /// The mistake tag an answer giving this value has made.
    public var mistake: MistakeTag {
        switch kind {
        case .exact: return .reportedExactValue
        case .forward: return .usedForwardDifference
        case .backward: return .usedBackwardDifference
        case .centered: return .usedCenteredDifference
        }
    }

    /// "the exact derivative", "the forward-difference estimate".
    public var name: String {
        kind == .exact ? "the exact derivative" : "the \(kind.rawValue)-difference estimate"
    }
}
