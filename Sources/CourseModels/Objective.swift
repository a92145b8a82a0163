/// A skill the course teaches and tracks mastery of, such as `chain-rule`.
public struct Objective: Codable, Hashable, Sendable, Identifiable {
    /// A slug, stable across course revisions, that exercise parts link to.
    public var id: String
    public var title: String
    public var description: String
    public var mastery: MasteryParameters

    public init(id: String, title: String, description: String = "", mastery: MasteryParameters = .standard) {
        self.id = id
        self.title = title
        self.description = description
        self.mastery = mastery
    }
}
