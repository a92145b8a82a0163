import CourseModels
import CourseService
import CourseStore
import Crypto
import Foundation

/// This machine's course content, loaded once per import or export: which exercise parts
/// exist, their keys and objective links, and a fingerprint naming the content version.
package struct LocalContent {
    let exercises: [String: Exercise]
    let objectives: [Objective]
    /// `content-` and the first 16 hex digits of SHA-256 over the sorted `id:contentHash` lines:
    /// equal on machines holding the same keys, whatever order the content was imported in.
    package let fingerprint: String

    /// - Throws: `DatabaseError` on a storage failure.
    package init(store: Store) throws {
        let exercises = try store.content.exercises()
        self.exercises = Dictionary(exercises.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        objectives = try store.content.objectives()
        let lines = exercises.map { "\($0.id):\($0.contentHash)\n" }.sorted().joined()
        let digest = SHA256.hash(data: Data(lines.utf8))
        fingerprint = "content-" + digest.prefix(8).lowercaseHex
    }

    /// Practice items rebuilt so far, by spec (rebuilding costs a generation and its checks).
    private let practice = PracticeCache()

    /// The part, or nil when this machine lacks the exercise or the part.
    func part(exerciseID: String, label: String) -> ExercisePart? {
        exercises[exerciseID]?.part(label)
    }

    /// The exercise an attempt answers: one of the content, or the practice item its spec
    /// rebuilds (when the spec names the attempt's exercise id); nil when neither is here.
    func exercise(of attempt: Attempt) -> Exercise? {
        if let exercise = exercises[attempt.exerciseID] { return exercise }
        guard let spec = attempt.practice, spec.exerciseID == attempt.exerciseID else { return nil }
        return practice.exercise(spec)
    }

    /// The part an attempt answers, or nil when this machine lacks it.
    package func part(of attempt: Attempt) -> ExercisePart? {
        exercise(of: attempt)?.part(attempt.part)
    }
}

/// Rebuilt practice exercises by spec, for one import or export.
private final class PracticeCache {
    private var built: [PracticeSpec: Exercise?] = [:]

    func exercise(_ spec: PracticeSpec) -> Exercise? {
        if let known = built[spec] { return known }
        let exercise = CourseService.practiceExercises(for: [spec]).first
        built[spec] = exercise
        return exercise
    }
}
