/// One answerable part of an exercise: "(a)", "(b)", or the whole exercise when it has one part.
public struct ExercisePart: Codable, Hashable, Sendable {
    /// "a", "b", ...; the empty string for a single-part exercise.
    public var label: String
    public var prompt: String
    public var kind: AnswerKind
    /// The kind-specific answer key as JSON text. Storage keeps it opaque: its shape belongs to grading.
    public var keyJSON: String
    public var objectives: [ObjectiveLink]
    public var hints: [String]

    public init(
        label: String, prompt: String, kind: AnswerKind, keyJSON: String,
        objectives: [ObjectiveLink] = [], hints: [String] = []
    ) {
        self.label = label
        self.prompt = prompt
        self.kind = kind
        self.keyJSON = keyJSON
        self.objectives = objectives
        self.hints = hints
    }
}

/// How much an exercise part counts as evidence for an objective.
public struct ObjectiveLink: Codable, Hashable, Sendable {
    public var objectiveID: String
    public var weight: Double

    public init(objectiveID: String, weight: Double = 1) {
        self.objectiveID = objectiveID
        self.weight = weight
    }
}
