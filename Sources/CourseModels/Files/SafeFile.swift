import Foundation
import Synchronization

/// Why a file could not be written safely; nothing was left at the destination.
public enum SafeFileError: Error, Hashable, Sendable, CustomStringConvertible {
    case exists(path: String)
    case isDirectory(path: String)
    case notRegular(path: String)
    case isProtected(path: String)
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case let .exists(path):
            return "\(TerminalText.visible(path)) already exists; it was left as it is: choose another name, or pass --force to replace it."
        case let .isDirectory(path):
            return "\(TerminalText.visible(path)) is a folder; name a file inside it instead."
        case let .notRegular(path):
            return "\(TerminalText.visible(path)) is not a regular file (a device, a pipe or a socket); it was left as it is: name a regular file instead."
        case let .isProtected(path):
            return "\(TerminalText.visible(path)) is the course database in use; writing over it would destroy it: choose another file name."
        case let .cannotWrite(path, reason):
            return "Cannot write \(TerminalText.visible(path)) (\(reason)); nothing was left under that name: check that the folder exists and that you may write there."
        }
    }
}

/// A file being written safely: the bytes go to a new temporary file in the destination's
/// folder (created with `O_EXCL|O_NOFOLLOW` under a random name, mode 0600 whatever the umask,
/// so a planted symlink cannot redirect it), which is `fsync`ed and renamed over the
/// destination by `commit()`. Dropped without `commit()` (an error) or interrupted by SIGINT or
/// SIGTERM, the temporary file is removed and the destination is untouched.
public final class SafeFile {
    public let path: String
    let temporaryPath: String
    public let descriptor: Int32
    private var committed = false
    private let slot: Int

    /// Opens the temporary file for `path`.
    /// - Parameters:
    ///   - replacing: whether an existing regular file may be replaced (`--force`).
    ///   - protecting: files that must never be written over, such as the open database.
    /// - Throws: `SafeFileError` when the destination is refused or the folder cannot take the file.
    public init(path: String, replacing: Bool, protecting: [String] = []) throws(SafeFileError) {
        var target = stat()
        if stat(path, &target) == 0 {
            switch target.st_mode & S_IFMT {
            case S_IFDIR: throw .isDirectory(path: path)
            case S_IFREG: break
            default: throw .notRegular(path: path)
            }
            for protected in protecting {
                var other = stat()
                if stat(protected, &other) == 0, other.st_dev == target.st_dev, other.st_ino == target.st_ino {
                    throw .isProtected(path: path)
                }
            }
            if !replacing { throw .exists(path: path) }
        } else if lstat(path, &target) == 0 {
            // A dangling symlink: renaming over it replaces the link, never what it names.
            if !replacing { throw .exists(path: path) }
        }
        let url = URL(fileURLWithPath: path)
        var random = SystemRandomNumberGenerator()
        let suffix = String(random.next() as UInt64, radix: 16)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(suffix)").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        fchmod(descriptor, 0o600)
        self.path = path
        self.temporaryPath = temporary
        self.descriptor = descriptor
        self.slot = InterruptCleanup.register(temporary)
    }

    deinit {
        if !committed {
            Foundation.close(descriptor)
            unlink(temporaryPath)
        }
        InterruptCleanup.unregister(slot)
    }

    /// Writes all of `bytes`.
    /// - Throws: `SafeFileError.cannotWrite` (the disk is full, say).
    public func write(_ bytes: UnsafeRawBufferPointer) throws(SafeFileError) {
        var offset = 0
        while offset < bytes.count {
            let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw .cannotWrite(path: path, reason: String(cString: strerror(errno)))
            }
            offset += written
        }
    }

    /// Makes the file durable and moves it to its final name.
    /// - Throws: `SafeFileError.cannotWrite`; the destination is then untouched.
    public func commit() throws(SafeFileError) {
        guard fsync(descriptor) == 0 else { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        Foundation.close(descriptor)
        guard rename(temporaryPath, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            committed = true
            throw .cannotWrite(path: path, reason: reason)
        }
        committed = true
        let folder = open(URL(fileURLWithPath: path).deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY)
        if folder >= 0 {
            fsync(folder)
            Foundation.close(folder)
        }
    }
}

/// The whole-file form, for small files (keys, plots).
public enum SafeFileWriter {
    /// - Throws: `SafeFileError`.
    public static func write(_ bytes: [UInt8], to path: String, replacing: Bool, protecting: [String] = []) throws(SafeFileError) {
        let file = try SafeFile(path: path, replacing: replacing, protecting: protecting)
        var failure: SafeFileError?
        bytes.withUnsafeBytes { raw in
            do throws(SafeFileError) { try file.write(raw) } catch { failure = error }
        }
        if let failure { throw failure }
        try file.commit()
    }
}

/// Temporary files to remove if the process is interrupted: a fixed table of C strings that
/// the signal handler reads without allocating, then the default action is taken.
enum InterruptCleanup {
    static let capacity = 16
    nonisolated(unsafe) static var paths = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
    nonisolated(unsafe) static var installed = false
    static let lock = Mutex(())

    static func register(_ path: String) -> Int {
        lock.withLock { _ in registerLocked(path) }
    }

    private static func registerLocked(_ path: String) -> Int {
        if !installed {
            for index in 0..<capacity { paths[index] = nil }
            for signal in [SIGINT, SIGTERM] {
                var action = sigaction()
                #if canImport(Glibc)
                action.__sigaction_handler.sa_handler = interruptHandler
                #else
                action.__sigaction_u.__sa_handler = interruptHandler
                #endif
                sigemptyset(&action.sa_mask)
                sigaction(signal, &action, nil)
            }
            // A process may start with these signals blocked (inherited from a parent's thread),
            // which would leave the handler unused and the temporary file behind.
            var interrupts = sigset_t()
            sigemptyset(&interrupts)
            sigaddset(&interrupts, SIGINT)
            sigaddset(&interrupts, SIGTERM)
            sigprocmask(SIG_UNBLOCK, &interrupts, nil)
            installed = true
        }
        for index in 0..<capacity where paths[index] == nil {
            paths[index] = strdup(path)
            return index
        }
        return -1
    }

    static func unregister(_ slot: Int) {
        guard slot >= 0 else { return }
        lock.withLock { _ in
            let path = paths[slot]
            paths[slot] = nil
            free(path)
        }
    }
}

private func interruptHandler(_ signal: Int32) {
    for index in 0..<InterruptCleanup.capacity {
        if let path = InterruptCleanup.paths[index] { unlink(path) }
    }
    Foundation.signal(signal, SIG_DFL)
    raise(signal)
}
