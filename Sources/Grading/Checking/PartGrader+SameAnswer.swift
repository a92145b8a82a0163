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

    /// An expression answer's profile at its part's points (`CompiledKey.profilePoints`), read as
    /// `sameAnswer` reads it: two answers whose profiles certainly differ are not the same answer,
    /// so a caller comparing one answer with many need not ask about that pair. Nil for other
    /// kinds of part and for text that does not parse.
    public func sameAnswerProfile(_ answer: String, key compiled: CompiledKey) -> AnswerProfile? {
        guard case let .expression(expressionKey) = compiled.key.answer, let points = compiled.profilePoints,
              let expression = try? Parser(variables: Set(expressionKey.variables)).parse(AnswerNotation.expressionText(answer))
        else { return nil }
        return points.profile(of: expression).map(AnswerProfile.init)
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

/// An answer's values at its part's profile points (`PartGrader.sameAnswerProfile`): what lets a
/// caller that compares one answer with many skip the pairs that certainly differ.
public struct AnswerProfile: Sendable {
    let profile: SampleProfile

    /// True when the two answers are certainly not the same answer to the part (the engine would
    /// not find them equivalent); false proves nothing.
    public func certainlyDiffers(from other: AnswerProfile) -> Bool {
        profile.certainlyDiffers(from: other.profile)
    }
}
