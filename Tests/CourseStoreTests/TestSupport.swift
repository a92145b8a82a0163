import CourseModels
@testable import CourseStore
import Foundation
import Testing

/// A fresh folder under the system temporary directory, removed when the test ends.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appending(path: "course-store-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    func path(_ name: String) -> String {
        url.appending(path: name).path
    }
}

/// A migrated store on a new file, kept alive with its folder.
struct TestStore {
    let folder: TemporaryFolder
    let store: Store

    init() throws {
        folder = try TemporaryFolder()
        store = try Store(path: folder.path("course.db"))
    }

    var database: Database { store.database }
}

enum Fixtures {
    static let epoch = Date(millisecondsSince1970: 1_700_000_000_000)
    static let device = UUID(uuidString: "D0000000-0000-4000-8000-000000000001")!

    static func learner(_ handle: String = "ada") -> Learner {
        Learner(handle: handle, displayName: handle.capitalized, createdAt: epoch)
    }

    static func attempt(
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

    static func objective(_ id: String = "chain-rule") -> Objective {
        Objective(id: id, title: id.capitalized, description: "About \(id).", mastery: MasteryParameters(pInit: 0.2))
    }

    static func exercise(_ id: String = "ex1", hash: String = "h1", objectives: [String] = ["chain-rule"]) -> Exercise {
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

/// The built `course-bench` executable, next to the test bundle in the build products folder.
func courseBenchExecutable() throws -> URL {
    if let explicit = ProcessInfo.processInfo.environment["COURSE_BENCH"] {
        return URL(fileURLWithPath: explicit)
    }
    var candidates: [URL] = []
    for start in [Bundle.main.bundleURL, Bundle.main.executableURL, URL(fileURLWithPath: CommandLine.arguments[0])]
        .compactMap({ $0 }) {
        var folder = start.deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(folder.appending(path: "course-bench"))
            folder = folder.deletingLastPathComponent()
        }
    }
    guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
        throw TestFailure("course-bench is not built next to the tests (looked in \(candidates.map(\.path))); run `swift build` first")
    }
    return found
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The bytes of a file, to prove it was left untouched.
func contents(_ path: String) throws -> Data {
    try Data(contentsOf: URL(fileURLWithPath: path))
}

/// Hands a non-Sendable value to another thread when the test itself serialises the access.
final class UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
