import ArgumentParser
import CalcTools
import CalculusCore

/// `course-admin calc plot`: an SVG of a function and its derivatives.
struct CalcPlot: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Write an SVG plot of a function and its derivatives, with axes and a legend."
    )

    @Argument(help: "The function, e.g. \"x^3 - 3x\".")
    var expression: String

    @Option(name: .long, parsing: .unconditional, help: "The interval LO,HI, e.g. --on -3,3.",
            transform: { try parseInterval($0, option: "--on") })
    var on: ClosedRange<Double>

    @Option(name: .long, help: "How many derivatives to draw with the function (0 to 4).")
    var derivatives: Int = 0

    @Option(name: .customLong("var"), help: "The variable.")
    var variable: String = "x"

    @Option(name: .long, help: "Sample points per curve.")
    var samples: Int = 400

    @Option(name: .shortAndLong, help: "The SVG file to write.")
    var output: String

    func validate() throws {
        if !(0...4).contains(derivatives) { throw ValidationError("--derivatives must be between 0 and 4") }
        if !(10...100_000).contains(samples) { throw ValidationError("--samples must be between 10 and 100000") }
    }

    func run() throws {
        let interval = on
        let f = try readExpression(expression, variables: [variable])
        do {
            let plot = try SVGPlot.function(f, variable: variable, on: interval, derivatives: derivatives, samples: samples)
            try writeTextFile(plot.render(), to: output)
            print("wrote \(output) (\(plot.series.map(\.name).joined(separator: ", ")))")
        } catch let error as EvaluationError {
            throw reportEvaluationError(error)
        }
    }
}
