import CourseModels
import CourseStore
import Foundation
@testable import Content
import Grading
import TestSupport
import Testing

/// Importing into a store: idempotence, in-place updates with regrading, and dry runs.
@Suite struct ContentImportTests {
    @Test func firstImportAddsEverything() throws {
        let sandbox = try ContentSandbox()
        let store = try sandbox.openStore()
        let report = try sandbox.importer.importInto(store)
        #expect(report.objectives.added.count == 10)
        #expect(report.exercises.added.count == 19)
        #expect(report.description.hasPrefix("objectives: 10 added, 0 changed, 0 unchanged\nexercises: 19 added, 0 changed, 0 unchanged"))
        let content = try sandbox.importer.load()
        #expect(try store.content.objectives().sorted { $0.id < $1.id } == content.objectives.sorted { $0.id < $1.id })
        #expect(try store.content.exercises() == content.exercises)
    }

    @Test func secondImportChangesNothing() throws {
        let sandbox = try ContentSandbox()
        let store = try sandbox.openStore()
        _ = try sandbox.importer.importInto(store)
        let before = try ContentStoreDump(store)
        let report = try sandbox.importer.importInto(store)
        #expect(report.objectives.added.isEmpty && report.objectives.changed.isEmpty)
        #expect(report.exercises.added.isEmpty && report.exercises.changed.isEmpty)
        #expect(report.objectives.unchanged.count == 10 && report.exercises.unchanged.count == 19)
        #expect(report.description.hasPrefix("objectives: 0 added, 0 changed, 10 unchanged\nexercises: 0 added, 0 changed, 19 unchanged"))
        #expect(try ContentStoreDump(store) == before)
    }

    @Test func changedKeyUpdatesOneExerciseAndMarksItsAttemptsForRegrade() throws {
        let sandbox = try ContentSandbox()
        let store = try sandbox.openStore()
        _ = try sandbox.importer.importInto(store)
        _ = try ContentFixtures.addAttempts(to: store, exercises: ["ex1", "ex2"])

        // An equivalent but differently written key: still the derivative, so still valid.
        try sandbox.edit("exercises/01-ex1.yaml", replacing: #"key: "12*x^3 - 4*x""#, with: #"key: "4*x*(3*x^2 - 1)""#)
        let report = try sandbox.importer.importInto(store)

        #expect(report.exercises.changed == ["ex1"])
        #expect(report.exercises.added.isEmpty && report.exercises.unchanged.count == 18)
        #expect(report.objectives.changed.isEmpty)
        #expect(report.attemptsMarkedForRegrade == 1)
        let attempts = try store.attempts.all()
        #expect(attempts.count == 2)
        #expect(attempts.first { $0.exerciseID == "ex1" }?.needsRegrade == true)
        #expect(attempts.first { $0.exerciseID == "ex2" }?.needsRegrade == false)
        let stored = try #require(try store.content.exercise(id: "ex1"))
        guard case let .expression(key) = try PartKey(json: try #require(stored.part("a")).keyJSON).answer else {
            Issue.record("ex1a is not an expression key"); return
        }
        #expect(key.key == "4*x*(3*x^2 - 1)")
    }

    @Test func rewordedPromptUpdatesWithoutRegrading() throws {
        let sandbox = try ContentSandbox()
        let store = try sandbox.openStore()
        _ = try sandbox.importer.importInto(store)
        _ = try ContentFixtures.addAttempts(to: store, exercises: ["ex1"])
        try sandbox.edit("exercises/01-ex1.yaml", replacing: "title: Basic differentiation rules", with: "title: The basic rules")
        let report = try sandbox.importer.importInto(store)
        #expect(report.exercises.changed == ["ex1"])
        #expect(report.attemptsMarkedForRegrade == 0)
        #expect(try store.attempts.all().allSatisfy { !$0.needsRegrade })
    }

    @Test func dryRunReportsWithoutWriting() throws {
        let sandbox = try ContentSandbox()
        let store = try sandbox.openStore()
        let empty = try ContentStoreDump(store)
        let first = try sandbox.importer.importInto(store, dryRun: true)
        #expect(first.dryRun)
        #expect(first.exercises.added.count == 19)
        #expect(try ContentStoreDump(store) == empty)

        _ = try sandbox.importer.importInto(store)
        _ = try ContentFixtures.addAttempts(to: store, exercises: ["ex1"])
        let before = try ContentStoreDump(store)
        try sandbox.edit("exercises/01-ex1.yaml", replacing: #"key: "12*x^3 - 4*x""#, with: #"key: "4*x*(3*x^2 - 1)""#)
        let report = try sandbox.importer.importInto(store, dryRun: true)
        #expect(report.exercises.changed == ["ex1"])
        #expect(report.attemptsMarkedForRegrade == 1)
        #expect(try ContentStoreDump(store) == before)
    }

    @Test func dryRunWithoutDatabaseCountsEverythingAsAdded() throws {
        let report = try SeedImporter(directory: repositorySeeds).dryRunWithoutDatabase()
        #expect(report.dryRun && report.objectives.added.count == 10 && report.exercises.added.count == 19)
    }

    @Test func reportEncodesAsJSON() throws {
        let sandbox = try ContentSandbox()
        let report = try sandbox.importer.importInto(try sandbox.openStore())
        let data = try JSONEncoder().encode(report)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let exercises = try #require(object["exercises"] as? [String: Any])
        #expect((exercises["added"] as? [String])?.count == 19)
        #expect(try JSONDecoder().decode(ImportReport.self, from: data) == report)
    }

    @Test func exercisesRemovedFromTheSeedsAreKept() throws {
        let sandbox = try ContentSandbox()
        let store = try sandbox.openStore()
        _ = try sandbox.importer.importInto(store)
        try FileManager.default.removeItem(at: sandbox.seeds.appending(path: "exercises/18-drill8.yaml"))
        let report = try sandbox.importer.importInto(store)
        #expect(report.exercises.notInSeeds == ["drill8"])
        #expect(try store.content.exercise(id: "drill8") != nil)
    }

    @Test func locatesSeedsFromANestedWorkingDirectory() throws {
        let nested = repositorySeeds.deletingLastPathComponent().appending(path: "Sources/Grading")
        #expect(SeedLocator.seeds(from: nested, needsPackage: false)?.standardizedFileURL.path == repositorySeeds.standardizedFileURL.path)
        let executable = repositorySeeds.deletingLastPathComponent().appending(path: ".build/debug/course-admin").path
        let found = SeedLocator.defaultDirectory(workingDirectory: URL(fileURLWithPath: "/"), executable: executable, environment: [:])
        #expect(found?.standardizedFileURL.path == repositorySeeds.standardizedFileURL.path)
    }
}
