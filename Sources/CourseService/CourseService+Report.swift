import CourseModels
import Grading
import CourseStore
import Practice
import Foundation

/// The instructor's overview: learners × objectives, attempts and scores, frequent mistakes.
public struct CourseReport: Hashable, Sendable, Encodable {
    public struct LearnerRow: Hashable, Sendable, Encodable {
        public var learner: String
        /// p(known) by objective id, the prior where never observed.
        public var mastery: [String: Double]
        public var mastered: [String]
        public var attempts: Int
        /// Mean score of the graded attempts (syntax errors and pending reviews left out).
        public var meanScore: Double
        public var exercisesDone: Int

        enum CodingKeys: String, CodingKey {
            case learner, mastery, mastered, attempts, meanScore = "mean_score", exercisesDone = "exercises_done"
        }
    }

    public struct MistakeCount: Hashable, Sendable, Encodable {
        public var exercise: String
        public var part: String
        public var mistake: String
        public var count: Int
    }

    /// One exercise across the class.
    public struct ExerciseRow: Hashable, Sendable, Encodable {
        public var exercise: String
        public var title: String
        /// Learners with at least one attempt.
        public var learners: Int
        public var attempts: Int
        /// Of the (learner, part) pairs with a graded attempt, the fraction whose first graded
        /// attempt was right; nil when none was graded.
        public var firstTrySuccess: Double?
        /// Learners with every part right.
        public var done: Int
        /// The exercise's most frequent mistake tags, at most three, most frequent first.
        public var frequentMistakes: [String]
    }

    /// One objective across the class.
    public struct ObjectiveRow: Hashable, Sendable, Encodable {
        public var objective: String
        public var title: String
        /// Mean p(known) over the learners (the prior for one never observed); nil without learners.
        public var meanMastery: Double?
        public var mastered: Int
    }

    /// Generated practice for one objective across the class, per tier.
    public struct PracticeRow: Hashable, Sendable, Encodable {
        public var objective: String
        public var tier: Int
        /// Distinct (learner, item) pairs with a graded answer.
        public var items: Int
        public var attempts: Int
        /// Of those items, the fraction whose first graded answer was right; nil when none.
        public var success: Double?
    }

    /// Objective ids in column order (course order).
    public var objectives: [String]
    public var learners: [LearnerRow]
    public var objectiveRows: [ObjectiveRow]
    /// Per exercise, in course order.
    public var exercises: [ExerciseRow]
    /// Per exercise part, its mistake tags by frequency (most frequent first, then by tag).
    public var mistakes: [MistakeCount]
    /// Generated practice per objective (course order) and tier, for the tiers practised.
    public var practice: [PracticeRow]

    /// The tables `--format csv --table` writes, one per file.
    public enum Table: String, Sendable, CaseIterable {
        case learners, objectives, exercises, mistakes, practice
    }

    /// One table as CSV (RFC 4180: a header row, fields with commas, quotes or line breaks
    /// quoted, lines ending in CRLF-free `\n`).
    public func csv(_ table: Table) -> String {
        // Over scalars, both the test and the escape: a quote or comma followed by a combining
        // mark is one Character, and still a quote or a comma to a CSV reader.
        func field(_ text: String) -> String {
            text.unicodeScalars.contains { $0 == "," || $0 == "\"" || String.isLineBreak($0) }
                ? "\"" + doublingQuotes(text) + "\"" : text
        }
        /// Every `"` scalar twice, as RFC 4180 escapes it.
        func doublingQuotes(_ text: String) -> String {
            var scalars = String.UnicodeScalarView()
            for scalar in text.unicodeScalars {
                scalars.append(scalar)
                if scalar == "\"" { scalars.append(scalar) }
            }
            return String(scalars)
        }
        func number(_ value: Double?) -> String { value.map { NumberText.fixed($0, decimals: 3) } ?? "" }
        var rows: [[String]]
        switch table {
        case .learners:
            rows = [["learner", "attempts", "mean_score", "exercises_done"] + objectives]
            rows += learners.map { row in
                [row.learner, String(row.attempts), number(row.meanScore), String(row.exercisesDone)]
                    + objectives.map { number(row.mastery[$0] ?? 0) }
            }
        case .objectives:
            rows = [["objective", "title", "mean_mastery", "mastered"]]
            rows += objectiveRows.map { [$0.objective, $0.title, number($0.meanMastery), String($0.mastered)] }
        case .exercises:
            rows = [["exercise", "title", "learners", "attempts", "first_try_success", "done", "frequent_mistakes"]]
            rows += exercises.map {
                [$0.exercise, $0.title, String($0.learners), String($0.attempts), number($0.firstTrySuccess),
                 String($0.done), $0.frequentMistakes.joined(separator: " ")]
            }
        case .mistakes:
            rows = [["exercise", "part", "mistake", "count"]]
            rows += mistakes.map { [$0.exercise, $0.part, $0.mistake, String($0.count)] }
        case .practice:
            rows = [["objective", "tier", "items", "attempts", "success"]]
            rows += practice.map { [$0.objective, String($0.tier), String($0.items), String($0.attempts), number($0.success)] }
        }
        return rows.map { $0.map(field).joined(separator: ",") + "\n" }.joined()
    }

    enum CodingKeys: String, CodingKey {
        case objectives, learners, objectiveRows = "objective_rows", exercises, mistakes, practice
    }
}

extension CourseService {
    /// The report behind `course-admin report`.
    /// - Throws: `CourseError.storage`.
    public func report() throws(CourseError) -> CourseReport {
        try guarded { () throws -> CourseReport in
            let exercises = try store.content.exercises().sorted { ($0.position, $0.id) < ($1.position, $1.id) }
            let objectives = Self.courseOrder(try store.content.objectives(), exercises: exercises)
            var perExercise: [String: [Attempt]] = [:]
            var doneBy: [String: Int] = [:]
            let reviews = try reviewsByAttempt()
            var rows: [CourseReport.LearnerRow] = []
            var tally: [String: Int] = [:]
            for learner in try store.learners.all() {
                let attempts = try store.attempts.attempts(learnerID: learner.id)
                let states = Dictionary(
                    try store.mastery.states(learnerID: learner.id).map { ($0.objectiveID, $0) },
                    uniquingKeysWith: { a, _ in a })
                var mastery: [String: Double] = [:]
                var mastered: [String] = []
                for objective in objectives {
                    let p = states[objective.id]?.pKnown ?? objective.mastery.pInit
                    mastery[objective.id] = p
                    if states[objective.id]?.isMastered(objective.mastery) == true { mastered.append(objective.id) }
                }
                let graded = attempts.filter { $0.verdict == .correct || $0.verdict == .incorrect }
                let mean = graded.isEmpty ? 0 : graded.map(\.score).reduce(0, +) / Double(graded.count)
                let statuses = Self.statuses(exercises, attempts: attempts, reviews: reviews)
                let done = statuses.filter { $0.state == .done }.count
                for status in statuses where status.state == .done { doneBy[status.exercise, default: 0] += 1 }
                for attempt in attempts { perExercise[attempt.exerciseID, default: []].append(attempt) }
                rows.append(CourseReport.LearnerRow(
                    learner: learner.handle, mastery: mastery, mastered: mastered, attempts: attempts.count,
                    meanScore: mean, exercisesDone: done))
                for attempt in attempts {
                    if let tag = attempt.mistake { tally[attempt.exerciseID + "\u{0}" + attempt.part + "\u{0}" + tag, default: 0] += 1 }
                }
            }
            let position = Dictionary(exercises.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
            let mistakes = tally.map { key, count -> CourseReport.MistakeCount in
                let fields = key.split(separator: "\u{0}", omittingEmptySubsequences: false).map(String.init)
                return CourseReport.MistakeCount(exercise: fields[0], part: fields[1], mistake: fields[2], count: count)
            }.sorted {
                let a = (position[$0.exercise] ?? Int.max, $0.exercise, $0.part)
                let b = (position[$1.exercise] ?? Int.max, $1.exercise, $1.part)
                if a != b { return a < b }
                return ($1.count, $0.mistake) < ($0.count, $1.mistake)
            }
            let exerciseRows = exercises.map { exercise -> CourseReport.ExerciseRow in
                let attempts = MasteryModel.ordered(perExercise[exercise.id] ?? [])
                var firstGraded: [String: Bool] = [:]
                for attempt in attempts where attempt.verdict == .correct || attempt.verdict == .incorrect {
                    let slot = attempt.learnerID.uuidString + "\u{0}" + attempt.part
                    if firstGraded[slot] == nil { firstGraded[slot] = attempt.verdict == .correct }
                }
                let success = firstGraded.isEmpty
                    ? nil : Double(firstGraded.values.filter { $0 }.count) / Double(firstGraded.count)
                var tags: [String: Int] = [:]
                for attempt in attempts { if let tag = attempt.mistake { tags[tag, default: 0] += 1 } }
                let frequent = tags.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(3).map(\.key)
                return CourseReport.ExerciseRow(
                    exercise: exercise.id, title: exercise.title, learners: Set(attempts.map(\.learnerID)).count,
                    attempts: attempts.count, firstTrySuccess: success, done: doneBy[exercise.id] ?? 0,
                    frequentMistakes: frequent)
            }
            let objectiveRows = objectives.map { objective -> CourseReport.ObjectiveRow in
                let values = rows.compactMap { $0.mastery[objective.id] }
                return CourseReport.ObjectiveRow(
                    objective: objective.id, title: objective.title,
                    meanMastery: values.isEmpty ? nil : values.reduce(0, +) / Double(values.count),
                    mastered: rows.filter { $0.mastered.contains(objective.id) }.count)
            }
            return CourseReport(
                objectives: objectives.map(\.id), learners: rows, objectiveRows: objectiveRows,
                exercises: exerciseRows, mistakes: mistakes,
                practice: Self.practiceRows(perExercise.values.flatMap { $0 }, objectives: objectives.map(\.id)))
        }
    }

    /// Practice per objective and tier: items answered, attempts, and first-answer success.
    static func practiceRows(_ attempts: [Attempt], objectives: [String]) -> [CourseReport.PracticeRow] {
        var first: [String: (objective: String, tier: Int, right: Bool)] = [:]
        var counts: [String: Int] = [:]
        for attempt in MasteryModel.ordered(attempts) {
            guard let spec = attempt.practice, let family = PracticeFamily(rawValue: spec.family) else { continue }
            let group = family.objectiveID + "\u{0}" + String(spec.tier)
            counts[group, default: 0] += 1
            let slot = attempt.learnerID.uuidString + "\u{0}" + attempt.exerciseID
            guard first[slot] == nil, attempt.verdict == .correct || attempt.verdict == .incorrect else { continue }
            first[slot] = (family.objectiveID, spec.tier, attempt.verdict == .correct)
        }
        let order = Dictionary(objectives.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let groups = Set(first.values.map { $0.objective + "\u{0}" + String($0.tier) }).union(counts.keys)
        return groups.map { group -> CourseReport.PracticeRow in
            let fields = group.split(separator: "\u{0}").map(String.init)
            let items = first.values.filter { $0.objective == fields[0] && String($0.tier) == fields[1] }
            return CourseReport.PracticeRow(
                objective: fields[0], tier: Int(fields[1]) ?? 0, items: items.count, attempts: counts[group] ?? 0,
                success: items.isEmpty ? nil : Double(items.filter(\.right).count) / Double(items.count))
        }.sorted { (order[$0.objective] ?? .max, $0.objective, $0.tier) < (order[$1.objective] ?? .max, $1.objective, $1.tier) }
    }
}
