import CourseModels
import Foundation

/// A learner's answer file, split into one answer text per part.
///
/// The format (documented for learners in the README):
/// - single-part exercise (or one part named, as in `ex4b`): the whole file is the answer;
/// - multi-part: one part per line, labelled `a)`, `(a)`, `a:` or `a.`; parts may be left out;
///   lines that follow a labelled line without a label of their own continue that part;
/// - blank lines and lines starting with `#` are ignored, and so is a `#` comment after an
///   answer (not in a proof, which is free text);
/// - a manual (proof) part takes every line after its label, labels included.
public struct AnswerFile: Hashable, Sendable {
    /// One part's answer as written (labels and comment lines removed, continuation lines kept
    /// on their own lines).
    public struct Entry: Hashable, Sendable {
        public var part: String
        public var text: String
        /// The 1-based line the answer starts on.
        public var line: Int

        public init(part: String, text: String, line: Int) {
            self.part = part
            self.text = text
            self.line = line
        }
    }

    /// In the order they appear in the file.
    public var entries: [Entry]

    /// The largest file accepted, in bytes.
    public static let maximumSize = 64 * 1024

    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// Reads a file's bytes for `exercise`, or only for its part `part` when one was named.
    /// - Throws: `AnswerFileError` for an empty, oversized, non-UTF-8 or mislabelled file.
    public init(data: Data, exercise: Exercise, part: String? = nil) throws(AnswerFileError) {
        if data.count > Self.maximumSize { throw .tooLarge(bytes: data.count, limit: Self.maximumSize) }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .notUTF8(line: Self.firstInvalidLine(data))
        }
        try self.init(text: text, exercise: exercise, part: part)
    }

    /// Reads a file's text for `exercise` (or its part `part`).
    /// - Throws: `AnswerFileError` for an empty, oversized or mislabelled file.
    public init(text: String, exercise: Exercise, part: String? = nil) throws(AnswerFileError) {
        let size = text.utf8.count
        if size > Self.maximumSize { throw .tooLarge(bytes: size, limit: Self.maximumSize) }
        var body = Substring(text)
        if body.first == "\u{FEFF}" { body = body.dropFirst() }
        // "\r\n" is one Character in Swift, so lines are split on every kind of line break.
        let lines = body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        let reader = Reader(lines: lines, exercise: exercise, selected: part)
        entries = try reader.read()
        if entries.isEmpty { throw .empty }
    }

    /// The answer to `part`, if the file gives one.
    public func answer(for part: String) -> String? {
        entries.first { $0.part == part }?.text
    }

    static func firstInvalidLine(_ data: Data) -> Int {
        var line = 1
        var start = data.startIndex
        while start <= data.endIndex {
            let end = data[start...].firstIndex(of: 0x0A) ?? data.endIndex
            if String(data: data[start..<end], encoding: .utf8) == nil { return line }
            if end == data.endIndex { break }
            start = data.index(after: end)
            line += 1
        }
        return line
    }
}

extension AnswerFile {
    /// Splits the lines of one file into entries.
    struct Reader {
        let lines: [String]
        let exercise: Exercise
        let selected: String?

        var labels: [String] { exercise.parts.map(\.label) }

        static func isIgnored(_ line: String) -> Bool {
            let trimmed = line.trimmingSpaces
            return trimmed.isEmpty || trimmed.hasPrefix("#")
        }

        func read() throws(AnswerFileError) -> [Entry] {
            guard let first = lines.firstIndex(where: { !Self.isIgnored($0) }) else { throw .empty }
            if exercise.parts.count == 1 {
                return whole(from: first, part: exercise.parts[0])
            }
            if let selected, let part = exercise.part(selected) {
                // `ex4b` with an unlabelled file: the whole file answers b.
                if label(in: lines[first]) == nil { return whole(from: first, part: part) }
            }
            return try labelled()
        }

        /// The whole file as the answer to `part`, dropping a leading label of that part.
        func whole(from first: Int, part: ExercisePart) -> [Entry] {
            var body = Array(lines[first...])
            if !part.label.isEmpty, let (found, rest) = label(in: body[0]), found == part.label {
                body[0] = rest
            }
            let text = join(body, keepBlank: part.kind == .manual)
            return text.isEmpty ? [] : [Entry(part: part.label, text: text, line: first + 1)]
        }

        func labelled() throws(AnswerFileError) -> [Entry] {
            var entries: [Entry] = []
            var bodies: [[String]] = []
            var firstLine: [String: Int] = [:]
            var inManual = false
            for (index, line) in lines.enumerated() {
                let number = index + 1
                if inManual {
                    if !line.trimmingSpaces.hasPrefix("#") { bodies[bodies.count - 1].append(line) }
                    continue
                }
                if Self.isIgnored(line) { continue }
                if let (found, rest) = label(in: line) {
                    guard let part = exercise.part(found) else {
                        throw .unknownPart(label: found, line: number, exerciseID: exercise.id, validLabels: labels)
                    }
                    if let earlier = firstLine[found] {
                        throw .duplicatePart(label: found, line: number, firstLine: earlier)
                    }
                    if let selected, selected != found {
                        throw .partNotSelected(label: found, line: number, selected: selected, exerciseID: exercise.id)
                    }
                    firstLine[found] = number
                    entries.append(Entry(part: found, text: "", line: number))
                    bodies.append([rest])
                    inManual = part.kind == .manual
                } else if !bodies.isEmpty {
                    bodies[bodies.count - 1].append(line)
                } else {
                    throw .missingLabel(line: number, exerciseID: exercise.id, validLabels: labels)
                }
            }
            var result: [Entry] = []
            for (entry, body) in zip(entries, bodies) {
                let kind = exercise.part(entry.part)?.kind
                let text = join(body, keepBlank: kind == .manual)
                if !text.isEmpty { result.append(Entry(part: entry.part, text: text, line: entry.line)) }
            }
            return result
        }

        /// Joins lines, dropping comments, and blank lines unless `keepBlank` (proofs keep their
        /// paragraphs); leading and trailing blank lines always go.
        func join(_ body: [String], keepBlank: Bool) -> String {
            var kept = body.filter { !$0.trimmingSpaces.hasPrefix("#") }
            if !keepBlank { kept = kept.map(Self.droppingComment) }
            if !keepBlank { kept = kept.filter { !$0.trimmingSpaces.isEmpty } }
            let text = keepBlank
                ? kept.joined(separator: "\n")
                : kept.map { $0.trimmingSpaces }.joined(separator: "\n")
            return text.trimmingSpacesAndNewlines
        }

        /// `line` without an inline `# comment` (the answer language has no `#`).
        static func droppingComment(_ line: String) -> String {
            guard let hash = line.firstIndex(of: "#") else { return line }
            return String(line[..<hash])
        }

        /// A part label at the start of `line` (`a)`, `(a)`, `a:`, `a.`, any case) and the rest of the
        /// line. A label is one of the exercise's labels or any single letter (so that an unknown
        /// one can be reported).
        func label(in line: String) -> (String, String)? {
            let text = Substring(line).drop { $0 == " " || $0 == "\t" }
            var candidate: Substring
            var rest: Substring
            if text.first == "(" {
                guard let close = text.firstIndex(of: ")") else { return nil }
                candidate = text[text.index(after: text.startIndex)..<close]
                rest = text[text.index(after: close)...]
            } else {
                guard let end = text.firstIndex(where: { $0 == ")" || $0 == ":" || $0 == "." }) else { return nil }
                candidate = text[..<end]
                rest = text[text.index(after: end)...]
                // `a.` only before a space or the end of the line, so `a.5` is not a label.
                if text[end] == ".", let next = rest.first, !next.isWhitespace { return nil }
            }
            let label = candidate.trimmingSpaces.lowercased()
            let known = labels.contains(label) && !label.isEmpty
            let letter = label.count == 1 && label.first!.isASCII && label.first!.isLetter
            guard known || letter else { return nil }
            return (label, rest.trimmingSpaces)
        }
    }
}
