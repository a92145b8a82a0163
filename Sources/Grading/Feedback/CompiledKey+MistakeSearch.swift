import CalculusCore

extension CompiledKey {
    /// The key with its mistaken derivatives worked out once, for a grader that checks many
    /// wrong answers to the part (a regrade, a sync import): each wrong answer would otherwise
    /// differentiate the function once per rule and site again. A single submit does not need it.
    public func preparingMistakeSearch() -> CompiledKey {
        var prepared = self
        prepared.mistakeTransforms = mistakeSearchTransforms()
        prepared.mistakeProfiles = prepared.workedOutMistakeProfiles(prepared.mistakeTransforms ?? [])
        return prepared
    }

    /// What the mistake search compares a wrong answer with, at the part's profile points: the
    /// answer's profile beside the key's and the mistakes' (worked out ahead, or else now). Nil
    /// for keys without profile points (all but expression keys) or an answer with a variable
    /// they do not cover: then every comparison goes to the judge. `transforms` are the ones the
    /// search will go through (`mistakeSearchTransforms()`, or none).
    func mistakeSearchProfile(of answer: Expression, transforms: [MistakeTransform]) -> ProfiledAnswer? {
        guard let profilePoints, let profile = profilePoints.profile(of: answer),
              let mistakes = mistakeProfiles ?? workedOutMistakeProfiles(transforms) else { return nil }
        return ProfiledAnswer(profile: profile, mistakes: mistakes)
    }

    private func workedOutMistakeProfiles(_ transforms: [MistakeTransform]) -> MistakeProfiles? {
        guard let profilePoints, let expression, let key = profilePoints.profile(of: expression) else { return nil }
        return MistakeProfiles(key: key, negatedKey: profilePoints.profile(of: -expression),
                               transforms: transforms.map { profilePoints.profile(of: $0.result) })
    }

    /// The transforms a wrong answer is compared with: those worked out ahead, or else worked out
    /// now; empty for keys whose wrong answers are not searched for a rule (no function, no curve).
    func mistakeSearchTransforms() -> [MistakeTransform] {
        if let mistakeTransforms { return mistakeTransforms }
        switch key.answer {
        case let .expression(expressionKey):
            guard let function else { return [] }
            let variable = expressionKey.withRespectTo ?? expressionKey.variables.first ?? "x"
            return MistakeTransform.derivatives(of: function, variable: variable)
        case let .implicit(implicitKey):
            guard let curve else { return [] }
            return MistakeTransform.implicitSlopes(of: curve, x: implicitKey.x, y: implicitKey.y)
        case .number, .numbers, .criticalPoints, .choice, .manual:
            return []
        }
    }
}

/// The profiles (`SampleProfile`) of a key, of −key and of each of its mistake transforms, in
/// the transforms' order; nil where an expression has a variable the points do not cover.
struct MistakeProfiles: Sendable {
    var key: SampleProfile
    var negatedKey: SampleProfile?
    var transforms: [SampleProfile?]
}

/// A wrong answer's profile with the mistakes it is compared with: which comparisons it
/// certainly fails, so the mistake search skips them (a skipped comparison is one the judge
/// would not have found equivalent).
struct ProfiledAnswer {
    var profile: SampleProfile
    var mistakes: MistakeProfiles

    /// Whether the answer certainly differs from the transform at `index`.
    func toldApart(fromTransform index: Int) -> Bool {
        guard mistakes.transforms.indices.contains(index), let transform = mistakes.transforms[index] else { return false }
        return profile.certainlyDiffers(from: transform)
    }

    var toldApartFromNegatedKey: Bool {
        mistakes.negatedKey.map(profile.certainlyDiffers) ?? false
    }

    /// Whether the answer is certainly no constant multiple of the key (then no ratio need be
    /// worked out for `dropped_constant_factor`).
    var toldApartFromEveryMultipleOfKey: Bool {
        profile.certainlyNoMultiple(of: mistakes.key)
    }

    /// Whether the answer certainly differs from `factor`·key.
    func toldApart(fromKeyScaledBy factor: Double) -> Bool {
        profile.certainlyDiffers(from: mistakes.key.scaled(by: factor))
    }
}
