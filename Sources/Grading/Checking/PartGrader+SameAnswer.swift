import CalculusCore
import CourseModels
import Foundation

/// Whether two answers to one part are the same answer, whatever their spelling: what makes a
/// re-spelled repeat (`20(2x+1)^9` after `20*(2*x + 1)^9`) "already answered" instead of new
/// evidence.
extension PartGrader {
    /// True when `a` and `b` are the same answer to the part keyed by `key`: equivalent by the
    /// engine on the part's domain (expressions), on the curve (implicit), the same numbers
    /// (lists: in order when the key is ordered), the same points with the same kinds, the same
    /// option, or the same text up to spacing (free text).
    public func sameAnswer(_ a: String, _ b: String, key compiled: CompiledKey) -> Bool {
        sameAnswer(comparable(a, key: compiled), comparable(b, key: compiled), key: compiled)
    }

    /// An answer read once for comparing with many others (`sameAnswer`): a replay compares each
    /// wrong answer with every earlier one to its part, and would otherwise parse both sides of
    /// every pair. Expression answers also carry their profile at the part's points.
    public func comparable(_ answer: String, key compiled: CompiledKey) -> ComparableAnswer {
        switch compiled.key.answer {
        case let .expression(expressionKey):
            guard let expression = try? Parser(variables: Set(expressionKey.variables))
                .parse(AnswerNotation.expressionText(answer)) else { return ComparableAnswer(text: answer, reading: .unreadable) }
            return ComparableAnswer(text: answer, reading: .expression(expression, compiled.profilePoints?.profile(of: expression)))
        case let .implicit(implicitKey):
            guard let expression = try? Parser(variables: [implicitKey.x, implicitKey.y])
                .parse(AnswerNotation.expressionText(answer)) else { return ComparableAnswer(text: answer, reading: .unreadable) }
            return ComparableAnswer(text: answer, reading: .expression(expression, nil))
        case .number:
            guard let value = try? AnswerNotation.number(AnswerNotation.valueText(answer)) else {
                return ComparableAnswer(text: answer, reading: .unreadable)
            }
            return ComparableAnswer(text: answer, reading: .number(value, statesEquation: answer.contains("=" as Character)))
        case .numbers, .criticalPoints, .choice, .manual:
            return ComparableAnswer(text: answer, reading: .text)
        }
    }

    /// `sameAnswer` on answers already read by `comparable` for the same key.
    public func sameAnswer(_ a: ComparableAnswer, _ b: ComparableAnswer, key compiled: CompiledKey) -> Bool {
        switch compiled.key.answer {
        case let .expression(expressionKey):
            guard case let .expression(x, _) = a.reading, case let .expression(y, _) = b.reading else { return false }
            return checker.judge(x, y, domain: expressionKey.domain.mapValues(\.range)).isEquivalent
        case let .implicit(implicitKey):
            guard case let .expression(x, _) = a.reading, case let .expression(y, _) = b.reading,
                  let curve = compiled.curve else { return false }
            let box = (x: implicitKey.xRange.range, y: implicitKey.yRange.range)
            // Seeded by the part's key: one sampling of the curve serves every comparison.
            return checker.judgeOnCurve(x, y, curve: curve, x: implicitKey.x, y: implicitKey.y, box: box,
                                        seededBy: compiled.expression).isEquivalent
        case .number:
            guard case let .number(x, xEquation) = a.reading, case let .number(y, yEquation) = b.reading else { return false }
            return x == y && xEquation == yEquation
        case let .numbers(_, _, ordered):
            guard let x = Self.numberList(a.text), let y = Self.numberList(b.text) else { return false }
            return ordered ? x == y : x.sorted() == y.sorted()
        case .criticalPoints:
            guard case let .success(x) = Self.readCriticalPoints(a.text), case let .success(y) = Self.readCriticalPoints(b.text) else {
                return false
            }
            return Set(x) == Set(y) && x.count == y.count
        case .choice:
            return Self.sameChoice(Self.normalizedChoice(AnswerNotation.valueText(a.text)),
                                   Self.normalizedChoice(AnswerNotation.valueText(b.text)))
        case .manual:
            return a.text.squeezingWhitespace == b.text.squeezingWhitespace
        }
    }

    /// The values of a list answer, or nil when one cannot be read.
    static func numberList(_ answer: String) -> [Double]? {
        var values: [Double] = []
        for item in listItems(answer) {
            guard let value = try? AnswerNotation.number(item) else { return nil }
            values.append(value)
        }
        return values
    }

    /// The items of a list answer as written: brackets around the whole list dropped, split at
    /// commas, `;` and line breaks.
    static func listItems(_ answer: String) -> [String] {
        unbracketed(answer).split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "\n" })
            .map { String($0).trimmingSpaces }
            .filter { !$0.isEmpty }
    }
}

/// An answer as `PartGrader.comparable` read it for one part's key.
public struct ComparableAnswer: Sendable {
    /// The answer as written.
    public let text: String
    let reading: Reading

    enum Reading: Sendable {
        /// An expression (expression and implicit keys), with its profile at the part's points
        /// (expression keys only).
        case expression(CalculusCore.Expression, SampleProfile?)
        /// A single number, and whether it was written as an equation (`f(0) = 0.25`).
        case number(Double, statesEquation: Bool)
        /// Text that does not read as the part's kind of answer: the same as no other answer.
        case unreadable
        /// Compared as text (lists, points, choices, free text).
        case text
    }

    /// True when the two answers are certainly not the same answer to the part (their profiles
    /// differ, so the engine would not find them equivalent); false proves nothing.
    public func certainlyDiffers(from other: ComparableAnswer) -> Bool {
        guard case let .expression(_, mine?) = reading, case let .expression(_, theirs?) = other.reading else { return false }
        return mine.certainlyDiffers(from: theirs)
    }
}
