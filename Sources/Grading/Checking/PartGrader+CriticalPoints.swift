import CalculusCore
import CourseModels
import Foundation

/// Critical points with their classification, written `x = 0: local minimum`, several separated
/// by `;` or line breaks (`none` for no critical point).
///
/// Scoring: each key point earns 1 when found and classified right, ½ when found but classified
/// wrong; the total is divided by the number of key points plus the number of extra points. The
/// feedback names extra and misclassified points and counts missing ones without naming them
/// (naming them would give the answer away).
extension PartGrader {
    /// One point as the learner wrote it.
    struct WrittenPoint: Hashable {
        var x: Double
        var kind: CriticalPointKey.Kind
    }

    func gradeCriticalPoints(_ answer: String, points: [CriticalPointKey], tolerance: Tolerance) -> PartGrade {
        let written: [WrittenPoint]
        switch Self.readCriticalPoints(answer) {
        case let .success(list): written = list
        case let .failure(error): return .syntaxError(error.message)
        }
        let readAs = written.isEmpty
            ? "none"
            : written.map { "x = \(AnswerNotation.show($0.x)): \($0.kind.rawValue)" }.joined(separator: "; ")
        var used = Array(repeating: false, count: written.count)
        var credit = 0.0
        var missing = 0
        var misclassified: [WrittenPoint] = []
        for point in points {
            guard let index = written.indices.first(where: { !used[$0] && tolerance.accepts(written[$0].x, key: point.x) }) else {
                missing += 1
                continue
            }
            used[index] = true
            if written[index].kind == point.kind {
                credit += 1
            } else {
                credit += 0.5
                misclassified.append(written[index])
            }
        }
        let unmatched = written.indices.filter { !used[$0] }
        // A point written again after it was matched is a duplicate, not a wrong point.
        let duplicated = unmatched.filter { index in
            written.indices.contains { $0 < index && tolerance.accepts(written[index].x, key: written[$0].x) }
        }
        let extra = unmatched.filter { !duplicated.contains($0) }.map { written[$0] }
        if missing == 0 && unmatched.isEmpty && misclassified.isEmpty { return .correct(readAs: readAs) }
        let score = points.isEmpty && written.isEmpty ? 1 : credit / Double(points.count + unmatched.count)
        var sentences: [String] = []
        var named: Set<Double> = []
        for index in duplicated where named.insert(written[index].x).inserted {
            sentences.append("x = \(AnswerNotation.show(written[index].x)) is given more than once.")
        }
        for point in extra {
            sentences.append("x = \(AnswerNotation.show(point.x)) is not a critical point.")
        }
        if missing > 0 {
            sentences.append(missing == 1 ? "A critical point is missing." : "\(missing) critical points are missing.")
        }
        for point in misclassified {
            let x = AnswerNotation.show(point.x)
            sentences.append(point.kind == .neither
                ? "x = \(x) is in fact a minimum or a maximum."
                : "x = \(x) is not a \(point.kind.rawValue).")
        }
        let mistake: MistakeTag = missing > 0 ? .missedCriticalPoint
            : (!extra.isEmpty ? .extraCriticalPoint : (!duplicated.isEmpty ? .duplicate : .wrongClassification))
        return PartGrade(verdict: .incorrect, score: score, readAs: readAs,
                         feedback: sentences.joined(separator: " "), mistake: mistake.rawValue)
    }

    struct CriticalPointsSyntaxError: Error {
        var message: String
    }

    static func readCriticalPoints(_ answer: String) -> Result<[WrittenPoint], CriticalPointsSyntaxError> {
        let entries = answer.split(whereSeparator: { $0 == ";" || $0 == "\n" })
            .map { $0.trimmingSpaces }
            .filter { !$0.isEmpty }
        if entries.count == 1, ["none", "no critical points", "-", "{}"].contains(entries[0].lowercased()) {
            return .success([])
        }
        var points: [WrittenPoint] = []
        for entry in entries {
            let location: String
            let kindText: String
            if let colon = entry.lastIndex(of: ":") {
                location = String(entry[..<colon])
                kindText = String(entry[entry.index(after: colon)...])
            } else if let comma = entry.lastIndex(of: ",") {
                location = String(entry[..<comma])
                kindText = String(entry[entry.index(after: comma)...])
            } else {
                return .failure(CriticalPointsSyntaxError(
                    message: "'\(entry)' does not say what kind of point it is: write it as 'x = 0: minimum' (or maximum, or neither)."))
            }
            guard let kind = classification(kindText) else {
                return .failure(CriticalPointsSyntaxError(
                    message: "'\(kindText.trimmingSpaces)' in '\(entry)' is not a kind of critical point: write minimum, maximum or neither."))
            }
            let value = AnswerNotation.valueText(location).trimmingSpaces
            do {
                points.append(WrittenPoint(x: try AnswerNotation.number(value), kind: kind))
            } catch {
                return .failure(CriticalPointsSyntaxError(message: "In '\(entry)': " + error.description))
            }
        }
        return .success(points)
    }

    /// min, minimum, local min, local minimum (also relative/strict/global, minima); the same
    /// forms of max; neither, saddle, inflection, none.
    /// A remark in brackets after the kind (`minimum (second-derivative test)`) is ignored.
    static func classification(_ text: String) -> CriticalPointKey.Kind? {
        let filler: Set<String> = ["local", "relative", "strict", "global", "absolute", "point", "of", "a", "an", "is", "it"]
        var text = Substring(text)
        if let open = text.firstIndex(where: { $0 == "(" || $0 == "[" }), text[..<open].contains(where: \.isLetter) {
            text = text[..<open]
        }
        let words = text.lowercased()
            .split(whereSeparator: { !$0.isLetter })
            .map(String.init)
            .filter { !filler.contains($0) }
        guard !words.isEmpty else { return nil }
        let joined = words.joined(separator: " ")
        if ["neither", "saddle", "inflection", "inflexion", "none", "neither min nor max",
            "neither minimum nor maximum", "not an extremum", "no extremum"].contains(where: { joined.hasPrefix($0) }) {
            return .neither
        }
        if words.count == 1 {
            switch words[0] {
            case "min", "minimum", "minima", "minimizer", "minimiser": return .minimum
            case "max", "maximum", "maxima", "maximizer", "maximiser": return .maximum
            default: return nil
            }
        }
        return nil
    }
}
