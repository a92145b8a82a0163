import ArgumentParser
import CalculusCore

/// `course-admin calc gradcheck`: symbolic gradient against centered differences.
struct CalcGradCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gradcheck",
        abstract: "Compare the analytic gradient with centered differences and print the relative error.",
        discussion: "The relative error is |a - n| / (|a| + |n| + 1e-8) in the Euclidean norm; below about 1e-6 the gradient is right."
    )

    @Argument(help: "The expression, e.g. \"1/2*(w2*sigmoid(w1*x) - y)^2\".")
    var expression: String

    @Option(name: .long, help: "Values of every variable, e.g. --at x=1.5,y=0.5,w1=0.8,w2=-1.2.", transform: parseAssignments)
    var at: [String: Double]

    @Option(name: .long, help: "The variables of the gradient, e.g. --wrt w1,w2 (default: all, alphabetically).")
    var wrt: String?

    @Option(name: .customLong("h"), help: "The difference step (default: cube root of machine epsilon, scaled).")
    var step: Double?

    func run() throws {
        let point = at
        let f = try readExpression(expression, at: point)
        let variables = wrt.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            ?? f.variables.sorted()
        do {
            let check = try GradientCheck(f, at: point, withRespectTo: variables, step: step)
            let width = Swift.max(10, (variables.map(\.count).max() ?? 0) + 2)
            print(NumericsFormat.pad("variable", width) + NumericsFormat.pad("analytic", 22) + "numeric")
            for (i, name) in variables.enumerated() {
                print(NumericsFormat.pad(name, width) + NumericsFormat.pad(NumericsFormat.value(check.analytic[i]), 22)
                      + NumericsFormat.value(check.numeric[i]))
            }
            print("relative error: \(NumericsFormat.error(check.relativeError)) (\(check.passes() ? "passes" : "fails") at 1e-6)")
        } catch {
            throw reportEvaluationError(error)
        }
    }
}
