import Foundation
import Testing
@testable import CalculusCore

/// The dev corpus from `../shared/corpus/` (beside the package): zero false accepts, at most
/// 0.5% false rejects, and our derivative of every function equivalent to its key.
struct CorpusTests {
    static let corpusURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/corpus/equivalence-dev.jsonl")

    /// Whether the corpus is beside the package; the tests that need it are skipped (and
    /// reported as skipped) without it.
    static let corpusAvailable = FileManager.default.fileExists(atPath: corpusURL.path)

    static func loadItems() throws -> [CorpusItem]? {
        guard let text = try? String(contentsOf: corpusURL, encoding: .utf8) else { return nil }
        return try text.split(separator: "\n").map { try CorpusItem(jsonLine: $0) }
    }

    @Test(.enabled(if: corpusAvailable, "needs ../shared/corpus/equivalence-dev.jsonl beside the package"))
    func judgesDevCorpusWithNoFalseAccepts() throws {
        let items = try #require(try Self.loadItems())
        let checker = EquivalenceChecker()
        var falseAccepts: [String] = []
        var falseRejects: [String] = []
        for item in items {
            let parser = Parser(variables: [item.variable])
            let key = try parser.parse(try #require(item.key))
            let answer = try parser.parse(try #require(item.answer))
            let verdict = checker.judge(key, answer, domain: [item.variable: try #require(item.domain)])
            let label: Bool = try #require(item.equivalent as Bool?)
            if verdict.isEquivalent && !label { falseAccepts.append("\(item.id) \(item.rule ?? "")") }
            if !verdict.isEquivalent && label { falseRejects.append("\(item.id) \(item.rule ?? "") \(verdict)") }
        }
        #expect(falseAccepts.isEmpty, "false accepts: \(falseAccepts)")
        let rejectRate = Double(falseRejects.count) / Double(items.count)
        #expect(rejectRate <= 0.005, "false rejects (\(falseRejects.count)): \(falseRejects)")
    }

    @Test(.enabled(if: corpusAvailable, "needs ../shared/corpus/equivalence-dev.jsonl beside the package"))
    func derivativeOfEveryCorpusFunctionMatchesItsKey() throws {
        let items = try #require(try Self.loadItems())
        var seen = Set<String>()
        var mismatches: [String] = []
        let checker = EquivalenceChecker()
        for item in items {
            guard let functionText = item.function, seen.insert(functionText).inserted else { continue }
            let parser = Parser(variables: [item.variable])
            let function = try parser.parse(functionText)
            let key = try parser.parse(try #require(item.key))
            let derivative = function.simplifiedDerivative(withRespectTo: item.variable)
            // The printed form must also parse back to an equivalent expression.
            let reparsed = try parser.parse(derivative.description)
            if !checker.areEquivalent(key, reparsed, domain: [item.variable: try #require(item.domain)]) {
                mismatches.append("\(functionText) → \(derivative)")
            }
        }
        #expect(seen.count > 100)
        #expect(mismatches.isEmpty, "derivatives not matching their keys: \(mismatches)")
    }
}
