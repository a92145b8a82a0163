@testable import CalcTools
import Testing

/// The batch protocol's framing and item reader work on bytes; these pin what they accept.
struct JSONLinesTests {
    static func answers(_ input: String) -> [String] {
        var lines: [String] = []
        JSONLines.respond(to: Array(input.utf8), with: { String(decoding: $0, as: UTF8.self) }) { chunk in
            lines += String(decoding: chunk, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        }
        return lines
    }

    @Test func splitsOnEveryLineEndingAndSkipsBlankLines() {
        #expect(Self.answers("a\nb\r\nc\rd\n \t\n\ne") == ["a", "b", "c", "d", "e"])
        #expect(Self.answers("") == [])
    }

    @Test func readsEveryFieldOfTheCorpusShape() throws {
        let item = try CorpusItem(jsonLine: #"{"id": "dev-1", "function": "x^2", "variable": "t", "domain": [-1.5, 2e0], "key": "2t", "answer": "t+t", "equivalent": true, "rule": "r", "extra": {"a": [1, "b", null]}, "n": -0.5}"#)
        #expect(item.id == .string("dev-1"))
        #expect(item.function == "x^2")
        #expect(item.variable == "t")
        #expect(item.domain == -1.5...2)
        #expect(item.key == "2t")
        #expect(item.answer == "t+t")
        #expect(item.equivalent == true)
        #expect(item.rule == "r")
    }

    /// Plain decimals are read without text (an exact fast path): the value must be the one
    /// `Double(String)` gives, bit for bit, and anything else still goes through the text.
    @Test(arguments: ["0", "-0", "2", "-17", "1.5", "5.0", "0.1", "-0.25", "0.30000000000000004", "123456789012345",
                      "1234567890123456", "1.2345678901234567", "9007199254740993", "0.0000000000000000000001",
                      "0.00000000000000000000001", "2.5e-3", "1E+2", "7e0"])
    func readsNumbersAsDoubleReadsTheirText(text: String) throws {
        let item = try CorpusItem(jsonLine: Substring(#"{"id": \#(text), "domain": [\#(text), 1e300], "key": "x"}"#))
        let expected = try #require(Double(text))
        guard case let .number(id) = item.id else { Issue.record("id \(item.id) is not a number"); return }
        #expect(id.bitPattern == expected.bitPattern)
        #expect(item.domain?.lowerBound.bitPattern == expected.bitPattern)
    }

    @Test func matchesFieldNamesWrittenWithEscapes() throws {
        let item = try CorpusItem(jsonLine: #"{"\u0069d": "a", "k\u0065y": "x^2", "answer": "x*x", "keys": "no", "ke": "no"}"#)
        #expect(item.id == .string("a"))
        #expect(item.key == "x^2")
        #expect(item.answer == "x*x")
    }

    @Test func findsLineEndsInLongLines() {
        let long = String(repeating: "abcdefgh", count: 9)
        #expect(Self.answers("\(long)\r\n\(long)x\r\(long)xy\n1234567\n12345678\r") == [long, long + "x", long + "xy", "1234567", "12345678"])
    }

    @Test func decodesEscapes() throws {
        let item = try CorpusItem(jsonLine: #"{"id": 3, "key": "a\"b\\c\/\n\u03c0\ud83d\ude00"}"#)
        #expect(item.id == .number(3))
        #expect(item.key == "a\"b\\c/\nπ😀")
    }

    @Test(arguments: [
        (#"{"id": 1, "key": }"#, "the line is not valid JSON at column 18: expected a value"),
        (#"{"id": 1 "key": "x"}"#, "the line is not valid JSON at column 10: expected ',' or '}', found '\"'"),
        (#"{"id": 1, "key": "x"} trailing"#, "the line is not valid JSON at column 23: unexpected text after the object"),
        (#"{"key": "x"#, "the line is not valid JSON at column 11: the line ends before the JSON value does"),
        (#"{"key": "\q"}"#, #"the line is not valid JSON at column 10: an unknown escape '\q' in a string"#),
        (#"{"id": 01}"#, "the line is not valid JSON at column 8: '01' is not a JSON number (a number may not start with 0)"),
        (#"[1, 2]"#, "the line is not a JSON object"),
        (#"{"key": 5}"#, "the field 'key' has the wrong type"),
        (#"{"domain": [2, 1]}"#, "the field 'domain' must be [LO, HI] with finite numbers and LO ≤ HI"),
        // Past Double's range: infinite bounds or ids would crash the sampler or print as `inf`.
        (#"{"domain": [-1, 1e400]}"#, "the field 'domain' must be [LO, HI] with finite numbers and LO ≤ HI"),
        (#"{"id": 1e400, "key": "x"}"#, "the field 'id' has the wrong type"),
        (#"{"domain": [0, "1"]}"#, "the field 'domain' has the wrong type"),
    ])
    func reportsAMalformedLineWithItsColumn(line: String, message: String) {
        #expect(throws: CorpusItem.DecodingError.self) { try CorpusItem(jsonLine: line[...]) }
        do {
            _ = try CorpusItem(jsonLine: line[...])
        } catch {
            #expect("\(error)" == message)
        }
    }
}
