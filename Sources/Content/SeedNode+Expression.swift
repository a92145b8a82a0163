import Grading
import CalculusCore

extension SeedNode {
    /// The expression written in this scalar, parsed with the answer language. With `variables`
    /// given, any other name is reported, so a misspelt variable is caught here.
    func expression(_ diagnostics: inout Diagnostics, variables: Set<String>? = nil) -> CalculusCore.Expression? {
        guard let text = text(&diagnostics) else { return nil }
        do {
            return try Parser(variables: variables).parse(text)
        } catch {
            diagnostics.report(.badExpression, at: self, "`\(text)` does not parse: \(error.summary).\(variableNote(variables))")
            return nil
        }
    }

    /// The equation `lhs = rhs` written in this scalar.
    func equation(_ diagnostics: inout Diagnostics, variables: Set<String>) -> (lhs: CalculusCore.Expression, rhs: CalculusCore.Expression)? {
        guard let text = text(&diagnostics) else { return nil }
        do {
            return try Parser(variables: variables).parseEquation(text)
        } catch {
            diagnostics.report(.badExpression, at: self, "`\(text)` does not parse: \(error.summary).\(variableNote(variables))")
            return nil
        }
    }

    private func variableNote(_ variables: Set<String>?) -> String {
        guard let variables else { return "" }
        return " The variables here are \(variables.sorted().joined(separator: ", "))."
    }
}
