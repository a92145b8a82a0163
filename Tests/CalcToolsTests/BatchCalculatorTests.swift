@testable import CalcTools
import Testing

/// One JSON Lines request gives one line of answer, the id echoed as given.
struct BatchCalculatorTests {
    let calculator = BatchCalculator()

    @Test(arguments: [
        (#"{"id": 7, "key": "2x", "answer": "x+x"}"#, #"{"id": 7, "equivalent": true}"#),
        (#"{"id": "a", "key": "2x", "answer": "x^2", "domain": [0, 1]}"#, #"{"id": "a", "equivalent": false}"#),
        (#"{"id": 1, "key": "2x"}"#, #"{"id": 1, "error": "the item needs both 'key' and 'answer'"}"#),
        ("not json", #"{"id": null, "error": "the line is not a JSON object"}"#),
    ])
    func answersOneEquivalenceLinePerRequest(request: String, response: String) {
        #expect(calculator.equivalence(line: request[...]) == response)
    }

    @Test func differentiatesTheItemsFunction() {
        #expect(calculator.derivative(line: #"{"id": 2, "function": "x^3"}"#) == #"{"id": 2, "derivative": "3*x^2"}"#)
    }

    @Test(arguments: [("a\"b\\c", #""a\"b\\c""#), ("line\nbreak\u{1}", #""line\nbreak\u0001""#), ("π", "\"π\"")])
    func quotesStringsTheOneWayEveryModuleDoes(text: String, literal: String) {
        #expect(CorpusItem.JSONScalar.string(text).json == literal)
    }
}
