import CourseModels
import CourseService
import CourseStore
import Foundation
import Grading
@testable import Sync
import TestSupport
import Testing

/// A bundle of many batches: each batch is looked up and checked while the one before it is
/// graded and stored, and the result is what grading the attempts one after another gives.
struct BatchedImportTests {
    @Test func aBundleOfSeveralBatchesIsStoredAsItsAttemptsInOrderWouldBe() throws {
        let folder = try TemporaryFolder()
        let source = try Machine("source", in: folder)
        let learners = try (0..<3).map { try source.addLearner("k\($0)") }
        let count = BundleImporter.batchSize * 2 + 517
        var attempts: [Attempt] = []
        for index in 0..<count {
            let (exercise, part, answers) = TestContent.answers[index % TestContent.answers.count]
            // Every answer text distinct, so each is checked, right and wrong ones mixed.
            let answer = answers[index % answers.count] + String(repeating: " ", count: index / 97 % 3)
                + (index % 11 == 0 ? " + 0*x" : "")
            attempts.append(Attempt(
                learnerID: learners[index % learners.count].id, exerciseID: exercise, part: part, answer: answer,
                submittedAt: Date(millisecondsSince1970: 1_700_000_000_000 + Int64(index) * 1000),
                deviceID: source.device, graderVersion: "grader-0", verdict: .correct, score: 1))
        }
        let bundle = folder.path("many.json")
        try writeBundle(bundle, learners: learners, attempts: attempts, signer: try source.identity())

        // Two identical machines, each already holding every 40th attempt, graded wrong there (fewer than a listful per batch).
        func machine(_ name: String) throws -> Machine {
            let target = try Machine(name, in: folder)
            for learner in learners { try target.addLearner(learner.handle, id: learner.id) }
            for (index, var attempt) in attempts.enumerated() where index % 40 == 4 {
                (attempt.verdict, attempt.score) = (.incorrect, 0)
                try target.store.attempts.insert(attempt)
            }
            return target
        }
        let imported = try machine("imported"), reference = try machine("reference")

        let report = try imported.importBundle(bundle)
        // The same bundle imported with the exercise index set aside (as a large one is) stores
        // the same, and leaves the index as it was.
        let deferred = try machine("deferred")
        let index = "SELECT sql FROM sqlite_master WHERE name = 'attempts_by_exercise'"
        let indexBefore = try deferred.store.database.scalarString(index)
        var importer = BundleImporter(store: deferred.store, now: Date(millisecondsSince1970: 1_750_000_000_000))
        importer.deferredIndexFrom = 1
        let deferredReport = try importer.importBundle(at: bundle)
        #expect(deferredReport.added == report.added && deferredReport.verdictDifferenceCount == report.verdictDifferenceCount)
        #expect(try deferred.attempts() == imported.attempts())
        #expect(try deferred.mastery() == imported.mastery())
        #expect(try deferred.store.database.scalarString(index) == indexBefore && indexBefore != nil)
        let fresh = attempts.enumerated().filter { $0.offset % 40 != 4 }.map(\.element)
        #expect(report.added == fresh.count && report.alreadyPresent == count - fresh.count && report.conflicts.isEmpty)

        // The reference grades the new attempts in one call, in bundle order, and stores them.
        let graded = try IncomingAttempts(store: reference.store).grade(fresh)
        try reference.store.attempts.insert(contentsOf: graded, pausingCheckpoints: false)
        #expect(try imported.attempts() == reference.attempts())

        // Verdict differences are listed batch by batch: first the attempts already here, then
        // the new ones, as a batch stored on its own lists them.
        let local = Dictionary(uniqueKeysWithValues: graded.map { ($0.id, $0.verdict) })
        var expected: [UUID] = []
        for start in stride(from: 0, to: count, by: BundleImporter.batchSize) {
            let batch = attempts[start..<min(count, start + BundleImporter.batchSize)]
            expected += batch.filter { local[$0.id] == nil }.map(\.id)
            expected += batch.filter { local[$0.id].map { $0 != .correct } ?? false }.map(\.id)
        }
        #expect(report.verdictDifferenceCount == expected.count)
        #expect(report.verdictDifferences.map(\.attemptID) == Array(expected.prefix(BundleImporter.listedDifferences)))
        #expect(expected.count > BundleImporter.listedDifferences)
    }

    /// Batches are stored straight into the import's transaction (no savepoint each): a batch
    /// refused after others were stored still leaves nothing of the bundle behind.
    @Test func aBatchRefusedLateLeavesNothingOfTheBundle() throws {
        let folder = try TemporaryFolder()
        let source = try Machine("source", in: folder)
        let learners = try (0..<2).map { try source.addLearner("k\($0)") }
        let count = BundleImporter.batchSize * 3 + 11
        let attempts = (0..<count).map { index in
            let (exercise, part, answers) = TestContent.answers[index % TestContent.answers.count]
            return Attempt(
                learnerID: learners[index % learners.count].id, exerciseID: exercise, part: part,
                answer: answers[index % answers.count], submittedAt: Date(millisecondsSince1970: 1_700_000_000_000 + Int64(index) * 1000),
                deviceID: source.device, graderVersion: "grader-0", verdict: .correct, score: 1)
        }
        let bundle = folder.path("many.json")
        try writeBundle(bundle, learners: learners, attempts: attempts, signer: try source.identity())

        for deferred in [false, true] {
            let target = try Machine("target-\(deferred)", in: folder)
            let held = attempts[7]
            _ = try target.addLearner(learners[1].handle, id: learners[1].id)
            try target.store.attempts.insert(held)
            let masteryBefore = try target.mastery()
            // The store refuses one attempt of the third batch, after two batches went in.
            let refused = attempts[BundleImporter.batchSize * 2 + 5].submittedAt.millisecondsSince1970
            try target.store.database.executeScript("""
                CREATE TRIGGER refuse_one BEFORE INSERT ON attempts WHEN NEW.submitted_at = \(refused)
                BEGIN SELECT RAISE(ABORT, 'refused by the test'); END
                """)
            var importer = BundleImporter(store: target.store, now: Date(millisecondsSince1970: 1_750_000_000_000))
            if deferred { importer.deferredIndexFrom = 1 }
            #expect(throws: DatabaseError.self) { try importer.importBundle(at: bundle) }
            #expect(try target.attempts() == [held])
            #expect(try target.store.learners.all().map(\.id) == [learners[1].id])
            #expect(try target.store.database.scalarInt64("SELECT count(*) FROM attempt_signatures") == 0)
            #expect(try target.mastery() == masteryBefore)
            #expect(try target.store.database.scalarString("SELECT name FROM sqlite_master WHERE name = 'attempts_by_exercise'") != nil)
            #expect(!target.store.database.isInTransaction)
        }
    }

    /// The replay after an import reads a few learners' logs while the few before them replay
    /// on other threads: every learner still gets the mastery a replay of that learner alone
    /// gives. Forty learners make several such groups on any machine of up to ten cores.
    @Test func theReplayOfManyLearnersGivesEachTheMasteryOfTheirOwnReplay() throws {
        let folder = try TemporaryFolder()
        let source = try Machine("source", in: folder)
        let learners = try (0..<40).map { try source.addLearner("k\($0)") }
        var attempts: [Attempt] = []
        for (number, learner) in learners.enumerated() {
            for index in 0..<12 {
                let (exercise, part, answers) = TestContent.answers[(index + number) % TestContent.answers.count]
                attempts.append(Attempt(
                    learnerID: learner.id, exerciseID: exercise, part: part, answer: answers[(index * 7 + number) % answers.count],
                    submittedAt: Date(millisecondsSince1970: 1_700_000_000_000 + Int64(index * 40 + number) * 1000),
                    deviceID: source.device, graderVersion: "grader-0", verdict: .correct, score: 1))
            }
        }
        let bundle = folder.path("class.json")
        try writeBundle(bundle, learners: learners, attempts: attempts, signer: try source.identity())
        let target = try Machine("target", in: folder)
        let report = try target.importBundle(bundle)
        #expect(report.added == attempts.count)
        let service = CourseService(store: target.store)
        // Different learners, different logs: the comparison is not between empty or equal states.
        var distinct: Set<Double> = []
        for learner in learners {
            let alone = try service.computeMastery(learnerID: learner.id)
            #expect(try target.store.mastery.states(learnerID: learner.id) == alone)
            #expect(!alone.isEmpty)
            distinct.formUnion(alone.map(\.pKnown))
        }
        #expect(distinct.count > 5)
        #expect(Set(report.masteryChanges.map(\.learnerID)) == Set(learners.map(\.id)))
    }
}
