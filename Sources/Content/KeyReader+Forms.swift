import CalculusCore
import CourseModels
import Grading

/// The `form`, `limit_variable` and `significant_digits` fields of a part, and the check that
/// the key itself satisfies its form (so content cannot ask for a form its own key lacks).
extension KeyReader {
    /// The stated form, with the limit variable `no-limit-variable` needs; nil when none.
    func form(_ kind: AnswerKind, _ diagnostics: inout Diagnostics) -> (form: AnswerForm, limitVariable: String?)? {
        guard let formNode = node.field("form", required: false, &diagnostics), let name = formNode.text(&diagnostics) else {
            if node.has("limit_variable") {
                diagnostics.report(.invalidValue, at: node.field("limit_variable", &diagnostics) ?? node,
                                   "`limit_variable` goes with `form: no-limit-variable`; add the form or remove it.")
            }
            return nil
        }
        let names = AnswerForm.allCases.map(\.rawValue).joined(separator: ", ")
        guard let form = AnswerForm(rawValue: name) else {
            diagnostics.report(.invalidValue, at: formNode, "`\(name)` is not an answer form; use one of \(names).")
            return nil
        }
        guard form.applies(to: kind) else {
            diagnostics.report(.invalidValue, at: formNode,
                               "the form `\(name)` does not apply to this kind of part; use it on \(form == .value ? "a `number` part" : form == .estimate ? "a `number` or `numbers` part" : "an `expression` part").")
            return nil
        }
        if form == .estimate, kind == .numbers || kind == .number, !node.has("compute") {
            diagnostics.report(.invalidValue, at: formNode,
                               "the form `estimate` grades a computed estimate; state the key as `compute` with `finite_difference`.")
            return nil
        }
        guard form == .noLimitVariable else { return (form, nil) }
        guard let variableNode = node.field("limit_variable", &diagnostics, hint: "the variable that goes to 0, such as h"),
              let variable = variableNode.text(&diagnostics) else { return nil }
        return (form, variable)
    }

    /// `significant_digits: N` (from 1 to 15), or nil when the part does not state it.
    func significantDigits(_ diagnostics: inout Diagnostics) -> Int? {
        guard let digitsNode = node.field("significant_digits", required: false, &diagnostics),
              let value = digitsNode.number(&diagnostics) else { return nil }
        guard value == value.rounded(), (1...15).contains(value) else {
            diagnostics.report(.invalidValue, at: digitsNode, "`significant_digits` is a whole number from 1 to 15, not \(value).")
            return nil
        }
        return Int(value)
    }

    /// With `form: estimate`, what each key computation's estimate allows (nil entries for
    /// computations that are not finite differences); empty without the form.
    func estimateSlots(_ form: AnswerForm?) -> [EstimateSlot?] {
        var scratch = Diagnostics()
        guard form == .estimate, let compute = node.field("compute", required: false, &scratch) else { return [] }
        guard case .sequence = compute.node else { return [SeedComputation.estimateSlot(of: compute)] }
        return (compute.elements(&scratch) ?? []).map(SeedComputation.estimateSlot(of:))
    }

    /// The `estimate` form's checks of the key: every estimate's tolerance covers its round-off
    /// band (a correct program elsewhere is never marked wrong); every wrong approach that
    /// round-off cannot explain lies beyond twice the tolerance (neither it nor it rounded to
    /// the digits asked is accepted); and no mistake entry can match what a correct program
    /// computes on some platform. Reports each problem; true when there is none.
    func checkEstimate(_ key: PartKey, _ diagnostics: inout Diagnostics) -> Bool {
        guard key.form == .estimate else { return true }
        let at = node.field("form", &diagnostics) ?? node
        let values: [Double], tolerances: [Tolerance]
        switch key.answer {
        case let .number(value, tolerance): (values, tolerances) = ([value], [tolerance])
        case let .numbers(list, widths, _): (values, tolerances) = (list, widths)
        default: return true
        }
        guard key.estimates.count == values.count, key.estimates.contains(where: { $0 != nil }) else {
            diagnostics.report(.invalidValue, at: at,
                               "the form `estimate` needs at least one key value computed with `finite_difference`; compute the estimate or drop `form`.")
            return false
        }
        var sound = true
        for (index, slot) in key.estimates.enumerated() {
            guard let slot else { continue }
            let which = values.count == 1 ? "the estimate" : "value \(index + 1) (h = \(Self.format(slot.step)))"
            let width = tolerances[index].width(key: values[index])
            guard width >= slot.band else {
                diagnostics.report(.invalidValue, at: at,
                                   "\(which): the tolerance ±\(Self.format(width)) is narrower than the estimate's round-off band ±\(Self.format(slot.band)) (what correct float64 programs compute with different math libraries); widen it to at least ±\(Self.format(slot.band)).")
                sound = false
                continue
            }
            for alternative in slot.alternatives
            where slot.distinguishes(alternative, from: values[index]) && abs(alternative.value - values[index]) <= 2 * width {
                let distance = abs(alternative.value - values[index])
                diagnostics.report(.invalidValue, at: at,
                                   "\(which): \(alternative.name) \(Self.format(alternative.value)) differs from the estimate \(Self.format(values[index])) by \(Self.format(distance)), more than round-off, but the tolerance ±\(Self.format(width)) would accept it or it rounded; narrow the tolerance below ±\(Self.format(distance / 2)) (ask for more significant digits).")
                sound = false
            }
        }
        for (tag, mistake) in key.numericMistakes.sorted(by: { $0.key < $1.key }) where mistake.values.count == values.count {
            let canMatchCorrect = values.indices.allSatisfy { index in
                let window = mistake.tolerances[index].width(key: mistake.values[index])
                if let slot = key.estimates[index] {
                    return slot.achievable(near: mistake.values[index], window: window, estimate: values[index])
                }
                return abs(mistake.values[index] - values[index]) <= window + tolerances[index].width(key: values[index])
            }
            if canMatchCorrect {
                diagnostics.report(.invalidValue, at: node.field("mistakes", &diagnostics) ?? at,
                                   "the mistake `\(tag)` could match what a correct float64 program computes on some platform (each of its values lies in reach of the estimates' round-off), so a right answer could be marked wrong; drop its values or narrow its tolerance.")
                sound = false
            }
        }
        return sound
    }

    /// Whether the key satisfies its own form and its limit variable is one of the part's
    /// variables; reports the problem when not.
    func checkForm(_ key: PartKey, _ diagnostics: inout Diagnostics) -> Bool {
        guard let form = key.form, case let .expression(expressionKey) = key.answer, let expressionForm = form.expressionForm else {
            return true
        }
        let at = node.field("form", &diagnostics) ?? node
        if let variable = key.limitVariable, !expressionKey.variables.contains(variable) {
            diagnostics.report(.invalidValue, at: at,
                               "the limit variable `\(variable)` is not one of the variables [\(expressionKey.variables.joined(separator: ", "))]; add it (with a domain) so answers that still contain it can be read.")
            return false
        }
        guard let keyExpression = try? Parser(variables: Set(expressionKey.variables)).parse(expressionKey.key) else { return true }
        guard expressionForm.isSatisfied(by: keyExpression, key: keyExpression, limitVariable: key.limitVariable) else {
            diagnostics.report(.invalidValue, at: at,
                               "the key `\(expressionKey.key)` is not itself \(form.rawValue); write the key in that form or drop `form`.")
            return false
        }
        return true
    }
}
