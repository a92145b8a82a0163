import Foundation

/// Runs the built `course` and `course-admin` binaries in a temporary folder with a temporary
/// database, as a person at a shell would.
struct CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    let folder: URL
    let database: URL
    var learner: String?

    init() throws {
        folder = FileManager.default.temporaryDirectory
            .appending(path: "course-e2e-\(UUID().uuidString.prefix(8))", directoryHint: .isDirectory)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        database = folder.appending(path: "course.db")
    }

    /// The folder holding the built executables (beside the test bundle).
    static let productsDirectory: URL = {
        var candidates: [URL] = []
        for start in [Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments[0])] {
            var folder = start.deletingLastPathComponent()
            for _ in 0..<5 {
                candidates.append(folder)
                folder = folder.deletingLastPathComponent()
            }
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.appending(path: "course-admin").path) }
            ?? candidates[0]
    }()

    /// The package root, found from this file.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Writes `contents` to a file in the temporary folder and returns its path.
    func write(_ name: String, _ contents: String) throws -> String {
        let url = folder.appending(path: name)
        try contents.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func writeData(_ name: String, _ contents: Data) throws -> String {
        let url = folder.appending(path: name)
        try contents.write(to: url)
        return url.path
    }

    /// A process for `program` set up as `run` runs it (this folder, its database), not started.
    func process(_ program: String, _ arguments: [String], environment extra: [String: String] = [:]) -> Process {
        let process = Process()
        process.executableURL = Self.productsDirectory.appending(path: program)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["COURSE_DB"] = database.path
        environment["HOME"] = folder.path
        environment["XDG_DATA_HOME"] = folder.appending(path: "xdg").path
        environment["NO_COLOR"] = "1"
        environment.removeValue(forKey: "COURSE_LEARNER")
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        return process
    }

    @discardableResult
    func run(_ program: String, _ arguments: [String], stdin: String? = nil, environment extra: [String: String] = [:]) throws -> Result {
        let process = process(program, arguments, environment: extra)
        let output = Pipe(), errors = Pipe(), input = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Read both pipes fully before waiting, so a chatty child cannot block on a full pipe.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        group.enter()
        DispatchQueue.global().async { outData = output.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        errData = errors.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    @discardableResult
    func admin(_ arguments: String..., stdin: String? = nil) throws -> Result {
        try run("course-admin", arguments, stdin: stdin)
    }

    @discardableResult
    func course(_ arguments: String..., stdin: String? = nil) throws -> Result {
        try run("course", arguments, stdin: stdin)
    }

    func cleanUp() {
        try? FileManager.default.removeItem(at: folder)
    }
}
