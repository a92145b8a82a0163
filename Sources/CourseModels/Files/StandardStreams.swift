#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard input and standard error as the C library has them, without Foundation's
/// `FileHandle` (the full Foundation, which the learner's `course` does not link).
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
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress!, $0.count) }
            if count == 0 { return .success(bytes) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(ReadFailure(reason: String(cString: strerror(errno))))
            }
            bytes.append(contentsOf: chunk[..<count])
        }
    }

    /// Why standard input could not be read (`strerror`'s text).
    public struct ReadFailure: Error, Sendable {
        public let reason: String
    }
}
