import CourseModels
import Foundation

/// The answer key of one exercise part, stored as JSON in `ExercisePart.keyJSON`.
///
/// The importer builds it from the seed files (computing numeric keys with the calculus core);
/// the part checkers read it. Numbers are stored as computed values, so grading never re-runs
/// an expensive computation.
///
/// **Stored encoding, version 1.** The stored text feeds content hashes and bundles'
/// `contentVersion`, so it is spelled out here rather than left to the compiler: every key name
/// below is a string constant, and renaming a Swift case or property changes nothing stored
/// (`PartKeyEncodingTests` pins the bytes of every seed key). A JSON object with sorted keys,
/// `/` escaped as `\/`, numbers as `JSONEncoder` writes them:
///
/// - `answer`: one member naming the kind, whose value is
///   - `expression`: `{"_0": {"key", "variables", "domain": {name: {"lower", "upper"}},
///     "derivativeOf"?, "withRespectTo"?}}`
///   - `implicit`: `{"_0": {"equation", "key", "x", "y", "xRange", "yRange"}}`
///   - `number`: `{"value", "tolerance": {"relative", "absolute"}}`
///   - `numbers`: `{"values", "tolerances", "ordered"}`
///   - `criticalPoints`: `{"points": [{"x", "kind": "minimum"|"maximum"|"neither"}], "tolerance"}`
///   - `choice`: `{"options", "key"}`
///   - `manual`: `{"rubric"}`
/// - `mistakes`: feedback by mistake tag.
/// - `form`, `limitVariable`, `significantDigits`: present only when the part states them
///   (issue 12), so the bytes of keys without them are unchanged.
/// - `estimates`: with `form: estimate`, one entry per key value, `null` for a value that is not
///   a finite-difference estimate: `{"method", "step", "band", "spacing", "alternatives":
///   [{"kind": "exact"|"forward"|"backward"|"centered", "value"}]}`.
/// - `version`: absent in version 1. A later encoding writes `"version": 2` or more, and a
///   migration (`Migrations/0002_…` onwards) rewrites the stored keys; this reader refuses a
///   version it does not know rather than misreading it.
public struct PartKey: Codable, Hashable, Sendable {
    public var answer: AnswerKey
    /// Feedback for recognised mistakes of this part, by stable tag
    /// (`chain_missing_inner`, `quotient_denominator_not_squared`, …).
    public var mistakes: [String: String]
    /// The form a right answer must have (checked after equivalence), if any.
    public var form: AnswerForm?
    /// The variable a `no-limit-variable` answer must be free of (`h`).
    public var limitVariable: String?
    /// For numeric parts stated as "at least N significant digits": N. The tolerances are then
    /// one unit in the N-th significant digit of each key value, and an answer written with
    /// fewer digits that is not within them is told so (`too_few_digits`).
    public var significantDigits: Int?
    /// For number and list parts: the values a known mistake gives, by tag (its message is in
    /// `mistakes`). Checked before the key, so a mistake inside the key's tolerance band (the
    /// exact value where a float64 estimate was asked for) is still named.
    public var numericMistakes: [String: NumericMistake]
    /// With `form: estimate`: per key value, what round-off allows and what the usual wrong
    /// approaches give (nil for a value that is not an estimate).
    public var estimates: [EstimateSlot?]

    public init(
        answer: AnswerKey, mistakes: [String: String] = [:], form: AnswerForm? = nil, limitVariable: String? = nil,
        significantDigits: Int? = nil, numericMistakes: [String: NumericMistake] = [:], estimates: [EstimateSlot?] = []
    ) {
        self.numericMistakes = numericMistakes
        self.estimates = estimates
        self.answer = answer
        self.mistakes = mistakes
        self.form = form
        self.limitVariable = limitVariable
        self.significantDigits = significantDigits
    }

    /// The encoding this type writes.
    public static let encodingVersion = 1

    enum CodingKeys: String, CodingKey {
        case answer = "answer", mistakes = "mistakes", version = "version", form = "form"
        case limitVariable = "limitVariable", significantDigits = "significantDigits"
        case numericMistakes = "numericMistakes", estimates = "estimates"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let version = try container.decodeIfPresent(Int.self, forKey: .version) ?? 1
        guard version == Self.encodingVersion else {
            throw DecodingError.dataCorruptedError(
                forKey: .version, in: container,
                debugDescription: "answer key encoding version \(version) is newer than this program reads (\(Self.encodingVersion))")
        }
        answer = try container.decode(AnswerKey.self, forKey: .answer)
        mistakes = try container.decode([String: String].self, forKey: .mistakes)
        form = try container.decodeIfPresent(AnswerForm.self, forKey: .form)
        limitVariable = try container.decodeIfPresent(String.self, forKey: .limitVariable)
        significantDigits = try container.decodeIfPresent(Int.self, forKey: .significantDigits)
        numericMistakes = try container.decodeIfPresent([String: NumericMistake].self, forKey: .numericMistakes) ?? [:]
        estimates = try container.decodeIfPresent([EstimateSlot?].self, forKey: .estimates) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(answer, forKey: .answer)
        try container.encode(mistakes, forKey: .mistakes)
        try container.encodeIfPresent(form, forKey: .form)
        try container.encodeIfPresent(limitVariable, forKey: .limitVariable)
        try container.encodeIfPresent(significantDigits, forKey: .significantDigits)
        if !numericMistakes.isEmpty { try container.encode(numericMistakes, forKey: .numericMistakes) }
        if !estimates.isEmpty { try container.encode(estimates, forKey: .estimates) }
    }

    /// Decodes the key stored with a part, through `PartKeyReader` (not `JSONDecoder`, whose
    /// cost a submit would pay for every part it grades); accepts what `init(from:)` accepts.
    /// - Throws: `DecodingError` when the stored JSON is not a key.
    public init(json: String) throws(DecodingError) {
        try self.init(reading: PartKeyReader.parse(json))
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

/// What a correct answer is, per answer kind (stored as `PartKey` documents).
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

    private enum Kind: String, CodingKey {
        case expression = "expression", implicit = "implicit", number = "number", numbers = "numbers"
        case criticalPoints = "criticalPoints", choice = "choice", manual = "manual"
    }

    private enum Wrapped: String, CodingKey { case value = "_0" }
    private enum NumberField: String, CodingKey { case value = "value", tolerance = "tolerance" }
    private enum NumbersField: String, CodingKey { case values = "values", tolerances = "tolerances", ordered = "ordered" }
    private enum PointsField: String, CodingKey { case points = "points", tolerance = "tolerance" }
    private enum ChoiceField: String, CodingKey { case options = "options", key = "key" }
    private enum ManualField: String, CodingKey { case rubric = "rubric" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Kind.self)
        guard container.allKeys.count == 1, let kind = container.allKeys.first else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: container.codingPath, debugDescription: "an answer key names exactly one kind"))
        }
        switch kind {
        case .expression:
            let fields = try container.nestedContainer(keyedBy: Wrapped.self, forKey: kind)
            self = .expression(try fields.decode(ExpressionKey.self, forKey: .value))
        case .implicit:
            let fields = try container.nestedContainer(keyedBy: Wrapped.self, forKey: kind)
            self = .implicit(try fields.decode(ImplicitKey.self, forKey: .value))
        case .number:
            let fields = try container.nestedContainer(keyedBy: NumberField.self, forKey: kind)
            self = .number(value: try fields.decode(Double.self, forKey: .value),
                           tolerance: try fields.decode(Tolerance.self, forKey: .tolerance))
        case .numbers:
            let fields = try container.nestedContainer(keyedBy: NumbersField.self, forKey: kind)
            self = .numbers(values: try fields.decode([Double].self, forKey: .values),
                            tolerances: try fields.decode([Tolerance].self, forKey: .tolerances),
                            ordered: try fields.decode(Bool.self, forKey: .ordered))
        case .criticalPoints:
            let fields = try container.nestedContainer(keyedBy: PointsField.self, forKey: kind)
            self = .criticalPoints(points: try fields.decode([CriticalPointKey].self, forKey: .points),
                                   tolerance: try fields.decode(Tolerance.self, forKey: .tolerance))
        case .choice:
            let fields = try container.nestedContainer(keyedBy: ChoiceField.self, forKey: kind)
            self = .choice(options: try fields.decode([String].self, forKey: .options),
                           key: try fields.decode(String.self, forKey: .key))
        case .manual:
            let fields = try container.nestedContainer(keyedBy: ManualField.self, forKey: kind)
            self = .manual(rubric: try fields.decode(String.self, forKey: .rubric))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Kind.self)
        switch self {
        case let .expression(key):
            var fields = container.nestedContainer(keyedBy: Wrapped.self, forKey: .expression)
            try fields.encode(key, forKey: .value)
        case let .implicit(key):
            var fields = container.nestedContainer(keyedBy: Wrapped.self, forKey: .implicit)
            try fields.encode(key, forKey: .value)
        case let .number(value, tolerance):
            var fields = container.nestedContainer(keyedBy: NumberField.self, forKey: .number)
            try fields.encode(value, forKey: .value)
            try fields.encode(tolerance, forKey: .tolerance)
        case let .numbers(values, tolerances, ordered):
            var fields = container.nestedContainer(keyedBy: NumbersField.self, forKey: .numbers)
            try fields.encode(values, forKey: .values)
            try fields.encode(tolerances, forKey: .tolerances)
            try fields.encode(ordered, forKey: .ordered)
        case let .criticalPoints(points, tolerance):
            var fields = container.nestedContainer(keyedBy: PointsField.self, forKey: .criticalPoints)
            try fields.encode(points, forKey: .points)
            try fields.encode(tolerance, forKey: .tolerance)
        case let .choice(options, key):
            var fields = container.nestedContainer(keyedBy: ChoiceField.self, forKey: .choice)
            try fields.encode(options, forKey: .options)
            try fields.encode(key, forKey: .key)
        case let .manual(rubric):
            var fields = container.nestedContainer(keyedBy: ManualField.self, forKey: .manual)
            try fields.encode(rubric, forKey: .rubric)
        }
    }

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

    enum CodingKeys: String, CodingKey {
        case key = "key", variables = "variables", domain = "domain", derivativeOf = "derivativeOf"
        case withRespectTo = "withRespectTo"
    }

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

    enum CodingKeys: String, CodingKey {
        case equation = "equation", key = "key", x = "x", y = "y", xRange = "xRange", yRange = "yRange"
    }

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

    enum CodingKeys: String, CodingKey { case lower = "lower", upper = "upper" }

    public init(_ lower: Double, _ upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    public var range: ClosedRange<Double> { lower...upper }
}

/// How far a numeric answer may be from its key: `|answer − key| ≤ absolute + relative·|key|`.
/// The project's one tolerance type. "Within tolerance" is not transitive (a ≈ b and b ≈ c do
/// not give a ≈ c), so it backs `accepts` only, never `Equatable`: the synthesised equality
/// compares two tolerances' settings, not two numbers.
public struct Tolerance: Codable, Hashable, Sendable {
    public var relative: Double
    public var absolute: Double

    public static let standard = Tolerance(relative: 1e-6, absolute: 1e-9)

    enum CodingKeys: String, CodingKey { case relative = "relative", absolute = "absolute" }

    public init(relative: Double, absolute: Double) {
        self.relative = relative
        self.absolute = absolute
    }

    public func accepts(_ answer: Double, key: Double) -> Bool {
        answer.isFinite && abs(answer - key) <= absolute + relative * abs(key)
    }

    /// "At least `digits` significant digits" for `key`: within one unit of its `digits`-th
    /// significant digit, so a rounded and a truncated answer with that many digits both pass
    /// and a wrong digit in that place does not.
    public static func significantDigits(_ digits: Int, key: Double) -> Tolerance {
        guard key != 0, key.isFinite else { return Tolerance(relative: 0, absolute: pow(10.0, Double(-digits))) }
        let exponent = (log10(abs(key))).rounded(.down)
        return Tolerance(relative: 0, absolute: pow(10.0, exponent - Double(digits) + 1))
    }

    /// The largest distance from `key` this tolerance accepts.
    public func width(key: Double) -> Double { absolute + relative * abs(key) }
}

public struct CriticalPointKey: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Hashable, Sendable {
        case minimum = "minimum", maximum = "maximum", neither = "neither"
    }

    public var x: Double
    public var kind: Kind

    enum CodingKeys: String, CodingKey { case x = "x", kind = "kind" }

    public init(x: Double, kind: Kind) {
        self.x = x
        self.kind = kind
    }
}

/// The values a known mistake gives for a number or list part, one per key value, and how
/// close an answer must be to count as that mistake.
public struct NumericMistake: Codable, Hashable, Sendable {
    public var values: [Double]
    /// One per value.
    public var tolerances: [Tolerance]

    enum CodingKeys: String, CodingKey { case values = "values", tolerances = "tolerances" }

    public init(values: [Double], tolerances: [Tolerance]) {
        self.values = values
        self.tolerances = tolerances
    }

    /// Whether `numbers` are this mistake: as many values, each within its tolerance.
    public func matches(_ numbers: [Double]) -> Bool {
        numbers.count == values.count
            && zip(numbers, zip(values, tolerances)).allSatisfy { $1.1.accepts($0, key: $1.0) }
    }
}
