import CourseModels
import CourseStore
import Foundation
import TestSupport
import Testing

@Suite struct AttemptRepositoryTests {
    let test: TestStore
    let ada = Fixtures.learner("ada")
    let bob = Fixtures.learner("bob")
    var attempts: AttemptRepository { test.store.attempts }

    init() throws {
        test = try TestStore()
        try test.store.learners.insert(ada)
        try test.store.learners.insert(bob)
    }

    /// The index's entry in the schema, and what the planner does with it.
    func exerciseIndex() throws -> String? {
        try test.database.scalarString("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'attempts_by_exercise'")
    }

    @Test func aDeferredExerciseIndexIsBuiltAgainAsItWasAndServesItsQueries() throws {
        let before = try #require(try exerciseIndex())
        let cache = try test.database.scalarInt64("PRAGMA cache_size")
        let stored = (0..<300).map { Fixtures.attempt(learner: $0 % 2 == 0 ? ada.id : bob.id, exercise: "ex\($0 % 7)", at: Int64($0)) }
        try test.store.transaction {
            try attempts.deferringExerciseIndex {
                #expect(try exerciseIndex() == nil)
                try attempts.insert(contentsOf: stored)
            }
        }
        #expect(try exerciseIndex() == before)
        #expect(try test.database.scalarInt64("PRAGMA cache_size") == cache)
        #expect(try test.database.scalarString("PRAGMA integrity_check") == "ok")
        let plan = try test.database.rows("EXPLAIN QUERY PLAN SELECT id FROM attempts WHERE exercise_id = 'ex3' ORDER BY submitted_at") { $0.string(3) }
        #expect(plan.contains { $0.contains("attempts_by_exercise") }, "\(plan)")
        #expect(try attempts.attempts(exerciseID: "ex3") == stored.filter { $0.exerciseID == "ex3" })
    }

    /// A failed import rolls back: the index comes back with everything else.
    @Test func aFailedBodyLeavesTheExerciseIndexAndTheAttemptsAsTheyWere() throws {
        let before = try #require(try exerciseIndex())
        struct Failure: Error {}
        #expect(throws: Failure.self) {
            try test.store.transaction {
                try attempts.deferringExerciseIndex {
                    try attempts.insert(Fixtures.attempt(learner: ada.id))
                    throw Failure()
                }
            }
        }
        #expect(try exerciseIndex() == before)
        #expect(try attempts.count() == 0)
    }

    @Test func roundTripsEveryField() throws {
        var attempt = Fixtures.attempt(learner: ada.id, answer: "  d/dx (x^2) = 2x, 'quoted' \"too\"\n", verdict: .incorrect)
        attempt.needsRegrade = true
        try attempts.insert(attempt)
        #expect(try attempts.attempt(id: attempt.id) == attempt)
        #expect(try attempts.attempt(id: UUID()) == nil)
    }

    @Test func storesTimeAsIntegerMilliseconds() throws {
        let attempt = Fixtures.attempt(learner: ada.id, at: 123)
        try attempts.insert(attempt)
        let stored = try test.database.scalarInt64("SELECT submitted_at FROM attempts")
        #expect(stored == attempt.submittedAt.millisecondsSince1970)
        #expect(try test.database.scalarString("SELECT typeof(submitted_at) FROM attempts") == "integer")
    }

    @Test func unknownLearnerIsRefusedByForeignKey() throws {
        let error = #expect(throws: DatabaseError.self) {
            try attempts.insert(Fixtures.attempt(learner: UUID()))
        }
        #expect(error?.kind == .constraint)
        #expect(error?.message.hasPrefix("FOREIGN KEY constraint failed: no learner has the id") == true)
    }

    @Test func readsOneLearnerInTimeOrderWithIdBreakingTies() throws {
        let late = Fixtures.attempt(learner: ada.id, at: 5_000)
        let tieA = Fixtures.attempt(learner: ada.id, at: 1_000)
        let tieB = Fixtures.attempt(learner: ada.id, at: 1_000)
        let other = Fixtures.attempt(learner: bob.id, at: 2_000)
        try attempts.insert(contentsOf: [late, tieA, other, tieB])
        let expected = [late, tieA, tieB].sorted {
            ($0.submittedAt, $0.id.uuidString) < ($1.submittedAt, $1.id.uuidString)
        }
        #expect(try attempts.attempts(learnerID: ada.id) == expected)
        #expect(try attempts.count(learnerID: ada.id) == 3)
        #expect(try attempts.count() == 4)
    }

    @Test func readsOneLearnersAttemptsAtOneExerciseAndTheLatestTime() throws {
        let first = Fixtures.attempt(learner: ada.id, exercise: "ex2", at: 10)
        let second = Fixtures.attempt(learner: ada.id, exercise: "ex2", at: 30)
        let elsewhere = Fixtures.attempt(learner: ada.id, exercise: "ex3", at: 40)
        try attempts.insert(contentsOf: [second, elsewhere, first, Fixtures.attempt(learner: bob.id, exercise: "ex2", at: 50)])
        #expect(try attempts.attempts(learnerID: ada.id, exerciseID: "ex2") == [first, second])
        #expect(try attempts.latestSubmission(learnerID: ada.id) == elsewhere.submittedAt)
        #expect(try attempts.latestSubmission(learnerID: UUID()) == nil)
    }

    @Test func readsOneExerciseAcrossLearners() throws {
        let a = Fixtures.attempt(learner: ada.id, exercise: "ex2", at: 10)
        let b = Fixtures.attempt(learner: bob.id, exercise: "ex2", at: 5)
        try attempts.insert(contentsOf: [a, b, Fixtures.attempt(learner: ada.id, exercise: "ex3")])
        #expect(try attempts.attempts(exerciseID: "ex2") == [b, a])
    }

    @Test func lastAttemptOfOnePart() throws {
        let first = Fixtures.attempt(learner: ada.id, part: "a", at: 1)
        let last = Fixtures.attempt(learner: ada.id, part: "a", at: 2)
        let otherPart = Fixtures.attempt(learner: ada.id, part: "b", at: 3)
        try attempts.insert(contentsOf: [last, first, otherPart])
        #expect(try attempts.lastAttempt(learnerID: ada.id, exerciseID: "ex1", part: "a") == last)
        #expect(try attempts.lastAttempt(learnerID: bob.id, exerciseID: "ex1", part: "a") == nil)
    }

    @Test func bulkInsertIsAllOrNothing() throws {
        let good = Fixtures.attempt(learner: ada.id)
        let orphan = Fixtures.attempt(learner: UUID())
        #expect(throws: DatabaseError.self) { try attempts.insert(contentsOf: [good, orphan]) }
        #expect(try attempts.count() == 0)
    }

    /// Inside a transaction a refused bulk insert undoes its own rows (a savepoint); as part of
    /// the enclosing transaction it leaves the rows before the refused one, for the caller's
    /// rollback to undo with everything else.
    @Test func aNestedBulkInsertIsUndoneByItsSavepointOrWithTheEnclosingTransaction() throws {
        let held = Fixtures.attempt(learner: ada.id, at: 1)
        let good = Fixtures.attempt(learner: ada.id, at: 2)
        let orphan = Fixtures.attempt(learner: UUID())
        struct Abandon: Error {}
        var refusedAlone = false, refusedInPlace = false, countAfterAlone = -1, countAfterInPlace = -1
        do {
            try test.database.transaction {
                try attempts.insert(held)
                do { try attempts.insert(contentsOf: [good, orphan]) } catch is DatabaseError { refusedAlone = true }
                countAfterAlone = try attempts.count()
                do {
                    try attempts.insert(contentsOf: [good, orphan], partOfEnclosingTransaction: true)
                } catch is DatabaseError { refusedInPlace = true }
                countAfterInPlace = try attempts.count()
                throw Abandon()
            }
        } catch is Abandon {}
        #expect(refusedAlone && countAfterAlone == 1)
        #expect(refusedInPlace && countAfterInPlace == 2)
        #expect(try attempts.count() == 0)
        // Outside a transaction the flag changes nothing: all or none.
        #expect(throws: DatabaseError.self) { try attempts.insert(contentsOf: [good, orphan], partOfEnclosingTransaction: true) }
        #expect(try attempts.count() == 0)
    }

    /// The bulk insert runs without the schema's CHECK constraints (they cost a temporary index
    /// per row): that is sound only while every value of the typed columns passes them.
    @Test func everyVerdictAndEvidencePassesTheSchemaChecks() throws {
        for verdict in Verdict.allCases {
            for evidence in Evidence.allCases {
                for needsRegrade in [false, true] {
                    var attempt = Fixtures.attempt(learner: ada.id, verdict: verdict)
                    attempt.evidence = evidence
                    attempt.needsRegrade = needsRegrade
                    try attempts.insert(attempt)
                    #expect(try attempts.attempt(id: attempt.id) == attempt)
                }
            }
        }
    }

    @Test func theChecksHoldAgainAfterABulkInsert() throws {
        try attempts.insert(contentsOf: [Fixtures.attempt(learner: ada.id), Fixtures.attempt(learner: bob.id)],
                            pausingCheckpoints: true)
        #expect(try test.database.scalarInt64("PRAGMA ignore_check_constraints") == 0)
        try attempts.insert(Fixtures.attempt(learner: ada.id))
        let error = #expect(throws: DatabaseError.self) {
            try test.database.execute("UPDATE attempts SET verdict = 'maybe'")
        }
        #expect(error?.kind == .constraint)
        #expect(try attempts.count() == 3)
    }

    @Test func insertIfAbsentTellsPresentFromConflict() throws {
        let attempt = Fixtures.attempt(learner: ada.id)
        #expect(try attempts.insertIfAbsent(attempt) == .inserted)
        #expect(try attempts.insertIfAbsent(attempt) == .alreadyPresent)
        var different = attempt
        different.answer = "3x"
        #expect(try attempts.insertIfAbsent(different) == .conflict(existing: attempt))
        #expect(try attempts.attempt(id: attempt.id)?.answer == "2x")
        let batch = [attempt, Fixtures.attempt(learner: bob.id)]
        #expect(try attempts.insertIfAbsent(contentsOf: batch) == [.alreadyPresent, .inserted])
    }

    @Test func regradeFlagsAndUpdates() throws {
        let one = Fixtures.attempt(learner: ada.id, exercise: "ex1", verdict: .incorrect)
        let other = Fixtures.attempt(learner: ada.id, exercise: "ex2")
        try attempts.insert(contentsOf: [one, other])
        #expect(try attempts.markNeedsRegrade(exerciseID: "ex1") == 1)
        #expect(try attempts.attemptsNeedingRegrade().map(\.id) == [one.id])
        #expect(try attempts.updateGrade(
            id: one.id, verdict: .correct, score: 1, feedback: "Correct now.", mistake: nil, graderVersion: "2.0"))
        let regraded = try #require(try attempts.attempt(id: one.id))
        #expect(regraded.verdict == .correct)
        #expect(regraded.mistake == nil)
        #expect(regraded.graderVersion == "2.0")
        #expect(regraded.answer == one.answer)
        #expect(regraded.submittedAt == one.submittedAt)
        #expect(!regraded.needsRegrade)
        #expect(try attempts.attemptsNeedingRegrade().isEmpty)
        #expect(try !attempts.updateGrade(id: UUID(), verdict: .correct, score: 1, feedback: "", mistake: nil, graderVersion: "2"))
    }

    @Test func allIsInTimeOrder() throws {
        let a = Fixtures.attempt(learner: bob.id, at: 1)
        let b = Fixtures.attempt(learner: ada.id, at: 2)
        try attempts.insert(contentsOf: [b, a])
        #expect(try attempts.all() == [a, b])
    }
}
