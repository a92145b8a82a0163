import Grading
import CourseStore

/// Why the grading service could not do what was asked; the description is a sentence for the
/// person at the terminal. Nothing is stored when one is thrown.
public enum CourseError: Error, Sendable, CustomStringConvertible {
    case unknownExercise(String, known: [String])
    case unknownPart(exerciseID: String, part: String, validLabels: [String])
    case badFile(AnswerFileError)
    /// The file could not be read at all (missing, a directory, no permission).
    case unreadableFile(path: String, reason: String)
    case unknownLearner(String)
    /// No attempt of this learner at this exercise waits for review.
    case nothingToReview(exerciseID: String, learner: String)
    /// Both handles name one learner.
    case sameLearner(String)
    /// No attempt has this id.
    case unknownAttempt(String)
    /// The attempt was graded automatically; only answers sent for review can be decided.
    case notReviewable(attemptID: String, verdict: String)
    /// `submit practice` or `show practice` before any practice item was given.
    case noPracticeItem
    /// A practice item id (`p-…`) that no attempt or issued item here names.
    case unknownPracticeItem(String)
    /// `practice --objective` with an objective that no practice family covers, or none at all.
    case notPracticable(objective: String, practicable: [String])
    /// The generator could not rebuild or draw an item (an unknown family or a newer version).
    case practice(String)
    case storage(DatabaseError)
    /// Anything else; a bug to report.
    case unexpected(String)

    public var description: String {
        switch self {
        case let .unknownExercise(id, known):
            if known.isEmpty {
                return "No exercises are imported yet, so there is no exercise '\(id)': run 'course-admin import seeds' first."
            }
            return "There is no exercise '\(id)': the exercises are \(known.joined(separator: ", "))."
        case let .unknownPart(exerciseID, part, valid):
            let labels = valid.filter { !$0.isEmpty }
            if labels.isEmpty {
                return "\(exerciseID) has one part, so it has no part '\(part)': submit it as \(exerciseID)."
            }
            return "Exercise \(exerciseID) has no part '\(part)': its parts are \(labels.joined(separator: ", "))."
        case let .badFile(error):
            return error.description
        case let .unreadableFile(path, reason):
            return "The answer file \(path) could not be read (\(reason)): check the path."
        case let .unknownLearner(handle):
            return "There is no learner '\(handle)': check the handle with 'course-admin learners list'."
        case let .nothingToReview(exerciseID, learner):
            return "No answer of \(learner) to \(exerciseID) is waiting for review: see 'course-admin review list'."
        case let .sameLearner(handle):
            return "Both handles name the learner '\(handle)': give two different learners to merge."
        case let .unknownAttempt(id):
            return "There is no attempt \(id): copy its id from 'course-admin review list'."
        case let .notReviewable(id, verdict):
            return "Attempt \(id) was graded automatically (\(verdict)), so there is nothing to review: only answers waiting for review can be decided."
        case .noPracticeItem:
            return "You have no practice item yet: run 'course practice' to get one."
        case let .unknownPracticeItem(id):
            return "There is no practice item '\(id)' here: run 'course practice' for a new one, or copy the id from 'course history'."
        case let .notPracticable(objective, practicable):
            if practicable.isEmpty {
                return "No objective of the imported content can be practised with generated items: run 'course-admin import seeds' first."
            }
            return "The objective '\(objective)' has no generated practice: the objectives that do are \(practicable.joined(separator: ", "))."
        case let .practice(message):
            return message
        case let .storage(error):
            return error.description
        case let .unexpected(message):
            return "Grading failed unexpectedly (\(message)): please report this."
        }
    }
}
