import CourseModels
import Foundation

/// Buffered writes to a file descriptor, so a million small records cost a few hundred
/// system calls. A file destination is a `SafeFile`: written under a temporary name in its
/// folder and renamed over the destination only when complete, so an interrupted export never
/// leaves half a bundle (or a planted symlink's target overwritten) behind.
package final class ByteSink {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private let capacity: Int
    private let file: SafeFile?
    /// Bytes written so far, including those still buffered.
    private(set) var count = 0

    /// A sink to standard output.
    package init(standardOutput: Void = (), capacity: Int = 1 << 20) {
        descriptor = STDOUT_FILENO
        self.capacity = capacity
        file = nil
        buffer.reserveCapacity(capacity)
    }

    /// A sink to a new file at `path`, which appears there on `close()`.
    /// - Throws: `SafeFileError` when the destination is refused or the folder cannot take the file.
    package init(path: String, replacing: Bool, protecting: [String], capacity: Int = 1 << 20) throws {
        let file = try SafeFile(path: path, replacing: replacing, protecting: protecting)
        self.file = file
        descriptor = file.descriptor
        self.capacity = capacity
        buffer.reserveCapacity(capacity)
    }

    package func write(_ bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        count += bytes.count
        if buffer.count >= capacity { try flush() }
    }

    func write(_ bytes: ArraySlice<UInt8>) throws {
        buffer.append(contentsOf: bytes)
        count += bytes.count
        if buffer.count >= capacity { try flush() }
    }

    package func write(_ text: StaticString) throws {
        text.withUTF8Buffer { buffer.append(contentsOf: $0) }
        count += text.utf8CodeUnitCount
        if buffer.count >= capacity { try flush() }
    }

    func flush() throws {
        if let file {
            var failure: SafeFileError?
            buffer.withUnsafeBytes { raw in
                do throws(SafeFileError) { try file.write(raw) } catch { failure = error }
            }
            if let failure { throw failure }
        } else {
            var offset = 0
            try buffer.withUnsafeBytes { raw in
                while offset < raw.count {
                    let written = Foundation.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        throw SyncError.cannotWrite(path: "standard output", reason: String(cString: strerror(errno)))
                    }
                    offset += written
                }
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, makes the file durable and moves it to its final name.
    /// - Throws: `SafeFileError` when any step fails; the destination is then untouched.
    package func close() throws {
        try flush()
        try file?.commit()
    }
}
