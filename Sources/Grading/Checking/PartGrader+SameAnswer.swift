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
        switch compiled.key.answer {
        case let .expression(expressionKey):
            let parser = Parser(variables: Set(expressionKey.variables))
            guard let x = try? parser.parse(AnswerNotation.expressionText(a)),
                  let y = try? parser.parse(AnswerNotation.expressionText(b)) else { return false }
            return checker.judge(x, y, domain: expressionKey.domain.mapValues(\.range)).isEquivalent
        case let .implicit(implicitKey):
            let parser = Parser(variables: [implicitKey.x, implicitKey.y])
            guard let x = try? parser.parse(AnswerNotation.expressionText(a)),
                  let y = try? parser.parse(AnswerNotation.expressionText(b)),
                  let curve = compiled.curve else { return false }
            let box = (x: implicitKey.xRange.range, y: implicitKey.yRange.range)
            // Seeded by the part's key: one sampling of the curve serves every comparison.
            return checker.judgeOnCurve(x, y, curve: curve, x: implicitKey.x, y: implicitKey.y, box: box,
                                        seededBy: compiled.expression).isEquivalent
        case .number:
            guard let x = try? AnswerNotation.number(AnswerNotation.valueText(a)),
                  let y = try? AnswerNotation.number(AnswerNotation.valueText(b)) else { return false }
            return x == y && a.contains("=") == b.contains("=")
        case let .numbers(_, _, ordered):
            guard let x = Self.numberList(a), let y = Self.numberList(b) else { return false }
            return ordered ? x == y : x.sorted() == y.sorted()
        case .criticalPoints:
            guard case let .success(x) = Self.readCriticalPoints(a), case let .success(y) = Self.readCriticalPoints(b) else {
                return false
            }
            return Set(x) == Set(y) && x.count == y.count
        case .choice:
            return Self.sameChoice(Self.normalizedChoice(AnswerNotation.valueText(a)),
                                   Self.normalizedChoice(AnswerNotation.valueText(b)))
        case .manual:
            return a.squeezingWhitespace == b.squeezingWhitespace
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
            .map { String($0).trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }
}
