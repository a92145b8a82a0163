import Foundation
import Testing

/// The learner's `course` uses only FoundationEssentials, never the full Foundation (nor
/// FoundationInternationalization, which comes with it). A static build that links the full
/// Foundation carries 1,800 more protocol-conformance records, which every first cast or
/// generic instantiation scans, and CoreFoundation's start-up: a `course submit` cost 26.6 M
/// instructions with it, 24.1 M without (callgrind, the installed static build). One `NSLock`, `String(format:)`, `FileHandle` or
/// `ObjCBool` anywhere in the modules `course` links brings it all back, and nothing else
/// would notice.
@Suite struct LinkedFoundationTests {
    /// `nm` (binutils, which the Swift toolchain links with) lists the program's symbols.
    static let nm = ["/usr/bin/nm", "/bin/nm"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Symbols of `program` declared by the full Foundation or FoundationInternationalization
    /// (their mangled names carry the module: `10Foundation`, `26FoundationInternationalization`;
    /// FoundationEssentials' are `20FoundationEssentials`), defined (a static build) or used (a
    /// dynamic one).
    static func foundationSymbols(of program: String) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: nm!)
        process.arguments = [CLI.productsDirectory.appending(path: program).path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "nm could not read \(program)")
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line in
            guard let name = line.split(separator: " ").last else { return nil }
            return name.contains("10Foundation") || name.contains("26FoundationInternationalization") ? String(name) : nil
        }
    }

    @Test(.enabled(if: nm != nil, "needs nm (binutils)"))
    func courseUsesNoFullFoundationSymbol() throws {
        let symbols = try Self.foundationSymbols(of: "course")
        #expect(symbols.isEmpty, "course uses the full Foundation: \(symbols.prefix(10).joined(separator: ", "))")
    }

    /// The check can fail: `course-admin` (YAML, the LRS client over URLSession) does use it.
    @Test(.enabled(if: nm != nil, "needs nm (binutils)"))
    func courseAdminIsSeenToUseTheFullFoundation() throws {
        #expect(!(try Self.foundationSymbols(of: "course-admin")).isEmpty)
    }
}
