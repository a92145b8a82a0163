import CourseModels
@testable import CourseStore
import Foundation
import TestSupport
import Testing

/// The product's frequent reads are served by indexes, not table scans.
@Suite struct QueryPlanTests {
    let test: TestStore

    init() throws {
        test = try TestStore()
        // A few rows and fresh statistics, so the planner chooses as it would on real data.
        let ada = Fixtures.learner()
        try test.store.learners.insert(ada)
        try test.store.attempts.insert(contentsOf: (0..<50).map { Fixtures.attempt(learner: ada.id, exercise: "ex\($0 % 5)", at: Int64($0)) })
        try test.database.execute("ANALYZE")
    }

    func plan(_ sql: String, _ arguments: [(any DatabaseValueConvertible)?]) throws -> String {
        try test.database.prepare("EXPLAIN QUERY PLAN " + sql).rows(arguments) { $0.string(3) }.joined(separator: "\n")
    }

    @Test func oneLearnersAttemptsInTimeOrderAreOneRangeOfTheClusteredTable() throws {
        let plan = try plan(AttemptRepository.byLearnerSQL, [UUID()])
        #expect(plan.contains("SEARCH a USING PRIMARY KEY (learner=?)"), "\(plan)")
        #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
    }

    @Test func oneExercisesAttemptsUseTheirIndex() throws {
        let plan = try plan(AttemptRepository.byExerciseSQL, ["ex1"])
        #expect(plan.contains("USING INDEX attempts_by_exercise (exercise_id=?)"), "\(plan)")
    }

    @Test func lastAttemptOfAPartWalksTheLearnersOwnRange() throws {
        let plan = try plan(AttemptRepository.lastAttemptSQL, ["ex1", UUID(), "a"])
        #expect(plan.contains("USING PRIMARY KEY (learner=?)"), "\(plan)")
        #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
    }

    @Test func oneLearnersAttemptsAtAnExerciseWalkTheirOwnRange() throws {
        let plan = try plan(AttemptRepository.byLearnerAndExerciseSQL, [UUID(), "ex1"])
        #expect(plan.contains("USING PRIMARY KEY (learner=?)"), "\(plan)")
        #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
        let latestPlan = try self.plan(AttemptRepository.latestSQL, [UUID()])
        #expect(latestPlan.contains("PRIMARY KEY (learner=?)"), "\(latestPlan)")
    }

    @Test func oneObjectivesMasteryAcrossLearnersUsesItsIndex() throws {
        let plan = try plan(MasteryRepository.byObjectiveSQL, ["chain-rule"])
        #expect(plan.contains("USING COVERING INDEX mastery_by_objective (objective_id=?)")
            || plan.contains("USING INDEX mastery_by_objective (objective_id=?)"), "\(plan)")
    }
}
