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
    case storage(DatabaseError)
    /// Anything else; a bug to report.
    case unexpected(String)

    public var description: String {
        switch self {
        case let .unknownExercise(id, known):
            let list = known.isEmpty ? "none are imported yet (run 'course-admin import seeds')" : known.joined(separator: ", ")
            return "There is no exercise '\(id)': the exercises are \(list)."
        case let .unknownPart(exerciseID, part, valid):
            return "Exercise \(exerciseID) has no part '\(part)': its parts are \(valid.joined(separator: ", "))."
        case let .badFile(error):
            return error.description
        case let .unreadableFile(path, reason):
            return "The answer file \(path) could not be read (\(reason)): check the path."
        case let .unknownLearner(handle):
            return "There is no learner '\(handle)': check the handle with 'course-admin learners list'."
        case let .nothingToReview(exerciseID, learner):
            return "No answer of \(learner) to \(exerciseID) is waiting for review: see 'course-admin review list'."
        case let .storage(error):
            return error.description
        case let .unexpected(message):
            return "Grading failed unexpectedly (\(message)): please report this."
        }
    }
}
