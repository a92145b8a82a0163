import Foundation

/// Where the course database lives, decided the same way by both command-line tools.
///
/// Worked out on path strings: the first `URL.path` of a process costs about 0.3 M
/// instructions (Foundation instantiates a character set at run time), a tenth of what a whole
/// `course submit` may spend before it grades. `URL` is used only where a path needs making
/// absolute or standardising.
public enum DatabaseLocation {
    /// `--db PATH` if given, else `$COURSE_DB`, else `$XDG_DATA_HOME/course/course.db`,
    /// else `~/.local/share/course/course.db`. Empty values count as unset; a leading `~/` is
    /// expanded, and relative paths are taken from the working directory.
    public static func resolve(explicit: String?, environment: [String: String]) -> URL {
        URL(fileURLWithPath: resolvePath(explicit: explicit, environment: environment))
    }

    /// `resolve(explicit:environment:)` as an absolute path.
    public static func resolvePath(explicit: String?, environment: [String: String]) -> String {
        if let explicit, !explicit.isEmpty {
            return filePath(explicit, environment: environment)
        }
        if let path = environment["COURSE_DB"], !path.isEmpty {
            return filePath(path, environment: environment)
        }
        if let dataHome = environment["XDG_DATA_HOME"], !dataHome.isEmpty {
            return joined(filePath(dataHome, environment: environment), "course/course.db")
        }
        return joined(home(environment), ".local/share/course/course.db")
    }

    /// The folder holding the file at `path`, absolute or relative: `/x/y` for `/x/y/c.db`, `.`
    /// for `c.db`.
    public static func folder(of path: String) -> String {
        // Trailing slashes dropped first; `utf8.count` is O(1), a Substring's `count` is not.
        var path = Substring(path)
        while path.utf8.count > 1, path.hasSuffix("/") { path = path.dropLast() }
        guard let slash = path.lastIndex(of: "/") else { return "." }
        var folder = path[..<slash]
        while folder.utf8.count > 1, folder.hasSuffix("/") { folder = folder.dropLast() }
        return folder.isEmpty ? "/" : String(folder)
    }

    private static func filePath(_ path: String, environment: [String: String]) -> String {
        if path == "~" { return home(environment) }
        if path.hasPrefix("~/") { return joined(home(environment), String(path.dropFirst(2))) }
        return absolute(path)
    }

    /// `path` made absolute from the working directory, without `.` and `..` components.
    /// A path already so (the usual case) is returned as it is.
    private static func absolute(_ path: String) -> String {
        let plain = path.hasPrefix("/")
            && !path.split(separator: "/").contains { $0 == "." || $0 == ".." }
        return plain ? path : URL(fileURLWithPath: path).standardizedFileURL.path
    }

    private static func joined(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    private static func home(_ environment: [String: String]) -> String {
        if let home = environment["HOME"], !home.isEmpty {
            return absolute(home)
        }
        return FileManager.default.homeDirectoryForCurrentUser.path
    }
}
