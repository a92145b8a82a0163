import CourseCLI
import CourseModels
import CourseService
import Foundation

/// The human forms of what a learner reads about their own work: `course show` and
/// `course history`. Both are rendered here, in one place, so a change to what they show
/// (a review comment, a new column) is made once.
enum LearnerViews {
    /// `course show`: the prompt, then the learner's state on each part.
    static func exercise(_ view: ExerciseView, terminal: Terminal) -> String {
        var out = terminal.bold("\(view.exercise) — \(view.title)") + "\n\n"
        out += terminal.markdown(view.prompt.trimmingNewlines) + "\n\n"
        out += terminal.bold("Your work") + " (\(view.learner)): " + statusText(view.status)
        if view.status != .notStarted { out += ", score \(percent(view.score))" }
        out += "\n"
        for part in view.parts {
            let name = view.singlePart ? "answer" : "\(part.part))"
            out += "  \(name) \(part.prompt)  [\(part.kind.rawValue)]\n"
            if let answer = part.lastAnswer {
                out += "     last answer: \(shortened(answer, to: 60))  \(verdictText(part.lastVerdict, terminal: terminal))"
                if let score = part.lastScore, part.lastVerdict != .pendingReview { out += " (\(percent(score)))" }
                out += "\n"
            } else {
                out += "     not answered yet\n"
            }
            if let comment = part.reviewComment { out += "     instructor: \(comment)\n" }
            for hint in part.hints { out += "     hint: \(hint)\n" }
            if let key = part.key { out += "     the key: \(key)\n" }
        }
        if let after = view.revealKeyAfter {
            out += "The key of a part is shown after \(after) wrong answer\(after == 1 ? "" : "s") to it.\n"
        }
        out += "\nStart an answer file with: course start \(view.exercise)\n"
        out += "Preview without storing: course check \(view.exercise) answer.txt\n"
        out += "Submit with: course submit \(view.exercise) answer.txt\n"
        return out
    }

    /// `course practice`: why this objective and tier, then the item exactly as `course show` prints it.
    static func practice(_ view: PracticeView, terminal: Terminal) -> String {
        var out = "Practice for \(terminal.bold(view.objectiveTitle)) (mastery \(percent(view.mastery))): "
            + "\(view.familyTitle), tier \(view.tier) of 3, \(view.tierDescription)"
            + " (predicted success \(percent(view.predictedSuccess)))\n"
        if view.repeated { out += "This is your current practice item, not answered yet.\n" }
        out += "\n" + exercise(view.exercise, terminal: terminal)
        out += "Or, for this item: course submit practice answer.txt\n"
        return out
    }

    /// `course history`: one line per attempt with time, part, verdict, score, whether it
    /// counted for mastery, the answer (shortened) and the mistake tag.
    static func history(_ entries: [HistoryEntry], terminal: Terminal) -> String {
        let formatter = Date.ISO8601FormatStyle()
        var out = ""
        for entry in entries {
            let attempt = entry.attempt
            let name = attempt.exerciseID + attempt.part
            // Practice ids (p- and 12 hex digits) are longer than the column: a space still separates them.
            let part = name.count >= 8 ? name + " " : name.rightPadded(to: 8)
            var verdict = attempt.verdict.rawValue
            if let review = entry.review { verdict += review.accepted ? " (accepted)" : " (rejected)" }
            let score = percent(entry.review.map { $0.accepted ? 1 : 0 } ?? attempt.score).leftPadded(to: 4)
            let counted = entry.countedForMastery ? "counted" : "not counted"
            var tag = attempt.mistake.map { "  [\($0)]" } ?? ""
            if attempt.evidence == .keyShown { tag += "  (after the key was shown)" }
            if entry.alreadyAnswered { tag += "  (already answered: the same as an earlier answer)" }
            if let comment = entry.review?.comment, !comment.isEmpty { tag += "  instructor: \(comment)" }
            out += "\(formatter.format(attempt.submittedAt))  \(part)"
                + "\(verdict.rightPadded(to: 25))\(score)  "
                + "\(counted.rightPadded(to: 11))  \(shortened(attempt.answer, to: 40))\(tag)\n"
        }
        return out
    }

    static func statusText(_ state: ExerciseStatus.State) -> String {
        switch state {
        case .notStarted: return "not started"
        case .inProgress: return "in progress"
        case .done: return "done"
        }
    }

    static func verdictText(_ verdict: Verdict?, terminal: Terminal) -> String {
        switch verdict {
        case .correct?: return terminal.check + " correct"
        case .incorrect?: return terminal.cross + " incorrect"
        case .syntaxError?: return terminal.cross + " syntax error"
        case .pendingReview?: return "… waiting for review"
        case nil: return ""
        }
    }
}

/// `text` on one line, cut to `width` characters with an ellipsis when longer.
func shortened(_ text: String, to width: Int) -> String {
    let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
    return line.count <= width ? line : String(line.prefix(width - 1)) + "…"
}
