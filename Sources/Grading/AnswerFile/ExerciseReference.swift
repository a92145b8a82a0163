import Foundation
import CourseModels

/// What a learner names on the command line: a whole exercise (`ex4`) or one part of it (`ex4b`).
public struct ExerciseReference: Hashable, Sendable, CustomStringConvertible {
    public var exerciseID: String
    /// The part label when one part was named, else nil.
    public var part: String?

    public init(exerciseID: String, part: String? = nil) {
        self.exerciseID = exerciseID
        self.part = part
    }

    /// Resolves `text` against the exercises that exist: an exact id wins; otherwise a known id
    /// followed by one of its part labels (`ex4b`, also `ex4.b`, `ex4-b`, `ex4(b)`).
    /// Returns nil when neither matches.
    public static func resolve(_ text: String, in exercises: [Exercise]) -> (Exercise, part: String?)? {
        let trimmed = text.trimmingSpaces
        if let exact = exercises.first(where: { $0.id == trimmed }) { return (exact, nil) }
        // The longest id that prefixes the text, so `ex1` does not shadow `ex10`.
        for exercise in exercises.sorted(by: { $0.id.count > $1.id.count }) where trimmed.hasPrefix(exercise.id) {
            var rest = Substring(trimmed.dropFirst(exercise.id.count))
            if rest.first == "." || rest.first == "-" { rest = rest.dropFirst() }
            if rest.first == "(" && rest.last == ")" { rest = rest.dropFirst().dropLast() }
            let label = rest.lowercased()
            if !label.isEmpty, exercise.part(label) != nil { return (exercise, label) }
        }
        return nil
    }

    /// Splits `text` without knowing the exercises: trailing letters after a digit are a part
    /// (`ex4b` → `ex4`, `b`). Use `resolve(_:in:)` when the content is at hand.
    public init(parsing text: String) {
        let scalars = Array(text)
        if let last = scalars.last, last.isLetter, scalars.count >= 2, scalars[scalars.count - 2].isNumber {
            self.init(exerciseID: String(scalars.dropLast()), part: String(last).lowercased())
        } else {
            self.init(exerciseID: text)
        }
    }

    public var description: String { exerciseID + (part ?? "") }
}
