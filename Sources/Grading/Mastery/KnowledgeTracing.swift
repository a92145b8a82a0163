import Foundation
import CourseModels

/// Bayesian Knowledge Tracing: the probability that a learner knows an objective, updated by
/// each graded answer.
///
/// One observation first conditions on the answer,
/// P(L | right) = P(L)(1 − s) / (P(L)(1 − s) + (1 − P(L))g),
/// P(L | wrong) = P(L)s / (P(L)s + (1 − P(L))(1 − g)),
/// then applies the learning transition P′ = P(L | obs) + (1 − P(L | obs))·t.
///
/// A link weight w in [0, 1] makes the answer a partial observation: both likelihoods are raised
/// to the power w (tempered evidence) and the learning probability becomes w·t. Weight 1 is the
/// standard update; weight 0 changes nothing.
public enum KnowledgeTracing {
    /// The probability of knowing after one more answer.
    public static func update(_ pKnown: Double, correct: Bool, parameters: MasteryParameters, weight: Double = 1) -> Double {
        let w = min(max(weight, 0), 1)
        guard w > 0 else { return pKnown }
        let s = parameters.pSlip
        let g = parameters.pGuess
        let likelihoodKnown = correct ? 1 - s : s
        let likelihoodUnknown = correct ? g : 1 - g
        let known = pKnown * (w == 1 ? likelihoodKnown : pow(likelihoodKnown, w))
        let unknown = (1 - pKnown) * (w == 1 ? likelihoodUnknown : pow(likelihoodUnknown, w))
        let posterior = known + unknown > 0 ? known / (known + unknown) : pKnown
        return posterior + (1 - posterior) * parameters.pLearn * w
    }

    /// The probabilities after each answer in turn, starting from `parameters.pInit`.
    public static func trace(_ answers: [Bool], parameters: MasteryParameters) -> [Double] {
        var p = parameters.pInit
        return answers.map { correct in
            p = update(p, correct: correct, parameters: parameters)
            return p
        }
    }
}
