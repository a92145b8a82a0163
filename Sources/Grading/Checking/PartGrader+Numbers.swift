import CalculusCore
import CourseModels
import Foundation

/// Numbers, lists of numbers and choices.
///
/// Each value may be written as a constant expression (`1/4`, `e^-2`); values in a list are
/// separated by commas (or `;`, or line breaks). Partial credit: a list scores the fraction of
/// key values matched, divided by the larger of the two lengths so extra values cost too; it is
/// correct only when every value matches.
extension PartGrader {
    func gradeNumbers(
        _ answer: String, values: [Double], tolerances: [Tolerance], ordered: Bool, single: Bool,
        key: PartKey? = nil
    ) -> PartGrade {
        let asksValue = single && key?.form == .value
        let items = single ? [AnswerNotation.valueText(answer)] : Self.listItems(answer)
        var numbers: [Double] = []
        for (index, item) in items.enumerated() {
            do {
                numbers.append(try AnswerNotation.number(item))
            } catch {
                if asksValue, (try? Parser(variables: ["x"]).parse(item)) != nil {
                    return PartGrade(verdict: .incorrect, score: 0, readAs: nil, feedback: "",
                                     mistake: MistakeTag.notAValue.rawValue)
                }
                let which = single ? "" : "Value \(index + 1) of your list: "
                return .syntaxError(which + error.description)
            }
        }
        let readAs = numbers.map(AnswerNotation.show).joined(separator: ", ")
        func tolerance(_ index: Int) -> Tolerance {
            tolerances.isEmpty ? .standard : tolerances[min(index, tolerances.count - 1)]
        }
        /// Key positions whose answer has fewer significant digits than asked and misses.
        func shortOnDigits(_ pairs: [(item: Int, value: Int)]) -> Bool {
            guard let digits = key?.significantDigits else { return false }
            return pairs.contains { pair in
                pair.item < items.count && (AnswerNotation.significantDigits(items[pair.item]) ?? .max) < digits
                    && !tolerance(pair.value).accepts(numbers[pair.item], key: values[pair.value])
            }
        }
        let tooFew = PartGrade(verdict: .incorrect, score: 0, readAs: readAs,
                               feedback: "Give at least \(key?.significantDigits ?? 0) significant digits.",
                               mistake: MistakeTag.tooFewDigits.rawValue)
        // The content's own mistakes come first: the matching one is named, even inside the
        // key's band (the import refuses an entry the key itself matches).
        if let (tag, _) = key?.numericMistakes.sorted(by: { $0.key < $1.key }).first(where: { $0.value.matches(numbers) }) {
            return PartGrade(verdict: .incorrect, score: 0, readAs: readAs, feedback: "", mistake: tag)
        }
        if single {
            if asksValue, answer.contains("=" as Character) {
                return PartGrade(verdict: .incorrect, score: 0, readAs: readAs, feedback: "",
                                 mistake: MistakeTag.notAValue.rawValue)
            }
            if tolerance(0).accepts(numbers[0], key: values[0]) { return .correct(readAs: readAs) }
            // Too few digits first: a short answer may merely look like another formula's value.
            if shortOnDigits([(0, 0)]) { return tooFew }
            if let key, let named = Self.estimateMistake(numbers, wrong: [0], key: key, values: values, tolerance: tolerance) {
                return PartGrade(verdict: .incorrect, score: 0, readAs: readAs, feedback: named.feedback, mistake: named.tag)
            }
            return PartGrade(verdict: .incorrect, score: 0, readAs: readAs, feedback: "")
        }
        let denominator = Double(max(values.count, numbers.count))
        var countNote = ""
        if numbers.count != values.count {
            countNote = "The answer has \(values.count) value\(values.count == 1 ? "" : "s"), you gave \(numbers.count). "
        }
        let setMatches = Self.setMatches(numbers, values: values, tolerance: tolerance)
        if ordered {
            var wrong: [Int] = []
            for index in values.indices {
                if index >= numbers.count || !tolerance(index).accepts(numbers[index], key: values[index]) {
                    wrong.append(index + 1)
                }
            }
            let matched = values.count - wrong.count
            if wrong.isEmpty && numbers.count == values.count { return .correct(readAs: readAs) }
            if numbers.count == values.count && setMatches == values.count {
                return PartGrade(verdict: .incorrect, score: Double(matched) / denominator, readAs: readAs,
                                 feedback: "", mistake: MistakeTag.wrongOrder.rawValue)
            }
            if numbers.count == values.count, shortOnDigits(wrong.map { ($0 - 1, $0 - 1) }) {
                var grade = tooFew
                grade.score = Double(matched) / denominator
                return grade
            }
            if numbers.count == values.count, let key,
               let named = Self.estimateMistake(numbers, wrong: wrong.map { $0 - 1 }, key: key, values: values, tolerance: tolerance) {
                return PartGrade(verdict: .incorrect, score: Double(matched) / denominator, readAs: readAs,
                                 feedback: named.feedback, mistake: named.tag)
            }
            let shown = wrong.filter { $0 <= numbers.count }.map(String.init)
            var feedback = countNote
            if !shown.isEmpty {
                feedback += shown.count == 1
                    ? "Value \(shown[0]) is not right."
                    : "Values \(shown.dropLast().joined(separator: ", ")) and \(shown.last!) are not right."
            }
            return PartGrade(verdict: .incorrect, score: Double(matched) / denominator, readAs: readAs,
                             feedback: feedback.trimmingSpaces)
        }
        if setMatches == values.count && numbers.count == values.count { return .correct(readAs: readAs) }
        let repeated = Self.duplicates(numbers)
        if !repeated.isEmpty {
            let named = repeated.map { "\(AnswerNotation.show($0)) is given more than once." }.joined(separator: " ")
            return PartGrade(verdict: .incorrect, score: Double(setMatches) / denominator, readAs: readAs,
                             feedback: countNote + named, mistake: MistakeTag.duplicate.rawValue)
        }
        let feedback = countNote + "\(setMatches) of the \(values.count) values \(setMatches == 1 ? "is" : "are") right."
        return PartGrade(verdict: .incorrect, score: Double(setMatches) / denominator, readAs: readAs, feedback: feedback)
    }

    /// With `form: estimate`: which wrong values are the exact derivative or another difference
    /// formula's estimate, told value by value ("Value 2 (h = 1e-05) is the forward-difference
    /// estimate …"; the key is not shown), with the tag of the first; nil when none is. `wrong`
    /// holds 0-based indices. Only alternatives round-off cannot explain are named.
    static func estimateMistake(
        _ numbers: [Double], wrong: [Int], key: PartKey, values: [Double], tolerance: (Int) -> Tolerance
    ) -> (feedback: String, tag: String)? {
        guard key.form == .estimate, key.estimates.count == values.count else { return nil }
        var clauses: [String] = []
        var tag: String?
        var method = ""
        for index in wrong where index < numbers.count {
            guard let slot = key.estimates[index] else { continue }
            let width = tolerance(index).width(key: values[index])
            guard let given = slot.alternatives.first(where: {
                slot.distinguishes($0, from: values[index]) && abs(numbers[index] - $0.value) <= width
            }) else { continue }
            let which = values.count == 1 ? "your value" : "value \(index + 1)"
            clauses.append("\(which) (h = \(AnswerNotation.brief(slot.step))) is \(given.name), \(AnswerNotation.brief(given.value, digits: 10))")
            tag = tag ?? given.mistake.rawValue
            method = slot.method
        }
        guard let tag, let first = clauses.first else { return nil }
        let listed = ([first.prefix(1).uppercased() + first.dropFirst()] + clauses.dropFirst()).joined(separator: "; ")
        return (listed + ". The exercise asks what the float64 \(method) difference computes.", tag)
    }

    /// The values written more than once (each named once, in first-seen order).
    static func duplicates(_ numbers: [Double]) -> [Double] {
        var seen: [Double] = []
        var repeated: [Double] = []
        for number in numbers {
            if seen.contains(number) {
                if !repeated.contains(number) { repeated.append(number) }
            } else {
                seen.append(number)
            }
        }
        return repeated
    }

    /// How many key values an answer value can be paired with, each used once.
    /// A whole list written in brackets, `[0.1, 0.25]` or `(0.1, 0.25)` or `{…}`, without them.
    static func unbracketed(_ answer: String) -> String {
        let trimmed = answer.trimmingSpacesAndNewlines
        guard let first = trimmed.first, let last = trimmed.last, trimmed.count >= 2,
              (first == "[" && last == "]") || (first == "(" && last == ")") || (first == "{" && last == "}"),
              trimmed.contains("," as Character) || trimmed.contains(";" as Character) else { return answer }
        let inner = trimmed.dropFirst().dropLast()
        // Only when the outer pair encloses the whole list, not `(1+2), (3)`.
        guard !inner.contains(where: { $0 == "[" || $0 == "]" || $0 == "{" || $0 == "}" }),
              inner.filter({ $0 == "(" }).count == inner.filter({ $0 == ")" }).count,
              !inner.contains(")" as Character) || inner.firstIndex(of: "(")! < inner.firstIndex(of: ")")! else { return answer }
        return String(inner)
    }

    static func setMatches(_ numbers: [Double], values: [Double], tolerance: (Int) -> Tolerance) -> Int {
        var used = Array(repeating: false, count: numbers.count)
        var matched = 0
        for (index, value) in values.enumerated() {
            if let found = numbers.indices.first(where: { !used[$0] && tolerance(index).accepts(numbers[$0], key: value) }) {
                used[found] = true
                matched += 1
            }
        }
        return matched
    }

    func gradeChoice(_ answer: String, options: [String], key: String) -> PartGrade {
        let text = AnswerNotation.valueText(answer)
        let normalized = Self.normalizedChoice(text)
        guard let chosen = options.first(where: { Self.sameChoice(normalized, Self.normalizedChoice($0)) }) else {
            return .syntaxError(
                "'\(text.trimmingSpaces)' is not one of the options: "
                    + options.joined(separator: ", ") + ". Write one of them exactly.")
        }
        if Self.sameChoice(Self.normalizedChoice(chosen), Self.normalizedChoice(key)) {
            return .correct(readAs: chosen)
        }
        return PartGrade(verdict: .incorrect, score: 0, readAs: chosen, feedback: "")
    }

    /// Lower case, outer quotes and backticks dropped, runs of spaces collapsed.
    static func normalizedChoice(_ text: String) -> String {
        let trimmed = text.trimmingSpacesAndNewlines
            .trimming(where: { $0 == "\"" || $0 == "'" || $0 == "`" })
        return trimmed.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Numerically equal when both read as numbers, else equal as normalized text.
    static func sameChoice(_ a: String, _ b: String) -> Bool {
        if let x = try? AnswerNotation.number(a), let y = try? AnswerNotation.number(b), x.isFinite, y.isFinite {
            return abs(x - y) <= 1e-12 * max(abs(x), abs(y))
        }
        return a == b
    }
}
