import Grading
/// One thing wrong with the seed files: where it is and what to change.
///
/// Rendered as one line, `file:line:column: path: message`, the form editors and terminals
/// turn into a link to the place.
public struct SeedProblem: Codable, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem, so tests and tools can tell them apart without reading the text.
    public enum Kind: String, Codable, Hashable, Sendable {
        case unreadableFile
        case yamlSyntax
        case missingField
        case unknownField
        case invalidValue
        case badExpression
        case wrongDerivative
        case wrongImplicitDerivative
        case wrongCriticalPoints
        case wrongChoice
        case computationFailed
        case missingKey
        case duplicateID
        case unknownObjective
        case unlinkedObjective
    }

    public var kind: Kind
    /// The file, relative to the seed folder (`exercises/01-ex1.yaml`).
    public var file: String
    /// 1-based line and column of the offending node, when known.
    public var line: Int?
    public var column: Int?
    /// Where in the document, such as `parts[1].key`; empty for the whole file.
    public var path: String
    /// What is wrong and what to do, as a sentence.
    public var message: String

    public init(kind: Kind, file: String, line: Int? = nil, column: Int? = nil, path: String = "", message: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.message = message
    }

    public var description: String {
        var location = file
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        return path.isEmpty ? "\(location): \(message)" : "\(location): \(path): \(message)"
    }
}
