import CalculusCore
import CourseModels
import Grading

/// Draws practice items: each one a pure function of (family, tier, generator version, seed).
///
/// The seed starts a `SplitMix64`; the family draws a candidate from it and checks it against
/// every rule (`PracticeRejection`); a rejected candidate is never shown, and the next draw
/// continues the same stream, at most `maximumDraws` times. So the accepted item depends on the
/// seed alone, and on the checks, which are therefore part of the version: change a family, a
/// bound or a check and `version` must change too.
public enum PracticeGenerator {
    /// The generator version stored with every practice attempt.
    public static let version = 1
    /// Draws per item before giving up (the deployment test shows the bound is never reached).
    public static let maximumDraws = 64
    /// Wrong answers after which a practice item's key is shown, as for the drills.
    public static let revealKeyAfter = 2

    /// The item `spec` names. With `encodingKey` false the part's stored key (`keyJSON`) is left
    /// empty: for showing an item nobody has answered yet, where encoding the key would be most
    /// of the work; grading, regrading and sync always take the item with its key.
    /// - Throws: `PracticeError` for an unknown family, tier or version, or when every draw was rejected.
    public static func item(_ spec: PracticeSpec, encodingKey: Bool = true) throws(PracticeError) -> PracticeItem {
        let family = try validate(spec)
        var rng = SplitMix64(seed: spec.seed)
        for index in 0..<maximumDraws {
            guard let draft = try? family.draft(tier: spec.tier, rng: &rng) else { continue }
            return PracticeItem(spec: spec, family: family,
                                exercise: exercise(draft, spec: spec, family: family, encodingKey: encodingKey),
                                draft: draft, rejectedDraws: index)
        }
        throw .exhausted(spec)
    }

    /// The item of the current version.
    /// - Throws: as `item(_:)`.
    public static func item(family: PracticeFamily, tier: Int, seed: UInt64) throws(PracticeError) -> PracticeItem {
        try item(PracticeSpec(family: family.rawValue, tier: tier, version: version, seed: seed))
    }

    /// Why each draw before the accepted one was rejected, in order (for tests and previews).
    /// - Throws: as `item(_:)`.
    public static func rejections(_ spec: PracticeSpec) throws(PracticeError) -> [PracticeRejection] {
        let family = try validate(spec)
        var rng = SplitMix64(seed: spec.seed)
        var reasons: [PracticeRejection] = []
        for _ in 0..<maximumDraws {
            do {
                _ = try family.draft(tier: spec.tier, rng: &rng)
                return reasons
            } catch {
                reasons.append(error)
            }
        }
        return reasons
    }

    private static func validate(_ spec: PracticeSpec) throws(PracticeError) -> PracticeFamily {
        guard let family = PracticeFamily(rawValue: spec.family) else { throw .unknownFamily(spec.family) }
        guard PracticeFamily.tiers.contains(spec.tier) else { throw .unknownTier(family: spec.family, tier: spec.tier) }
        guard spec.version == version else { throw .unsupportedVersion(spec.version) }
        return family
    }

    /// The draft as a one-part exercise, with the same sections as the course's own drills.
    static func exercise(_ draft: Draft, spec: PracticeSpec, family: PracticeFamily, encodingKey: Bool = true) -> Exercise {
        let prompt = """
            ## Practice: \(draft.title)

            \(draft.task)

            ### Answer file

            The whole file is the answer. Layout only, not the answer:

                \(draft.example)

            """
        let part = ExercisePart(
            label: "", prompt: draft.partPrompt, kind: draft.kind, keyJSON: encodingKey ? draft.key.json : "",
            objectives: [ObjectiveLink(objectiveID: family.objectiveID)], hints: draft.hints)
        return Exercise(
            id: spec.exerciseID, title: "Practice: \(draft.title)", prompt: prompt, parts: [part], position: Int.max,
            contentHash: spec.contentHash, revealKeyAfter: revealKeyAfter)
    }
}

/// What a family draws before the generator wraps it as an exercise.
struct Draft {
    var title: String
    /// The question, in Markdown.
    var task: String
    /// The part's one-line prompt.
    var partPrompt: String
    var kind: AnswerKind
    var function: String
    var variables: [String]
    var key: PartKey
    var canonical: String
    /// A layout example that is not the answer.
    var example: String
    var mistakes: [PracticeMistake]
    var hints: [String]
    /// The numbers the question states besides the function (x₀ and h, the graph's values).
    var given: [String: Double] = [:]
}

extension PracticeFamily {
    func draft(tier: Int, rng: inout SplitMix64) throws(PracticeRejection) -> Draft {
        switch self {
        case .differentiationRules: return try DerivativeFamilies.rules(tier: tier, rng: &rng)
        case .chainRule: return try DerivativeFamilies.chain(tier: tier, rng: &rng)
        case .activationDerivatives: return try DerivativeFamilies.activation(tier: tier, rng: &rng)
        case .implicitDifferentiation: return try ImplicitFamily.draft(tier: tier, rng: &rng)
        case .criticalPoints: return try CriticalPointsFamily.draft(tier: tier, rng: &rng)
        case .finiteDifferences: return try FiniteDifferenceFamily.draft(tier: tier, rng: &rng)
        case .backpropagation: return try BackpropagationFamily.draft(tier: tier, rng: &rng)
        }
    }
}
