import CalculusCore
import CourseModels
import Grading
import Foundation

/// Reads the key of one part by its kind and checks it with the calculus core: a derivative key
/// against the derivative of its function, an implicit key against −F_x/F_y on the curve,
/// critical points against those recomputed, a choice against its `best_step`; every
/// `compute:` is carried out and stored as a number.
struct KeyReader {
    let node: SeedNode

    func read(_ kind: AnswerKind, _ diagnostics: inout Diagnostics) -> AnswerKey? {
        switch kind {
        case .expression: return expression(&diagnostics)
        case .implicit: return implicit(&diagnostics)
        case .number: return number(&diagnostics)
        case .numbers, .numberSet: return numbers(ordered: kind == .numbers, &diagnostics)
        case .criticalPoints: return criticalPoints(&diagnostics)
        case .choice: return choice(&diagnostics)
        case .manual:
            guard let rubric = node.field("rubric", &diagnostics, hint: "what a full-credit answer contains", missing: .missingKey)?
                .text(&diagnostics) else { return nil }
            return .manual(rubric: rubric)
        }
    }

    // MARK: Expressions

    private func expression(_ diagnostics: inout Diagnostics) -> AnswerKey? {
        let before = diagnostics.problems.count
        let keyNode = node.field("key", &diagnostics, hint: "the expression a right answer must equal", missing: .missingKey)
        guard let (variables, domain) = variablesAndDomain(&diagnostics), let keyNode,
              let key = keyNode.expression(&diagnostics, variables: Set(variables)) else { return nil }
        var derivativeOf: String?
        var withRespectTo: String?
        if let functionNode = node.field("derivative_of", required: false, &diagnostics) {
            let variable = respectVariable(variables, &diagnostics)
            guard let function = functionNode.expression(&diagnostics, variables: Set(variables)), let variable else { return nil }
            let derivative = function.simplifiedDerivative(withRespectTo: variable)
            let verdict = EquivalenceChecker().judge(derivative, key, domain: domain.mapValues(\.range))
            switch verdict {
            case .equivalent:
                break
            case let .different(point, expected, actual):
                diagnostics.report(
                    .wrongDerivative, at: keyNode,
                    "the key `\(keyNode.node.scalar?.string ?? "")` is not the derivative of `\(functionNode.node.scalar?.string ?? "")` with respect to \(variable): at \(Self.describe(point, order: variables)) the derivative is \(Self.format(expected)) but the key gives \(Self.format(actual)); fix the key (or `derivative_of`).")
                return nil
            case .undetermined:
                diagnostics.report(
                    .wrongDerivative, at: node.field("domain", &diagnostics) ?? keyNode,
                    "the derivative of `\(functionNode.node.scalar?.string ?? "")` is undefined almost everywhere in the domain, so the key cannot be checked; choose a domain where it is defined.")
                return nil
            }
            derivativeOf = functionNode.node.scalar?.string
            withRespectTo = variable
        } else if node.has("with_respect_to") {
            diagnostics.report(.invalidValue, at: node.field("with_respect_to", &diagnostics) ?? node, "`with_respect_to` goes with `derivative_of`; add the function or remove it.")
        }
        guard diagnostics.problems.count == before, let text = keyNode.node.scalar?.string else { return nil }
        return .expression(ExpressionKey(key: text, variables: variables, domain: domain, derivativeOf: derivativeOf, withRespectTo: withRespectTo))
    }

    private func implicit(_ diagnostics: inout Diagnostics) -> AnswerKey? {
        let keyNode = node.field("key", &diagnostics, hint: "dy/dx in terms of x and y", missing: .missingKey)
        let equationNode = node.field("equation", &diagnostics, hint: "the curve, such as x^3 + y^3 = 6*x*y")
        guard let (variables, domain) = variablesAndDomain(&diagnostics), let keyNode, let equationNode else { return nil }
        guard variables.count == 2, let xRange = domain[variables[0]], let yRange = domain[variables[1]] else {
            diagnostics.report(.invalidValue, at: node.field("variables", &diagnostics) ?? node, "an implicit part has two variables, the independent one first: [x, y].")
            return nil
        }
        let (x, y) = (variables[0], variables[1])
        guard let equation = equationNode.equation(&diagnostics, variables: Set(variables)),
              let key = keyNode.expression(&diagnostics, variables: Set(variables)) else { return nil }
        let derivative = Expression.implicitDerivative(lhs: equation.lhs, rhs: equation.rhs, x: x, y: y)
        let verdict = EquivalenceChecker().judgeOnCurve(
            derivative, key, curve: equation.lhs - equation.rhs, x: x, y: y, box: (xRange.range, yRange.range))
        switch verdict {
        case .equivalent:
            break
        case let .different(point, expected, actual):
            diagnostics.report(
                .wrongImplicitDerivative, at: keyNode,
                "the key is not dy/dx on the curve `\(equationNode.node.scalar?.string ?? "")`: at the curve point \(Self.describe(point, order: variables)) implicit differentiation gives \(Self.format(expected)) but the key gives \(Self.format(actual)); fix the key (or the equation).")
            return nil
        case .undetermined:
            diagnostics.report(
                .wrongImplicitDerivative, at: node.field("domain", &diagnostics) ?? keyNode,
                "too few points of the curve where the key is defined lie in the domain box, so the key cannot be checked; widen the domain.")
            return nil
        }
        return .implicit(ImplicitKey(
            equation: equationNode.node.scalar?.string ?? "", key: keyNode.node.scalar?.string ?? "",
            x: x, y: y, xRange: xRange, yRange: yRange))
    }

    /// `variables: [x, …]` and `domain: {x: [low, high], …}`, one interval per variable.
    private func variablesAndDomain(_ diagnostics: inout Diagnostics) -> ([String], [String: Interval])? {
        let before = diagnostics.problems.count
        let variablesNode = node.field("variables", &diagnostics, hint: "the variables of the key, such as [x]")
        let variables = variablesNode?.texts(&diagnostics)
        if let variables, let variablesNode, variables.isEmpty || Set(variables).count != variables.count {
            diagnostics.report(.invalidValue, at: variablesNode, "list each variable once, such as [x] or [x, y].")
        }
        var domain: [String: Interval] = [:]
        if let domainNode = node.field("domain", &diagnostics, hint: "an interval per variable, such as {x: [-3, 3]}"),
           let entries = domainNode.entries(&diagnostics) {
            for (name, intervalNode) in entries {
                if let variables, !variables.contains(name) {
                    diagnostics.report(.invalidValue, at: intervalNode, "`\(name)` is not one of the variables [\(variables.joined(separator: ", "))]; remove it or add it to `variables`.")
                } else if let interval = intervalNode.interval(&diagnostics) {
                    domain[name] = interval
                }
            }
            for name in variables ?? [] where !entries.contains(where: { $0.key == name }) {
                diagnostics.report(.missingField, at: domainNode, "the variable \(name) has no interval; add one, such as \(name): [-3, 3].")
            }
        }
        guard diagnostics.problems.count == before, let variables else { return nil }
        return (variables, domain)
    }

    /// `with_respect_to`, required when there are several variables.
    private func respectVariable(_ variables: [String], _ diagnostics: inout Diagnostics) -> String? {
        guard let field = node.field("with_respect_to", required: variables.count > 1, &diagnostics, hint: "the variable the key differentiates by") else {
            return variables.count == 1 ? variables[0] : nil
        }
        guard let name = field.text(&diagnostics) else { return nil }
        guard variables.contains(name) else {
            diagnostics.report(.invalidValue, at: field, "`\(name)` is not one of the variables [\(variables.joined(separator: ", "))]; name one of them.")
            return nil
        }
        return name
    }

    // MARK: Numbers

    /// The tolerances `significant_digits` gives the key values, when the part states it
    /// instead of `tolerance`/`tolerances` (both is refused).
    private func digitsTolerances(_ values: [Double]?, _ diagnostics: inout Diagnostics) -> [Tolerance]?? {
        guard node.has("significant_digits") else { return .none }
        if node.has("tolerance") || node.has("tolerances") {
            diagnostics.report(.invalidValue, at: node, "give either `significant_digits` or a tolerance, not both: the prompt states the one that grades.")
            return .some(nil)
        }
        guard let digits = significantDigits(&diagnostics), let values else { return .some(nil) }
        return .some(values.map { Tolerance.significantDigits(digits, key: $0) })
    }

    private func number(_ diagnostics: inout Diagnostics) -> AnswerKey? {
        if node.has("significant_digits") {
            guard let (values, _) = numericSource(single: true, &diagnostics), let value = values.first,
                  let tolerances = digitsTolerances(values, &diagnostics) ?? nil, let tolerance = tolerances.first else { return nil }
            return .number(value: value, tolerance: tolerance)
        }
        guard let tolerance = node.field("tolerance", &diagnostics, hint: "{rel: 1.0e-6, abs: 1.0e-9}").flatMap({ Self.tolerance($0, &diagnostics) }) else {
            _ = numericSource(single: true, &diagnostics)
            return nil
        }
        guard let (values, sourceNode) = numericSource(single: true, &diagnostics), let value = values.first else { return nil }
        guard Self.checkTolerance(tolerance, key: value, at: sourceNode, &diagnostics) else { return nil }
        return .number(value: value, tolerance: tolerance)
    }

    private func numbers(ordered: Bool, _ diagnostics: inout Diagnostics) -> AnswerKey? {
        let before = diagnostics.problems.count
        let source = numericSource(single: false, &diagnostics)
        if node.has("significant_digits") {
            guard let tolerances = digitsTolerances(source?.values, &diagnostics) ?? nil,
                  diagnostics.problems.count == before, let (values, _) = source else { return nil }
            return .numbers(values: values, tolerances: tolerances, ordered: ordered)
        }
        let single = node.field("tolerance", required: false, &diagnostics)
        let several = node.field("tolerances", required: false, &diagnostics)
        var tolerances: [Tolerance]?
        switch (single, several) {
        case let (single?, nil):
            if let tolerance = Self.tolerance(single, &diagnostics), let count = source?.values.count {
                tolerances = Array(repeating: tolerance, count: count)
            }
        case let (nil, several?):
            if let list = several.elements(&diagnostics) {
                let read = list.compactMap { Self.tolerance($0, &diagnostics) }
                if read.count == list.count { tolerances = read }
                if let count = source?.values.count, list.count != count {
                    diagnostics.report(.invalidValue, at: several, "there are \(list.count) tolerances for \(count) numbers; give one per number, or one `tolerance` for all.")
                }
            }
        default:
            diagnostics.report(single == nil ? .missingField : .invalidValue, at: node,
                               "give either one `tolerance` for all the numbers or `tolerances` with one per number, not \(single == nil ? "neither" : "both").")
        }
        guard diagnostics.problems.count == before, let (values, sourceNode) = source, let tolerances else { return nil }
        for (value, tolerance) in zip(values, tolerances) where !Self.checkTolerance(tolerance, key: value, at: sourceNode, &diagnostics) {
            return nil
        }
        return .numbers(values: values, tolerances: tolerances, ordered: ordered)
    }

    /// The key numbers: typed in (`value` / `values`) or computed (`compute`), exactly one.
    func numericSource(single: Bool, _ diagnostics: inout Diagnostics) -> (values: [Double], node: SeedNode)? {
        let typedName = single ? "value" : "values"
        let typed = node.field(typedName, required: false, &diagnostics)
        let compute = node.field("compute", required: false, &diagnostics)
        switch (typed, compute) {
        case let (typed?, nil):
            if single { return typed.number(&diagnostics).map { ([$0], typed) } }
            guard let values = typed.numbers(&diagnostics) else { return nil }
            guard !values.isEmpty else {
                diagnostics.report(.missingKey, at: typed, "the list of key numbers is empty; add them.")
                return nil
            }
            return (values, typed)
        case let (nil, compute?):
            if single { return SeedComputation.value(of: compute, &diagnostics).map { ([$0], compute) } }
            guard let list = compute.elements(&diagnostics) else { return nil }
            guard !list.isEmpty else {
                diagnostics.report(.missingKey, at: compute, "the list of computations is empty; add one per number.")
                return nil
            }
            let values = list.compactMap { SeedComputation.value(of: $0, &diagnostics) }
            return values.count == list.count ? (values, compute) : nil
        case (nil, nil):
            diagnostics.report(.missingKey, at: node, "the part has no key; add `\(typedName)` or `compute` (see Seeds/README.md).")
            return nil
        case (_?, _?):
            diagnostics.report(.invalidValue, at: node, "the part has both `\(typedName)` and `compute`; keep one.")
            return nil
        }
    }

    static func tolerance(_ node: SeedNode, _ diagnostics: inout Diagnostics) -> Tolerance? {
        node.checkFields(["rel", "abs"], &diagnostics, what: "a tolerance")
        let before = diagnostics.problems.count
        let relative = node.field("rel", &diagnostics, hint: "a relative tolerance such as 1.0e-6")?.number(&diagnostics)
        let absolute = node.field("abs", &diagnostics, hint: "an absolute tolerance such as 1.0e-9")?.number(&diagnostics)
        guard diagnostics.problems.count == before, let relative, let absolute else { return nil }
        guard relative >= 0, absolute >= 0, relative + absolute > 0 else {
            diagnostics.report(.invalidValue, at: node, "rel and abs must be at least 0 and not both 0; use, for example, {rel: 1.0e-6, abs: 1.0e-9}.")
            return nil
        }
        return Tolerance(relative: relative, absolute: absolute)
    }

    /// Refuses a tolerance so wide that 0 passes for a non-zero key.
    static func checkTolerance(_ tolerance: Tolerance, key: Double, at node: SeedNode, _ diagnostics: inout Diagnostics) -> Bool {
        guard key != 0, tolerance.accepts(0, key: key) else { return true }
        diagnostics.report(
            .invalidValue, at: node,
            "the tolerance {rel: \(format(tolerance.relative)), abs: \(format(tolerance.absolute))} would accept 0 for the key \(format(key)); make abs much smaller than the key (abs: 0 for tiny keys) and rel below 1.")
        return false
    }

    // MARK: Critical points and choices

    private func criticalPoints(_ diagnostics: inout Diagnostics) -> AnswerKey? {
        let before = diagnostics.problems.count
        let functionNode = node.field("function", &diagnostics, hint: "the function, such as x^3 - 3*x")
        let interval = node.field("interval", &diagnostics, hint: "[low, high]")?.interval(&diagnostics)
        var tolerance: Tolerance? = .standard
        if let toleranceNode = node.field("tolerance", required: false, &diagnostics) {
            tolerance = Self.tolerance(toleranceNode, &diagnostics)
        }
        var stated: [CriticalPointKey] = []
        if let points = node.field("points", &diagnostics, hint: "every critical point, as - {x: 0, type: minimum}", missing: .missingKey)?
            .elements(&diagnostics) {
            for point in points {
                point.checkFields(["x", "type"], &diagnostics, what: "a critical point")
                let x = point.field("x", &diagnostics)?.number(&diagnostics)
                let kind = point.field("type", &diagnostics, hint: "minimum, maximum or neither").flatMap { typeNode -> CriticalPointKey.Kind? in
                    guard let name = typeNode.text(&diagnostics) else { return nil }
                    guard let kind = CriticalPointKey.Kind(rawValue: name) else {
                        diagnostics.report(.invalidValue, at: typeNode, "`\(name)` is not a type of critical point; use minimum, maximum or neither.")
                        return nil
                    }
                    return kind
                }
                if let x, let kind { stated.append(CriticalPointKey(x: x, kind: kind)) }
            }
        }
        guard let functionNode, let text = functionNode.text(&diagnostics), let interval else { return nil }
        var variable = "x"
        if let variableNode = node.field("variable", required: false, &diagnostics) {
            guard let name = variableNode.text(&diagnostics) else { return nil }
            variable = name
        }
        guard let function = functionNode.expression(&diagnostics, variables: [variable]),
              diagnostics.problems.count == before, let tolerance else { return nil }
        guard let computed = try? CriticalPoint.all(of: function, variable: variable, on: interval.range) else {
            diagnostics.report(.computationFailed, at: functionNode, "the critical points of `\(text)` cannot be computed; check it is a function of \(variable) alone.")
            return nil
        }
        let found = computed.map { CriticalPointKey(x: $0.x, kind: CriticalPointKey.Kind(rawValue: $0.kind.rawValue) ?? .neither) }
        let sortedStated = stated.sorted { $0.x < $1.x }
        let matches = found.count == sortedStated.count && zip(found, sortedStated).allSatisfy { computed, stated in
            computed.kind == stated.kind && abs(computed.x - stated.x) <= 1e-6 * max(1, abs(computed.x))
        }
        guard matches else {
            diagnostics.report(
                .wrongCriticalPoints, at: node.field("points", &diagnostics) ?? node,
                "the listed critical points (\(Self.describe(sortedStated))) differ from those of `\(text)` on [\(Self.format(interval.lower)), \(Self.format(interval.upper))], which are \(Self.describe(found)); list every critical point with its type.")
            return nil
        }
        // The computed abscissas are exact to double precision; the file may round them.
        return .criticalPoints(points: found, tolerance: tolerance)
    }

    private func choice(_ diagnostics: inout Diagnostics) -> AnswerKey? {
        let before = diagnostics.problems.count
        let optionsNode = node.field("options", &diagnostics, hint: "the choices, as quoted strings")
        let options = optionsNode?.texts(&diagnostics)
        if let options, let optionsNode, options.count < 2 || Set(options).count != options.count {
            diagnostics.report(.invalidValue, at: optionsNode, "a choice needs at least two different options.")
        }
        let keyNode = node.field("key", &diagnostics, hint: "the right option", missing: .missingKey)
        guard let keyNode, let key = keyNode.text(&diagnostics), let options, diagnostics.problems.count == before else { return nil }
        guard options.contains(key) else {
            diagnostics.report(.invalidValue, at: keyNode, "the key `\(key)` is not one of the options (\(options.joined(separator: ", "))); make it one.")
            return nil
        }
        if let compute = node.field("compute", required: false, &diagnostics) {
            guard let result = SeedComputation.value(of: compute, &diagnostics) else { return nil }
            guard let keyValue = Double(key) else {
                diagnostics.report(.wrongChoice, at: keyNode, "the key `\(key)` is not a number, so it cannot be checked against `compute`; write the option as a number or remove `compute`.")
                return nil
            }
            guard abs(keyValue - result) <= 1e-12 * max(abs(result), abs(keyValue)) else {
                let computed = options.first { Double($0).map { abs($0 - result) <= 1e-12 * abs(result) } ?? false }
                diagnostics.report(
                    .wrongChoice, at: keyNode,
                    "the computation picks \(computed ?? Self.format(result)), but the key is `\(key)`; fix the key (or the computation).")
                return nil
            }
        }
        return .choice(options: options, key: key)
    }

    // MARK: Formatting

    static func format(_ value: Double) -> String {
        if value.isNaN { return "undefined" }
        return String(format: "%.10g", value)
    }

    static func describe(_ point: [String: Double], order: [String]) -> String {
        let names = order.filter { point[$0] != nil } + point.keys.filter { !order.contains($0) }.sorted()
        return names.map { "\($0) = \(format(point[$0]!))" }.joined(separator: ", ")
    }

    static func describe(_ points: [CriticalPointKey]) -> String {
        points.isEmpty ? "none" : points.map { "x = \(format($0.x)): \($0.kind.rawValue)" }.joined(separator: "; ")
    }
}
