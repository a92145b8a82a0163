import CourseModels
import Foundation
@testable import Content
import Grading
import TestSupport
import Testing

/// The real seed folder passes the import's own validation, and its computed keys are the
/// numbers the issue states.
@Suite struct ContentSeedTests {
    let content: CourseContent

    init() throws {
        content = try SeedImporter(directory: repositorySeeds).load()
    }

    @Test func everySeedKeyValidates() {
        #expect(content.section.id == "derivatives")
        #expect(content.objectives.count == 10)
        #expect(content.exercises.count == 19)
    }

    @Test(arguments: [
        ("ex1", ["a", "b", "c"]), ("ex2", ["a", "b", "c", "d"]), ("ex3", [""]), ("ex4", ["a", "b", "c"]),
        ("ex5", ["a", "b", "c"]), ("ex6", [""]), ("ex7", ["a", "b", "c", "d"]), ("ex8", ["a", "b", "c"]),
        ("drill1", [""]), ("drill8", [""]),
    ])
    func exerciseHasTheIssuesPartLabels(id: String, labels: [String]) throws {
        let exercise = try #require(content.exercises.first { $0.id == id })
        #expect(exercise.parts.map(\.label) == labels)
    }

    @Test func everyObjectiveIsLinkedFromAGradedPart() {
        let linked = Set(content.exercises.flatMap(\.parts).filter { $0.kind != .manual }
            .flatMap(\.objectives).map(\.objectiveID))
        #expect(linked == Set(content.objectives.map(\.id)))
    }

    @Test func everyPartStoresADecodableKeyOfItsKind() throws {
        for part in content.exercises.flatMap(\.parts) {
            let key = try PartKey(json: part.keyJSON)
            #expect(key.answer.kind == part.kind)
        }
    }

    func answer(_ exercise: String, _ label: String) throws -> AnswerKey {
        let part = try #require(content.exercises.first { $0.id == exercise }?.part(label))
        return try PartKey(json: part.keyJSON).answer
    }

    @Test func computesFiniteDifferencesOfTheSigmoid() throws {
        guard case let .numbers(values, _, ordered) = try answer("ex4", "b") else {
            Issue.record("ex4b is not a list of numbers"); return
        }
        #expect(ordered)
        #expect(values.count == 3)
        #expect(abs(values[0] - 0.104994) < 1e-6)
        #expect(abs(values[1] - 0.25) < 1e-9)
        #expect(abs(values[2] - 0.104994) < 1e-6)
    }

    @Test func computesVanishingGradientProduct() throws {
        guard case let .number(value, _) = try answer("ex4", "c") else { Issue.record("ex4c is not a number"); return }
        #expect(abs(value - 1.63e-10) < 0.01e-10)
    }

    @Test func computesGradientCheckKeys() throws {
        guard case let .number(derivative, _) = try answer("ex7", "b") else { Issue.record("ex7b is not a number"); return }
        #expect(abs(derivative - 0.7753788) < 1e-7)
        guard case let .numbers(estimates, tolerances, _) = try answer("ex7", "c") else { Issue.record("ex7c"); return }
        #expect(estimates.count == 4 && tolerances.count == 4)
        #expect(abs(estimates[1] - derivative) < 1e-9)
        #expect(try answer("ex7", "d") == .choice(options: ["1e-1", "1e-5", "1e-10", "1e-15"], key: "1e-5"))
    }

    @Test func computesBackpropagationValue() throws {
        guard case let .number(value, _) = try answer("ex8", "c") else { Issue.record("ex8c is not a number"); return }
        // (w2·σ(z) − y)·w2·σ(z)(1 − σ(z))·x at z = w1·x = 1.2.
        let s = 1 / (1 + exp(-1.2))
        #expect(abs(value - (-1.2 * s - 0.5) * -1.2 * s * (1 - s) * 1.5) < 1e-12)
    }

    @Test func recomputesCriticalPointsAndExtrema() throws {
        #expect(try answer("ex5", "a") == .criticalPoints(points: [CriticalPointKey(x: 0, kind: .minimum)], tolerance: .standard))
        #expect(try answer("ex5", "b") == .number(value: 0, tolerance: .standard))
        #expect(try answer("ex5", "c") == .number(value: 96, tolerance: .standard))
    }

    @Test func manualPartHasARubricAndNeverRevealsItsKey() throws {
        let exercise = try #require(content.exercises.first { $0.id == "ex6" })
        #expect(exercise.revealKeyAfter == nil)
        guard case let .manual(rubric) = try answer("ex6", "") else { Issue.record("ex6 is not manual"); return }
        #expect(rubric.contains("Mean Value Theorem"))
    }

    @Test func contentHashIgnoresPromptsButNotKeys() throws {
        var exercise = try #require(content.exercises.first)
        let hash = ContentHash.of(exercise.parts)
        exercise.parts[0].prompt += " Reworded."
        #expect(ContentHash.of(exercise.parts) == hash)
        exercise.parts[0].keyJSON += " "
        #expect(ContentHash.of(exercise.parts) != hash)
    }
}
