import ArgumentParser
import CalculusCore

/// `course-admin calc critical`: critical points, their classification, and the global extrema.
struct CalcCritical: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "critical",
        abstract: "List the critical points of a function on an interval, classified, and its global extrema.",
        discussion: "Each point is classified by the second-derivative test, or the higher-order or first-derivative test when that is inconclusive; the test that decided is printed."
    )

    @Argument(help: "The function, e.g. \"x^4 - 4x^3 + 6x^2\".")
    var expression: String

    @Option(name: .long, parsing: .unconditional, help: "The closed interval LO,HI, e.g. --on -1,4.",
            transform: { try parseInterval($0, option: "--on") })
    var on: ClosedRange<Double>

    @Option(name: .customLong("var"), help: "The variable.")
    var variable: String = "x"

    func run() throws {
        let interval = on
        let f = try readExpression(expression, variables: [variable])
        do {
            // One search for both answers: the points, then the extrema over them.
            let (points, found) = try GlobalExtrema.search(of: f, variable: variable, on: interval)
            let range = "[\(NumericsFormat.value(interval.lowerBound)), \(NumericsFormat.value(interval.upperBound))]"
            print(points.isEmpty ? "no critical points on \(range)" : "critical points on \(range):")
            for point in points {
                let corner = point.isStationary ? "" : ", f' does not exist"
                print("  \(variable) = \(NumericsFormat.value(point.x))  f = \(NumericsFormat.value(point.value))  "
                      + "\(point.kind.rawValue) (\(point.decidedBy)\(corner))")
            }
            guard let extrema = found else {
                print("no global extrema: the function is unbounded or undefined somewhere on \(range)")
                return
            }
            for (name, ties) in [("minimum", extrema.minima), ("maximum", extrema.maxima)] {
                let value = NumericsFormat.value(ties[0].value)
                let places = ties.map { "\(variable) = \(NumericsFormat.value($0.x))" }
                if ties.count == 1 {
                    print("global \(name): f(\(NumericsFormat.value(ties[0].x))) = \(value)")
                } else {
                    print("global \(name): \(value), reached at \(places.count) points: \(places.joined(separator: ", "))")
                }
            }
        } catch {
            throw reportEvaluationError(error)
        }
    }
}
