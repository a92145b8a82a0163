import CourseModels
import Foundation

/// The answer key of one exercise part, stored as JSON in `ExercisePart.keyJSON`.
///
/// The importer builds it from the seed files (computing numeric keys with the calculus core);
/// the part checkers read it. Numbers are stored as computed values, so grading never re-runs
/// an expensive computation.
public struct PartKey: Codable, Hashable, Sendable {
    public var answer: AnswerKey
    /// Feedback for recognised mistakes of this part, by stable tag
    /// (`chain_missing_inner`, `quotient_denominator_not_squared`, …).
    public var mistakes: [String: String]

    public init(answer: AnswerKey, mistakes: [String: String] = [:]) {
        self.answer = answer
        self.mistakes = mistakes
    }

    /// Decodes the key stored with a part.
    /// - Throws: `DecodingError` when the stored JSON is not a key.
    public init(json: String) throws {
        self = try JSONDecoder().decode(PartKey.self, from: Data(json.utf8))
    }

    /// The JSON stored in `ExercisePart.keyJSON`; keys are sorted, so equal keys give equal text
    /// (and equal content hashes).
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding plain value types cannot fail.
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }
}

/// What a correct answer is, per answer kind.
public enum AnswerKey: Codable, Hashable, Sendable {
    /// An expression equivalent to `key` over the box `domain`.
    case expression(ExpressionKey)
    /// An expression in x and y equal to `key` on the curve `equation`.
    case implicit(ImplicitKey)
    case number(value: Double, tolerance: Tolerance)
    /// Several numbers: in order when `ordered`, else as a set; one tolerance per value.
    case numbers(values: [Double], tolerances: [Tolerance], ordered: Bool)
    /// Every critical point of `function` on `interval`, each with its classification.
    case criticalPoints(points: [CriticalPointKey], tolerance: Tolerance)
    /// One of `options`; `key` is the right one.
    case choice(options: [String], key: String)
    /// Free text that an instructor reviews against `rubric`.
    case manual(rubric: String)

    public var kind: AnswerKind {
        switch self {
        case .expression: return .expression
        case .implicit: return .implicit
        case .number: return .number
        case let .numbers(_, _, ordered): return ordered ? .numbers : .numberSet
        case .criticalPoints: return .criticalPoints
        case .choice: return .choice
        case .manual: return .manual
        }
    }
}

public struct ExpressionKey: Codable, Hashable, Sendable {
    /// The key in the ASCII answer language.
    public var key: String
    /// The variables in play (the parser is told them).
    public var variables: [String]
    /// Interval per variable on which answers are compared.
    public var domain: [String: Interval]
    /// The function whose derivative `key` is, when there is one: lets the grader name
    /// the rule a wrong derivative broke.
    public var derivativeOf: String?
    public var withRespectTo: String?

    public init(key: String, variables: [String], domain: [String: Interval],
                derivativeOf: String? = nil, withRespectTo: String? = nil) {
        self.key = key
        self.variables = variables
        self.domain = domain
        self.derivativeOf = derivativeOf
        self.withRespectTo = withRespectTo
    }
}

public struct ImplicitKey: Codable, Hashable, Sendable {
    /// The curve, as `lhs = rhs`.
    public var equation: String
    public var key: String
    public var x: String
    public var y: String
    /// The box in which points of the curve are sampled.
    public var xRange: Interval
    public var yRange: Interval

    public init(equation: String, key: String, x: String, y: String, xRange: Interval, yRange: Interval) {
        self.equation = equation
        self.key = key
        self.x = x
        self.y = y
        self.xRange = xRange
        self.yRange = yRange
    }
}

/// A closed interval `[lower, upper]`.
public struct Interval: Codable, Hashable, Sendable {
    public var lower: Double
    public var upper: Double

    public init(_ lower: Double, _ upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    public var range: ClosedRange<Double> { lower...upper }
}

/// How far a numeric answer may be from its key: `|answer − key| ≤ absolute + relative·|key|`.
public struct Tolerance: Codable, Hashable, Sendable {
    public var relative: Double
    public var absolute: Double

    public static let standard = Tolerance(relative: 1e-6, absolute: 1e-9)

    public init(relative: Double, absolute: Double) {
        self.relative = relative
        self.absolute = absolute
    }

    public func accepts(_ answer: Double, key: Double) -> Bool {
        answer.isFinite && abs(answer - key) <= absolute + relative * abs(key)
    }
}

public struct CriticalPointKey: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Hashable, Sendable { case minimum, maximum, neither }

    public var x: Double
    public var kind: Kind

    public init(x: Double, kind: Kind) {
        self.x = x
        self.kind = kind
    }
}
