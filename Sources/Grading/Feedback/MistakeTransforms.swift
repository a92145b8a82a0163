import CalculusCore

/// What each named mistake turns a derivative question into: the derivative a learner making
/// exactly that mistake (everywhere, or at one site) would write, with the tag it is reported
/// under.
///
/// `MistakeDetector` names a wrong answer by comparing it with these, in this order; a practice
/// generator checks that none of them equals the key (a mistake equal to the key could never be
/// named) and shows them to an instructor as the item's mistake table.
public struct MistakeTransform: Hashable, Sendable {
    public var tag: MistakeTag
    /// The mistaken derivative (or, for a curve, the mistaken dy/dx).
    public var result: Expression
    /// The site the mistake was made at, nil when it was made at every site.
    public var site: Int?

    /// Every transform of "differentiate `function` with respect to `variable`": per rule, from
    /// the most specific to the most general (`MistakeDetector.order`), the rule broken at every
    /// site, then, when it has several, at each of the first `MistakeDetector.maximumSingleSites`.
    public static func derivatives(of function: Expression, variable: String) -> [MistakeTransform] {
        var transforms: [MistakeTransform] = []
        for rule in MistakeDetector.order {
            var all = FaultyDifferentiator(variable: variable, rule: rule)
            let candidate = all.derivative(function)
            guard all.sites > 0 else { continue }
            transforms.append(MistakeTransform(tag: rule.tag, result: candidate, site: nil))
            guard all.sites > 1 else { continue }
            for site in 0..<min(all.sites, MistakeDetector.maximumSingleSites) {
                var one = FaultyDifferentiator(variable: variable, rule: rule, site: site)
                transforms.append(MistakeTransform(tag: rule.tag, result: one.derivative(function), site: site))
            }
        }
        return transforms
    }

    /// Every transform of "dy/dx on the curve `curve` = 0": per rule, the implicit derivative
    /// −A/B where the faulty d/dx of the curve is A + B·y′.
    public static func implicitSlopes(of curve: Expression, x: String, y: String) -> [MistakeTransform] {
        let slope = "\u{1}dy"
        var transforms: [MistakeTransform] = []
        for rule in MistakeDetector.order {
            var faulty = FaultyDifferentiator(variable: x, rule: rule, dependents: [y: .variable(slope)])
            let total = faulty.derivative(curve)
            guard faulty.sites > 0 else { continue }
            let a = total.substituting([slope: .zero])
            let b = total.substituting([slope: .one]) - a
            transforms.append(MistakeTransform(tag: rule.tag, result: -a / b, site: nil))
        }
        return transforms
    }
}
