/// What a generated practice item is a pure function of: the family, the difficulty tier, the
/// generator version and the seed. An attempt at a practice item carries it, so regrading and
/// sync rebuild exactly the item the learner saw, on any machine.
public struct PracticeSpec: Codable, Hashable, Sendable {
    /// The family's stable name (`chain-rule`, `backpropagation`, …).
    public var family: String
    /// 1 is the easiest.
    public var tier: Int
    /// The generator version that drew the item: the same version and seed give the same item forever.
    public var version: Int
    public var seed: UInt64

    public init(family: String, tier: Int, version: Int, seed: UInt64) {
        self.family = family
        self.tier = tier
        self.version = version
        self.seed = seed
    }

    /// The seed as 16 lower-case hex digits: how it is written in bundles, statements and output
    /// (a JSON number cannot carry 64 bits exactly).
    public var seedText: String {
        let digits = String(seed, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// Reads `seedText`'s form back; nil unless exactly 16 hex digits.
    public static func seed(fromText text: String) -> UInt64? {
        guard text.utf8.count == 16, text.utf8.allSatisfy(isLowerHex) else { return nil }
        return UInt64(text, radix: 16)
    }

    /// The exercise id attempts at the item are stored under: `p-` and 12 hex digits of a
    /// 64-bit FNV-1a hash of the spec, so that the id alone names the item and a bundle's spec
    /// can be checked against the id its signature covers.
    public var exerciseID: String {
        let digits = String(Self.hash(text) >> 16, radix: 16)
        return Self.exerciseIDPrefix + String(repeating: "0", count: 12 - digits.count) + digits
    }

    /// `family/tier/version/seed` (the seed as 16 hex digits): the spec as one string, as xAPI
    /// statements carry it.
    public var text: String { "\(family)/\(tier)/\(version)/\(seedText)" }

    /// Reads `text`'s form back; nil when it is not one.
    public init?(text: String) {
        let fields = text.split(separator: "/", omittingEmptySubsequences: false)
        guard fields.count == 4, !fields[0].isEmpty, let tier = Int(fields[1]), let version = Int(fields[2]),
              let seed = Self.seed(fromText: String(fields[3])) else { return nil }
        self.init(family: String(fields[0]), tier: tier, version: version, seed: seed)
    }

    /// The `contentHash` of the item's exercise: `practice:` and the spec's `text`, since the
    /// spec determines the content, so whoever holds the exercise knows what built it.
    public var contentHash: String { "practice:" + text }

    /// The spec of a practice item's exercise, read back from its `contentHash`; nil for a fixed exercise.
    public init?(exercise: Exercise) {
        guard exercise.contentHash.hasPrefix("practice:"),
              let spec = PracticeSpec(text: String(exercise.contentHash.dropFirst("practice:".count))),
              spec.exerciseID == exercise.id else { return nil }
        self = spec
    }

    /// The 64-bit FNV-1a hash of `text`'s UTF-8 bytes: fixed forever, since practice ids and the
    /// seeds a learner is given are made with it.
    public static func hash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }

    /// The prefix of every practice item's exercise id; no seed exercise id may start with it.
    public static let exerciseIDPrefix = "p-"

    /// Whether `id` is shaped like a practice item's exercise id (`p-` and 12 hex digits).
    public static func isPracticeID(_ id: String) -> Bool {
        let utf8 = Array(id.utf8)
        return utf8.count == 14 && id.hasPrefix(exerciseIDPrefix) && utf8[2...].allSatisfy(isLowerHex)
    }
}

/// 0-9 or a-f.
private func isLowerHex(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
}
