import CalculusCore

extension CompiledKey {
    /// The key with its mistaken derivatives worked out once, for a grader that checks many
    /// wrong answers to the part (a regrade, a sync import): each wrong answer would otherwise
    /// differentiate the function once per rule and site again. A single submit does not need it.
    public func preparingMistakeSearch() -> CompiledKey {
        var prepared = self
        prepared.mistakeTransforms = mistakeSearchTransforms()
        return prepared
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
