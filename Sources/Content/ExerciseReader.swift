import CourseModels
import Grading
import Foundation

/// Reads one exercise file: its fields, its parts and each part's key, checked and computed.
struct ExerciseReader {
    /// The ids in `objectives.yaml`, which parts may link to.
    let objectiveIDs: Set<String>

    /// The exercise, the node of its id (for duplicate reports) and the objectives its
    /// automatically graded parts link to; nil when anything in the file is wrong.
    func read(_ root: SeedNode, position: Int, _ diagnostics: inout Diagnostics) -> (Exercise, SeedNode, Set<String>)? {
        root.checkFields(["id", "title", "reveal_key_after", "prompt", "parts"], &diagnostics, what: "an exercise")
        let before = diagnostics.problems.count
        let idNode = root.field("id", &diagnostics)
        let id = idNode?.text(&diagnostics)
        if let id, let idNode {
            if !SeedNames.isExerciseID(id) {
                diagnostics.report(.invalidValue, at: idNode, "`\(id)` is not a valid exercise id; use lower-case letters, digits and dashes, starting with a letter, such as ex1.")
            } else if let (_, named) = SeedNames.exerciseFile(String(root.file.split(separator: "/").last ?? "")), named != id {
                diagnostics.report(.invalidValue, at: idNode, "the file is named for `\(named)` but the id is `\(id)`; rename the file or fix the id.")
            }
        }
        let title = root.field("title", &diagnostics)?.text(&diagnostics)
        let prompt = root.field("prompt", &diagnostics)?.text(&diagnostics)
        let reveal = root.field("reveal_key_after", &diagnostics, hint: "a number of wrong attempts, or `never`")
            .flatMap { revealKeyAfter($0, &diagnostics) }

        var parts: [ExercisePart] = []
        var graded: Set<String> = []
        if let list = root.field("parts", &diagnostics)?.elements(&diagnostics) {
            if list.isEmpty {
                diagnostics.report(.invalidValue, at: root, "the exercise has no parts; add at least one under `parts`.")
            }
            var labels: Set<String> = []
            for item in list {
                guard let part = PartReader(objectiveIDs: objectiveIDs).read(item, single: list.count == 1, &diagnostics) else { continue }
                if !labels.insert(part.label).inserted, let node = item.field("label", &diagnostics) {
                    diagnostics.report(.duplicateID, at: node, "the label `\(part.label)` is used by two parts; give each part its own letter.")
                }
                if part.kind != .manual { graded.formUnion(part.objectives.map(\.objectiveID)) }
                parts.append(part)
            }
        }
        guard diagnostics.problems.count == before, let id, let idNode, let title, let prompt, let reveal else { return nil }
        let exercise = Exercise(
            id: id, title: title, prompt: prompt, parts: parts, position: position,
            contentHash: ContentHash.of(parts), revealKeyAfter: reveal.count)
        return (exercise, idNode, graded)
    }

    /// When the key may be shown: after `count` wrong attempts, or never (`count` nil).
    private struct Reveal {
        var count: Int?
    }

    private func revealKeyAfter(_ node: SeedNode, _ diagnostics: inout Diagnostics) -> Reveal? {
        guard let text = node.node.scalar?.string else {
            diagnostics.report(.invalidValue, at: node, "write a number of wrong attempts (such as 3) or `never`.")
            return nil
        }
        if text == "never" { return Reveal(count: nil) }
        guard let count = Int(text), count >= 0 else {
            diagnostics.report(.invalidValue, at: node, "`\(text)` is neither a number of wrong attempts (such as 3) nor `never`; write one of those.")
            return nil
        }
        return Reveal(count: count)
    }
}
