#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The environment the program was started with, as a dictionary, read once.
///
/// Read from the C `environ` block rather than `ProcessInfo.processInfo.environment`: Foundation's
/// version cost about 850 k instructions of a `course submit` the first time (callgrind), and a
/// short command only looks up three or four variables. A variable set twice keeps its first value, as `getenv` would return; an entry
/// without `=` (which `execve` allows) is skipped.
public enum ProcessEnvironment {
    public static let current: [String: String] = read()

    static func read() -> [String: String] {
        var variables: [String: String] = [:]
        // Optional on some C libraries, not on others.
        let block: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = environ
        guard var entry = block else { return variables }
        while let pointer = entry.pointee {
            let text = String(cString: pointer)
            if let equals = text.utf8.firstIndex(of: UInt8(ascii: "=")) {
                let name = String(text[..<equals])
                if variables[name] == nil {
                    variables[name] = String(text[text.utf8.index(after: equals)...])
                }
            }
            entry += 1
        }
        return variables
    }
}
