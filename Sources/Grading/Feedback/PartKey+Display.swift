extension PartKey {
    /// The key as a learner reads it when it is revealed; nil for manual parts, which have none.
    public var displayText: String? {
        switch answer {
        case let .expression(key):
            return key.key
        case let .implicit(key):
            return key.key
        case let .number(value, _):
            return AnswerNotation.show(value)
        case let .numbers(values, _, _):
            return values.map(AnswerNotation.show).joined(separator: ", ")
        case let .criticalPoints(points, _):
            if points.isEmpty { return "none" }
            return points.map { "x = \(AnswerNotation.show($0.x)): \($0.kind.rawValue)" }.joined(separator: "; ")
        case let .choice(_, key):
            return key
        case .manual:
            return nil
        }
    }
}
