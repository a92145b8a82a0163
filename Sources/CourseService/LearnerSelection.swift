import CourseModels
import Grading
import CourseStore
import Foundation

/// Why no learner could be chosen; each message says what to type.
public enum LearnerSelectionError: Error, Hashable, Sendable, CustomStringConvertible {
    case noLearnerChosen
    case unknownLearner(String)
    case notRegisteredHere(String)
    case invalidHandle(HandleError)
    case alreadyExists(String)

    public var description: String {
        switch self {
        case .noLearnerChosen:
            return "no learner is chosen: run 'course login HANDLE' once, or pass --learner HANDLE, or set COURSE_LEARNER"
        case let .unknownLearner(handle):
            return "there is no learner '\(handle)' on this machine: check the spelling, or run 'course login \(handle)' to create it"
        case let .notRegisteredHere(handle):
            return "there is no learner '\(handle)' on this machine, and learners here are managed by the instructor: ask them to run 'course-admin learners add \(handle)'"
        case let .invalidHandle(error):
            return error.description
        case let .alreadyExists(handle):
            return "a learner '\(handle)' already exists; choose another handle"
        }
    }
}

/// Chooses the learner a command acts for, and manages logins.
///
/// A machine where the instructor has added learners with `course-admin learners add` is a
/// managed (shared) machine: there `course login` only picks existing learners. On a personal
/// machine, where nobody has, `course login NAME` creates the learner the first time.
public struct LearnerSelection {
    public let store: Store

    static let managedKey = "learners.managed"

    public init(store: Store) {
        self.store = store
    }

    /// The learner named by `explicit` (`--learner`), else `$COURSE_LEARNER`, else the one
    /// remembered by `course login`.
    /// - Throws: `LearnerSelectionError` when none is chosen or the handle is unknown.
    public func current(explicit: String?, environment: [String: String]) throws -> Learner {
        var handle = explicit ?? environment["COURSE_LEARNER"].flatMap { $0.isEmpty ? nil : $0 }
        if handle == nil { handle = try store.settings.currentLearnerHandle() }
        guard let handle else { throw LearnerSelectionError.noLearnerChosen }
        guard let learner = try store.learners.learner(handle: handle) else {
            throw LearnerSelectionError.unknownLearner(handle)
        }
        return learner
    }

    /// Remembers `handle` as this installation's learner, creating it on a personal machine.
    /// - Returns: the learner and whether it was created.
    public func login(handle: String, displayName: String? = nil, now: Date = Date()) throws -> (learner: Learner, created: Bool) {
        do { try Learner.validate(handle: handle) } catch { throw LearnerSelectionError.invalidHandle(error) }
        var created = false
        let learner: Learner
        if let existing = try store.learners.learner(handle: handle) {
            learner = existing
        } else {
            guard try store.settings.value(forKey: Self.managedKey) != "true" else {
                throw LearnerSelectionError.notRegisteredHere(handle)
            }
            learner = Learner(handle: handle, displayName: displayName ?? handle, createdAt: now)
            try store.learners.insert(learner)
            created = true
        }
        try store.settings.setCurrentLearnerHandle(handle)
        return (learner, created)
    }

    /// Adds a learner (the instructor's command); marks this machine as managed.
    public func add(handle: String, displayName: String?, now: Date = Date()) throws -> Learner {
        do { try Learner.validate(handle: handle) } catch { throw LearnerSelectionError.invalidHandle(error) }
        return try store.transaction {
            if try store.learners.learner(handle: handle) != nil {
                throw LearnerSelectionError.alreadyExists(handle)
            }
            let learner = Learner(handle: handle, displayName: displayName ?? handle, createdAt: now)
            try store.learners.insert(learner)
            try store.settings.setValue("true", forKey: Self.managedKey)
            return learner
        }
    }
}
