import Foundation

/// The built `course-crash-helper` executable (Tests/CrashHelper: the child process of crash and
/// concurrency tests), next to the test bundle in the build products folder, or `$COURSE_CRASH_HELPER`.
/// - Throws: `TestFailure` when it is not built.
public func crashHelperExecutable() throws -> URL {
    try builtExecutable("course-crash-helper", override: "COURSE_CRASH_HELPER")
}

/// A program of this package (`course`, `course-admin`, `course-crash-helper`) in the build products
/// folder next to the test bundle, or the path in the environment variable `override`.
/// - Throws: `TestFailure` when it is not built.
public func builtExecutable(_ name: String, override: String? = nil) throws -> URL {
    if let override, let explicit = ProcessInfo.processInfo.environment[override] {
        return URL(fileURLWithPath: explicit)
    }
    var candidates: [URL] = []
    for start in [Bundle.main.bundleURL, Bundle.main.executableURL, URL(fileURLWithPath: CommandLine.arguments[0])]
        .compactMap({ $0 }) {
        var folder = start.deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(folder.appending(path: name))
            folder = folder.deletingLastPathComponent()
        }
    }
    guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
        throw TestFailure("\(name) is not built next to the tests (looked in \(candidates.map(\.path))); run `swift build` first")
    }
    return found
}

/// The environment variable that makes a `course-crash-helper` child kill itself (SIGKILL) as it
/// starts its row after this many, so crash tests stop it at a chosen point instead of after a sleep.
public let crashAfterRowsVariable = "COURSE_CRASH_AFTER_ROWS"

/// Starts `course-crash-helper` with `arguments`, its output discarded.
/// - Throws: when the executable is missing or cannot start.
public func startCrashHelper(
    _ arguments: [String], environment extra: [String: String] = [:], in directory: URL? = nil, executable: URL? = nil
) throws -> Process {
    let process = Process()
    process.executableURL = try executable ?? crashHelperExecutable()
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(extra) { _, new in new }
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    if let directory { process.currentDirectoryURL = directory }
    try process.run()
    return process
}
