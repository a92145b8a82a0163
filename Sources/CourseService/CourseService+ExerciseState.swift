import CourseModels
import CourseStore
import Foundation
import Grading

/// Where a learner stands on one part of an exercise: what `course show` prints under the
/// prompt.
public struct PartState: Hashable, Sendable, Encodable {
    public var part: String
    public var prompt: String
    public var kind: AnswerKind
    /// The learner's last stored answer to the part, nil when never answered.
    public var lastAnswer: String?
    /// Its verdict, as decided by the review for a manual part that has one.
    public var lastVerdict: Verdict?
    public var lastScore: Double?
    public var attempts: Int
    public var wrongAttempts: Int
    /// One hint per wrong attempt, up to all of them.
    public var hints: [String]
    /// The key, once the learner's wrong attempts reached the exercise's reveal count; it stays
    /// visible from then on.
    public var key: String?
    /// The instructor's comment on the last reviewed answer to this part.
    public var reviewComment: String?
    /// The review that decided the last answer (accepted or rejected), nil when none.
    public var reviewAccepted: Bool?

    enum CodingKeys: String, CodingKey {
        case part, prompt, kind, lastAnswer = "last_answer", lastVerdict = "last_verdict", lastScore = "last_score"
        case attempts, wrongAttempts = "wrong_attempts", hints, key, reviewComment = "review_comment"
        case reviewAccepted = "review_accepted"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(part, forKey: .part)
        try container.encode(prompt, forKey: .prompt)
        try container.encode(kind.rawValue, forKey: .kind)
        try container.encode(lastAnswer, forKey: .lastAnswer)
        try container.encode(lastVerdict?.rawValue, forKey: .lastVerdict)
        try container.encode(lastScore, forKey: .lastScore)
        try container.encode(attempts, forKey: .attempts)
        try container.encode(wrongAttempts, forKey: .wrongAttempts)
        try container.encode(hints, forKey: .hints)
        try container.encode(key, forKey: .key)
        try container.encode(reviewComment, forKey: .reviewComment)
        try container.encode(reviewAccepted, forKey: .reviewAccepted)
    }
}

/// An exercise as one learner sees it: the content and their own state on it.
public struct ExerciseView: Hashable, Sendable, Encodable {
    public var exercise: String
    public var title: String
    public var prompt: String
    public var learner: String
    public var status: ExerciseStatus.State
    public var score: Double
    /// Wrong attempts at a part after which its key is shown; nil when never.
    public var revealKeyAfter: Int?
    public var parts: [PartState]
    /// True for an exercise answered as a whole (its one part has no label).
    public var singlePart: Bool

    enum CodingKeys: String, CodingKey {
        case exercise, title, prompt, learner, status, score, revealKeyAfter = "reveal_key_after", parts
        case singlePart = "single_part"
    }
}

extension CourseService {
    /// The exercise `reference` names with the learner's own state on each part.
    /// - Throws: `CourseError.unknownExercise`, `.unknownPart` or `.storage`.
    public func exerciseView(learner: Learner, reference: String) throws(CourseError) -> ExerciseView {
        let (exercise, _) = try resolve(reference, learner: learner)
        return try guarded { () throws -> ExerciseView in try exerciseView(learner: learner, exercise: exercise) }
    }

    /// The view of one exercise (a fixed one or a practice item) for the learner.
    func exerciseView(learner: Learner, exercise: Exercise) throws -> ExerciseView {
        do {
            let attempts = MasteryModel.ordered(try store.attempts.attempts(learnerID: learner.id, exerciseID: exercise.id))
            let reviews = try reviewsByAttempt()
            let status = Self.statuses([exercise], attempts: attempts, reviews: reviews)[0]
            let regrader = Regrader(exercises: [exercise], grader: grader)
            let parts = exercise.parts.map { part -> PartState in
                let mine = attempts.filter { $0.part == part.label }
                let wrong = mine.filter { $0.verdict == .incorrect }.count
                let last = mine.last
                var verdict = last?.verdict
                let review = last.flatMap { reviews[$0.id] }
                if let review { verdict = review.accepted ? .correct : .incorrect }
                let reviewed = mine.last { reviews[$0.id] != nil }.flatMap { reviews[$0.id] }
                var key: String?
                if let after = exercise.revealKeyAfter, wrong >= after {
                    key = regrader.key(exerciseID: exercise.id, part: part.label)?.key.displayText
                }
                return PartState(
                    part: part.label, prompt: part.prompt, kind: part.kind, lastAnswer: last?.answer,
                    lastVerdict: verdict, lastScore: review.map { $0.accepted ? 1 : 0 } ?? last?.score,
                    attempts: mine.count, wrongAttempts: wrong, hints: Array(part.hints.prefix(wrong)), key: key,
                    reviewComment: reviewed.flatMap { $0.comment.isEmpty ? nil : $0.comment },
                    reviewAccepted: review?.accepted)
            }
            return ExerciseView(
                exercise: exercise.id, title: exercise.title, prompt: exercise.prompt, learner: learner.handle,
                status: status.state, score: status.score, revealKeyAfter: exercise.revealKeyAfter, parts: parts,
                singlePart: exercise.parts.count == 1 && exercise.parts[0].label.isEmpty)
        }
    }

    /// Grades an answer file exactly as `submit` would, in the learner's present situation,
    /// but stores nothing and moves no mastery: a preview, to see how an answer is read.
    /// - Throws: `CourseError.unknownExercise`, `.unknownPart`, `.badFile` or `.storage`.
    public func check(learner: Learner, reference: String, file: Data) throws(CourseError) -> SubmissionResult {
        let (exercise, selected, answers) = try answerFile(file, for: reference, learner: learner)
        return try guarded { () throws -> SubmissionResult in
            let atExercise = MasteryModel.ordered(try store.attempts.attempts(learnerID: learner.id, exerciseID: exercise.id))
            let regrader = Regrader(exercises: [exercise], grader: grader)
            var results: [PartResult] = []
            for entry in answers.entries {
                guard let part = exercise.part(entry.part) else { continue }
                let mine = atExercise.filter { $0.part == part.label }
                let wrongBefore = mine.filter { $0.verdict == .incorrect }.count
                let grade = regrader.grade(entry.text, exerciseID: exercise.id, part: part.label,
                                           wrongAttemptsBefore: wrongBefore)
                let identical = RepeatedAnswers(regrader: regrader, grader: grader).repeated(
                    entry.text, verdict: grade.verdict, earlier: mine, exerciseID: exercise.id, part: part.label) != nil
                results.append(PartResult(
                    part: part.label, verdict: grade.verdict, score: grade.score, readAs: grade.readAs,
                    feedback: grade.feedback, mistake: grade.mistake, key: nil, identicalToLast: identical,
                    attemptID: nil, wrongAttempts: wrongBefore, answer: entry.text))
            }
            let scored = results.filter { $0.verdict == .correct || $0.verdict == .incorrect }
            let score = scored.isEmpty ? 0 : scored.map(\.score).reduce(0, +) / Double(scored.count)
            return SubmissionResult(
                learner: learner.handle, exercise: exercise.id, selectedPart: selected, title: exercise.title,
                parts: results, score: score, mastery: [], stored: false)
        }
    }

    /// A file ready to fill in for `reference`: the exercise as a comment, then one labelled
    /// line per part (or one answer line for a single-part exercise) under a comment giving the
    /// part's prompt and answer format. It reads back through `AnswerFile` with nothing graded
    /// until a line is filled in. `learner` is needed only for `practice` (their current item).
    /// - Throws: `CourseError.unknownExercise`, `.unknownPart` or `.noPracticeItem`.
    public func answerTemplate(reference: String, learner: Learner? = nil) throws(CourseError) -> String {
        let (exercise, selected) = try resolve(reference, learner: learner)
        var lines = ["# \(exercise.id): \(exercise.title)",
                     "# Write each answer after its label; lines starting with # are ignored.",
                     "# Submit with: course submit \(selected.map { exercise.id + $0 } ?? exercise.id) FILE", ""]
        let single = exercise.parts.count == 1 && exercise.parts[0].label.isEmpty
        for part in exercise.parts where selected == nil || part.label == selected {
            for line in part.prompt.split(whereSeparator: \.isNewline) where !line.isEmpty {
                lines.append("# \(single || selected != nil ? "" : "\(part.label)) ")\(line)")
            }
            lines.append("# Format: \(Self.formatSentence(part.kind))")
            lines.append(single || selected != nil ? "" : "\(part.label)) ")
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    /// How an answer of `kind` is written, as one sentence.
    public static func formatSentence(_ kind: AnswerKind) -> String {
        switch kind {
        case .expression: return "an expression in x, such as 3x^2 cos(x^3)."
        case .implicit: return "dy/dx as an expression in x and y, such as (x^2 - 2y)/(2x - y^2)."
        case .number: return "one number or constant expression, such as 0.25 or e^-2."
        case .numbers: return "numbers separated by commas, in the order asked, such as 0.1, 0.25."
        case .numberSet: return "numbers separated by commas, in any order."
        case .criticalPoints: return "each point as x = 0: local minimum (or maximum, neither), separated by ;."
        case .choice: return "the value of your choice, such as 1e-5."
        case .manual: return "free text; your instructor reviews it."
        }
    }
}
