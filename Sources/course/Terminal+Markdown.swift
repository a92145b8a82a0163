import Foundation

extension Terminal {
    /// The light Markdown of exercise prompts rendered for a terminal: headings (`## Title`) and
    /// `**bold**` in bold, `` `code` `` in cyan, markers removed; indented code blocks are kept
    /// as they are. Not styled (piped, `NO_COLOR`), the text is returned as written: Markdown
    /// is already readable plain text, and a script reading it gets the source unchanged.
    func markdown(_ text: String) -> String {
        guard styled else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            if line.hasPrefix("    ") || line.hasPrefix("\t") { return String(line) }
            let hashes = line.prefix { $0 == "#" }
            if !hashes.isEmpty, hashes.count <= 6, line.dropFirst(hashes.count).first == " " {
                return bold(String(line.dropFirst(hashes.count + 1)))
            }
            return inline(String(line))
        }.joined(separator: "\n")
    }

    /// `**bold**` and `` `code` `` within one line; an unmatched marker is left as typed.
    private func inline(_ line: String) -> String {
        var out = ""
        var rest = Substring(line)
        while !rest.isEmpty {
            if rest.hasPrefix("**"), let end = rest.dropFirst(2).firstRange(of: "**") {
                out += bold(String(rest[rest.index(rest.startIndex, offsetBy: 2)..<end.lowerBound]))
                rest = rest[end.upperBound...]
            } else if rest.first == "`", let end = rest.dropFirst().firstIndex(of: "`") {
                out += cyan(String(rest[rest.index(after: rest.startIndex)..<end]))
                rest = rest[rest.index(after: end)...]
            } else {
                out.append(rest.removeFirst())
            }
        }
        return out
    }
}
