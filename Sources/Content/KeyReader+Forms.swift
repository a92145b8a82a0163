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
                               "the form `\(name)` does not apply to this kind of part; \(form == .value ? "use it on a `number` part" : "use it on an `expression` part").")
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
