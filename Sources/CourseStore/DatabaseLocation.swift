import Foundation

/// Where the course database lives, decided the same way by both command-line tools.
public enum DatabaseLocation {
    /// `--db PATH` if given, else `$COURSE_DB`, else `$XDG_DATA_HOME/course/course.db`,
    /// else `~/.local/share/course/course.db`. Empty values count as unset; a leading `~/` is
    /// expanded, and relative paths are taken from the working directory.
    public static func resolve(explicit: String?, environment: [String: String]) -> URL {
        if let explicit, !explicit.isEmpty {
            return fileURL(explicit, environment: environment)
        }
        if let path = environment["COURSE_DB"], !path.isEmpty {
            return fileURL(path, environment: environment)
        }
        if let dataHome = environment["XDG_DATA_HOME"], !dataHome.isEmpty {
            return fileURL(dataHome, environment: environment).appending(path: "course/course.db")
        }
        return home(environment).appending(path: ".local/share/course/course.db")
    }

    private static func fileURL(_ path: String, environment: [String: String]) -> URL {
        if path == "~" { return home(environment) }
        if path.hasPrefix("~/") { return home(environment).appending(path: String(path.dropFirst(2))) }
        let url = URL(fileURLWithPath: path)
        // Standardising makes a relative path absolute and removes `.` and `..` components; it
        // costs a `course submit` about 0.3 M instructions, so an absolute path without them,
        // which it would leave as it is, skips it.
        let plain = path.hasPrefix("/") && !path.split(separator: "/").contains { $0 == "." || $0 == ".." }
        return plain ? url : url.standardizedFileURL
    }

    private static func home(_ environment: [String: String]) -> URL {
        if let home = environment["HOME"], !home.isEmpty {
            return URL(fileURLWithPath: home, isDirectory: true)
        }
        return FileManager.default.homeDirectoryForCurrentUser
    }
}
