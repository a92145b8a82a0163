import CalculusCore
import CourseModels

/// A reading of the learner's text that differs from the parser's only in precedence: `a/2√x`
/// is `(a/2)·√x` by the documented rules, though the learner may well have meant `a/(2√x)`.
/// When the answer is wrong and that bracketed reading would be right, the feedback says so
/// instead of naming a rule the learner did not break.
enum PrecedenceReading {
    /// The bracketed reading that equals the key, printed, or nil when none does.
    static func alternative(
        answer: String, variables: [String], key: Expression, domain: [String: ClosedRange<Double>],
        checker: EquivalenceChecker
    ) -> String? {
        // Most answers have no `/` or `^-` to read otherwise: then nothing is parsed again.
        let readings = candidates(answer)
        guard !readings.isEmpty else { return nil }
        let parser = Parser(variables: Set(variables))
        let original = try? parser.parse(answer)
        for candidate in readings {
            // Brackets around a single atom change nothing: not a different reading.
            guard let expression = try? parser.parse(candidate), expression != original else { continue }
            if checker.judge(key, expression, domain: domain).isEquivalent { return candidate }
        }
        return nil
    }

    /// Texts with one implicit product after a `/` put in brackets (`e^x/2√x` →
    /// `e^x/(2√x)`, `1/2x` → `1/(2x)`), one candidate per `/` whose divisor is an implicit
    /// product; and each `e^-x^2` as `(e^-x)^2`.
    static func candidates(_ text: String) -> [String] {
        // Most answers have neither a division sign nor `^-`: a scan of their bytes says so.
        let bytes = text.utf8
        var previous: UInt8 = 0
        let worthReading = bytes.contains { byte in
            defer { previous = byte }
            return byte == UInt8(ascii: "/") || (previous == 0xC3 && byte == 0xB7) || (previous == UInt8(ascii: "^") && byte == UInt8(ascii: "-"))
        }
        guard worthReading else { return [] }
        let characters = Array(text)
        var results: [String] = []
        for (index, character) in characters.enumerated() where character == "/" || character == "÷" {
            var start = index + 1
            while start < characters.count, characters[start] == " " { start += 1 }
            guard start < characters.count, characters[start] != "(" else { continue }
            var end = start
            var depth = 0
            while end < characters.count {
                let c = characters[end]
                if depth == 0, "+-−*×·/÷),".contains(c) { break }
                if c == "(" || c == "[" { depth += 1 }
                if c == ")" || c == "]" { depth -= 1 }
                end += 1
            }
            guard end > start else { continue }
            let divisor = String(characters[start..<end]).trimmingSpaces
            results.append(String(characters[..<start]) + "(" + divisor + ")" + String(characters[end...]))
        }
        // Every `base^-atom^n`, as `(base^-atom)^n`: `e^-x^2` is `e^(-(x^2))` by the rules, but
        // `1 + 2e^-x + e^-x^2` is the square of `1 + e^-x` only when read as `(e^-x)^2`.
        var searchStart = text.startIndex
        while let range = text[searchStart...].firstRange(of: "^-") {
            searchStart = range.upperBound
            let rest = text[range.upperBound...]
            guard let caret = rest.firstIndex(of: "^") else { break }
            let atom = rest[..<caret]
            guard !atom.isEmpty, atom.allSatisfy({ $0.isLetter || $0.isNumber }) else { continue }
            // The base is the name (`e`, `x`) or the number just before `^`; a coefficient glued
            // to a name (`2e^-x^2`) multiplies the power, it is not part of the base.
            func start(while belongs: (Character) -> Bool) -> String.Index {
                var index = range.lowerBound
                while index > text.startIndex, belongs(text[text.index(before: index)]) { index = text.index(before: index) }
                return index
            }
            var baseStart = start { $0.isLetter }
            if baseStart == range.lowerBound { baseStart = start { $0.isNumber || $0 == "." } }
            guard baseStart < range.lowerBound else { continue }
            let exponent = rest[rest.index(after: caret)...]
            results.append(String(text[..<baseStart]) + "(" + text[baseStart..<range.lowerBound] + "^-" + atom + ")^" + exponent)
        }
        return results
    }
}
