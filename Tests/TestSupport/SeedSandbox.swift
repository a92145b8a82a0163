import CourseModels
import CourseStore
import Foundation

/// The repository's own `Seeds/`, found from this file's path.
public let repositorySeeds = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appending(path: "Seeds")

/// A private copy of `Seeds/` and a database beside it, removed when the test ends; files of
/// the copy can be edited to break (or change) the content.
public final class ContentSandbox {
    public let folder: URL
    public let seeds: URL

    /// - Throws: when the copy cannot be made.
    public init() throws {
        folder = FileManager.default.temporaryDirectory.appending(path: "course-content-tests-\(UUID().uuidString)")
        seeds = folder.appending(path: "Seeds")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: repositorySeeds, to: seeds)
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    /// - Throws: `DatabaseError`.
    public func openStore() throws -> Store {
        try Store(path: folder.appending(path: "course.db").path)
    }

    /// Replaces the first occurrence of `old` in the seed file `file`; fails if it is absent.
    /// - Throws: `TestFailure` when `old` is not in the file.
    public func edit(_ file: String, replacing old: String, with new: String) throws {
        let url = seeds.appending(path: file)
        let text = try String(contentsOf: url, encoding: .utf8)
        guard let range = text.range(of: old) else { throw TestFailure("'\(old)' is not in \(file)") }
        try text.replacingCharacters(in: range, with: new).write(to: url, atomically: true, encoding: .utf8)
    }

    /// Writes a new seed file.
    /// - Throws: when the file cannot be written.
    public func write(_ file: String, _ text: String) throws {
        try text.write(to: seeds.appending(path: file), atomically: true, encoding: .utf8)
    }

    /// The 1-based line of the first line of `file` containing `text`.
    /// - Throws: when the file cannot be read.
    public func line(of text: String, in file: String) throws -> Int? {
        let contents = try String(contentsOf: seeds.appending(path: file), encoding: .utf8)
        return contents.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains(text) }.map { $0 + 1 }
    }
}

/// Everything the import could touch, for before/after comparisons.
public struct ContentStoreDump: Equatable {
    public var objectives: [Objective]
    public var exercises: [Exercise]
    public var attempts: [Attempt]

    /// - Throws: `DatabaseError`.
    public init(_ store: Store) throws {
        objectives = try store.content.objectives()
        exercises = try store.content.exercises()
        attempts = try store.attempts.all()
    }
}
