import CourseModels
import CourseStore
import Foundation
import Grading
@testable import Sync
import TestSupport
import Testing

/// Each kind of bad bundle is refused with its own clear message, and nothing is imported.
@Suite struct BadBundleTests {
    let folder: TemporaryFolder
    let source: Machine
    let target: Machine
    let ada: Learner
    /// A valid bundle's text: three attempts by ada.
    let valid: String

    init() throws {
        folder = try TemporaryFolder()
        source = try Machine("source", in: folder)
        target = try Machine("target", in: folder)
        ada = try source.addLearner("ada")
        try source.answer(ada.id, exercise: "ex1", part: "a", "2*x", at: 1_700_000_001_000)
        try source.answer(ada.id, exercise: "ex1", part: "b", "5", at: 1_700_000_002_000)
        try source.answer(ada.id, exercise: "ex2", part: "", "chain", at: 1_700_000_003_000)
        let path = folder.path("valid.json")
        _ = try source.export(path)
        valid = try String(contentsOfFile: path, encoding: .utf8)
        // The target already holds something, which must survive every refusal untouched.
        let bob = try target.addLearner("bob")
        try target.answer(bob.id, exercise: "ex2", part: "", "power", at: 1_700_000_000_500)
    }

    /// Imports `bytes` into the target; returns the refusal, checking nothing changed.
    func refusal(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws -> BundleError {
        let path = folder.path("bad-\(UUID().uuidString.prefix(6)).json")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let before = try target.dump()
        do {
            _ = try target.importBundle(path)
        } catch let error as BundleError {
            #expect(try target.dump() == before, "a refused bundle changed the database", sourceLocation: sourceLocation)
            #expect(error.description.hasSuffix("Nothing was imported."), sourceLocation: sourceLocation)
            return error
        }
        Issue.record("the bad bundle was imported", sourceLocation: sourceLocation)
        throw TestFailure("imported")
    }

    func refusal(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> BundleError {
        try refusal(Array(text.utf8), sourceLocation: sourceLocation)
    }

    func writtenBundle(attempts: [Attempt]) throws -> String {
        let path = folder.path("written-\(UUID().uuidString.prefix(6)).json")
        try writeBundle(path, learners: [ada], attempts: attempts, signer: try source.identity())
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    @Test func truncatedJSON() throws {
        let error = try refusal(String(valid.prefix(valid.utf8.count * 2 / 3)))
        guard case .truncated = error.problem else { Issue.record("\(error)"); return }
        #expect(error.description.contains("ends in the middle"))
    }

    @Test func notJSON() throws {
        let error = try refusal("format: course-attempt-bundle\nversion: 1\n")
        #expect(error.problem == .notJSON(found: "'f'"))
    }

    @Test func emptyFile() throws {
        #expect(try refusal("").problem == .empty)
    }

    @Test func notUTF8() throws {
        // An answer saved in Latin-1: "é" as the single byte 0xE9.
        var bytes = Array(valid.utf8)
        let marker = Array("\"answer\":\"".utf8)
        let start = try #require(bytes.indices.first { bytes[$0...].starts(with: marker) }) + marker.count
        bytes.insert(0xE9, at: start)
        let error = try refusal(bytes)
        guard case let .notUTF8(line) = error.problem else { Issue.record("\(error)"); return }
        #expect(line == 9)
        #expect(error.description.contains("not UTF-8"))
    }

    @Test func utf16File() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in valid.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        guard case .notUTF8 = try refusal(bytes).problem else { Issue.record("not refused as not UTF-8"); return }
    }

    @Test func unknownFormat() throws {
        let error = try refusal(valid.replacingOccurrences(of: "course-attempt-bundle", with: "moodle-backup"))
        #expect(error.problem == .unknownFormat("moodle-backup"))
    }

    @Test func newerVersion() throws {
        let error = try refusal(valid.replacingOccurrences(of: "\"version\":3", with: "\"version\":4"))
        #expect(error.problem == .newerVersion(4))
        #expect(error.description.contains("update the course tools"))
    }

    @Test func digestMismatchWhenAnAttemptIsEditedByHand() throws {
        // The wrong "5" becomes a right "4": the digest no longer matches.
        let edited = valid.replacingOccurrences(of: "\"answer\":\"5\"", with: "\"answer\":\"4\"")
        #expect(edited != valid)
        let error = try refusal(edited)
        guard case .digestMismatch = error.problem else { Issue.record("\(error)"); return }
        #expect(error.description.contains("changed after export"))
    }

    @Test func duplicateAttemptIds() throws {
        let attempts = try source.attempts()
        let error = try refusal(try writtenBundle(attempts: attempts + [attempts[1]]))
        #expect(error.problem == .duplicateAttempt(id: attempts[1].id, index: 4, line: 12))
    }

    @Test(arguments: [("ex9", "a", true), ("ex1", "z", false)])
    func unknownExerciseOrPart(exercise: String, part: String, exerciseUnknown: Bool) throws {
        var attempts = try source.attempts()
        attempts[attempts.count - 1].exerciseID = exercise
        attempts[attempts.count - 1].part = part
        let error = try refusal(try writtenBundle(attempts: attempts))
        #expect(error.problem == .unknownContent([
            .init(exerciseID: exercise, part: part, exerciseUnknown: exerciseUnknown, attempts: 1)]))
        #expect(error.description.contains(exerciseUnknown ? "exercise '\(exercise)'" : "part '\(part)' of exercise '\(exercise)'"))
    }

    @Test func timestampThatDoesNotParse() throws {
        let time = BundleTimestamp.string(1_700_000_002_000)
        let error = try refusal(valid.replacingOccurrences(of: time, with: "2023-11-14 22:13:22"))
        #expect(error.problem == .badTimestamp(record: "attempt 2", field: "submittedAt", value: "2023-11-14 22:13:22", line: 10))
    }

    @Test(arguments: ["2023-02-29T10:00:00.000Z", "2023-11-14T24:00:00.000Z", "2023-11-14T22:13:22Z", "1700000002000"])
    func impossibleOrOtherwiseWrittenTimestamps(_ text: String) throws {
        let time = BundleTimestamp.string(1_700_000_002_000)
        let error = try refusal(valid.replacingOccurrences(of: "\"\(time)\"", with: "\"\(text)\""))
        guard case .badTimestamp = error.problem else { Issue.record("\(error)"); return }
    }

    @Test func missingRequiredField() throws {
        let error = try refusal(valid.replacingOccurrences(of: "\"answer\":\"5\",", with: ""))
        #expect(error.problem == .missingField(record: "attempt 2", field: "answer", line: 10))
    }

    @Test func unknownField() throws {
        let error = try refusal(valid.replacingOccurrences(of: "\"answer\":\"5\",", with: "\"answer\":\"5\",\"bonus\":1,"))
        #expect(error.problem == .unknownField(record: "attempt 2", field: "bonus", line: 10))
    }

    @Test func attemptOfALearnerTheBundleDoesNotList() throws {
        var attempts = try source.attempts()
        attempts[0].learnerID = UUID()
        guard case .unlistedLearner = try refusal(try writtenBundle(attempts: attempts)).problem else {
            Issue.record("not refused for the unlisted learner"); return
        }
    }

    @Test func aScoreOutsideZeroToOne() throws {
        let error = try refusal(valid.replacingOccurrences(of: "\"score\":0,", with: "\"score\":7,"))
        guard case .invalidValue(_, "score", _, _) = error.problem else { Issue.record("\(error)"); return }
    }

    @Test func twoBundlesJoinedIntoOneFile() throws {
        guard case .trailingData = try refusal(valid + valid).problem else { Issue.record("not refused"); return }
    }

    /// 200 MB in one answer: refused at the stated field limit (memory: `course-bench sync`).
    @Test func aTwoHundredMegabyteFileIsRefusedByTheFieldLimit() throws {
        let path = folder.path("huge.json")
        let prefix = valid.components(separatedBy: "\"answer\":\"")[0] + "\"answer\":\""
        #expect(FileManager.default.createFile(atPath: path, contents: Data(prefix.utf8)))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        let block = Data(repeating: UInt8(ascii: "x"), count: 1 << 20)
        try handle.seekToEnd()
        for _ in 0..<200 { try handle.write(contentsOf: block) }
        try handle.write(contentsOf: Data("\"}]}".utf8))
        try handle.close()
        let before = try target.dump()
        #expect {
            try target.importBundle(path)
        } throws: { error in
            guard let error = error as? BundleError,
                  case let .tooLong(record, field, limit, _) = error.problem else { return false }
            return record == "attempt 1" && field == "answer" && limit == BundleFormat.maximumTextBytes
                && error.description.contains("longer than the limit of 65536 bytes")
        }
        #expect(try target.dump() == before)
    }

    /// 200 MB of distinct attempts, refused only by the digest at the very end: streamed (memory: `course-bench sync`).
    @Test func aTwoHundredMegabyteBundleIsRefusedByTheDigestAtTheEnd() throws {
        let path = folder.path("long.json")
        let lines = valid.split(separator: "\n", omittingEmptySubsequences: false)
        let attemptsStart = lines.firstIndex { $0.hasPrefix("\"attempts\":[") }!
        let attemptsEnd = lines[attemptsStart...].firstIndex { $0.hasPrefix("],") }!
        let head = lines[..<attemptsEnd].joined(separator: "\n")
        let template = lines.first { $0.hasPrefix("{\"id\"") && $0.contains("\"answer\":\"5\"") }!
        let originalID = String(template.dropFirst(7).prefix(36))
        let record = String(template.hasSuffix(",") ? template.dropLast() : template[...]).replacingOccurrences(
            of: "\"answer\":\"5\"", with: "\"answer\":\"" + String(repeating: "y", count: 60_000) + "\"")
        #expect(FileManager.default.createFile(atPath: path, contents: Data(head.utf8)))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        var written = 0
        while written < 200 << 20 {
            let text = ",\n" + record.replacingOccurrences(of: originalID, with: UUID().uuidString)
            try handle.write(contentsOf: Data(text.utf8))
            written += text.utf8.count
        }
        try handle.write(contentsOf: Data("\n],\n\"reviews\":[],\n\"digest\":\"sha256:00\"}\n".utf8))
        try handle.close()
        let before = try target.dump()
        #expect {
            try target.importBundle(path)
        } throws: { error in
            guard let error = error as? BundleError, case .digestMismatch = error.problem else { return false }
            return true
        }
        #expect(try target.dump() == before)
    }
}
