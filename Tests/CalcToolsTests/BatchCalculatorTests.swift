@testable import CalcTools
import Testing

/// One JSON Lines request gives one line of answer, the id echoed as given.
struct BatchCalculatorTests {
    var calculator = BatchCalculator()

    @Test(arguments: [
        (#"{"id": 7, "key": "2x", "answer": "x+x"}"#, #"{"id": 7, "equivalent": true}"#),
        (#"{"id": "a", "key": "2x", "answer": "x^2", "domain": [0, 1]}"#, #"{"id": "a", "equivalent": false}"#),
        (#"{"id": 1, "key": "2x"}"#, #"{"id": 1, "error": "the item needs both 'key' and 'answer'"}"#),
        ("not json", #"{"id": null, "error": "the line is not a JSON object"}"#),
    ])
    func answersOneEquivalenceLinePerRequest(request: String, response: String) {
        var calculator = calculator
        #expect(calculator.equivalence(line: request[...]) == response)
    }

    /// The key of one line is kept for the next, but only for the same text and variable.
    @Test func aKeyKeptFromTheLineBeforeIsOnlyReusedForTheSameTextAndVariable() {
        var calculator = calculator
        let lines = [
            (#"{"id": 1, "key": "2x", "answer": "x+x"}"#, #"{"id": 1, "equivalent": true}"#),
            (#"{"id": 2, "key": "2x", "answer": "2*x"}"#, #"{"id": 2, "equivalent": true}"#),
            // In t, the same text names an unknown x: not the tree kept from the line before.
            (#"{"id": 3, "key": "2x", "answer": "2*t", "variable": "t"}"#, #"{"id": 3, "error": "unknown name 'x' at column 2; did you mean t?"}"#),
            (#"{"id": 4, "key": "2t", "answer": "2*t", "variable": "t"}"#, #"{"id": 4, "equivalent": true}"#),
            (#"{"id": 5, "key": "2x", "answer": "x^2"}"#, #"{"id": 5, "equivalent": false}"#),
            (#"{"id": 6, "key": "2x + ", "answer": "2x"}"#, nil),
            (#"{"id": 7, "key": "2x", "answer": "x + x"}"#, #"{"id": 7, "equivalent": true}"#),
        ]
        for (request, response) in lines {
            let reply = calculator.equivalence(line: request[...])
            if let response { #expect(reply == response, "\(request)") } else { #expect(reply.contains("\"error\""), "\(reply)") }
            // Every reply is what a calculator that never saw the lines before gives.
            var fresh = BatchCalculator()
            #expect(reply == fresh.equivalence(line: request[...]))
        }
    }

    @Test func differentiatesTheItemsFunction() {
        #expect(calculator.derivative(line: #"{"id": 2, "function": "x^3"}"#) == #"{"id": 2, "derivative": "3*x^2"}"#)
    }

    @Test(arguments: [("a\"b\\c", #""a\"b\\c""#), ("line\nbreak\u{1}", #""line\nbreak\u0001""#), ("π", "\"π\"")])
    func quotesStringsTheOneWayEveryModuleDoes(text: String, literal: String) {
        #expect(CorpusItem.JSONScalar.string(text).json == literal)
    }
}
