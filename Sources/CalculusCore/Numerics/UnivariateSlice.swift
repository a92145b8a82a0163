/// An expression seen as a function of one variable, the others held at fixed values: the
/// shape every numeric differentiation and root-finding routine in this folder works on.
///
/// Compiled once; each call costs one pass over the postfix program and no allocation beyond
/// the slot array.
struct UnivariateSlice: Sendable {
    let compiled: CompiledExpression
    /// Values of every slot; slot 0 is the free variable.
    let fixed: [Double]

    /// - Throws: `EvaluationError.unboundVariable` for a variable other than `variable` that
    ///   `point` leaves without a value.
    init(_ expression: Expression, variable: String, point: [String: Double] = [:]) throws(EvaluationError) {
        compiled = CompiledExpression(expression, variables: [variable])
        var slots = [point[variable] ?? 0]
        for name in compiled.variables.dropFirst() {
            guard let value = point[name] else { throw .unboundVariable(name) }
            slots.append(value)
        }
        fixed = slots
    }

    func callAsFunction(_ x: Double) -> Double {
        var slots = fixed
        slots[0] = x
        return compiled.evaluate(slots)
    }

    /// `self(x)` for each of `xs`, the program run over a batch of them at a time (see
    /// `CompiledExpression.values(at:slot:others:)`): the same numbers, far fewer passes over a
    /// long program.
    func values(at xs: [Double]) -> [Double] {
        compiled.values(at: xs, slot: 0, others: fixed)
    }

    func callAsFunction<T: EvaluationScalar>(_ x: T) -> T {
        var slots = fixed.map { T($0) }
        slots[0] = x
        return compiled.evaluate(slots)
    }
}
