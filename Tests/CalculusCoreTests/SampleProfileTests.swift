import Testing
@testable import CalculusCore

/// Profiles only ever prove a difference: a grader skips the judge for a pair whose profiles
/// certainly differ, so such a pair must never be one the judge (or the corpus label) finds
/// equivalent.
struct SampleProfileTests {
    @Test(.enabled(if: CorpusTests.corpusAvailable, "needs ../shared/corpus/equivalence-dev.jsonl beside the package"))
    func pairsToldApartAreNeverEquivalentAndMostWrongAnswersAreToldApart() throws {
        let items = try #require(try CorpusTests.loadItems())
        let checker = EquivalenceChecker()
        var wrong = 0
        var toldApart = 0
        var unsound: [String] = []
        for item in items {
            let parser = Parser(variables: [item.variable])
            let key = try parser.parse(try #require(item.key))
            let answer = try parser.parse(try #require(item.answer))
            let domain = [item.variable: try #require(item.domain)]
            let points = ProfilePoints(variables: [item.variable], domain: domain, seed: key.fingerprint)
            let keyProfile = try #require(points.profile(of: key))
            let answerProfile = try #require(points.profile(of: answer))
            let label: Bool = try #require(item.equivalent as Bool?)
            if !label { wrong += 1 }
            // An answer equal to the key is a multiple of it (by 1).
            if label && answerProfile.certainlyNoMultiple(of: keyProfile) { unsound.append("\(item.id) (multiple)") }
            guard keyProfile.certainlyDiffers(from: answerProfile) else { continue }
            toldApart += 1
            if label || checker.judge(key, answer, domain: domain).isEquivalent { unsound.append("\(item.id)") }
        }
        #expect(unsound.isEmpty, "told apart but equivalent: \(unsound)")
        #expect(Double(toldApart) >= 0.8 * Double(wrong), "told apart \(toldApart) of \(wrong) wrong answers")
    }

    @Test func anExpressionWithAVariableThePointsDoNotCoverHasNoProfile() throws {
        let points = ProfilePoints(variables: ["x"], domain: ["x": 0.5...2], seed: 1)
        #expect(points.profile(of: try Parser.parse("x^2 + y", variables: ["x", "y"])) == nil)
        #expect(points.profile(of: try Parser.parse("x^2", variables: ["x"])) != nil)
        // A variable given only a domain is still a coordinate of every point.
        let wider = ProfilePoints(variables: ["x"], domain: ["x": 0.5...2, "t": 0...1], seed: 1)
        #expect(wider.names == ["t", "x"])
        #expect(wider.profile(of: try Parser.parse("x*t", variables: ["x", "t"])) != nil)
    }

    @Test func valuesThatAreUndefinedLostOrCancelledProveNothing() throws {
        let points = ProfilePoints(variables: ["x"], domain: ["x": 1...2], seed: 7)
        func profile(_ text: String) throws -> SampleProfile {
            try #require(points.profile(of: try Parser.parse(text, variables: ["x"])))
        }
        // Undefined everywhere on the domain: no point to compare at.
        #expect(try !profile("log(-x)").certainlyDiffers(from: profile("x")))
        // A term absorbed by a huge one: Double cannot see the difference, so it proves none.
        #expect(try !profile("exp(60) + x").certainlyDiffers(from: profile("exp(60)")))
        // Cancellation leaves too few digits to trust a difference.
        #expect(try !profile("(x + exp(20)) - exp(20)").certainlyDiffers(from: profile("x + 0.001")))
        // A clear difference is found, and a scaled profile matches the scaled expression.
        #expect(try profile("x^2").certainlyDiffers(from: profile("x^2 + 1")))
        #expect(try !profile("3*x^2").certainlyDiffers(from: profile("x^2").scaled(by: 3)))
        #expect(try profile("3*x^2").certainlyDiffers(from: profile("x^2").scaled(by: 2)))
        // Multiples: any constant factor, negative ones too, is not told apart; another shape is.
        #expect(try !profile("3*x^2").certainlyNoMultiple(of: profile("x^2")))
        #expect(try !profile("-x^2/7").certainlyNoMultiple(of: profile("x^2")))
        #expect(try profile("x^2 + 1").certainlyNoMultiple(of: profile("x^2")))
        #expect(try !profile("log(-x)").certainlyNoMultiple(of: profile("x")))
    }
}
