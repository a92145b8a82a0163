import Foundation
import Grading

/// The sentence a numeric part's prompt ends with, generated from the key that grades it, so
/// the prompt and the grading cannot disagree about the precision asked for.
enum PrecisionText {
    /// `prompt` followed by the precision sentence of a numeric key (unchanged for other kinds).
    static func prompt(_ prompt: String, key: PartKey) -> String {
        guard let sentence = sentence(key) else { return prompt }
        return prompt + " " + sentence + (estimateSentence(key).map { " " + $0 } ?? "")
    }

    /// With `form: estimate`: what is graded, and which slots are as wide as round-off makes
    /// them, so the learner knows the exact value passes there and why.
    static func estimateSentence(_ key: PartKey) -> String? {
        guard key.form == .estimate else { return nil }
        var sentence = "Report what float64 computes: the exact derivative or another difference formula is not accepted where round-off cannot explain the difference."
        let values: [Double], tolerances: [Tolerance]
        switch key.answer {
        case let .number(value, tolerance): (values, tolerances) = ([value], [tolerance])
        case let .numbers(list, widths, _): (values, tolerances) = (list, widths)
        default: return sentence
        }
        let wide = key.estimates.enumerated().compactMap { index, slot -> Int? in
            guard let slot, index < values.count else { return nil }
            let width = tolerances[index].width(key: values[index])
            let blurred = slot.alternatives.contains {
                $0.kind == .exact && !slot.distinguishes($0, from: values[index]) && abs($0.value - values[index]) <= width
            }
            return blurred ? index + 1 : nil
        }
        if !wide.isEmpty {
            let names = wide.map(ordinal).joined(separator: ", ")
            sentence += " For the \(names) value\(wide.count == 1 ? "" : "s") round-off (math libraries differ by that much) exceeds the distance to the exact derivative, so those values alone do not refuse it"
                + (key.numericMistakes.isEmpty ? "." : "; the list as a whole is still checked against what float64 can produce.")
        }
        return sentence
    }

    /// "Give at least 6 significant digits." or "Accepted within a relative 0.5%." or, per
    /// slot, "Accepted within: 1st ±1e-06, 2nd ±0.1."; nil for non-numeric parts.
    static func sentence(_ key: PartKey) -> String? {
        let tolerances: [Tolerance]
        switch key.answer {
        case let .number(_, tolerance): tolerances = [tolerance]
        case let .numbers(_, list, _): tolerances = list
        default: return nil
        }
        if let digits = key.significantDigits {
            return "Give at least \(digits) significant digit\(digits == 1 ? "" : "s") (accepted within one unit of the \(ordinal(digits)) digit)."
        }
        let described = tolerances.map(describe)
        if Set(described).count <= 1 { return "Accepted within \(described.first ?? "")." }
        let slots = described.enumerated().map { "\(ordinal($0.offset + 1)) \($0.element)" }
        return "Accepted within: " + slots.joined(separator: ", ") + "."
    }

    /// "±0.1", "a relative 1e-06", or "a relative 1e-06 plus ±1e-09".
    static func describe(_ tolerance: Tolerance) -> String {
        switch (tolerance.relative, tolerance.absolute) {
        case (0, let absolute): return "±\(number(absolute))"
        case (let relative, 0): return "a relative \(number(relative))"
        case let (relative, absolute): return "a relative \(number(relative)) plus ±\(number(absolute))"
        }
    }

    static func number(_ value: Double) -> String { String(format: "%g", value) }

    static func ordinal(_ n: Int) -> String {
        let suffix: String
        switch (n % 10, n % 100) {
        case (1, let h) where h != 11: suffix = "st"
        case (2, let h) where h != 12: suffix = "nd"
        case (3, let h) where h != 13: suffix = "rd"
        default: suffix = "th"
        }
        return "\(n)\(suffix)"
    }
}
