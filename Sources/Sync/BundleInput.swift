import CourseModels
import Foundation

/// A bundle to import, readable twice (the importer validates, then applies): a regular file
/// as it is; standard input (`-`) or a pipe (`/dev/stdin`, `<(…)`) copied once, as it is read,
/// into a private temporary file (0600, removed when this value is released).
final class BundleInput {
    let readablePath: String
    private let temporary: String?

    /// - Throws: `BundleError` with `.cannotOpen` when the input cannot be read or copied.
    init(path: String) throws {
        var status = stat()
        if path != "-", stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG {
            readablePath = path
            temporary = nil
            return
        }
        let source = path == "-" ? STDIN_FILENO : open(path, O_RDONLY)
        guard source >= 0 else {
            throw BundleError(path: path, problem: .cannotOpen(reason: String(cString: strerror(errno))))
        }
        defer { if source != STDIN_FILENO { close(source) } }
        // Where NSTemporaryDirectory() looks: $TMPDIR, else /tmp.
        let folder = ProcessEnvironment.current["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((folder + "/course-bundle-XXXXXX").utf8CString)
        let copy = mkstemp(&template)
        guard copy >= 0 else {
            throw BundleError(path: path, problem: .cannotOpen(reason: "no temporary file: \(String(cString: strerror(errno)))"))
        }
        let copyPath = String(cString: template)
        fchmod(copy, 0o600)
        defer { close(copy) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(source, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                unlink(copyPath)
                throw BundleError(path: path, problem: .cannotOpen(reason: String(cString: strerror(errno))))
            }
            let written = buffer.withUnsafeBytes { write(copy, $0.baseAddress, count) }
            guard written == count else {
                unlink(copyPath)
                throw BundleError(path: path, problem: .cannotOpen(reason: "the temporary copy could not be written"))
            }
        }
        readablePath = copyPath
        temporary = copyPath
    }

    deinit {
        if let temporary { unlink(temporary) }
    }
}
