import CourseModels
import Grading

/// Parts built the way the importer stores them.
public enum GradingParts {
    public static func part(_ key: AnswerKey, label: String = "a", hints: [String] = ["First hint.", "Second hint."],
                            mistakes: [String: String] = [:], objectives: [ObjectiveLink] = []) -> ExercisePart {
        ExercisePart(label: label, prompt: "", kind: key.kind, keyJSON: PartKey(answer: key, mistakes: mistakes).json,
                     objectives: objectives, hints: hints)
    }

    public static func derivative(_ key: String, of function: String, domain: Interval = Interval(-3, 3)) -> ExercisePart {
        part(.expression(ExpressionKey(key: key, variables: ["x"], domain: ["x": domain], derivativeOf: function, withRespectTo: "x")))
    }

    public static let folium = part(.implicit(ImplicitKey(
        equation: "x^3 + y^3 = 6*x*y", key: "(2*y - x^2)/(y^2 - 2*x)", x: "x", y: "y",
        xRange: Interval(-4, 4), yRange: Interval(-4, 4))), label: "")
}
