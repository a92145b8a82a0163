import CourseModels

/// Which tier a learner practises at: the highest tier whose predicted success is at least
/// `target` (0.7), else tier 1.
///
/// The prediction for tier t blends two things. The model's own: the chance of a right answer
/// under knowledge tracing, P = p(known)·(1 − slip) + (1 − p(known))·guess, less 0.05 per tier
/// above the first (harder items are a little less likely right even when the skill is known).
/// And the learner's record at that tier: r right first answers out of n items. Predicted
/// success = (r + 4·prior) / (n + 4): the prior counts as four items, so a short record moves it
/// a little and a long one dominates.
public enum PracticeTierRule {
    public static let target = 0.7
    /// How many observed items the prior is worth.
    public static let priorWeight = 4.0

    /// Right first answers out of items tried, at one tier.
    public struct Record: Hashable, Sendable {
        public var right: Int
        public var tried: Int

        public init(right: Int, tried: Int) {
            self.right = right
            self.tried = tried
        }
    }

    /// The predicted chance of a right first answer at `tier`.
    public static func predictedSuccess(tier: Int, pKnown: Double, parameters: MasteryParameters, record: Record?) -> Double {
        let model = pKnown * (1 - parameters.pSlip) + (1 - pKnown) * parameters.pGuess
        let prior = max(0, model - 0.05 * Double(tier - 1))
        let right = Double(record?.right ?? 0), tried = Double(record?.tried ?? 0)
        return (right + priorWeight * prior) / (tried + priorWeight)
    }

    /// The tier to practise at.
    public static func tier(pKnown: Double, parameters: MasteryParameters, records: [Int: Record]) -> Int {
        PracticeFamily.tiers.reversed().first {
            predictedSuccess(tier: $0, pKnown: pKnown, parameters: parameters, record: records[$0]) >= target
        } ?? PracticeFamily.tiers.lowerBound
    }
}
