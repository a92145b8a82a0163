import CourseModels
import CourseStore
import Foundation
@testable import Content
import Grading
import TestSupport
import Testing

/// One way to break the seeds, and the problem the import must report for it.
struct BrokenSeed: Sendable, CustomTestStringConvertible {
    var name: String
    var file: String
    var old: String
    var new: String
    var kind: SeedProblem.Kind
    /// The path within the document the problem names.
    var path: String
    /// Words the message must contain.
    var says: String
    /// The problem's line is the first line of the broken file containing this text.
    var lineContaining: String?

    var testDescription: String { name }
}

@Suite struct ContentErrorTests {
    static let cases: [BrokenSeed] = [
        BrokenSeed(
            name: "bad expression", file: "exercises/01-ex1.yaml",
            old: #"key: "12*x^3 - 4*x""#, new: #"key: "12*x^3 - 4*""#,
            kind: .badExpression, path: "parts[0].key", says: "does not parse", lineContaining: #"key: "12*x^3 - 4*""#),
        BrokenSeed(
            name: "wrong derivative key", file: "exercises/01-ex1.yaml",
            old: #"key: "12*x^3 - 4*x""#, new: #"key: "12*x^3 - 4*x^2""#,
            kind: .wrongDerivative, path: "parts[0].key", says: "is not the derivative of `3*x^4 - 2*x^2 + 7`",
            lineContaining: #"key: "12*x^3 - 4*x^2""#),
        BrokenSeed(
            name: "wrong chain-rule key", file: "exercises/02-ex2.yaml",
            old: #"key: "3*x^2*cos(x^3)""#, new: #"key: "cos(x^3)""#,
            kind: .wrongDerivative, path: "parts[0].key", says: "fix the key", lineContaining: #"key: "cos(x^3)""#),
        BrokenSeed(
            name: "unknown objective", file: "exercises/02-ex2.yaml",
            old: "differentiation-rules: 0.5", new: "differentiation-rulez: 0.5",
            kind: .unknownObjective, path: "parts[0].objectives.differentiation-rulez",
            says: "no objective has the id `differentiation-rulez`; did you mean `differentiation-rules`?",
            lineContaining: "differentiation-rulez"),
        BrokenSeed(
            name: "duplicate objective id", file: "objectives.yaml",
            old: "id: training-dynamics", new: "id:  backpropagation",
            kind: .duplicateID, path: "objectives[9].id", says: "`backpropagation` is used twice", lineContaining: "id:  backpropagation"),
        BrokenSeed(
            name: "missing expression key", file: "exercises/01-ex1.yaml",
            old: "    key: \"12*x^3 - 4*x\"\n", new: "",
            kind: .missingKey, path: "parts[0].key", says: "the field `key` is missing", lineContaining: "- label: a"),
        BrokenSeed(
            name: "missing numeric key", file: "exercises/04-ex4.yaml",
            old: "    compute: {evaluate: \"(sigmoid(x)*(1 - sigmoid(x)))^10\", at: {x: 2}}\n", new: "",
            kind: .missingKey, path: "parts[2]", says: "has no key", lineContaining: "- label: c"),
        BrokenSeed(
            name: "missing kind", file: "exercises/01-ex1.yaml",
            old: "    kind: expression\n", new: "",
            kind: .missingField, path: "parts[0].kind", says: "the field `kind` is missing", lineContaining: "- label: a"),
        BrokenSeed(
            name: "wrong implicit key", file: "exercises/03-ex3.yaml",
            old: #"key: "(2*y - x^2)/(y^2 - 2*x)""#, new: #"key: "(2*y - x^2)/(y^2 + 2*x)""#,
            kind: .wrongImplicitDerivative, path: "parts[0].key", says: "is not dy/dx on the curve", lineContaining: "y^2 + 2*x"),
        BrokenSeed(
            name: "wrong critical point type", file: "exercises/05-ex5.yaml",
            old: "{x: 0, type: minimum}", new: "{x: 0, type: maximum}",
            kind: .wrongCriticalPoints, path: "parts[0].points", says: "x = 0: minimum", lineContaining: "{x: 0, type: maximum}"),
        BrokenSeed(
            name: "wrong best step", file: "exercises/07-ex7.yaml",
            old: #"key: "1e-5""#, new: #"key: "1e-10""#,
            kind: .wrongChoice, path: "parts[3].key", says: "the computation picks 1e-5", lineContaining: #"key: "1e-10""#),
        BrokenSeed(
            name: "computation outside the domain", file: "exercises/07-ex7.yaml",
            old: #"compute: {derivative_at: "x*log(x + exp(-x))", with_respect_to: x, at: {x: 1}}"#,
            new: #"compute: {derivative_at: "x*log(x - 2)", with_respect_to: x, at: {x: 1}}"#,
            kind: .computationFailed, path: "parts[1].compute", says: "not a finite number", lineContaining: "log(x - 2)"),
        BrokenSeed(
            name: "YAML syntax", file: "exercises/13-drill3.yaml",
            old: "    kind: expression\n", new: "   kind: [expression\n",
            kind: .yamlSyntax, path: "", says: "YAML", lineContaining: nil),
        BrokenSeed(
            name: "misspelt field", file: "exercises/11-drill1.yaml",
            old: "derivative_of:", new: "derivativ_of:",
            kind: .unknownField, path: "parts[0].derivativ_of", says: "not a field", lineContaining: "derivativ_of"),
    ]

    @Test(arguments: cases)
    func brokenContentIsReportedAndNothingIsWritten(_ broken: BrokenSeed) throws {
        let sandbox = try ContentSandbox()
        let store = try sandbox.openStore()
        _ = try sandbox.importer.importInto(store)
        _ = try ContentFixtures.addAttempts(to: store, exercises: ["ex1", "ex2", "ex3"])
        let before = try ContentStoreDump(store)

        try sandbox.edit(broken.file, replacing: broken.old, with: broken.new)
        let error = try #require(throws: SeedError.self) { try sandbox.importer.importInto(store) }

        let problem = try #require(
            error.problems.first { $0.kind == broken.kind && $0.file == broken.file },
            "expected a \(broken.kind) problem in \(broken.file), got:\n\(error)")
        #expect(problem.path == broken.path)
        #expect(problem.message.contains(broken.says), "\(problem)")
        if let text = broken.lineContaining {
            #expect(problem.line == (try sandbox.line(of: text, in: broken.file)), "\(problem)")
        } else {
            #expect(problem.line != nil)
        }
        #expect(problem.description.hasPrefix("\(broken.file):"))
        #expect(!problem.description.contains("\n"))
        #expect(try ContentStoreDump(store) == before)
    }

    @Test func duplicateExerciseIDInAnotherFileIsReported() throws {
        let sandbox = try ContentSandbox()
        let text = try String(contentsOf: sandbox.seeds.appending(path: "exercises/01-ex1.yaml"), encoding: .utf8)
        try sandbox.write("exercises/20-ex1.yaml", text)
        let error = try #require(throws: SeedError.self) { try sandbox.importer.load() }
        #expect(error.problems.count == 1)
        let problem = try #require(error.problems.first)
        #expect(problem.kind == .duplicateID)
        #expect(problem.file == "exercises/20-ex1.yaml")
        #expect(problem.line == 1)
        #expect(problem.message.contains("already used by exercises/01-ex1.yaml"))
    }

    @Test func unlinkedObjectiveIsReported() throws {
        let sandbox = try ContentSandbox()
        try sandbox.edit("objectives.yaml", replacing: "objectives:\n", with: """
            objectives:
              - id: orphan
                title: Nobody links here
                description: An objective no part tests.
                mastery: {p_init: 0.1, p_learn: 0.1, p_slip: 0.1, p_guess: 0.2}

            """)
        let error = try #require(throws: SeedError.self) { try sandbox.importer.load() }
        #expect(error.problems.map(\.kind) == [.unlinkedObjective])
        #expect(error.problems.first?.message.contains("`orphan`") == true)
    }

    @Test func everyProblemIsCollectedBeforeGivingUp() throws {
        let sandbox = try ContentSandbox()
        try sandbox.edit("exercises/01-ex1.yaml", replacing: #"key: "12*x^3 - 4*x""#, with: #"key: "12*x^3""#)
        try sandbox.edit("exercises/12-drill2.yaml", replacing: #"key: "4*x/(x^2 + 1)^2""#, with: #"key: "4*x/(x^2 + 1"""#)
        try sandbox.edit("objectives.yaml", replacing: "p_slip: 0.15, p_guess: 0.1}", with: "p_slip: 0.6, p_guess: 0.1}")
        let error = try #require(throws: SeedError.self) { try sandbox.importer.load() }
        #expect(Set(error.problems.map(\.file)) == ["objectives.yaml", "exercises/01-ex1.yaml", "exercises/12-drill2.yaml"])
        #expect(error.description.split(separator: "\n").count == error.problems.count)
    }

    @Test func missingFolderIsReported() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "no-such-seeds-\(UUID().uuidString)")
        let error = try #require(throws: SeedError.self) { try SeedImporter(directory: folder).load() }
        #expect(error.problems.contains { $0.kind == .unreadableFile && $0.file == "course.yaml" })
    }
}
