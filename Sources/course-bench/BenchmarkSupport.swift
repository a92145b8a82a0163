import ArgumentParser
import Content
import Foundation

/// The seed folder a benchmark builds its content from: `option` (`--seeds`), else `Seeds/`
/// found from the working directory upwards.
/// - Throws: `ValidationError` when there is none.
func benchmarkSeeds(_ option: String?) throws -> URL {
    guard let folder = option.map({ URL(fileURLWithPath: $0) }) ?? SeedLocator.defaultDirectory() else {
        throw ValidationError("No Seeds/ folder found; pass --seeds DIR.")
    }
    return folder
}

/// Runs `body` in a fresh temporary folder, removed afterwards unless `keep` (`--keep`).
func withBenchmarkFolder(named name: String, keep: Bool, _ body: (URL) throws -> Void) throws {
    let folder = FileManager.default.temporaryDirectory.appending(path: "course-bench-\(name)-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer {
        if keep { print("kept \(folder.path)") } else { try? FileManager.default.removeItem(at: folder) }
    }
    try body(folder)
}

/// Runs this executable with `arguments` (a hidden `phase` command) and reads its one-line result.
func benchmarkPhase(_ arguments: [String]) throws -> SyncPhase.Result {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0, let result = try? JSONDecoder().decode(SyncPhase.Result.self, from: data) else {
        throw ValidationError("the phase \(arguments.joined(separator: " ")) failed (status \(process.terminationStatus)): \(String(decoding: data, as: UTF8.self))")
    }
    return result
}
