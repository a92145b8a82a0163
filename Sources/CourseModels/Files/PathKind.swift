#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What is at a path, as `stat` sees it (through symbolic links, as
/// `FileManager.fileExists(atPath:isDirectory:)` does, whose `ObjCBool` is the full
/// Foundation's, which the learner's `course` does not link).
public enum PathKind: Sendable, Equatable {
    /// Nothing, a dangling link, or a path that cannot be looked at.
    case missing
    case directory
    /// A regular file, a device, a pipe or a socket.
    case other

    public static func of(_ path: String) -> PathKind {
        var status = stat()
        guard stat(path, &status) == 0 else { return .missing }
        return status.st_mode & S_IFMT == S_IFDIR ? .directory : .other
    }
}
