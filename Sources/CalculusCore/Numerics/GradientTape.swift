import Foundation

/// Reverse-mode automatic differentiation over an expression tree.
///
/// `init` flattens the tree into a Wengert list: nodes in evaluation order, each naming its
/// operands. `gradient(at:)` then makes two sweeps. The forward pass computes every node's
/// value and records on the tape the local partial ∂node/∂operand of each edge (b for a·b,
/// e·b^(e−1) for b^e, g′(u) for g(u), …). The backward pass seeds the output's adjoint with 1
/// and walks the tape in reverse, adding adjoint(node)·partial to each operand's adjoint; the
/// adjoints of the variable leaves are the gradient. The cost is a small constant times one
/// evaluation, whatever the number of variables, and the result is exact up to rounding.
package struct GradientTape: Sendable {
    enum Operation: Sendable {
        case constant(Double)
        case variable(Int)
        case add
        case multiply
        case power
        case powerRational(Int64, Int64)
        case call(Function)
    }

    struct Node: Sendable {
        var operation: Operation
        /// Index of the first operand edge in `operands`.
        var firstEdge: Int
        var edgeCount: Int
        /// Whether the node depends on no variable: its partials are never needed.
        var isConstant: Bool
    }

    let nodes: [Node]
    /// The operand node of each edge.
    let operands: [Int]
    /// The variable of each gradient component, in order.
    package let variables: [String]

    /// The number of nodes on the tape (the tree's node count).
    package var count: Int { nodes.count }

    /// Records the structure of `expression`; `variables` fixes the gradient's order (variables
    /// of the expression not listed come after them).
    package init(_ expression: Expression, variables: [String] = []) {
        var slots = variables
        var nodes: [Node] = []
        var operands: [Int] = []
        nodes.reserveCapacity(expression.nodeCount)

        @discardableResult
        func record(_ e: Expression) -> Int {
            func leaf(_ operation: Operation, constant: Bool) -> Int {
                nodes.append(Node(operation: operation, firstEdge: operands.count, edgeCount: 0, isConstant: constant))
                return nodes.count - 1
            }
            func interior(_ operation: Operation, _ children: [Int]) -> Int {
                let constant = children.allSatisfy { nodes[$0].isConstant }
                nodes.append(Node(operation: operation, firstEdge: operands.count,
                                  edgeCount: children.count, isConstant: constant))
                operands.append(contentsOf: children)
                return nodes.count - 1
            }
            switch e {
            case let .number(n): return leaf(.constant(n.doubleValue), constant: true)
            case let .constant(c): return leaf(.constant(c.value), constant: true)
            case let .variable(name):
                let slot: Int
                if let existing = slots.firstIndex(of: name) {
                    slot = existing
                } else {
                    slots.append(name)
                    slot = slots.count - 1
                }
                return leaf(.variable(slot), constant: false)
            case let .sum(items): return interior(.add, items.map { record($0) })
            case let .product(items): return interior(.multiply, items.map { record($0) })
            case let .power(base, .number(.rational(p, q))): return interior(.powerRational(p, q), [record(base)])
            case let .power(base, exponent): return interior(.power, [record(base), record(exponent)])
            case let .call(function, argument): return interior(.call(function), [record(argument)])
            }
        }
        record(expression)
        self.nodes = nodes
        self.operands = operands
        self.variables = slots
    }

    /// The value and the gradient (in `variables` order) at the given variable values.
    package func gradient(at values: [Double]) -> (value: Double, gradient: [Double]) {
        var result = [Double](repeating: 0, count: variables.count)
        let value = values.withUnsafeBufferPointer { input in
            result.withUnsafeMutableBufferPointer { output in
                self.gradient(at: input, into: output)
            }
        }
        return (value, result)
    }

    /// The value, writing the gradient into `output` (which must hold `variables.count` values
    /// and is overwritten). Allocates only scratch space for the tape.
    package func gradient(at values: UnsafeBufferPointer<Double>, into output: UnsafeMutableBufferPointer<Double>) -> Double {
        precondition(values.count >= variables.count, "a value is needed for each of \(variables)")
        for i in output.indices { output[i] = 0 }
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: nodes.count) { value in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: Swift.max(operands.count, 1)) { partial in
                nodes.withUnsafeBufferPointer { nodes in
                    operands.withUnsafeBufferPointer { operands in
                        forward(nodes, operands, values, value, partial)
                        backward(nodes, operands, partial, output)
                        return value[nodes.count - 1]
                    }
                }
            }
        }
    }

    /// Computes each node's value and records its edges' local partials.
    @inline(__always)
    private func forward(
        _ nodes: UnsafeBufferPointer<Node>, _ operands: UnsafeBufferPointer<Int>,
        _ input: UnsafeBufferPointer<Double>, _ value: UnsafeMutableBufferPointer<Double>,
        _ partial: UnsafeMutableBufferPointer<Double>
    ) {
        for i in 0..<nodes.count {
            let node = nodes[i]
            let first = node.firstEdge
            switch node.operation {
            case let .constant(c):
                value.initializeElement(at: i, to: c)
            case let .variable(slot):
                value.initializeElement(at: i, to: input[slot])
            case .add:
                var total = 0.0
                for edge in first..<(first + node.edgeCount) {
                    total += value[operands[edge]]
                    partial.initializeElement(at: edge, to: 1)
                }
                value.initializeElement(at: i, to: total)
            case .multiply:
                // Partial of factor k is the product of the others: prefix products left to
                // right, then suffix products right to left (no division, so zeros are fine).
                var prefix = 1.0
                for edge in first..<(first + node.edgeCount) {
                    partial.initializeElement(at: edge, to: prefix)
                    prefix *= value[operands[edge]]
                }
                var suffix = 1.0
                for edge in stride(from: first + node.edgeCount - 1, through: first, by: -1) {
                    partial[edge] *= suffix
                    suffix *= value[operands[edge]]
                }
                value.initializeElement(at: i, to: prefix)
            case .power:
                let b = value[operands[first]], e = value[operands[first + 1]]
                let v = Double.power(b, e)
                value.initializeElement(at: i, to: v)
                let baseIsConstant = nodes[operands[first]].isConstant
                let exponentIsConstant = nodes[operands[first + 1]].isConstant
                partial.initializeElement(at: first, to: baseIsConstant ? 0 : e * Double.power(b, e - 1))
                partial.initializeElement(at: first + 1, to: exponentIsConstant ? 0 : v * Foundation.log(b))
            case let .powerRational(p, q):
                let b = value[operands[first]]
                value.initializeElement(at: i, to: Double.power(b, rational: p, q))
                partial.initializeElement(
                    at: first,
                    to: node.isConstant ? 0 : Double(p) / Double(q) * Double.power(b, rational: p - q, q))
            case let .call(function):
                let u = value[operands[first]]
                value.initializeElement(at: i, to: Double.apply(function, u))
                partial.initializeElement(at: first, to: node.isConstant ? 0 : function.derivativeValue(at: u))
            }
        }
    }

    /// Accumulates adjoints from the output back to the variable leaves, adding them into `output`.
    @inline(__always)
    private func backward(
        _ nodes: UnsafeBufferPointer<Node>, _ operands: UnsafeBufferPointer<Int>,
        _ partial: UnsafeMutableBufferPointer<Double>, _ output: UnsafeMutableBufferPointer<Double>
    ) {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: nodes.count) { adjoint in
            adjoint.initialize(repeating: 0)
            adjoint[nodes.count - 1] = 1
            for i in stride(from: nodes.count - 1, through: 0, by: -1) {
                let node = nodes[i]
                let a = adjoint[i]
                if node.isConstant || a == 0 { continue }
                if case let .variable(slot) = node.operation {
                    output[slot] += a
                    continue
                }
                for edge in node.firstEdge..<(node.firstEdge + node.edgeCount) {
                    adjoint[operands[edge]] += a * partial[edge]
                }
            }
        }
    }
}

extension Expression {
    /// The gradient with respect to `variables` at `point` by reverse mode (`GradientTape`):
    /// one forward and one backward sweep, whatever the number of variables.
    /// - Throws: `EvaluationError.unboundVariable` when `point` lacks a variable of the expression.
    package func reverseModeGradient(
        withRespectTo variables: [String], at point: [String: Double]
    ) throws(EvaluationError) -> [Double] {
        let tape = GradientTape(self, variables: variables)
        var values: [Double] = []
        for name in tape.variables {
            guard let value = point[name] else { throw .unboundVariable(name) }
            values.append(value)
        }
        return Array(tape.gradient(at: values).gradient.prefix(variables.count))
    }
}
