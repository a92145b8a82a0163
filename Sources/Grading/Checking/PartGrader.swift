import CalculusCore
import CourseModels
import Foundation

/// Grades one answer to one exercise part against its key: pure, no storage.
///
/// Each answer kind has its own checker (`PartGrader+Numbers`, `PartGrader+CriticalPoints`);
/// expressions and implicit derivatives are compared by `EquivalenceChecker`, and a wrong
/// derivative is explained by `MistakeDetector` when one mistaken rule accounts for it.
public struct PartGrader: Sendable {
    public var checker: EquivalenceChecker

    public init(checker: EquivalenceChecker = EquivalenceChecker()) {
        self.checker = checker
    }

    /// Grades `answer` (as written in the file) for `part`.
    ///
    /// `wrongAttemptsBefore` is how many earlier attempts at this part were wrong: hints are
    /// revealed one at a time, the first after the first wrong answer.
    public func grade(_ answer: String, part: ExercisePart, wrongAttemptsBefore: Int = 0) -> PartGrade {
        guard let key = try? CompiledKey(json: part.keyJSON) else { return Self.unreadableKey }
        return grade(answer, key: key, part: part, wrongAttemptsBefore: wrongAttemptsBefore)
    }

    /// The grade of an answer to a part whose stored key cannot be read: left for an instructor.
    public static let unreadableKey = PartGrade(
        verdict: .pendingReview, score: 0,
        feedback: "This part's key could not be read, so an instructor will grade your answer.")

    /// Grades `answer` against an already compiled `key`: `check`, then `situate`.
    public func grade(_ answer: String, key: CompiledKey, part: ExercisePart, wrongAttemptsBefore: Int = 0) -> PartGrade {
        situate(check(answer, key: key, part: part), key: key, part: part, wrongAttemptsBefore: wrongAttemptsBefore)
    }

    /// What depends only on the answer and the key: verdict, score, how it was read, the mistake
    /// and the checker's own explanation. The expensive part of grading, and the part worth
    /// caching per distinct answer.
    public func check(_ answer: String, key compiled: CompiledKey, part: ExercisePart) -> PartGrade {
        let key = compiled.key
        switch key.answer {
        case let .expression(expressionKey):
            return gradeExpression(answer, expressionKey, compiled: compiled, form: key.form?.expressionForm,
                                   limitVariable: key.limitVariable)
        case let .implicit(implicitKey):
            return gradeImplicit(answer, implicitKey, compiled: compiled)
        case let .number(value, tolerance):
            return gradeNumbers(answer, values: [value], tolerances: [tolerance], ordered: true, single: true, key: key)
        case let .numbers(values, tolerances, ordered):
            return gradeNumbers(answer, values: values, tolerances: tolerances, ordered: ordered, single: false, key: key)
        case let .criticalPoints(points, tolerance):
            return gradeCriticalPoints(answer, points: points, tolerance: tolerance)
        case let .choice(options, choiceKey):
            return gradeChoice(answer, options: options, key: choiceKey)
        case .manual:
            return PartGrade(
                verdict: .pendingReview, score: 0, readAs: nil,
                feedback: "Your answer is in the instructor's review queue; it counts once reviewed.")
        }
    }

    /// A checked grade in its place in the learner's history: a wrong answer's feedback gains the
    /// mistake's message, or the hint that `wrongAttemptsBefore` earlier wrong answers unlocked.
    public func situate(_ checked: PartGrade, key: CompiledKey, part: ExercisePart, wrongAttemptsBefore: Int) -> PartGrade {
        guard checked.verdict == .incorrect else { return checked }
        var grade = checked
        grade.feedback = Self.explain(checked, key: key.key, part: part, wrongAttemptsBefore: wrongAttemptsBefore)
        return grade
    }

    /// The feedback for a wrong answer: the mistake's message when one was recognised, else the
    /// checker's own explanation followed by the next hint.
    static func explain(_ grade: PartGrade, key: PartKey, part: ExercisePart, wrongAttemptsBefore: Int) -> String {
        var sentences: [String] = []
        if !grade.feedback.isEmpty { sentences.append(grade.feedback) }
        if let tag = grade.mistake {
            // The checker's own sentences already say what the tag would (points, duplicates,
            // digits): each message once.
            let message = key.mistakes[tag] ?? (grade.feedback.isEmpty ? MistakeTag(rawValue: tag)?.defaultMessage : nil)
            if let message, !sentences.contains(message), !Self.detailedTags.contains(tag) || grade.feedback.isEmpty {
                sentences.append(message)
            }
        } else if !part.hints.isEmpty {
            let hint = part.hints[min(max(wrongAttemptsBefore, 0), part.hints.count - 1)]
            sentences.append("Hint: " + hint)
        }
        return sentences.isEmpty ? "Not quite." : sentences.joined(separator: " ")
    }

    /// Tags whose checker feedback already names the specific problem; the part's general
    /// message for them would repeat it.
    static let detailedTags: Set<String> = [
        MistakeTag.missedCriticalPoint.rawValue, MistakeTag.extraCriticalPoint.rawValue,
        MistakeTag.wrongClassification.rawValue, MistakeTag.duplicate.rawValue, MistakeTag.limitNotTaken.rawValue,
    ]

    // MARK: Expressions

    func gradeExpression(
        _ answer: String, _ key: ExpressionKey, compiled: CompiledKey, form: ExpressionForm? = nil, limitVariable: String? = nil
    ) -> PartGrade {
        let expression: CalculusCore.Expression
        do {
            expression = try Parser.learner(variables: Set(key.variables)).parse(AnswerNotation.expressionText(answer))
        } catch {
            return .syntaxError(error.description)
        }
        guard let keyExpression = compiled.expression else {
            return PartGrade(verdict: .pendingReview, score: 0, readAs: expression.description,
                             feedback: "This part's key could not be read, so an instructor will grade your answer.")
        }
        let domain = key.domain.mapValues(\.range)
        let readAs = expression.description
        let verdict = checker.judge(keyExpression, expression, domain: domain)
        if let form, form == .noLimitVariable, let limitVariable,
           !form.isSatisfied(by: expression, key: keyExpression, limitVariable: limitVariable) {
            // Right or wrong, an answer to "take the limit" that still has h has not taken it.
            return PartGrade(verdict: .incorrect, score: 0, readAs: readAs,
                             feedback: "You still have \(limitVariable): let \(limitVariable) → 0.",
                             mistake: MistakeTag.limitNotTaken.rawValue)
        }
        switch verdict {
        case .equivalent:
            if let form, !form.isSatisfied(by: expression, key: keyExpression, limitVariable: limitVariable) {
                return PartGrade(verdict: .incorrect, score: 0, readAs: readAs, feedback: "",
                                 mistake: AnswerForm(rawValue: form.rawValue)?.mistake.rawValue)
            }
            return .correct(readAs: readAs)
        case let .different(point, expected, actual):
            if let reading = PrecedenceReading.alternative(
                answer: AnswerNotation.expressionText(answer), variables: key.variables, key: keyExpression,
                domain: domain, checker: checker) {
                return PartGrade(verdict: .incorrect, score: 0, readAs: readAs,
                                 feedback: "Read as \(readAs); did you mean \(reading)? Add the brackets.")
            }
            var mistake: MistakeTag?
            let transforms = compiled.function != nil ? compiled.mistakeSearchTransforms() : []
            let profiled = compiled.mistakeSearchProfile(of: expression, transforms: transforms)
            if compiled.function != nil {
                mistake = MistakeDetector(checker: checker).mistake(
                    answer: expression, key: keyExpression, transforms: transforms, domain: domain, profiled: profiled)
            } else {
                mistake = MistakeDetector(checker: checker).factorMistake(
                    answer: expression, key: keyExpression, domain: domain, profiled: profiled)
            }
            let feedback = mistake == nil ? Self.counterexample(point, expected: expected, actual: actual) : ""
            return PartGrade(verdict: .incorrect, score: 0, readAs: readAs, feedback: feedback, mistake: mistake?.rawValue)
        case .undetermined:
            return PartGrade(verdict: .incorrect, score: 0, readAs: readAs,
                             feedback: "Your answer could not be compared with the key on this part's domain.")
        }
    }

    /// "At x = 1.3 your answer gives 2.1, but the right value is 2.35 (a difference of 0.25)."
    /// Both values get as many significant digits as it takes for them to print differently.
    static func counterexample(_ point: [String: Double], expected: Double, actual: Double, curve: Bool = false) -> String {
        let place = point.sorted { $0.key < $1.key }
            .map { "\($0.key) = \(AnswerNotation.brief($0.value))" }
            .joined(separator: ", ")
        let prefix = curve ? "At the point \(place) of the curve" : "At \(place)"
        if actual.isNaN || !actual.isFinite {
            return "\(prefix) your answer is undefined, but the right value is \(AnswerNotation.brief(expected))."
        }
        let digits = AnswerNotation.distinguishingDigits(actual, expected)
        return "\(prefix) your answer gives \(AnswerNotation.brief(actual, digits: digits)), but the right value is "
            + "\(AnswerNotation.brief(expected, digits: digits)) (a difference of \(AnswerNotation.brief(actual - expected)))."
    }

    // MARK: Implicit derivatives

    func gradeImplicit(_ answer: String, _ key: ImplicitKey, compiled: CompiledKey) -> PartGrade {
        let expression: CalculusCore.Expression
        do {
            expression = try Parser.learner(variables: [key.x, key.y]).parse(AnswerNotation.expressionText(answer))
        } catch {
            return .syntaxError(error.description)
        }
        let readAs = expression.description
        guard let keyExpression = compiled.expression, let curve = compiled.curve else {
            return PartGrade(verdict: .pendingReview, score: 0, readAs: readAs,
                             feedback: "This part's key could not be read, so an instructor will grade your answer.")
        }
        let box = (x: key.xRange.range, y: key.yRange.range)
        switch checker.judgeOnCurve(keyExpression, expression, curve: curve, x: key.x, y: key.y, box: box) {
        case .equivalent:
            return .correct(readAs: readAs)
        case let .different(point, expected, actual):
            let mistake = MistakeDetector(checker: checker).implicitMistake(
                answer: expression, key: keyExpression, curve: curve, transforms: compiled.mistakeSearchTransforms(),
                x: key.x, y: key.y, box: box)
            let feedback = mistake == nil
                ? Self.counterexample(point, expected: expected, actual: actual, curve: true) : ""
            return PartGrade(verdict: .incorrect, score: 0, readAs: readAs, feedback: feedback, mistake: mistake?.rawValue)
        case .undetermined:
            return PartGrade(verdict: .incorrect, score: 0, readAs: readAs,
                             feedback: "Your answer could not be compared with the key at points of the curve; write it in terms of \(key.x) and \(key.y) only.")
        }
    }
}
