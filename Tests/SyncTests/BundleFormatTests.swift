import CourseModels
import Foundation
@testable import Sync
import TestSupport
import Testing

/// The pieces of the format: timestamps, canonical JSON, and the documented example.
struct BundleFormatTests {
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00.000Z"),
        (1_700_000_002_250, "2023-11-14T22:13:22.250Z"),
        (951_782_400_000, "2000-02-29T00:00:00.000Z"),
        (-1, "1969-12-31T23:59:59.999Z"),
        (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
    ])
    func timestampsRoundTrip(milliseconds: Int64, text: String) {
        #expect(BundleTimestamp.string(milliseconds) == text)
        #expect(BundleTimestamp.parse(Array(text.utf8)) == milliseconds)
    }

    @Test(arguments: ["2023-02-29T00:00:00.000Z", "2023-13-01T00:00:00.000Z", "2023-11-14T22:60:00.000Z",
                      "2023-11-14T22:13:22.25Z", "2023-11-14T22:13:22.250+01:00", "2023-11-14 22:13:22.250Z", ""])
    func malformedTimestampsAreRefused(_ text: String) {
        #expect(BundleTimestamp.parse(Array(text.utf8)) == nil)
    }

    @Test func canonicalStringsEscapeOnlyWhatJSONRequires() {
        var json = CanonicalJSON()
        json.string("a\"b\\c\n\t\u{1}é∂/")
        #expect(String(decoding: json.bytes, as: UTF8.self) == #""a\"b\\c\n\t\u0001é∂/""#)
    }

    @Test(arguments: [(0.0, "0"), (1.0, "1"), (0.5, "0.5"), (1.0 / 3, "0.3333333333333333"), (1e-7, "1e-07")])
    func canonicalNumbersAreShortest(value: Double, text: String) {
        var json = CanonicalJSON()
        json.number(value)
        #expect(String(decoding: json.bytes, as: UTF8.self) == text)
    }

    @Test func aReformattedBundleKeepsItsDigest() throws {
        // The digest covers the canonical payload, not the bytes: re-indenting a bundle, or
        // writing its fields in another order within a record, keeps it valid.
        let folder = try TemporaryFolder()
        let machine = try Machine("m", in: folder)
        let ada = try machine.addLearner("ada")
        try machine.answer(ada.id, exercise: "ex1", part: "a", "2*x", at: 1_700_000_001_000)
        let path = folder.path("b.json")
        _ = try machine.export(path)
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
        // JSONSerialization keeps no key order, so re-emit the top level in order by hand.
        let top = try #require(object as? [String: Any])
        var text = "{\n"
        for key in ["format", "version", "deviceID", "exportedAt", "contentVersion", "enrolments", "learners", "attempts", "reviews", "digest"] {
            let value = try JSONSerialization.data(withJSONObject: top[key]!, options: [.prettyPrinted, .fragmentsAllowed, .withoutEscapingSlashes])
            text += "  \"\(key)\": " + String(decoding: value, as: UTF8.self) + (key == "digest" ? "\n" : ",\n")
        }
        text += "}\n"
        let pretty = folder.path("pretty.json")
        try text.write(toFile: pretty, atomically: true, encoding: .utf8)
        let summary = try BundleReader(path: pretty).read(.init())
        #expect("sha256:" + summary.digest.dropFirst(7) == top["digest"] as? String)
    }

    @Test func theDocumentedExampleIsAValidBundle() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appending(path: "README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let section = try #require(text.components(separatedBy: "## Sync bundles").dropFirst().first)
        let example = try #require(section.components(separatedBy: "```json\n").dropFirst().first?
            .components(separatedBy: "```").first)
        let folder = try TemporaryFolder()
        let path = folder.path("example.json")
        try example.write(toFile: path, atomically: true, encoding: .utf8)
        let summary = try BundleReader(path: path).read(.init())
        #expect(summary.learners == 1 && summary.attempts == 3 && summary.reviews == 1)
    }
}
