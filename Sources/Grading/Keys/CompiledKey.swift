import CalculusCore
import CourseModels

/// A part's key with its expressions parsed: what the checkers compare answers against.
///
/// Key text is parsed once here instead of once per answer checked: a regrade or a sync import
/// checks thousands of distinct answers to a part, and a submit compares an answer with earlier
/// ones through the same key. The parse is the one the checkers did before (the same parser,
/// told the same variables), so verdicts do not change. A `Regrader` keeps one per part for
/// the content it was given, which is what "per content version" means in practice.
public struct CompiledKey: Sendable {
    public let key: PartKey
    /// The expression a right answer equals (expression and implicit keys); nil when the key
    /// text does not parse, which the checker reports as an unreadable key.
    let expression: Expression?
    /// Expression keys with `derivativeOf`: the function differentiated, for naming mistakes.
    let function: Expression?
    /// Implicit keys: the curve's equation as `lhs - rhs`.
    let curve: Expression?
    /// The mistaken derivatives (or slopes) a wrong answer is compared with, when worked out
    /// ahead by `preparingMistakeSearch()`; nil means each wrong answer works them out itself.
    var mistakeTransforms: [MistakeTransform]?
    /// Expression keys: the points at which answers to the part are profiled (`ProfilePoints`),
    /// seeded by the key so that every grader of the part uses the same ones.
    let profilePoints: ProfilePoints?
    /// The profiles of the key, of −key and of each mistaken derivative at `profilePoints`, when
    /// worked out ahead by `preparingMistakeSearch()`.
    var mistakeProfiles: MistakeProfiles?

    public init(_ key: PartKey) {
        self.key = key
        switch key.answer {
        case let .expression(expressionKey):
            let parser = Parser(variables: Set(expressionKey.variables))
            expression = try? parser.parse(expressionKey.key)
            function = expressionKey.derivativeOf.flatMap { try? parser.parse($0) }
            curve = nil
            profilePoints = expression.map { keyExpression in
                ProfilePoints(variables: Set(expressionKey.variables), domain: expressionKey.domain.mapValues(\.range),
                              seed: keyExpression.fingerprint)
            }
        case let .implicit(implicitKey):
            let parser = Parser(variables: [implicitKey.x, implicitKey.y])
            expression = try? parser.parse(implicitKey.key)
            function = nil
            curve = (try? parser.parseEquation(implicitKey.equation)).map { $0.lhs - $0.rhs }
            profilePoints = nil
        case .number, .numbers, .criticalPoints, .choice, .manual:
            expression = nil
            function = nil
            curve = nil
            profilePoints = nil
        }
    }

    /// Decodes and compiles a stored key.
    /// - Throws: `DecodingError` when `json` is not a key this program reads.
    public init(json: String) throws {
        self.init(try PartKey(json: json))
    }
}
