/// The four parameters of Bayesian knowledge tracing for one objective, plus the threshold at
/// which the objective counts as mastered.
///
/// Kept with the objective so an instructor can tune a hard objective without touching code.
public struct MasteryParameters: Codable, Hashable, Sendable {
    /// Probability the learner knew the objective before any attempt.
    public var pInit: Double
    /// Probability of learning it at each opportunity.
    public var pLearn: Double
    /// Probability of a wrong answer despite knowing it.
    public var pSlip: Double
    /// Probability of a right answer without knowing it.
    public var pGuess: Double
    /// The probability of knowing at or above which the objective is shown as mastered.
    public var masteredAt: Double

    public init(
        pInit: Double = 0.1, pLearn: Double = 0.1, pSlip: Double = 0.1, pGuess: Double = 0.2,
        masteredAt: Double = 0.95
    ) {
        self.pInit = pInit
        self.pLearn = pLearn
        self.pSlip = pSlip
        self.pGuess = pGuess
        self.masteredAt = masteredAt
    }

    /// The defaults used when an objective does not set its own.
    public static let standard = MasteryParameters()

    /// Checks that every value is a probability and that slip and guess stay below one half,
    /// beyond which a right answer would count as evidence of not knowing.
    /// - Throws: `MasteryParametersError` naming the first bad parameter.
    public func validate() throws(MasteryParametersError) {
        let named: [(String, Double)] = [
            ("pInit", pInit), ("pLearn", pLearn), ("pSlip", pSlip), ("pGuess", pGuess),
            ("masteredAt", masteredAt),
        ]
        for (name, value) in named where !(0...1).contains(value) {
            throw .outOfRange(parameter: name, value: value)
        }
        if pSlip >= 0.5 { throw .notBelowOneHalf(parameter: "pSlip", value: pSlip) }
        if pGuess >= 0.5 { throw .notBelowOneHalf(parameter: "pGuess", value: pGuess) }
    }
}

/// Why mastery parameters were refused; the description says which value to change.
public enum MasteryParametersError: Error, Hashable, Sendable, CustomStringConvertible {
    case outOfRange(parameter: String, value: Double)
    case notBelowOneHalf(parameter: String, value: Double)

    public var description: String {
        switch self {
        case let .outOfRange(parameter, value):
            return "The mastery parameter \(parameter) is \(value): set it to a probability between 0 and 1."
        case let .notBelowOneHalf(parameter, value):
            return "The mastery parameter \(parameter) is \(value): set it below 0.5, or right answers would count against mastery."
        }
    }
}
