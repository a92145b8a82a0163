import Foundation
import Grading
import Testing

/// `PartKey(json:)` reads keys through the package's JSON lexer, not `JSONDecoder`: it must
/// read every stored key as the `Codable` conformance does, and refuse what it refuses.
struct PartKeyReadingTests {
    static func decoded(_ json: String) throws -> PartKey {
        try JSONDecoder().decode(PartKey.self, from: Data(json.utf8))
    }

    @Test func everyPinnedKeyReadsAsJSONDecoderReadsIt() throws {
        let lines = try String(contentsOf: PartKeyEncodingTests.pinned, encoding: .utf8).split(separator: "\n")
        #expect(lines.count > 20)
        for line in lines {
            let json = String(line.split(separator: "\t", omittingEmptySubsequences: false)[2])
            #expect(try PartKey(json: json) == Self.decoded(json))
        }
    }

    @Test(arguments: [
        // Members in another order, whitespace, an unknown member, null for an absent optional.
        #"{ "mistakes" : {"a_b": "m"}, "extra": [1, {"x": null}], "form": null, "answer": {"number": {"tolerance": {"absolute": 1e-9, "relative": 0}, "value": -2.5E3}} }"#,
        #"{"answer":{"numbers":{"ordered":false,"tolerances":[{"absolute":0,"relative":0.01}],"values":[3]}},"mistakes":{},"significantDigits":3,"version":1}"#,
        #"{"answer":{"choice":{"key":"b","options":["a","b \/ \u00e9"]}},"mistakes":{},"limitVariable":"h","form":"no-limit-variable"}"#,
        #"{"answer":{"criticalPoints":{"points":[{"kind":"minimum","x":0.5}],"tolerance":{"absolute":0,"relative":1e-6}}},"mistakes":{}}"#,
    ])
    func readsWhatTheCodableConformanceReads(json: String) throws {
        #expect(try PartKey(json: json) == Self.decoded(json))
    }

    @Test(arguments: [
        "",
        "[]",
        #"{"answer":{"manual":{"rubric":"r"}}}"#,
        #"{"answer":{"manual":{"rubric":"r"},"choice":{"key":"a","options":[]}},"mistakes":{}}"#,
        #"{"answer":{"essay":{"rubric":"r"}},"mistakes":{}}"#,
        #"{"answer":{"number":{"value":"1","tolerance":{"relative":0,"absolute":0}}},"mistakes":{}}"#,
        #"{"answer":{"manual":{"rubric":"r"}},"mistakes":{},"significantDigits":2.5}"#,
        #"{"answer":{"manual":{"rubric":"r"}},"mistakes":{},"form":"tidy"}"#,
        #"{"answer":{"manual":{"rubric":"r"}},"mistakes":{}} x"#,
    ])
    func refusesWhatIsNotAKey(json: String) {
        #expect(throws: DecodingError.self) { try PartKey(json: json) }
        #expect(throws: DecodingError.self) { try Self.decoded(json) }
    }

    /// The lexer reads JSON as RFC 8259 has it: a trailing comma, which `JSONDecoder` lets
    /// pass, is refused (the key writer never writes one).
    @Test func refusesATrailingComma() {
        #expect(throws: DecodingError.self) { try PartKey(json: #"{"answer":{"manual":{"rubric":"r"}},"mistakes":{},}"#) }
    }
}
