import ArgumentParser
import CalcTools
import CalculusCore
import CourseCLI

/// `--method forward|backward|centered|richardson|complex`, its values listed by `--help`.
extension NumericDerivativeMethod: ExpressibleByArgument {}

/// `course-admin calc nderiv`: a numeric derivative and its error against the symbolic one.
struct CalcNDeriv: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nderiv",
        abstract: "Estimate a derivative numerically and compare it with the symbolic derivative.",
        discussion: """
        Methods: forward and backward differences (error O(h)), centered (O(h^2)), Richardson \
        extrapolation of the centered difference (O(h^6)) and the complex step (O(h^2), no \
        cancellation). --sweep prints the error of every method for h = 1e-1 … 1e-16, marking \
        each method's best step with *, to show where round-off takes over.
        """
    )

    @Argument(help: "The expression, e.g. \"x*ln(x + e^(-x))\".")
    var expression: String

    @Option(name: .long, help: "The point, e.g. --at x=1 or --at x=1,y=2.", transform: parseAssignments)
    var at: [String: Double]

    @Option(name: .customLong("var"), help: "The variable to differentiate with respect to (default: the only one in --at, else x).")
    var variable: String?

    @Option(name: .long, help: "The method.")
    var method: NumericDerivativeMethod = .centered

    @Option(name: .customLong("h"), help: "The step (default: the step that balances truncation and round-off for the method).")
    var step: Double?

    @Flag(name: .long, help: "Print the error of every method over h = 1e-1 … 1e-16.")
    var sweep = false

    @Option(name: .long, help: "With --sweep, also write the log-log plot of error against h to this SVG file.")
    var svg: String?

    func validate() throws {
        if let step, !(step > 0 && step.isFinite) {
            throw ValidationError("--h must be a positive number, such as --h 1e-5")
        }
        if svg != nil && !sweep { throw ValidationError("--svg draws the sweep; add --sweep") }
    }

    func run() throws {
        let point = at
        let variable = self.variable ?? (point.count == 1 ? point.keys.first! : "x")
        guard let x = point[variable] else {
            throw CommandFailure("--at gives no value for '\(variable)'; add it, as in --at \(variable)=1", status: 2)
        }
        let f = try readExpression(expression, at: point)
        do {
            let exact = try f.simplifiedDerivative(withRespectTo: variable).evaluate(point)
            if sweep {
                let table = try StepSweep(f, variable: variable, at: point, reference: exact)
                printSweep(table)
                if let svg {
                    let title = "error of d/d\(variable) \(f.description) at \(variable) = \(NumericsFormat.value(x))"
                    try writeTextFile(SVGPlot.errorPlot(table, title: title).render(), to: svg)
                    print("wrote \(svg)")
                }
                return
            }
            let h = step ?? method.optimalStep(at: x)
            let estimate = try method.estimate(f, variable: variable, at: point, step: h)
            print("method: \(method.rawValue) (truncation error O(h^\(method.errorOrder)))")
            print("step: \(NumericsFormat.error(h))")
            print("estimate: \(NumericsFormat.exact(estimate))")
            print("symbolic: \(NumericsFormat.exact(exact))")
            print("error: \(NumericsFormat.error(Swift.abs(estimate - exact)))")
        } catch let error as EvaluationError {
            throw reportEvaluationError(error)
        }
    }

    private func printSweep(_ table: StepSweep) {
        print("symbolic derivative: \(NumericsFormat.value(table.reference))")
        print("absolute error by method (* marks each method's smallest error)")
        let width = 13
        print(NumericsFormat.pad("h", 8) + table.methods.map { NumericsFormat.pad($0.rawValue, width) }.joined())
        let best = Dictionary(uniqueKeysWithValues: table.methods.map { ($0, table.bestRow(for: $0)?.step) })
        for row in table.rows {
            var line = NumericsFormat.pad(String(format: "%.0e", row.step), 8)
            for method in table.methods {
                let error = row.errors[method] ?? .nan
                let mark = best[method] == row.step ? "*" : " "
                line += NumericsFormat.pad(NumericsFormat.error(error) + mark, width)
            }
            print(line)
        }
    }
}
