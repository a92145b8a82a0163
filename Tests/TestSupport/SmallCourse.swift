import CourseModels
import Grading

/// Small course content built in code, shared by the sync and LRS tests: cheap to grade, with
/// an expression part, a number part, a choice and a manual part (graded by a person), linked to
/// two objectives.
public enum SmallCourse {
    public static let objectives = [
        Objective(id: "power-rule", title: "Power rule", mastery: MasteryParameters(pInit: 0.2, pLearn: 0.15)),
        Objective(id: "chain-rule", title: "Chain rule"),
    ]

    public static let exercises: [Exercise] = [
        Exercise(
            id: "ex1", title: "Derivatives", prompt: "Differentiate.",
            parts: [
                ExercisePart(
                    label: "a", prompt: "d/dx x^2", kind: .expression,
                    keyJSON: PartKey(answer: .expression(ExpressionKey(
                        key: "2*x", variables: ["x"], domain: ["x": Interval(-2, 2)]))).json,
                    objectives: [ObjectiveLink(objectiveID: "power-rule")], hints: ["Bring the power down."]),
                ExercisePart(
                    label: "b", prompt: "f'(2) for x^2", kind: .number,
                    keyJSON: PartKey(answer: .number(value: 4, tolerance: .standard)).json,
                    objectives: [ObjectiveLink(objectiveID: "power-rule", weight: 0.5),
                                 ObjectiveLink(objectiveID: "chain-rule", weight: 0.5)]),
            ],
            position: 1, contentHash: "h-ex1"),
        Exercise(
            id: "ex2", title: "Which rule", prompt: "Pick one.",
            parts: [ExercisePart(
                label: "", prompt: "sin(2x) needs", kind: .choice,
                keyJSON: PartKey(answer: .choice(options: ["power", "chain", "quotient"], key: "chain")).json,
                objectives: [ObjectiveLink(objectiveID: "chain-rule")])],
            position: 2, contentHash: "h-ex2"),
        Exercise(
            id: "ex3", title: "Explain", prompt: "Explain.",
            parts: [ExercisePart(
                label: "", prompt: "Why?", kind: .manual, keyJSON: PartKey(answer: .manual(rubric: "Any clear reason.")).json,
                objectives: [ObjectiveLink(objectiveID: "chain-rule")])],
            position: 3, contentHash: "h-ex3"),
    ]

}
