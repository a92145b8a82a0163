import ArgumentParser
import CalculusCore
import CourseCLI

/// `course-admin calc implicit`: dy/dx of a curve F(x, y) = G(x, y).
struct CalcImplicit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "implicit",
        abstract: "Print dy/dx for a curve given as an equation, by implicit differentiation (-F_x/F_y)."
    )

    @Argument(help: "The equation, e.g. \"x^3+y^3=6*x*y\".")
    var equation: String

    @Option(name: .long, help: "The independent variable.")
    var x: String = "x"

    @Option(name: .long, help: "The dependent variable.")
    var y: String = "y"

    func validate() throws {
        if x == y { throw ValidationError("--x and --y must name different variables") }
    }

    func run() throws {
        let sides: (lhs: CalculusCore.Expression, rhs: CalculusCore.Expression)
        do {
            sides = try Parser(variables: [x, y]).parseEquation(equation)
        } catch {
            throw CommandFailure("cannot read the equation: \(error.description)", status: 2)
        }
        print(Expression.implicitDerivative(lhs: sides.lhs, rhs: sides.rhs, x: x, y: y).description)
    }
}
