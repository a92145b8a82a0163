/// Why an answer file could not be read; nothing is stored for such a file.
///
/// The description is one sentence for the learner: what is wrong, on which line, what to do.
public enum AnswerFileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Nothing but blank lines and comments.
    case empty
    /// The bytes are not UTF-8; `line` is the first line holding an invalid sequence.
    case notUTF8(line: Int)
    case tooLarge(bytes: Int, limit: Int)
    /// A line starts with a label the exercise does not have.
    case unknownPart(label: String, line: Int, exerciseID: String, validLabels: [String])
    case duplicatePart(label: String, line: Int, firstLine: Int)
    /// A multi-part file with text before the first label.
    case missingLabel(line: Int, exerciseID: String, validLabels: [String])
    /// The command named one part (`ex4b`) but the file answers another.
    case partNotSelected(label: String, line: Int, selected: String, exerciseID: String)

    public var description: String {
        switch self {
        case .empty:
            return "The answer file is empty: write your answer in it (lines starting with # are comments)."
        case let .notUTF8(line):
            return "Line \(line) of the answer file is not valid UTF-8 text: save the file as UTF-8."
        case let .tooLarge(bytes, limit):
            return "The answer file is \(bytes) bytes, more than the limit of \(limit / 1024) KiB: keep only your answers in it."
        case let .unknownPart(label, line, exerciseID, valid):
            return "Line \(line) starts with part '\(label)', but \(exerciseID) has parts \(Self.list(valid)): use one of those labels."
        case let .duplicatePart(label, line, firstLine):
            return "Line \(line) answers part '\(label)' again (it was already answered on line \(firstLine)): keep one answer per part."
        case let .missingLabel(line, exerciseID, valid):
            return "Line \(line) does not start with a part label: \(exerciseID) has parts \(Self.list(valid)), so begin each answer with its label, as in 'a) 3x^2'."
        case let .partNotSelected(label, line, selected, exerciseID):
            return "Line \(line) answers part '\(label)', but you submitted only part '\(selected)': submit \(exerciseID) to answer several parts."
        }
    }

    private static func list(_ labels: [String]) -> String {
        let shown = labels.map { "\($0))" }
        guard shown.count > 1 else { return shown.first ?? "" }
        return shown.dropLast().joined(separator: ", ") + " and " + shown.last!
    }
}
