import CalculusCore

/// Names the common mistake behind a wrong derivative, by comparing the answer with what each
/// mistaken rule (`FaultyDifferentiator`) would give.
///
/// Rules are tried from the most specific to the most general, so an answer that two rules
/// explain gets the more telling tag; then the answer is compared with −key (`sign_error`) and
/// with a constant multiple of the key (`dropped_constant_factor`).
struct MistakeDetector {
    static let order: [FaultyDifferentiator.Rule] = [
        .logMissingInner, .exponentialAsPower, .cosSign, .chainMissingInner, .quotientNumeratorSwapped,
        .quotientDenominatorNotSquared, .productAsProduct,
        .powerNotLowered, .powerLoweredTwice, .droppedConstantFactor,
    ]
    /// Beyond this many sites only the every-site variant of a rule is tried.
    static let maximumSingleSites = 8

    var checker = EquivalenceChecker(samples: 24)

    /// The mistake an answer to "differentiate a function" shows, given the function's mistaken
    /// derivatives (`MistakeTransform.derivatives`, in their order). `profiled`, the answer's
    /// profile beside the mistakes' (`CompiledKey.mistakeSearchProfile`), spares the judge every
    /// comparison the profiles already decide: the tag found is the same.
    func mistake(
        answer: Expression, key: Expression, transforms: [MistakeTransform], domain: [String: ClosedRange<Double>],
        profiled: ProfiledAnswer? = nil
    ) -> MistakeTag? {
        for (index, transform) in transforms.enumerated() where profiled?.toldApart(fromTransform: index) != true {
            if checker.judge(transform.result, answer, domain: domain).isEquivalent { return transform.tag }
        }
        return factorMistake(answer: answer, key: key, domain: domain, profiled: profiled)
    }

    /// `sign_error` when answer = −key, `dropped_constant_factor` when answer = c·key for another c.
    func factorMistake(
        answer: Expression, key: Expression, domain: [String: ClosedRange<Double>], profiled: ProfiledAnswer? = nil
    ) -> MistakeTag? {
        if profiled?.toldApartFromNegatedKey != true, checker.judge(-key, answer, domain: domain).isEquivalent {
            return .signError
        }
        guard profiled?.toldApartFromEveryMultipleOfKey != true,
              let ratio = Self.ratio(answer, key, domain: domain), ratio.isFinite,
              abs(ratio) > 1e-9, abs(ratio - 1) > 1e-9, abs(ratio + 1) > 1e-9,
              profiled?.toldApart(fromKeyScaledBy: ratio) != true else { return nil }
        let scaled = Expression.product(of: [.real(ratio), key])
        return checker.judge(scaled, answer, domain: domain).isEquivalent ? .droppedConstantFactor : nil
    }

    /// answer/key at the first sample point where both are finite and the key is not zero.
    static func ratio(_ answer: Expression, _ key: Expression, domain: [String: ClosedRange<Double>]) -> Double? {
        let names = Array(key.variables.union(answer.variables).union(domain.keys)).sorted()
        let a = CompiledExpression(answer, variables: names)
        let k = CompiledExpression(key, variables: names)
        for fraction in [0.381966, 0.618034, 0.2360679, 0.854102] {
            let point = names.map { name -> Double in
                let box = domain[name] ?? EquivalenceChecker.defaultInterval
                return box.lowerBound + fraction * (box.upperBound - box.lowerBound)
            }
            let kv: Double = k.evaluate(point)
            let av: Double = a.evaluate(point)
            if kv.isFinite, av.isFinite, abs(kv) > 1e-12 { return av / kv }
        }
        return nil
    }

    /// The mistake an answer for dy/dx on the curve `curve = 0` shows, given each rule's implicit
    /// derivative −A/B, where the faulty d/dx of the curve is A + B·y′ (`MistakeTransform.implicitSlopes`).
    func implicitMistake(
        answer: Expression, key: Expression, curve: Expression, transforms: [MistakeTransform], x: String, y: String,
        box: (x: ClosedRange<Double>, y: ClosedRange<Double>)
    ) -> MistakeTag? {
        // Every comparison is seeded by the key, so all of them use the part's one curve sampling.
        for transform in transforms
        where checker.judgeOnCurve(transform.result, answer, curve: curve, x: x, y: y, box: box, seededBy: key).isEquivalent {
            return transform.tag
        }
        if checker.judgeOnCurve(-key, answer, curve: curve, x: x, y: y, box: box, seededBy: key).isEquivalent { return .signError }
        return nil
    }
}
