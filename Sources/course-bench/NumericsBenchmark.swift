import ArgumentParser
import CalculusCore
import Foundation

/// `course-bench numerics`: the reverse-mode gradient of a 1,000-node expression (bar: < 50 µs,
/// release build), with forward mode and plain evaluation for scale.
struct NumericsBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "numerics",
        abstract: "Time the reverse-mode gradient of a 1,000-node expression; print µs per gradient."
    )

    @Option(help: "The size of the expression, in nodes (it is grown term by term to at least this).")
    var nodes: Int = 1_000

    @Option(help: "How many gradients to time.")
    var iterations: Int = 20_000

    func validate() throws {
        if nodes < 10 { throw ValidationError("--nodes must be at least 10") }
        if iterations < 1 { throw ValidationError("--iterations must be at least 1") }
    }

    func run() throws {
        let (expression, variables) = Self.network(nodes: nodes)
        let values = variables.indices.map { 0.1 + 0.8 * Double($0) / Double(variables.count) }
        print("expression: \(expression.nodeCount) nodes, \(variables.count) variables")

        let tape = GradientTape(expression, variables: variables)
        var gradient = [Double](repeating: 0, count: tape.variables.count)
        let reverse = time(iterations) {
            values.withUnsafeBufferPointer { input in
                gradient.withUnsafeMutableBufferPointer { tape.gradient(at: input, into: $0) }
            }
        }
        report("reverse mode (tape: forward pass + backward pass)", reverse, bar: 50)

        let compiled = CompiledExpression(expression, variables: variables)
        let evaluation = time(iterations) { compiled.evaluate(values) }
        report("plain evaluation (for scale)", evaluation)

        let forward = time(Swift.max(1, iterations / variables.count)) {
            var total = 0.0
            for seed in variables.indices {
                let duals = values.indices.map { Dual(value: values[$0], derivative: $0 == seed ? 1 : 0) }
                total += compiled.evaluate(duals).derivative
            }
            return total
        }
        report("forward mode (one dual pass per variable)", forward)

        let build = time(Swift.max(1, iterations / 20)) { Double(GradientTape(expression, variables: variables).count) }
        report("recording the tape's structure (once per expression)", build)
    }

    /// A scalar network as a learner would write it: Σₖ wₖ·σ(aₖx + bₖy) + (x − cₖ)²·tanh(wₖy),
    /// grown until it has at least `nodes` nodes.
    static func network(nodes: Int) -> (CalculusCore.Expression, [String]) {
        let x = CalculusCore.Expression.variable("x"), y = CalculusCore.Expression.variable("y")
        var terms: [CalculusCore.Expression] = []
        var k = 0
        while CalculusCore.Expression.sum(of: terms).nodeCount < nodes {
            let w = CalculusCore.Expression.variable("w\(k % 16)")
            let a = CalculusCore.Expression.real(0.1 * Double(k % 7 + 1)), b = CalculusCore.Expression.real(-0.05 * Double(k % 5 + 1))
            terms.append(w * .call(.sigmoid, a * x + b * y))
            terms.append(.power(x - .real(0.3 * Double(k % 3)), to: .integer(2)) * .call(.tanh, w * y))
            k += 1
        }
        let expression = CalculusCore.Expression.sum(of: terms)
        return (expression, ["x", "y"] + (0..<Swift.min(k, 16)).map { "w\($0)" })
    }

    private func time(_ count: Int, _ body: () -> Double) -> Double {
        var sink = body()  // warm-up
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<count { sink += body() }
        }
        if sink == -.infinity { print(sink) }  // keeps the work observable
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return seconds / Double(count) * 1e6
    }

    private func report(_ label: String, _ microseconds: Double, bar: Double? = nil) {
        let padded = label.count >= 56 ? label : label + String(repeating: " ", count: 56 - label.count)
        var line = padded + String(format: " %9.2f µs", microseconds)
        if let bar { line += microseconds < bar ? "  (bar: < \(Int(bar)) µs, met)" : "  (bar: < \(Int(bar)) µs, NOT met)" }
        print(line)
    }
}
