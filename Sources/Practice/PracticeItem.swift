import CourseModels
import Grading

/// A generated practice item: an exercise of one part with a checked key, a pure function of its
/// `PracticeSpec`.
public struct PracticeItem: Hashable, Sendable {
    public let spec: PracticeSpec
    public let family: PracticeFamily
    /// The item as an exercise (id `spec.exerciseID`, one unlabelled part), graded, stored and
    /// shown exactly like a fixed exercise.
    public let exercise: Exercise
    /// The item's identity by content: two seeds that draw the same question share it, so a
    /// learner is not given the same question twice in a row under another seed.
    public let canonicalKey: String
    /// What the item asks about, as printed in the prompt and readable by the parser: the
    /// function, the curve `lhs = rhs`, or the loss.
    public let function: String
    /// The variables `function` is written in.
    public let variables: [String]
    /// The numbers the question states besides the function (`x0` and `h`; the graph's values).
    public let given: [String: Double]
    /// The checked key.
    public let key: PartKey
    /// The answer each recognised mistake gives, with the tag the grader names it by.
    public let mistakes: [PracticeMistake]
    /// The draw that was accepted (0 for the first): the ones before it were rejected.
    public let rejectedDraws: Int

    /// The item's one part.
    public var part: ExercisePart { exercise.parts[0] }

    init(spec: PracticeSpec, family: PracticeFamily, exercise: Exercise, draft: Draft, rejectedDraws: Int) {
        self.spec = spec
        self.family = family
        self.exercise = exercise
        canonicalKey = draft.canonical
        function = draft.function
        variables = draft.variables
        given = draft.given
        key = draft.key
        mistakes = draft.mistakes
        self.rejectedDraws = rejectedDraws
    }
}

/// One line of an item's mistake table: the answer a named mistake gives.
public struct PracticeMistake: Hashable, Sendable, Encodable {
    /// The tag the grader reports (`chain_missing_inner`, `used_forward_difference`, …).
    public var tag: String
    /// The mistaken answer, in the answer language.
    public var answer: String

    public init(tag: String, answer: String) {
        self.tag = tag
        self.answer = answer
    }
}

/// Why a draw was not shown: each rule a generated item must pass.
public enum PracticeRejection: String, Error, CaseIterable, Hashable, Sendable {
    /// The function as printed does not read back as itself.
    case promptDoesNotParse = "prompt-does-not-parse"
    /// The derivative does not depend on x: nothing to practise.
    case constantDerivative = "constant-derivative"
    /// The key is longer or bigger than `PracticeBounds` allow.
    case keyTooLarge = "key-too-large"
    /// A number in the key (or a numeric key) is outside `PracticeBounds`.
    case numberOutOfBounds = "number-out-of-bounds"
    /// The function or the key is undefined somewhere on the domain, or the curve has too few points in its box.
    case undefinedOnDomain = "undefined-on-domain"
    /// The key disagrees with the numeric check.
    case keyDoesNotVerify = "key-does-not-verify"
    /// A named mistake gives the key itself, so it could not be named.
    case mistakeEqualsKey = "mistake-equals-key"
    /// The item is degenerate in a way particular to its family (a zero gradient, critical points
    /// the engine finds differently from the construction, two estimates that coincide).
    case degenerate = "degenerate"
}

/// The bounds every key stays within, so an item is neither unreadable nor full of ugly numbers.
public enum PracticeBounds {
    /// Characters of a printed expression key.
    public static let keyCharacters = 140
    /// Nodes of an expression key's tree.
    public static let keyNodes = 80
    /// The largest integer (numerator or denominator) in an expression key.
    public static let keyInteger: Int64 = 2_000
    /// The largest magnitude of a numeric key value.
    public static let keyMagnitude = 1e4
    /// The smallest magnitude of a nonzero numeric key value (smaller reads as 0).
    public static let keySmallest = 1e-6
}

/// Why no item could be made for a spec.
public enum PracticeError: Error, Hashable, Sendable, CustomStringConvertible {
    case unknownFamily(String)
    case unknownTier(family: String, tier: Int)
    case unsupportedVersion(Int)
    /// Every draw within the bound was rejected (the deployment test keeps this from happening).
    case exhausted(PracticeSpec)

    public var description: String {
        switch self {
        case let .unknownFamily(name):
            return "There is no practice family '\(name)'; the families are "
                + PracticeFamily.allCases.map(\.rawValue).joined(separator: ", ") + "."
        case let .unknownTier(family, tier):
            return "The practice family '\(family)' has no tier \(tier); its tiers are 1 to \(PracticeFamily.tiers.upperBound)."
        case let .unsupportedVersion(version):
            return "Practice generator version \(version) is not known to this program (it has version "
                + "\(PracticeGenerator.version)); update the program to read this item."
        case let .exhausted(spec):
            return "No acceptable \(spec.family) item at tier \(spec.tier) came from seed \(spec.seedText) within "
                + "\(PracticeGenerator.maximumDraws) draws; try another seed."
        }
    }
}
