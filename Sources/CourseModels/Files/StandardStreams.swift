#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard input and standard error (and reading a whole file) as the C library has them,
/// without Foundation's `FileHandle` (the full Foundation, which the learner's `course` does
/// not link).
public enum StandardStreams {
    /// Writes `text` to standard error at once (unbuffered, as `FileHandle` did): a message
    /// appears before whatever the program prints next.
    public static func writeError(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(2, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
        }
    }

    /// Everything on standard input up to its end, or the C library's reason it could not be
    /// read.
    public static func readInput() -> Result<[UInt8], ReadFailure> {
        readAll(from: 0)
    }

    /// Everything in the file at `path`, or the C library's reason it could not be read.
    ///
    /// Not Foundation's `FileManager.contents(atPath:)`: that goes through `URL.path`, whose
    /// first use in a process costs about 0.3 M instructions (a character set built at run
    /// time), a fortieth of a whole `course submit`.
    public static func readFile(atPath path: String) -> Result<[UInt8], ReadFailure> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(ReadFailure(reason: String(cString: strerror(errno)))) }
        defer { close(descriptor) }
        return readAll(from: descriptor)
    }

    /// Read in chunks into uninitialised memory: zeroing a 64 KB buffer first is 65 k
    /// instructions, more than reading a small file costs.
    private static func readAll(from descriptor: Int32) -> Result<[UInt8], ReadFailure> {
        var bytes: [UInt8] = []
        while true {
            var failure: Int32 = 0
            let chunk = [UInt8](unsafeUninitializedCapacity: 1 << 16) { buffer, initialized in
                let count = read(descriptor, buffer.baseAddress, buffer.count)
                initialized = max(count, 0)
                failure = count < 0 ? errno : 0
            }
            if failure == EINTR { continue }
            if failure != 0 { return .failure(ReadFailure(reason: String(cString: strerror(failure)))) }
            if chunk.isEmpty { return .success(bytes) }
            if bytes.isEmpty { bytes = chunk } else { bytes += chunk }
        }
    }

    /// Why a file or standard input could not be read (`strerror`'s text).
    public struct ReadFailure: Error, Sendable {
        public let reason: String
    }
}
