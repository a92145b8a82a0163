import ArgumentParser

/// `course-admin calc`: the instructor's calculator over the calculus core.
struct CalcCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calc",
        abstract: "Differentiate, simplify, evaluate and compare expressions.",
        subcommands: [
            CalcDiff.self, CalcSimplify.self, CalcEval.self, CalcEquiv.self,
            // Numerics (nderiv, critical, implicit, gradcheck, plot) register below.
            CalcNDeriv.self, CalcCritical.self, CalcImplicit.self, CalcGradCheck.self, CalcPlot.self,
        ]
    )
}
