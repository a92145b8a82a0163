import CourseModels
import CourseStore
import Foundation
import Grading

/// Grades attempts that arrive from another machine (a sync import) with this machine's grader
/// and keys, each in its place in the learner's history here, through the one `Regrader`: so a
/// bundle cannot make a wrong answer count as right, and what is stored is what `submit` or
/// `regrade` would store for the same answer in the same situation.
public final class IncomingAttempts {
    private let store: Store
    private let regrader: Regrader
    private var history = PartHistory()
    /// The learner and exercise pairs whose stored attempts `history` holds.
    private var loaded: Set<Slot> = []

    /// One learner's attempts at one exercise (no text key: a `uuidString` costs about 6,000
    /// instructions, and this is asked once per incoming attempt).
    private struct Slot: Hashable {
        var learnerID: UUID
        var exerciseID: String
    }

    /// - Throws: `DatabaseError` on a storage failure.
    public init(store: Store, cacheLimit: Int = 200_000) throws {
        self.store = store
        regrader = Regrader(exercises: try store.content.exercises(), cacheLimit: cacheLimit, bulk: true)
    }

    /// How many distinct answers were actually graded (the rest came from the cache).
    public var graded: Int { regrader.graded }

    /// The attempts with this machine's grades, in the given order; each is then part of the
    /// history the following ones are graded in.
    /// - Throws: `DatabaseError` on a storage failure.
    public func grade(_ attempts: [Attempt]) throws -> [Attempt] {
        try grade(attempts, checked: startChecking(attempts))
    }

    /// Starts checking the answers of `attempts` on other threads, for a `grade(_:checked:)` of
    /// the same attempts later: the caller stores what it has meanwhile.
    public func startChecking(_ attempts: [Attempt]) -> Regrader.PendingChecks? {
        regrader.add(CourseService.practiceExercises(in: attempts))
        return regrader.startChecks(attempts)
    }

    /// `grade(_:)`, once the checks `startChecking` began for these attempts are done. The checks
    /// only fill the cache of checked answers: every grade is still given here, in order, in the
    /// history of the attempts before it.
    /// - Throws: `DatabaseError` on a storage failure.
    public func grade(_ attempts: [Attempt], checked checks: Regrader.PendingChecks?) throws -> [Attempt] {
        if let checks { regrader.finish(checks) }
        var graded: [Attempt] = []
        graded.reserveCapacity(attempts.count)
        for incoming in attempts {
            if loaded.insert(Slot(learnerID: incoming.learnerID, exerciseID: incoming.exerciseID)).inserted {
                for stored in try store.attempts.attempts(learnerID: incoming.learnerID, exerciseID: incoming.exerciseID) {
                    history.add(stored)
                }
            }
            let local = regrader.regrade(incoming, wrongAttemptsBefore: history.wrongAttempts(before: incoming))
            history.add(local)
            graded.append(local)
        }
        return graded
    }
}
