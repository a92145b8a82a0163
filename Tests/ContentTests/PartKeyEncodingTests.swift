@testable import Content
import CourseModels
import Foundation
import Grading
import TestSupport
import Testing

/// The stored bytes of every seed key, pinned: they feed content hashes and bundles'
/// `contentVersion`, so a rename in the key types must not change them (see `PartKey`'s
/// encoding, version 1). A deliberate change of encoding updates `Pinned/seed-keys.tsv` together
/// with a migration that rewrites stored keys.
struct PartKeyEncodingTests {
    static let pinned = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appending(path: "Pinned/seed-keys.tsv")

    @Test func everySeedKeyIsStoredAsThePinnedBytes() throws {
        let content = try SeedImporter(directory: repositorySeeds).load()
        let stored = content.exercises.flatMap { exercise in
            exercise.parts.map { "\(exercise.id)\t\($0.label)\t\($0.keyJSON)" }
        }.sorted()
        let expected = try String(contentsOf: Self.pinned, encoding: .utf8)
            .split(separator: "\n").map(String.init).sorted()
        #expect(stored.count == expected.count)
        for (line, pinned) in zip(stored, expected) {
            #expect(line == pinned)
        }
    }

    @Test func everyPinnedKeyDecodesAndEncodesBackToTheSameBytes() throws {
        for line in try String(contentsOf: Self.pinned, encoding: .utf8).split(separator: "\n") {
            let json = String(line.split(separator: "\t", omittingEmptySubsequences: false)[2])
            #expect(try PartKey(json: json).json == json)
        }
    }

    @Test func aNewerEncodingVersionIsRefused() {
        #expect(throws: DecodingError.self) {
            try PartKey(json: #"{"answer":{"manual":{"rubric":"r"}},"mistakes":{},"version":2}"#)
        }
    }
}
