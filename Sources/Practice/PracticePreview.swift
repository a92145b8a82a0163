import CourseModels
import Grading

/// One item as an instructor checks a generator: the item, its key, its mistake table and the
/// draws rejected before it (`course-admin practice preview`).
public struct PracticePreview: Hashable, Sendable, Encodable {
    public var item: String
    public var family: String
    public var tier: Int
    public var tierDescription: String
    public var objective: String
    public var version: Int
    public var seed: String
    public var prompt: String
    public var part: String
    public var kind: String
    public var function: String
    public var key: String
    public var canonicalKey: String
    public var mistakes: [PracticeMistake]
    /// Why each earlier draw of the seed's stream was rejected, in order.
    public var rejected: [String]

    enum CodingKeys: String, CodingKey {
        case item, family, tier, tierDescription = "tier_description", objective, version, seed, prompt, part, kind
        case function, key, canonicalKey = "canonical_key", mistakes, rejected
    }

    /// The preview of the item `spec` names.
    /// - Throws: `PracticeError` as `PracticeGenerator.item`.
    public init(_ spec: PracticeSpec) throws(PracticeError) {
        let item = try PracticeGenerator.item(spec)
        self.item = item.exercise.id
        family = item.family.rawValue
        tier = spec.tier
        tierDescription = item.family.tierDescription(spec.tier)
        objective = item.family.objectiveID
        version = spec.version
        seed = spec.seedText
        prompt = item.exercise.prompt
        part = item.part.prompt
        kind = item.part.kind.rawValue
        function = item.function
        key = item.key.displayText ?? ""
        canonicalKey = item.canonicalKey
        mistakes = item.mistakes
        rejected = try PracticeGenerator.rejections(spec).map(\.rawValue)
    }
}
