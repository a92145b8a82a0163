import Grading
import CalculusCore

/// A numeric key stated as the computation that produces it (`evaluate`, `derivative_at`,
/// `finite_difference` or `best_step`), carried out at import with the calculus core, so the
/// stored number is exactly what the course's own mathematics gives.
enum SeedComputation {
    static let forms = ["evaluate", "derivative_at", "finite_difference", "best_step"]

    /// The value of the computation written at `node`, or nil after reporting why it has none.
    static func value(of node: SeedNode, _ diagnostics: inout Diagnostics) -> Double? {
        guard let entries = node.entries(&diagnostics) else { return nil }
        let present = forms.filter { form in entries.contains { $0.key == form } }
        guard present.count == 1, let form = present.first else {
            diagnostics.report(
                .invalidValue, at: node,
                present.isEmpty
                    ? "a computation needs exactly one of \(forms.joined(separator: ", ")); add one, as in {evaluate: \"x^2\", at: {x: 3}}."
                    : "a computation has exactly one form, but this one has \(present.joined(separator: " and ")); split it or remove one.")
            return nil
        }
        let allowed: [String]
        switch form {
        case "evaluate": allowed = ["evaluate", "at"]
        case "derivative_at": allowed = ["derivative_at", "with_respect_to", "at"]
        case "finite_difference": allowed = ["finite_difference", "method", "h", "with_respect_to", "at"]
        default: allowed = ["best_step", "method", "steps", "with_respect_to", "at"]
        }
        node.checkFields(allowed, &diagnostics, what: "a `\(form)` computation")
        let before = diagnostics.problems.count

        var point: [String: Double] = [:]
        if let at = node.field("at", &diagnostics, hint: "a value for every variable, as in {x: 1}"),
           let values = at.entries(&diagnostics) {
            for (name, value) in values {
                if let number = value.number(&diagnostics) { point[name] = number }
            }
        }
        let variables = Set(point.keys)
        guard let expression = node.field(form, &diagnostics)?.expression(&diagnostics, variables: variables) else {
            return nil
        }
        guard diagnostics.problems.count == before else { return nil }

        switch form {
        case "evaluate":
            return finite(evaluate(expression, at: point), node, &diagnostics, what: "the expression")
        case "derivative_at":
            guard let variable = variable(node, point, &diagnostics) else { return nil }
            let derivative = expression.simplifiedDerivative(withRespectTo: variable)
            return finite(evaluate(derivative, at: point), node, &diagnostics, what: "the derivative")
        default:
            guard let variable = variable(node, point, &diagnostics),
                  let method = method(node, &diagnostics) else { return nil }
            if form == "finite_difference" {
                guard let h = step(node.field("h", &diagnostics), &diagnostics) else { return nil }
                let estimate = try? FiniteDifference.estimate(expression, variable: variable, at: point, method: method, step: h)
                return finite(estimate ?? .nan, node, &diagnostics, what: "the finite difference")
            }
            guard let stepsNode = node.field("steps", &diagnostics),
                  let steps = stepsNode.elements(&diagnostics)?.compactMap({ step($0, &diagnostics) }),
                  !steps.isEmpty, diagnostics.problems.count == before else {
                return nil
            }
            guard let exact = finite(
                evaluate(expression.simplifiedDerivative(withRespectTo: variable), at: point),
                node, &diagnostics, what: "the exact derivative") else { return nil }
            var best: (step: Double, error: Double)?
            for h in steps {
                let estimate = (try? FiniteDifference.estimate(expression, variable: variable, at: point, method: method, step: h)) ?? .nan
                let error = abs(estimate - exact)
                if error.isFinite, best == nil || error < best!.error { best = (h, error) }
            }
            guard let best else {
                diagnostics.report(.computationFailed, at: node, "no step gives a finite estimate; check the function is defined around the point.")
                return nil
            }
            return best.step
        }
    }

    /// What the `estimate` form needs of a `finite_difference` computation that `value(of:)`
    /// has accepted: its round-off band and grid, and the values of the exact derivative and
    /// of the other two difference formulas at the same step. Nil for any other computation.
    static func estimateSlot(of node: SeedNode) -> EstimateSlot? {
        var scratch = Diagnostics()
        guard node.has("finite_difference"), let at = node.field("at", &scratch)?.entries(&scratch) else { return nil }
        var point: [String: Double] = [:]
        for (name, value) in at { if let number = value.number(&scratch) { point[name] = number } }
        guard let expression = node.field("finite_difference", &scratch)?.expression(&scratch, variables: Set(point.keys)),
              let variable = variable(node, point, &scratch), let method = method(node, &scratch),
              let h = step(node.field("h", &scratch), &scratch),
              let band = try? method.roundOffBand(expression, variable: variable, at: point, step: h),
              let spacing = try? method.estimateSpacing(expression, variable: variable, at: point, step: h) else { return nil }
        var alternatives: [EstimateAlternative] = []
        let exact = evaluate(expression.simplifiedDerivative(withRespectTo: variable), at: point)
        if exact.isFinite { alternatives.append(EstimateAlternative(kind: .exact, value: exact)) }
        for other in FiniteDifference.allCases where other != method {
            let value = (try? FiniteDifference.estimate(expression, variable: variable, at: point, method: other, step: h)) ?? .nan
            guard value.isFinite, let kind = EstimateAlternative.Kind(rawValue: other.rawValue) else { continue }
            alternatives.append(EstimateAlternative(kind: kind, value: value))
        }
        return EstimateSlot(method: method.rawValue, step: h, band: band, spacing: spacing, alternatives: alternatives)
    }

    private static func evaluate(_ expression: CalculusCore.Expression, at point: [String: Double]) -> Double {
        (try? expression.evaluate(point)) ?? .nan
    }

    private static func finite(_ value: Double, _ node: SeedNode, _ diagnostics: inout Diagnostics, what: String) -> Double? {
        guard value.isFinite else {
            diagnostics.report(.computationFailed, at: node, "\(what) is not a finite number at this point; move `at` into the function's domain.")
            return nil
        }
        return value
    }

    /// The variable to differentiate by: `with_respect_to`, or the only variable of `at`.
    private static func variable(_ node: SeedNode, _ point: [String: Double], _ diagnostics: inout Diagnostics) -> String? {
        if let field = node.field("with_respect_to", required: false, &diagnostics) {
            guard let name = field.text(&diagnostics) else { return nil }
            guard point[name] != nil else {
                diagnostics.report(.invalidValue, at: field, "`\(name)` has no value in `at`; add one or name another variable.")
                return nil
            }
            return name
        }
        guard point.count == 1, let name = point.keys.first else {
            diagnostics.report(.missingField, at: node, "with several variables in `at`, say which to differentiate by: add `with_respect_to`.")
            return nil
        }
        return name
    }

    private static func method(_ node: SeedNode, _ diagnostics: inout Diagnostics) -> FiniteDifference? {
        guard let field = node.field("method", &diagnostics, hint: "forward, backward or centered"),
              let name = field.text(&diagnostics) else { return nil }
        guard let method = FiniteDifference(rawValue: name) else {
            diagnostics.report(.invalidValue, at: field, "`\(name)` is not a difference method; use forward, backward or centered.")
            return nil
        }
        return method
    }

    private static func step(_ node: SeedNode?, _ diagnostics: inout Diagnostics) -> Double? {
        guard let node, let h = node.number(&diagnostics) else { return nil }
        guard h > 0 else {
            diagnostics.report(.invalidValue, at: node, "a step must be positive, such as 1.0e-5.")
            return nil
        }
        return h
    }
}
