import CalculusCore
import CourseModels
import Grading
import Foundation

/// Reads one exercise part: its common fields, and its key according to its kind, checking the
/// key with the calculus core and carrying out every `compute:`.
struct PartReader {
    let objectiveIDs: Set<String>

    /// The kinds as written in the seed files.
    static let kinds: [String: AnswerKind] = [
        "expression": .expression, "implicit": .implicit, "number": .number, "numbers": .numbers,
        "number_set": .numberSet, "critical_points": .criticalPoints, "choice": .choice, "manual": .manual,
    ]
    static let kindNames = ["expression", "implicit", "number", "numbers", "number_set", "critical_points", "choice", "manual"]
    static let commonFields = ["label", "prompt", "kind", "objectives", "hints", "mistakes"]

    static func fields(of kind: AnswerKind) -> [String] {
        switch kind {
        case .expression: return ["key", "derivative_of", "with_respect_to", "variables", "domain", "form", "limit_variable"]
        case .implicit: return ["equation", "key", "variables", "domain"]
        case .number: return ["value", "compute", "tolerance", "significant_digits", "form"]
        case .numbers, .numberSet: return ["values", "compute", "tolerance", "tolerances", "significant_digits", "form"]
        case .criticalPoints: return ["function", "variable", "interval", "points", "tolerance"]
        case .choice: return ["options", "key", "compute"]
        case .manual: return ["rubric"]
        }
    }

    /// The part, with its key as `PartKey` JSON; nil when anything in it is wrong.
    func read(_ node: SeedNode, single: Bool, _ diagnostics: inout Diagnostics) -> ExercisePart? {
        guard node.node.mapping != nil else {
            diagnostics.report(.invalidValue, at: node, "a part is a mapping with label, prompt, kind, its key, objectives, hints and mistakes.")
            return nil
        }
        let before = diagnostics.problems.count
        let label = node.field("label", &diagnostics, hint: single ? "`\"\"` for the only part" : "a letter such as a")
            .flatMap { readLabel($0, single: single, &diagnostics) }
        let prompt = node.field("prompt", &diagnostics)?.text(&diagnostics)
        let kind = node.field("kind", &diagnostics, hint: "one of \(Self.kindNames.joined(separator: ", "))")
            .flatMap { kindNode -> AnswerKind? in
                guard let name = kindNode.text(&diagnostics) else { return nil }
                guard let kind = Self.kinds[name] else {
                    diagnostics.report(.invalidValue, at: kindNode, "`\(name)` is not an answer kind; use one of \(Self.kindNames.joined(separator: ", ")).")
                    return nil
                }
                return kind
            }
        if let kind {
            node.checkFields(Self.commonFields + Self.fields(of: kind), &diagnostics, what: "a part of kind \(Self.kindNames.first { Self.kinds[$0] == kind } ?? "")")
        }
        let links = node.field("objectives", &diagnostics, hint: "a mapping from objective id to weight, such as {differentiation-rules: 1.0}")
            .flatMap { readLinks($0, &diagnostics) }
        let hints = node.field("hints", &diagnostics, hint: "one or two short hints").flatMap { readHints($0, &diagnostics) }
        let mistakeEntries = node.field("mistakes", required: false, &diagnostics).flatMap { readMistakes($0, &diagnostics) }
        let mistakes = mistakeEntries?.messages ?? [:]
        guard let kind else { return nil }
        let reader = KeyReader(node: node)
        let answer = reader.read(kind, &diagnostics)
        let form = reader.form(kind, &diagnostics)
        guard diagnostics.problems.count == before, let label, let prompt, let links, let hints, let answer else { return nil }
        let numericMistakes = numericMistakes(mistakeEntries?.values ?? [:], answer: answer, &diagnostics)
        let key = PartKey(answer: answer, mistakes: mistakes, form: form?.form, limitVariable: form?.limitVariable,
                          significantDigits: reader.significantDigits(&diagnostics), numericMistakes: numericMistakes ?? [:],
                          estimates: reader.estimateSlots(form?.form))
        guard numericMistakes != nil else { return nil }
        guard reader.checkForm(key, &diagnostics), reader.checkEstimate(key, &diagnostics) else { return nil }
        return ExercisePart(
            label: label, prompt: PrecisionText.prompt(prompt, key: key), kind: answer.kind,
            keyJSON: key.json, objectives: links, hints: hints)
    }

    private func readLabel(_ node: SeedNode, single: Bool, _ diagnostics: inout Diagnostics) -> String? {
        guard let label = node.text(&diagnostics, allowEmpty: true) else { return nil }
        if single, !label.isEmpty {
            diagnostics.report(.invalidValue, at: node, "the only part of an exercise has the label \"\"; change `\(label)` to \"\".")
            return nil
        }
        if !single, !SeedNames.isLabel(label) {
            diagnostics.report(.invalidValue, at: node, "a part of a multi-part exercise is labelled with one lower-case letter (a, b, …), not `\(label)`.")
            return nil
        }
        return label
    }

    private func readLinks(_ node: SeedNode, _ diagnostics: inout Diagnostics) -> [ObjectiveLink]? {
        guard let entries = node.entries(&diagnostics) else { return nil }
        guard !entries.isEmpty else {
            diagnostics.report(.invalidValue, at: node, "link the part to at least one objective, such as {differentiation-rules: 1.0}.")
            return nil
        }
        var links: [ObjectiveLink] = []
        for (id, weightNode) in entries {
            if !objectiveIDs.contains(id) {
                diagnostics.report(
                    .unknownObjective, at: weightNode,
                    "no objective has the id `\(id)`; " + (SeedNames.closest(to: id, in: objectiveIDs).map { "did you mean `\($0)`? Use an id from objectives.yaml or add it there." }
                        ?? "use an id from objectives.yaml (\(objectiveIDs.sorted().joined(separator: ", "))) or add it there."))
                continue
            }
            guard let weight = weightNode.number(&diagnostics) else { continue }
            guard weight > 0, weight <= 1 else {
                diagnostics.report(.invalidValue, at: weightNode, "the weight \(weight) is out of range; use a number in (0, 1], 1.0 when the part tests exactly this objective.")
                continue
            }
            links.append(ObjectiveLink(objectiveID: id, weight: weight))
        }
        return links.count == entries.count ? links : nil
    }

    private func readHints(_ node: SeedNode, _ diagnostics: inout Diagnostics) -> [String]? {
        guard let hints = node.texts(&diagnostics) else { return nil }
        guard (1...2).contains(hints.count) else {
            diagnostics.report(.invalidValue, at: node, "a part has one or two hints, not \(hints.count); \(hints.isEmpty ? "add one" : "keep the two best").")
            return nil
        }
        return hints
    }

    /// Messages by tag, and the nodes of entries written as a mapping (`message` with `value`,
    /// `values` or `compute`, and an optional `tolerance`).
    private func readMistakes(
        _ node: SeedNode, _ diagnostics: inout Diagnostics
    ) -> (messages: [String: String], values: [String: SeedNode])? {
        guard let entries = node.entries(&diagnostics) else { return nil }
        var mistakes: [String: String] = [:]
        var valued: [String: SeedNode] = [:]
        for (tag, messageNode) in entries {
            guard SeedNames.isMistakeTag(tag) else {
                diagnostics.report(.invalidValue, at: messageNode, "`\(tag)` is not a mistake tag; use snake_case, such as chain_missing_inner.")
                continue
            }
            if messageNode.node.mapping != nil {
                messageNode.checkFields(["message", "value", "values", "compute", "tolerance"], &diagnostics, what: "a mistake with its value")
                if let message = messageNode.field("message", &diagnostics, hint: "what to tell the learner")?.text(&diagnostics) {
                    mistakes[tag] = message
                    valued[tag] = messageNode
                }
            } else if let message = messageNode.text(&diagnostics) {
                mistakes[tag] = message
            }
        }
        return mistakes.count == entries.count ? (mistakes, valued) : nil
    }

    /// The values of mistakes stated with a value or computation, checked against the key: an
    /// entry the key itself matches would mark the right answer wrong, so it is refused.
    private func numericMistakes(
        _ nodes: [String: SeedNode], answer: AnswerKey?, _ diagnostics: inout Diagnostics
    ) -> [String: NumericMistake]? {
        guard !nodes.isEmpty else { return [:] }
        let keyValues: [Double]
        let keyTolerances: [Tolerance]
        switch answer {
        case let .number(value, tolerance)?: (keyValues, keyTolerances) = ([value], [tolerance])
        case let .numbers(values, tolerances, _)?: (keyValues, keyTolerances) = (values, tolerances)
        case nil: return nil
        default:
            for (tag, node) in nodes.sorted(by: { $0.key < $1.key }) {
                diagnostics.report(.invalidValue, at: node, "the mistake `\(tag)` has a value, but only number and list parts compare values; keep just the message.")
            }
            return nil
        }
        var result: [String: NumericMistake] = [:]
        for (tag, node) in nodes.sorted(by: { $0.key < $1.key }) {
            let reader = KeyReader(node: node)
            guard let (values, sourceNode) = reader.numericSource(single: keyValues.count == 1 && !node.has("values"), &diagnostics) else {
                return nil
            }
            guard values.count == keyValues.count else {
                diagnostics.report(.invalidValue, at: sourceNode, "the mistake `\(tag)` gives \(values.count) value\(values.count == 1 ? "" : "s") for a key of \(keyValues.count); give one per key value.")
                return nil
            }
            var tolerances = keyTolerances
            if let toleranceNode = node.field("tolerance", required: false, &diagnostics) {
                guard let tolerance = KeyReader.tolerance(toleranceNode, &diagnostics) else { return nil }
                tolerances = Array(repeating: tolerance, count: values.count)
            }
            let mistake = NumericMistake(values: values, tolerances: tolerances)
            if mistake.matches(keyValues) {
                diagnostics.report(.invalidValue, at: sourceNode, "the mistake `\(tag)` matches the key itself, so a right answer would be marked wrong; tighten its `tolerance` or fix its values.")
                return nil
            }
            result[tag] = mistake
        }
        return result
    }
}
