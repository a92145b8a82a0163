import Foundation

/// A fresh folder under the system temporary directory, removed when released.
public final class TemporaryFolder: @unchecked Sendable {
    public let url: URL

    /// - Throws: when the folder cannot be created.
    public init(prefix: String = "course-tests") throws {
        url = FileManager.default.temporaryDirectory.appending(path: "\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// The path of `name` inside the folder.
    public func path(_ name: String) -> String {
        url.appending(path: name).path
    }
}

/// The bytes of a file, to prove it was left untouched.
/// - Throws: when the file cannot be read.
public func contents(_ path: String) throws -> Data {
    try Data(contentsOf: URL(fileURLWithPath: path))
}

/// Hands a non-Sendable value to another thread when the test itself serialises the access.
public final class UncheckedBox<Value>: @unchecked Sendable {
    public let value: Value
    public init(_ value: Value) { self.value = value }
}

/// A failure a test helper reports in a sentence.
public struct TestFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
