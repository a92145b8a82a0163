import Grading
import Foundation
import Yams

/// A YAML node together with the file it came from and its path in the document, so every
/// problem found in it can name its place.
struct SeedNode {
    let node: Node
    let file: String
    /// Such as `parts[1].compute[0].at`; empty for the document root.
    let path: String

    /// The path of the field `key` under this node.
    func path(_ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    /// The fields of a mapping node in document order, or nil (reported) when it is not a mapping.
    func entries(_ diagnostics: inout Diagnostics) -> [(key: String, value: SeedNode)]? {
        guard case let .mapping(mapping) = node else {
            diagnostics.report(.invalidValue, at: self, "expected a mapping of `name: value` lines, found \(kindName).")
            return nil
        }
        return mapping.map { pair in
            let key = pair.key.scalar?.string ?? ""
            return (key, SeedNode(node: pair.value, file: file, path: path(key)))
        }
    }

    /// The elements of a sequence node, or nil (reported) when it is not a sequence.
    func elements(_ diagnostics: inout Diagnostics) -> [SeedNode]? {
        guard case let .sequence(sequence) = node else {
            diagnostics.report(.invalidValue, at: self, "expected a list (`[a, b]` or lines starting with `- `), found \(kindName).")
            return nil
        }
        return sequence.enumerated().map { index, element in
            SeedNode(node: element, file: file, path: "\(path)[\(index)]")
        }
    }

    /// The field `key` of this mapping; a missing required field is reported.
    func field(
        _ key: String, required: Bool = true, _ diagnostics: inout Diagnostics, hint: String = "",
        missing: SeedProblem.Kind = .missingField
    ) -> SeedNode? {
        guard case let .mapping(mapping) = node else { return nil }
        if let value = mapping[key] {
            return SeedNode(node: value, file: file, path: path(key))
        }
        if required {
            diagnostics.report(
                missing, at: SeedNode(node: node, file: file, path: path(key)),
                "the field `\(key)` is missing; add it\(hint.isEmpty ? "." : ": \(hint)")")
        }
        return nil
    }

    func has(_ key: String) -> Bool {
        node.mapping?[key] != nil
    }

    /// Reports every field of this mapping not in `allowed`: usually a typo, which would
    /// otherwise be silently ignored.
    func checkFields(_ allowed: [String], _ diagnostics: inout Diagnostics, what: String) {
        guard case let .mapping(mapping) = node else {
            diagnostics.report(.invalidValue, at: self, "expected a mapping of `name: value` lines, found \(kindName).")
            return
        }
        for (key, _) in mapping {
            let name = key.scalar?.string ?? "?"
            if !allowed.contains(name) {
                diagnostics.report(
                    .unknownField, at: SeedNode(node: key, file: file, path: path(name)),
                    "`\(name)` is not a field of \(what); remove it or use one of: \(allowed.joined(separator: ", ")).")
            }
        }
    }

    // MARK: Values

    /// The text of a scalar node; an empty one is refused unless `allowEmpty`.
    func text(_ diagnostics: inout Diagnostics, allowEmpty: Bool = false) -> String? {
        guard case let .scalar(scalar) = node else {
            diagnostics.report(.invalidValue, at: self, "expected text, found \(kindName).")
            return nil
        }
        if !allowEmpty, scalar.string.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            diagnostics.report(.invalidValue, at: self, "the text is empty; write something here.")
            return nil
        }
        return scalar.string
    }

    /// A finite number written as a plain (unquoted) scalar such as `2`, `-0.5` or `1.0e-5`.
    func number(_ diagnostics: inout Diagnostics) -> Double? {
        guard case let .scalar(scalar) = node else {
            diagnostics.report(.invalidValue, at: self, "expected a number, found \(kindName).")
            return nil
        }
        guard scalar.style == .plain || scalar.style == .any else {
            diagnostics.report(.invalidValue, at: self, "\"\(scalar.string)\" is quoted; write the number without quotes.")
            return nil
        }
        guard let value = Double(scalar.string), value.isFinite else {
            diagnostics.report(.invalidValue, at: self, "`\(scalar.string)` is not a number; write one such as 2, -0.5 or 1.0e-5.")
            return nil
        }
        return value
    }

    /// A whole number.
    func integer(_ diagnostics: inout Diagnostics) -> Int? {
        guard let value = number(&diagnostics) else { return nil }
        guard value == value.rounded(), abs(value) < 1e15 else {
            diagnostics.report(.invalidValue, at: self, "`\(value)` is not a whole number; write one such as 3.")
            return nil
        }
        return Int(value)
    }

    func texts(_ diagnostics: inout Diagnostics) -> [String]? {
        guard let elements = elements(&diagnostics) else { return nil }
        let values = elements.compactMap { $0.text(&diagnostics) }
        return values.count == elements.count ? values : nil
    }

    func numbers(_ diagnostics: inout Diagnostics) -> [Double]? {
        guard let elements = elements(&diagnostics) else { return nil }
        let values = elements.compactMap { $0.number(&diagnostics) }
        return values.count == elements.count ? values : nil
    }

    /// A closed interval written `[low, high]` with low < high.
    func interval(_ diagnostics: inout Diagnostics) -> Interval? {
        guard let bounds = numbers(&diagnostics) else { return nil }
        guard bounds.count == 2, bounds[0] < bounds[1] else {
            diagnostics.report(.invalidValue, at: self, "an interval is written [low, high] with low < high, such as [-3, 3].")
            return nil
        }
        return Interval(bounds[0], bounds[1])
    }

    var kindName: String {
        switch node {
        case let .scalar(scalar): return scalar.string.isEmpty ? "nothing" : "the text `\(scalar.string)`"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
}
