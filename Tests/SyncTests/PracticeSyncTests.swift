import CourseModels
import CourseService
import CourseStore
import Foundation
import Grading
import Practice
@testable import Sync
import TestSupport
import Testing
import XAPI

/// Generated practice end to end through the service and sync: a learner practises, answers
/// right, wrong (each named mistake) and with a syntax error; the attempts travel in a bundle to a
/// second machine that rebuilds every item from its seed, regrades there and agrees on mastery.
struct PracticeSyncTests {
    static let practiceObjectives = [
        Objective(id: "differentiation-rules", title: "Power, product, quotient and chain rules",
                  mastery: MasteryParameters(pInit: 0.3, pLearn: 0.2, pSlip: 0.15, pGuess: 0.1)),
        Objective(id: "backpropagation", title: "Backpropagation"),
    ]

    static func machine(_ name: String, in folder: TemporaryFolder) throws -> Machine {
        let machine = try Machine(name, in: folder)
        try importContent(objectives: TestContent.objectives + practiceObjectives, exercises: TestContent.exercises,
                          into: machine.store)
        return machine
    }

    @Test func practiceAttemptsSyncAndRegradeFromTheirSeedToTheSameMastery() throws {
        let folder = try TemporaryFolder()
        let laptop = try Self.machine("laptop", in: folder)
        let lab = try Self.machine("lab", in: folder)
        let ada = try laptop.addLearner("ada")
        let service = CourseService(store: laptop.store)
        var clock = Date(millisecondsSince1970: 1_700_000_000_000)
        func tick() -> Date { clock = clock.addingTimeInterval(60); return clock }

        // The weakest practicable objective: backpropagation (p_init 0.1) before the rules (0.3).
        let first = try service.practice(learner: ada, now: tick())
        #expect(first.objective == "backpropagation" && first.tier == 1 && !first.repeated)
        #expect(try service.practice(learner: ada, now: tick()).item == first.item, "an unanswered item is shown again")

        let view = try service.practice(learner: ada, objectiveID: "differentiation-rules", now: tick())
        #expect(view.objective == "differentiation-rules" && view.item != first.item)
        let item = try PracticeGenerator.item(PracticeSpec(
            family: view.family, tier: view.tier, version: view.version, seed: try #require(PracticeSpec.seed(fromText: view.seed))))
        #expect(item.exercise.id == view.item)

        // Wrong: every named mistake is named as such (the key is shown after two of them).
        for mistake in item.mistakes.prefix(3) {
            let result = try service.submit(learner: ada, reference: "practice", text: mistake.answer, now: tick())
            #expect(result.parts[0].verdict == .incorrect)
            #expect(result.parts[0].mistake == mistake.tag, "\(mistake.answer)")
        }
        // A syntax error is stored but not evidence.
        let syntax = try service.submit(learner: ada, reference: view.item, text: "3x^ +", now: tick())
        #expect(syntax.parts[0].verdict == .syntaxError)
        // Right, by its id in upper case, as a learner might type it.
        let right = try service.submit(learner: ada, reference: view.item.uppercased(), text: try #require(item.key.displayText), now: tick())
        #expect(right.parts[0].verdict == .correct)
        // The other item, answered right at once, gives evidence as a distinct exercise.
        let backprop = try PracticeGenerator.item(try #require(try laptop.store.practice.spec(exerciseID: first.item)))
        _ = try service.submit(learner: ada, reference: first.item, text: try #require(backprop.key.displayText), now: tick())

        let stored = try laptop.attempts()
        #expect(stored.count == 6)
        #expect(stored.allSatisfy { $0.practice?.exerciseID == $0.exerciseID })
        let masteryHere = try laptop.mastery()
        // Evidence as for a fixed exercise: the two wrong answers before the key was shown count;
        // the third mistake and the right answer came after it, the syntax error never counts.
        #expect(masteryHere.contains { $0.objectiveID == "differentiation-rules" && $0.observations == 2 })
        #expect(right.parts[0].keyShownBefore)

        // To the lab: the bundle carries each spec; the lab rebuilds every item and regrades.
        let bundle = folder.path("ada.json")
        _ = try laptop.export(bundle)
        let report = try lab.importBundle(bundle)
        #expect(report.added == 6 && report.verdictDifferences.isEmpty, "\(report.text())")
        #expect(try lab.attempts() == stored)
        #expect(try lab.mastery() == masteryHere)

        // A regrade on the lab rebuilds the items from their seeds and changes nothing.
        let regrade = try CourseService(store: lab.store).regrade()
        #expect(regrade.examined == 6 && regrade.changes.isEmpty)
        #expect(try lab.mastery() == masteryHere)
        #expect(try CourseService(store: lab.store).computeMastery(learnerID: ada.id) == masteryHere)
    }

    @Test func anAttemptWhoseSpecDoesNotMatchItsIdIsRefused() throws {
        let folder = try TemporaryFolder()
        let laptop = try Self.machine("laptop", in: folder)
        let lab = try Self.machine("lab", in: folder)
        let ada = try laptop.addLearner("ada")
        let service = CourseService(store: laptop.store)
        let view = try service.practice(learner: ada, now: Date(millisecondsSince1970: 1_700_000_000_000))
        _ = try service.submit(learner: ada, reference: "practice", text: "1", now: Date(millisecondsSince1970: 1_700_000_060_000))
        var attempt = try #require(try laptop.attempts().first)
        attempt.practice?.seed &+= 1
        let path = folder.path("forged.json")
        try writeBundle(path, learners: [ada], attempts: [attempt], signer: try laptop.identity())
        let before = try lab.dump()
        #expect(throws: BundleError.self) { try lab.importBundle(path) }
        #expect(try lab.dump() == before)
        #expect(view.item == attempt.exerciseID)
    }
}

/// xAPI: a practice attempt's statement carries its spec in an extension, and a pulled statement
/// rebuilds the item on the machine that imports it.
struct PracticeStatementTests {
    @Test func aPracticeStatementCarriesItsSpecAndImportsElsewhere() throws {
        let folder = try TemporaryFolder()
        let laptop = try PracticeSyncTests.machine("laptop", in: folder)
        let lab = try PracticeSyncTests.machine("lab", in: folder)
        let ada = try laptop.addLearner("ada")
        let service = CourseService(store: laptop.store)
        let view = try service.practice(learner: ada, now: Date(millisecondsSince1970: 1_700_000_000_000))
        _ = try service.submit(learner: ada, reference: "practice", text: "1", now: Date(millisecondsSince1970: 1_700_000_060_000))
        let attempt = try #require(try laptop.attempts().first)
        let spec = try #require(attempt.practice)

        let path = folder.path("statements.json")
        let home = "https://lrs.example/course"
        #expect(try XAPIExporter(store: laptop.store, homePage: home).export(to: .file(path)) == 1)
        let statements = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [[String: Any]])
        let extensions = try #require((statements.first?["context"] as? [String: Any])?["extensions"] as? [String: Any])
        #expect(extensions["\(home)/xapi/extensions/practice"] as? String == spec.text)
        #expect(extensions["\(home)/xapi/extensions/exercise"] as? String == view.item)

        // `sync export --xapi` writes unsigned statements: without --trust-unsigned they are
        // skipped (signed ones come from `lrs push`, tested in LRSTests).
        #expect(try StatementImporter(store: lab.store, homePage: home).importStatements(statements).unsigned == 1)
        let outcome = try StatementImporter(store: lab.store, homePage: home, trustUnsigned: true).importStatements(statements)
        #expect(outcome.attempts == 1 && outcome.unknownContent == 0)
        let pulled = try #require(try lab.attempts().first)
        #expect(pulled.practice == spec && pulled.verdict == attempt.verdict && pulled.mistake == attempt.mistake)
    }
}
