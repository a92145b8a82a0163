import CourseModels
import Foundation
@testable import Grading
import Testing

struct AnswerFileTests {
    static func exercise(_ kinds: [(String, AnswerKind)], id: String = "ex4") -> Exercise {
        Exercise(
            id: id, title: "T", prompt: "P",
            parts: kinds.map { ExercisePart(label: $0.0, prompt: "", kind: $0.1, keyJSON: "{}") },
            position: 1, contentHash: "h", revealKeyAfter: 3)
    }

    static let multi = exercise([("a", .expression), ("b", .numbers), ("c", .criticalPoints)])

    @Test func wholeFileIsTheAnswerOfASinglePartExercise() throws {
        let file = try AnswerFile(text: "# my answer\n\ndy/dx = (x - 2y)/(3y^2 + x)\n", exercise: Self.exercise([("", .implicit)]))
        #expect(file.entries == [.init(part: "", text: "dy/dx = (x - 2y)/(3y^2 + x)", line: 3)])
    }

    @Test(arguments: ["a) 3x^2\nb) 1, 2", "(a) 3x^2\n(b) 1, 2", "a: 3x^2\nb: 1, 2", "A) 3x^2\n\n# note\nB)1, 2",
                      "a) 3x^2\r\nb) 1, 2\r\n", "\u{FEFF}a) 3x^2\r\n\r\nb) 1, 2"])
    func readsEveryLabelStyle(text: String) throws {
        let file = try AnswerFile(text: text, exercise: Self.multi)
        #expect(file.answer(for: "a") == "3x^2")
        #expect(file.answer(for: "b") == "1, 2")
        #expect(file.answer(for: "c") == nil)
    }

    @Test(arguments: ["a. 3x^2\nb. 1, 2", "a) 3x^2   # power rule\nb) 1, 2 # values", "a. 3x^2#\nb.\t1, 2"])
    func readsDotLabelsAndInlineComments(text: String) throws {
        let file = try AnswerFile(text: text, exercise: Self.multi)
        #expect(file.answer(for: "a") == "3x^2")
        #expect(file.answer(for: "b") == "1, 2")
    }

    @Test func aDotFollowedByADigitIsNotALabel() throws {
        #expect(throws: AnswerFileError.self) { try AnswerFile(text: "a.5", exercise: Self.multi) }
        let single = try AnswerFile(text: "x.5 # not a label", exercise: Self.exercise([("", .expression)]))
        #expect(single.entries.first?.text == "x.5")
    }

    @Test func aProofKeepsItsHashes() throws {
        let exercise = Self.exercise([("a", .number), ("b", .manual)])
        let file = try AnswerFile(text: "a) 2 # easy\nb) Case #1: a = b.", exercise: exercise)
        #expect(file.answer(for: "a") == "2")
        #expect(file.answer(for: "b") == "Case #1: a = b.")
    }

    @Test func continuationLinesBelongToThePartAbove() throws {
        let file = try AnswerFile(text: "c) x = 0: local minimum\n   x = 2: maximum\na) 2x", exercise: Self.multi)
        #expect(file.answer(for: "c") == "x = 0: local minimum\nx = 2: maximum")
        #expect(file.entries.map(\.part) == ["c", "a"])
    }

    @Test func aManualPartTakesTheRestOfTheFile() throws {
        let exercise = Self.exercise([("a", .number), ("b", .manual)])
        let file = try AnswerFile(text: "a) 2\nb) Suppose f is continuous.\n\na) this line is part of the proof", exercise: exercise)
        #expect(file.answer(for: "b") == "Suppose f is continuous.\n\na) this line is part of the proof")
    }

    @Test func onePartReferenceTakesTheWholeFileOrItsOwnLabel() throws {
        #expect(try AnswerFile(text: "1, 2, 3", exercise: Self.multi, part: "b").answer(for: "b") == "1, 2, 3")
        #expect(try AnswerFile(text: "b) 1, 2", exercise: Self.multi, part: "b").answer(for: "b") == "1, 2")
        #expect(throws: AnswerFileError.partNotSelected(label: "a", line: 1, selected: "b", exerciseID: "ex4")) {
            try AnswerFile(text: "a) 2x", exercise: Self.multi, part: "b")
        }
    }

    @Test func rejectsBadFilesWithTheLine() throws {
        #expect(throws: AnswerFileError.empty) { try AnswerFile(text: "\n# nothing\n  \n", exercise: Self.multi) }
        #expect(throws: AnswerFileError.unknownPart(label: "d", line: 2, exerciseID: "ex4", validLabels: ["a", "b", "c"])) {
            try AnswerFile(text: "a) 2x\nd) 3", exercise: Self.multi)
        }
        #expect(throws: AnswerFileError.duplicatePart(label: "a", line: 3, firstLine: 1)) {
            try AnswerFile(text: "a) 2x\nb) 1\na) 3x", exercise: Self.multi)
        }
        #expect(throws: AnswerFileError.missingLabel(line: 1, exerciseID: "ex4", validLabels: ["a", "b", "c"])) {
            try AnswerFile(text: "2x\nb) 1", exercise: Self.multi)
        }
        #expect(throws: AnswerFileError.notUTF8(line: 2)) {
            try AnswerFile(data: Data("a) 2x\nb) ".utf8) + Data([0xFF, 0xFE]), exercise: Self.multi)
        }
        let big = Data(repeating: 0x20, count: AnswerFile.maximumSize + 1)
        #expect(throws: AnswerFileError.tooLarge(bytes: big.count, limit: AnswerFile.maximumSize)) {
            try AnswerFile(data: big, exercise: Self.multi)
        }
    }

    @Test func errorMessagesNameTheValidLabels() {
        let error = AnswerFileError.unknownPart(label: "d", line: 2, exerciseID: "ex4", validLabels: ["a", "b", "c"])
        #expect(error.description == "Line 2 starts with part 'd', but ex4 has parts a), b) and c): use one of those labels.")
    }

    @Test func exerciseReferencesNameAnExerciseOrOnePart() {
        let exercises = [Self.multi, Self.exercise([("", .number)], id: "ex1"), Self.exercise([("", .number)], id: "ex10")]
        #expect(ExerciseReference.resolve("ex4", in: exercises).map { [$0.0.id, $0.part ?? "-"] } == ["ex4", "-"])
        #expect(ExerciseReference.resolve("ex4b", in: exercises).map { [$0.0.id, $0.part ?? "-"] } == ["ex4", "b"])
        #expect(ExerciseReference.resolve("ex10", in: exercises).map { $0.0.id } == "ex10")
        #expect(ExerciseReference.resolve("ex4z", in: exercises) == nil)
        #expect(ExerciseReference(parsing: "ex4b") == ExerciseReference(exerciseID: "ex4", part: "b"))
    }
}
