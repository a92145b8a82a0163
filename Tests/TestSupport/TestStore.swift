import CourseModels
import CourseStore
import Foundation

/// A migrated store on a new file, kept alive with its folder.
public struct TestStore {
    public let folder: TemporaryFolder
    public let store: Store

    /// - Throws: when the folder or the database cannot be created.
    public init() throws {
        folder = try TemporaryFolder()
        store = try Store(path: folder.path("course.db"))
    }

    public var database: Database { store.database }
}

/// Small model values for storage tests.
public enum Fixtures {
    public static let epoch = Date(millisecondsSince1970: 1_700_000_000_000)
    public static let device = UUID(uuidString: "D0000000-0000-4000-8000-000000000001")!

    public static func learner(_ handle: String = "ada") -> Learner {
        Learner(handle: handle, displayName: handle.capitalized, createdAt: epoch)
    }

    public static func attempt(
        learner: UUID, exercise: String = "ex1", part: String = "a", answer: String = "2x",
        at milliseconds: Int64 = 0, verdict: Verdict = .correct
    ) -> Attempt {
        Attempt(
            learnerID: learner, exerciseID: exercise, part: part, answer: answer,
            submittedAt: Date(millisecondsSince1970: epoch.millisecondsSince1970 + milliseconds),
            deviceID: device, graderVersion: "1.0", verdict: verdict, score: verdict == .correct ? 1 : 0,
            feedback: verdict == .correct ? "Correct." : "Not yet.",
            mistake: verdict == .incorrect ? "missing-chain-factor" : nil)
    }

    public static func objective(_ id: String = "chain-rule") -> Objective {
        Objective(id: id, title: id.capitalized, description: "About \(id).", mastery: MasteryParameters(pInit: 0.2))
    }

    public static func exercise(_ id: String = "ex1", hash: String = "h1", objectives: [String] = ["chain-rule"]) -> Exercise {
        Exercise(
            id: id, title: "Derivative \(id)", prompt: "Differentiate.",
            parts: [
                ExercisePart(
                    label: "a", prompt: "d/dx sin(2x)", kind: .expression, keyJSON: #"{"expression":"2cos(2x)"}"#,
                    objectives: objectives.map { ObjectiveLink(objectiveID: $0, weight: 0.5) },
                    hints: ["Use the chain rule.", "The inner derivative is 2."]),
                ExercisePart(label: "b", prompt: "Explain.", kind: .manual, keyJSON: "{}"),
            ],
            position: 4, contentHash: hash, revealKeyAfter: 3)
    }
}
