import CourseModels
import Grading
import Foundation
import Yams

/// Reads a seed folder (`course.yaml`, `objectives.yaml`, `exercises/NN-<id>.yaml`) into
/// `CourseContent`, checking every key with the calculus core and collecting every problem
/// before giving up. The format is documented in `Seeds/README.md`.
struct SeedLoader {
    let directory: URL

    /// - Throws: `SeedError` listing every problem found.
    func load() throws(SeedError) -> CourseContent {
        var diagnostics = Diagnostics()
        let section = readSection(&diagnostics)
        let (objectives, objectiveNodes, known) = readObjectives(&diagnostics)
        var exercises: [Exercise] = []
        var exerciseFiles: [String: String] = [:]
        var linked: Set<String> = []
        for (position, file) in exerciseFileList(&diagnostics) {
            guard let document = document(file, &diagnostics) else { continue }
            let reader = ExerciseReader(objectiveIDs: known)
            guard let (exercise, idNode, graded) = reader.read(document, position: position, &diagnostics) else { continue }
            linked.formUnion(graded)
            if exercise.id.lowercased().hasPrefix(PracticeSpec.exerciseIDPrefix) {
                // Generated practice items own these ids (`course submit p-…`).
                diagnostics.report(
                    .duplicateID, at: idNode,
                    "the exercise id `\(exercise.id)` starts with `\(PracticeSpec.exerciseIDPrefix)`, which names generated practice items; choose another id.")
                continue
            }
            if let other = exerciseFiles[exercise.id] {
                diagnostics.report(
                    .duplicateID, at: idNode,
                    "the exercise id `\(exercise.id)` is already used by \(other); give this exercise its own id (and file name).")
                continue
            }
            exerciseFiles[exercise.id] = file
            exercises.append(exercise)
        }
        for objective in objectives where !linked.contains(objective.id) {
            if let node = objectiveNodes[objective.id] {
                diagnostics.report(
                    .unlinkedObjective, at: node,
                    "no automatically graded part links to the objective `\(objective.id)`; link one in a part's `objectives`, or remove the objective.")
            }
        }
        guard diagnostics.isEmpty, let section else {
            throw SeedError(problems: diagnostics.problems)
        }
        return CourseContent(section: section, objectives: objectives, exercises: exercises)
    }

    // MARK: Files

    /// Reads and composes one YAML file, given relative to the folder.
    func document(_ file: String, _ diagnostics: inout Diagnostics) -> SeedNode? {
        let url = directory.appending(path: file)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            diagnostics.report(.unreadableFile, file: file, "the file is missing or cannot be read; create it (see Seeds/README.md for its format).")
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            diagnostics.report(.unreadableFile, file: file, "the file is not UTF-8 text; save it as UTF-8.")
            return nil
        }
        do {
            guard let root = try Yams.compose(yaml: text) else {
                diagnostics.report(.yamlSyntax, file: file, "the file is empty; write its content (see Seeds/README.md).")
                return nil
            }
            return SeedNode(node: root, file: file, path: "")
        } catch let error as YamlError {
            diagnostics.problems.append(Self.problem(error, file: file))
            return nil
        } catch {
            diagnostics.report(.yamlSyntax, file: file, "the YAML cannot be read: \(error).")
            return nil
        }
    }

    /// One line for a YAML syntax error, at its line and column.
    static func problem(_ error: YamlError, file: String) -> SeedProblem {
        func make(_ mark: Mark?, _ message: String) -> SeedProblem {
            SeedProblem(kind: .yamlSyntax, file: file, line: mark?.line, column: mark?.column,
                        message: message + "; fix the YAML syntax there.")
        }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let during = context.map { " (\($0.text) at line \($0.mark.line))" } ?? ""
            return make(mark, "YAML error: \(problem)\(during)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return SeedProblem(
                kind: .yamlSyntax, file: file, line: context.mark.line, column: context.mark.column,
                message: "the key \(duplicates.map { "`\($0)`" }.joined(separator: ", ")) appears twice in one mapping; keep one.")
        default:
            return make(nil, "YAML error: \(String(describing: error).split(separator: "\n").first ?? "")")
        }
    }

    /// The exercise files in display order, with the position their number gives.
    func exerciseFileList(_ diagnostics: inout Diagnostics) -> [(position: Int, file: String)] {
        let folder = directory.appending(path: "exercises")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            diagnostics.report(.unreadableFile, file: "exercises/", "the folder of exercises is missing; create it with one NN-<id>.yaml file per exercise.")
            return []
        }
        var files: [(position: Int, file: String)] = []
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            guard let (number, _) = SeedNames.exerciseFile(name) else {
                diagnostics.report(.invalidValue, file: "exercises/\(name)", "an exercise file is named NN-<id>.yaml, such as 01-ex1.yaml; rename it.")
                continue
            }
            files.append((number, "exercises/\(name)"))
        }
        if files.isEmpty {
            diagnostics.report(.unreadableFile, file: "exercises/", "there are no exercise files; add one NN-<id>.yaml file per exercise.")
        }
        return files.sorted { ($0.position, $0.file) < ($1.position, $1.file) }
    }

    // MARK: course.yaml

    func readSection(_ diagnostics: inout Diagnostics) -> CourseSection? {
        guard let root = document("course.yaml", &diagnostics) else { return nil }
        root.checkFields(["section", "title", "content_version", "summary", "instructors", "revoked_keys"], &diagnostics, what: "course.yaml")
        let before = diagnostics.problems.count
        let id = root.field("section", &diagnostics)?.text(&diagnostics)
        let title = root.field("title", &diagnostics)?.text(&diagnostics)
        let version = root.field("content_version", &diagnostics)?.integer(&diagnostics)
        let summary = root.field("summary", &diagnostics)?.text(&diagnostics)
        let instructors = readInstructors(root, &diagnostics)
        let revoked = readRevokedKeys(root, &diagnostics)
        guard diagnostics.problems.count == before, let id, let title, let version, let summary else { return nil }
        return CourseSection(id: id, title: title, contentVersion: version, summary: summary,
                             instructors: instructors, revokedKeys: revoked)
    }

    /// `instructors:` — a list of `name:` and `key:` (`ed25519:…`, as `course-admin instructor init` prints).
    func readInstructors(_ root: SeedNode, _ diagnostics: inout Diagnostics) -> [CourseSection.Instructor] {
        guard root.has("instructors"), let list = root.field("instructors", &diagnostics)?.elements(&diagnostics) else { return [] }
        return list.compactMap { item in
            item.checkFields(["name", "key"], &diagnostics, what: "an instructor")
            guard let name = item.field("name", &diagnostics)?.text(&diagnostics),
                  let key = publicKey(item, &diagnostics) else { return nil }
            return CourseSection.Instructor(name: name, publicKey: key)
        }
    }

    /// `revoked_keys:` — a list of `key:` and `revoked_at:` (a UTC time such as 2026-03-01T09:00:00Z).
    func readRevokedKeys(_ root: SeedNode, _ diagnostics: inout Diagnostics) -> [CourseSection.RevokedKey] {
        guard root.has("revoked_keys"), let list = root.field("revoked_keys", &diagnostics)?.elements(&diagnostics) else { return [] }
        return list.compactMap { item in
            item.checkFields(["key", "revoked_at"], &diagnostics, what: "a revoked key")
            guard let key = publicKey(item, &diagnostics),
                  let node = item.field("revoked_at", &diagnostics), let text = node.text(&diagnostics) else { return nil }
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            guard let date = formatter.date(from: text) ?? ISO8601DateFormatter().date(from: text) else {
                diagnostics.report(.invalidValue, at: node, "`\(text)` is not a UTC time; write it as 2026-03-01T09:00:00Z.")
                return nil
            }
            return CourseSection.RevokedKey(publicKey: key, revokedAt: date)
        }
    }

    private func publicKey(_ item: SeedNode, _ diagnostics: inout Diagnostics) -> Data? {
        guard let node = item.field("key", &diagnostics), let text = node.text(&diagnostics) else { return nil }
        guard let key = PublicKeyText.parse(text) else {
            diagnostics.report(.invalidValue, at: node, "`\(text)` is not a public key; paste the `ed25519:…` line that 'course-admin instructor init' printed.")
            return nil
        }
        return key
    }

    // MARK: objectives.yaml

    /// The valid objectives, the node of each (for later reports), and every id declared, valid
    /// or not, so that a problem in one objective is not reported again at each part linking it.
    func readObjectives(_ diagnostics: inout Diagnostics) -> (objectives: [Objective], nodes: [String: SeedNode], declared: Set<String>) {
        guard let root = document("objectives.yaml", &diagnostics) else { return ([], [:], []) }
        root.checkFields(["objectives"], &diagnostics, what: "objectives.yaml")
        guard let list = root.field("objectives", &diagnostics)?.elements(&diagnostics) else { return ([], [:], []) }
        var objectives: [Objective] = []
        var nodes: [String: SeedNode] = [:]
        var declared: Set<String> = []
        for item in list {
            item.checkFields(["id", "title", "description", "mastery"], &diagnostics, what: "an objective")
            let before = diagnostics.problems.count
            let idNode = item.field("id", &diagnostics)
            let id = idNode?.text(&diagnostics)
            if let id, let idNode, !SeedNames.isSlug(id) {
                diagnostics.report(.invalidValue, at: idNode, "`\(id)` is not a slug; use lower-case letters, digits and dashes, such as chain-rule.")
            }
            if let id { declared.insert(id) }
            let title = item.field("title", &diagnostics)?.text(&diagnostics)
            let description = item.field("description", &diagnostics)?.text(&diagnostics)
            let mastery = item.field("mastery", &diagnostics).flatMap { readMastery($0, &diagnostics) }
            guard diagnostics.problems.count == before, let id, let idNode, let title, let description, let mastery else {
                continue
            }
            if nodes[id] != nil {
                diagnostics.report(.duplicateID, at: idNode, "the objective id `\(id)` is used twice; give each objective its own id.")
                continue
            }
            nodes[id] = item
            objectives.append(Objective(id: id, title: title, description: description, mastery: mastery))
        }
        return (objectives, nodes, declared)
    }

    func readMastery(_ node: SeedNode, _ diagnostics: inout Diagnostics) -> MasteryParameters? {
        let names = ["p_init", "p_learn", "p_slip", "p_guess"]
        node.checkFields(names + ["mastered_at"], &diagnostics, what: "`mastery`")
        let before = diagnostics.problems.count
        var values: [Double] = []
        for name in names {
            guard let field = node.field(name, &diagnostics), let value = field.number(&diagnostics) else { continue }
            if !(value > 0 && value < 1) {
                diagnostics.report(.invalidValue, at: field, "\(name) is \(value); set it to a probability strictly between 0 and 1.")
            } else if (name == "p_slip" || name == "p_guess") && value >= 0.5 {
                diagnostics.report(.invalidValue, at: field, "\(name) is \(value); set it below 0.5, or right answers would count against mastery.")
            }
            values.append(value)
        }
        var masteredAt = MasteryParameters.standard.masteredAt
        if let field = node.field("mastered_at", required: false, &diagnostics) {
            guard let value = field.number(&diagnostics) else { return nil }
            if !(value > 0 && value < 1) {
                diagnostics.report(.invalidValue, at: field, "mastered_at is \(value); set it to a probability strictly between 0 and 1.")
                return nil
            }
            masteredAt = value
        }
        guard values.count == 4, diagnostics.problems.count == before else { return nil }
        let parameters = MasteryParameters(pInit: values[0], pLearn: values[1], pSlip: values[2], pGuess: values[3], masteredAt: masteredAt)
        do {
            try parameters.validate()
        } catch {
            diagnostics.report(.invalidValue, at: node, error.description)
            return nil
        }
        return parameters
    }
}
