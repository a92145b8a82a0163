import Grading
/// The spelling rules for ids, labels and tags in the seed files.
enum SeedNames {
    private static func isLower(_ c: Character) -> Bool { ("a"..."z").contains(c) }
    private static func isDigit(_ c: Character) -> Bool { ("0"..."9").contains(c) }

    /// An objective id: lower-case letters and digits in words joined by single dashes (`chain-rule`).
    static func isSlug(_ text: String) -> Bool {
        let words = text.split(separator: "-", omittingEmptySubsequences: false)
        return words.allSatisfy { !$0.isEmpty && $0.allSatisfy { isLower($0) || isDigit($0) } }
    }

    /// An exercise id: a letter, then letters, digits and dashes (`ex1`, `drill8`).
    static func isExerciseID(_ text: String) -> Bool {
        guard let first = text.first, isLower(first) else { return false }
        return text.allSatisfy { isLower($0) || isDigit($0) || $0 == "-" }
    }

    /// A part label of a multi-part exercise: one lower-case letter.
    static func isLabel(_ text: String) -> Bool {
        text.count == 1 && isLower(text.first!)
    }

    /// A mistake tag in snake_case (`chain_missing_inner`).
    static func isMistakeTag(_ text: String) -> Bool {
        guard let first = text.first, isLower(first) else { return false }
        return text.allSatisfy { isLower($0) || isDigit($0) || $0 == "_" }
    }

    /// The number and id in an exercise file name `NN-<id>.yaml`, or nil.
    static func exerciseFile(_ name: String) -> (number: Int, id: String)? {
        let stem: Substring
        if name.hasSuffix(".yaml") { stem = name.dropLast(5) } else if name.hasSuffix(".yml") { stem = name.dropLast(4) } else { return nil }
        guard let dash = stem.firstIndex(of: "-") else { return nil }
        let digits = stem[..<dash]
        let id = stem[stem.index(after: dash)...]
        guard !digits.isEmpty, digits.allSatisfy(isDigit), !id.isEmpty, let number = Int(digits) else { return nil }
        return (number, String(id))
    }

    /// The name in `names` within three edits of `name` (the nearest, ties by order), for
    /// "did you mean" suggestions.
    static func closest(to name: String, in names: Set<String>) -> String? {
        names.sorted()
            .map { ($0, editDistance(name, $0)) }
            .filter { $0.1 <= 3 }
            .min { $0.1 < $1.1 }?.0
    }

    /// Levenshtein distance in characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
