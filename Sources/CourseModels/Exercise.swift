/// An exercise of the course with its parts, as imported from the seed files.
public struct Exercise: Codable, Hashable, Sendable, Identifiable {
    /// A short stable id such as `ex4`, which attempts refer to.
    public var id: String
    public var title: String
    public var prompt: String
    public var parts: [ExercisePart]
    /// Display order among exercises.
    public var position: Int
    /// A hash of the gradable content, so a changed key is noticed and old attempts regraded.
    public var contentHash: String
    /// After how many attempts the key may be shown; nil means never.
    public var revealKeyAfter: Int?

    public init(
        id: String, title: String, prompt: String, parts: [ExercisePart], position: Int,
        contentHash: String, revealKeyAfter: Int? = nil
    ) {
        self.id = id
        self.title = title
        self.prompt = prompt
        self.parts = parts
        self.position = position
        self.contentHash = contentHash
        self.revealKeyAfter = revealKeyAfter
    }

    /// The part with `label`, if the exercise has one.
    public func part(_ label: String) -> ExercisePart? {
        parts.first { $0.label == label }
    }
}
