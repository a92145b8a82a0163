import Foundation
import Testing
@testable import CalculusCore

/// `CompiledExpression.values(at:slot:others:)` runs a program over many points at once; each
/// value must be, bit for bit, the one `evaluate` gives at that point alone (the critical-point
/// search takes its sign changes and extrema from them).
struct BatchEvaluationTests {
    /// Both values the same double, or both NaN.
    static func same(_ a: Double, _ b: Double) -> Bool { a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }

    /// Points across the domain and past it (where logs, roots and divisions give NaN or ±∞),
    /// more of them than one batch, and a count that leaves a partial batch.
    static func points(_ domain: ClosedRange<Double>) -> [Double] {
        var xs = (0...70).map { domain.lowerBound + (domain.upperBound - domain.lowerBound) * Double($0) / 70 }
        xs += [0, -0.0, -1, 1, 1e-300, -1e300, .infinity, -.infinity, .nan, .pi, -2.5]
        return xs
    }

    @Test(.enabled(if: CorpusTests.corpusAvailable, "needs ../shared/corpus/equivalence-dev.jsonl beside the package"))
    func everyCorpusExpressionGivesItsPointwiseValues() throws {
        let items = try #require(try CorpusTests.loadItems())
        for item in items {
            let parser = Parser(variables: [item.variable])
            let domain = try #require(item.domain)
            for text in [item.key, item.answer, item.function].compactMap({ $0 }) {
                guard let expression = try? parser.parse(text) else { continue }
                let compiled = CompiledExpression(expression, variables: [item.variable])
                let xs = Self.points(domain)
                let batch = compiled.values(at: xs, slot: 0, others: [0])
                for (x, value) in zip(xs, batch) {
                    let alone = compiled.evaluate([x])
                    #expect(Self.same(value, alone), "\(item.id) \(text) at \(x): \(value) against \(alone)")
                }
            }
        }
    }

    /// Other variables keep their values; the one varied may be any slot.
    @Test func otherSlotsHoldTheirValues() throws {
        let f = try Parser.parse("a*x^2 + sin(b*x) - x^(1/3) + sqrt(a + b)", variables: ["x", "a", "b"])
        let compiled = CompiledExpression(f, variables: ["a", "x", "b"])
        let xs = Self.points(-3...3)
        let batch = compiled.values(at: xs, slot: 1, others: [2.5, 99, -0.75])
        for (x, value) in zip(xs, batch) {
            #expect(Self.same(value, compiled.evaluate([2.5, x, -0.75])), "at \(x)")
        }
        #expect(compiled.values(at: [], slot: 1, others: [1, 2, 3]).isEmpty)
    }

    @Test func aConstantProgramNeedsNoSlots() throws {
        let compiled = CompiledExpression(try Parser.parse("2^(1/2) + pi"))
        #expect(compiled.values(at: [1, 2, 3], slot: 0, others: []) == [compiled.evaluate([Double]()), compiled.evaluate([Double]()), compiled.evaluate([Double]())])
    }
}
