import Foundation

/// Buffered writes to a file descriptor, so a million small records cost a few hundred
/// system calls. Written to a temporary file that replaces the destination only when complete,
/// so an interrupted export never leaves half a bundle under the final name.
final class ByteSink {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private let capacity: Int
    private let temporaryPath: String?
    private let finalPath: String?
    /// Bytes written so far, including those still buffered.
    private(set) var count = 0

    /// A sink to standard output.
    init(standardOutput: Void = (), capacity: Int = 1 << 20) {
        descriptor = STDOUT_FILENO
        self.capacity = capacity
        temporaryPath = nil
        finalPath = nil
        buffer.reserveCapacity(capacity)
    }

    /// A sink to a new file at `path`, which appears there on `close()`.
    /// - Throws: `SyncError.cannotWrite` when the folder cannot take the file.
    init(path: String, capacity: Int = 1 << 20) throws {
        let temporary = path + ".partial-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            throw SyncError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
        self.descriptor = descriptor
        self.capacity = capacity
        temporaryPath = temporary
        finalPath = path
        buffer.reserveCapacity(capacity)
    }

    deinit {
        if let temporaryPath {
            Foundation.close(descriptor)
            // After `close()` renamed it, nothing is left at the temporary name.
            unlink(temporaryPath)
        }
    }

    func write(_ bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        count += bytes.count
        if buffer.count >= capacity { try flush() }
    }

    func write(_ bytes: ArraySlice<UInt8>) throws {
        buffer.append(contentsOf: bytes)
        count += bytes.count
        if buffer.count >= capacity { try flush() }
    }

    func write(_ text: StaticString) throws {
        text.withUTF8Buffer { buffer.append(contentsOf: $0) }
        count += text.utf8CodeUnitCount
        if buffer.count >= capacity { try flush() }
    }

    func flush() throws {
        var offset = 0
        try buffer.withUnsafeBytes { raw in
            while offset < raw.count {
                let written = Foundation.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw SyncError.cannotWrite(path: finalPath ?? "standard output", reason: String(cString: strerror(errno)))
                }
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, makes the file durable and moves it to its final name.
    /// - Throws: `SyncError.cannotWrite` when any step fails; the destination is then untouched.
    func close() throws {
        try flush()
        guard let temporaryPath, let finalPath else { return }
        guard fsync(descriptor) == 0, rename(temporaryPath, finalPath) == 0 else {
            throw SyncError.cannotWrite(path: finalPath, reason: String(cString: strerror(errno)))
        }
    }
}
