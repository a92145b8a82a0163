import CourseModels
import Grading
import Foundation

/// Finds the course's `Seeds/` folder when no folder is named: from the working directory
/// upwards, else beside the package the running executable was built in.
public enum SeedLocator {
    /// The default seed folder, or nil when neither place has one.
    public static func defaultDirectory(
        workingDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
        executable: String = CommandLine.arguments.first ?? "",
        environment: [String: String] = ProcessEnvironment.current
    ) -> URL? {
        if let found = seeds(from: workingDirectory, needsPackage: false) { return found }
        guard let path = resolve(executable: executable, environment: environment) else { return nil }
        return seeds(from: path.deletingLastPathComponent(), needsPackage: true)
    }

    /// `Seeds/` (holding `course.yaml`) in `start` or the nearest ancestor; with `needsPackage`,
    /// only in a folder that also holds `Package.swift`.
    public static func seeds(from start: URL, needsPackage: Bool) -> URL? {
        var folder = start.standardizedFileURL
        while true {
            let seeds = folder.appending(path: "Seeds")
            let manager = FileManager.default
            if manager.fileExists(atPath: seeds.appending(path: "course.yaml").path),
               !needsPackage || manager.fileExists(atPath: folder.appending(path: "Package.swift").path) {
                return seeds
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return nil }
            folder = parent
        }
    }

    /// The executable's real path: `arguments[0]` as given, or found on `PATH`, with symbolic
    /// links resolved.
    static func resolve(executable: String, environment: [String: String]) -> URL? {
        guard !executable.isEmpty else { return nil }
        if executable.contains("/") {
            return URL(fileURLWithPath: executable).resolvingSymlinksInPath()
        }
        for directory in (environment["PATH"] ?? "").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appending(path: executable)
            if FileManager.default.isExecutableFile(atPath: candidate.path) {
                return candidate.resolvingSymlinksInPath()
            }
        }
        return nil
    }
}
