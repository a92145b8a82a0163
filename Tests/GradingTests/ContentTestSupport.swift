import CourseModels
import CourseStore
import Foundation
@testable import Grading

/// The repository's own `Seeds/`, found from this file's path.
let repositorySeeds = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appending(path: "Seeds")

/// A private copy of `Seeds/` and a database beside it, removed when the test ends; files of
/// the copy can be edited to break (or change) the content.
final class ContentSandbox {
    let folder: URL
    let seeds: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appending(path: "grading-content-tests-\(UUID().uuidString)")
        seeds = folder.appending(path: "Seeds")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: repositorySeeds, to: seeds)
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    var importer: SeedImporter { SeedImporter(directory: seeds) }

    func openStore() throws -> Store {
        try Store(path: folder.appending(path: "course.db").path)
    }

    /// Replaces the first occurrence of `old` in the seed file `file`; fails if it is absent.
    func edit(_ file: String, replacing old: String, with new: String) throws {
        let url = seeds.appending(path: file)
        let text = try String(contentsOf: url, encoding: .utf8)
        guard let range = text.range(of: old) else { throw SandboxError.textNotFound(old, file) }
        try text.replacingCharacters(in: range, with: new).write(to: url, atomically: true, encoding: .utf8)
    }

    /// Writes a new seed file.
    func write(_ file: String, _ text: String) throws {
        try text.write(to: seeds.appending(path: file), atomically: true, encoding: .utf8)
    }

    /// The 1-based line of the first line of `file` containing `text`.
    func line(of text: String, in file: String) throws -> Int? {
        let contents = try String(contentsOf: seeds.appending(path: file), encoding: .utf8)
        return contents.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains(text) }.map { $0 + 1 }
    }
}

enum SandboxError: Error {
    case textNotFound(String, String)
}

/// Everything the import could touch, for before/after comparisons.
struct ContentStoreDump: Equatable {
    var objectives: [Objective]
    var exercises: [Exercise]
    var attempts: [Attempt]

    init(_ store: Store) throws {
        objectives = try store.content.objectives()
        exercises = try store.content.exercises()
        attempts = try store.attempts.all()
    }
}

enum ContentFixtures {
    static let device = UUID(uuidString: "D0000000-0000-4000-8000-000000000001")!

    /// A learner with one attempt at each of `exercises`' first parts.
    static func addAttempts(to store: Store, exercises: [String]) throws -> Learner {
        let learner = Learner(handle: "ada", displayName: "Ada", createdAt: Date(timeIntervalSince1970: 1_700_000_000))
        try store.learners.insert(learner)
        for (index, exercise) in exercises.enumerated() {
            let part = try store.content.exercise(id: exercise)?.parts.first?.label ?? ""
            try store.attempts.insert(Attempt(
                learnerID: learner.id, exerciseID: exercise, part: part, answer: "12*x^3 - 4*x",
                submittedAt: Date(timeIntervalSince1970: 1_700_000_000 + Double(index)), deviceID: device,
                graderVersion: GraderVersion.current, verdict: .correct, score: 1, feedback: "Correct."))
        }
        return learner
    }
}
