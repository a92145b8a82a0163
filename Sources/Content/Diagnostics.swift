import Grading
/// The problems found so far while reading a seed folder.
struct Diagnostics {
    var problems: [SeedProblem] = []

    var isEmpty: Bool { problems.isEmpty }

    mutating func report(_ kind: SeedProblem.Kind, at node: SeedNode, _ message: String) {
        problems.append(SeedProblem(
            kind: kind, file: node.file, line: node.node.mark?.line, column: node.node.mark?.column,
            path: node.path, message: message))
    }

    mutating func report(_ kind: SeedProblem.Kind, file: String, _ message: String) {
        problems.append(SeedProblem(kind: kind, file: file, message: message))
    }
}
