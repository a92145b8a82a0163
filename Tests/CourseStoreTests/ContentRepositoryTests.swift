import CourseModels
import CourseStore
import Foundation
import TestSupport
import Testing

@Suite struct ContentRepositoryTests {
    let test: TestStore
    var content: ContentRepository { test.store.content }

    init() throws {
        test = try TestStore()
    }

    @Test func objectiveUpsertReportsAddedChangedUnchanged() throws {
        var objective = Fixtures.objective()
        #expect(try content.upsert(objective) == .added)
        #expect(try content.upsert(objective) == .unchanged)
        objective.mastery.pSlip = 0.05
        #expect(try content.upsert(objective) == .changed)
        #expect(try content.objective(id: objective.id) == objective)
        #expect(try content.objectives() == [objective])
    }

    @Test func exerciseRoundTripsWithPartsLinksAndHints() throws {
        try content.upsert(Fixtures.objective("chain-rule"))
        try content.upsert(Fixtures.objective("power-rule"))
        let exercise = Fixtures.exercise(objectives: ["power-rule", "chain-rule"])
        #expect(try content.upsert(exercise) == .added)
        #expect(try content.exercise(id: "ex1") == exercise)
        #expect(try content.upsert(exercise) == .unchanged)
    }

    @Test func changedPartsReplaceTheOldOnes() throws {
        try content.upsert(Fixtures.objective())
        var exercise = Fixtures.exercise()
        try content.upsert(exercise)
        exercise.parts.removeLast()
        exercise.parts[0].hints = []
        exercise.contentHash = "h2"
        #expect(try content.upsert(exercise) == .changed)
        #expect(try content.exercise(id: "ex1") == exercise)
        #expect(try test.database.scalarInt64("SELECT count(*) FROM exercise_parts") == 1)
    }

    @Test func linkToUnknownObjectiveIsRefusedWhole() throws {
        let error = #expect(throws: DatabaseError.self) { try content.upsert(Fixtures.exercise()) }
        #expect(error?.kind == .constraint)
        #expect(try content.exercises().isEmpty)
    }

    @Test func exercisesAreInDisplayOrder() throws {
        try content.upsert(Fixtures.objective())
        var late = Fixtures.exercise("ex9")
        late.position = 9
        var early = Fixtures.exercise("ex2")
        early.position = 2
        try content.upsert(late)
        try content.upsert(early)
        #expect(try content.exercises() == [early, late])
        #expect(try content.exercise(id: "ex404") == nil)
    }

    @Test func markAttemptsForRegradeCountsThem() throws {
        let ada = Fixtures.learner()
        try test.store.learners.insert(ada)
        try test.store.attempts.insert(contentsOf: [
            Fixtures.attempt(learner: ada.id, exercise: "ex1"), Fixtures.attempt(learner: ada.id, exercise: "ex1"),
        ])
        #expect(try content.markAttemptsForRegrade(exerciseID: "ex1") == 2)
        #expect(try content.markAttemptsForRegrade(exerciseID: "ex1") == 0)
    }
}
