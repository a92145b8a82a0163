/// An expression flattened into a postfix program over numbered variable slots, so that the
/// many evaluations the grader makes cost no allocation, no dictionary look-up and no recursion.
public struct CompiledExpression: Sendable {
    enum Instruction: Sendable {
        case constant(Double)
        case variable(Int)
        case add(Int)
        case multiply(Int)
        case power
        case powerRational(Int64, Int64)
        case call(Function)
    }

    let instructions: [Instruction]
    /// The variable of each slot, in the order `evaluate` takes their values.
    public let variables: [String]
    let stackDepth: Int

    /// Compiles `expression`; `variables` fixes the slot order (names not listed get slots after them).
    public init(_ expression: Expression, variables: [String] = []) {
        var compiler = Compiler(slots: variables)
        compiler.emit(expression)
        self.instructions = compiler.program
        self.variables = compiler.slots
        self.stackDepth = compiler.maxDepth + 1
    }

    /// The state of one compilation, as a value (a recursive local function would box every
    /// variable it captures).
    private struct Compiler {
        var slots: [String]
        /// Slots by name once there are more than `linearSlots`, so that compiling an expression
        /// in n variables costs O(n), not O(n²) (a gradient check compiles it once per variable).
        /// Below that a scan of `slots` is cheaper than hashing the name.
        var slotOf: [String: Int]?
        var program: [Instruction] = []
        var depth = 0
        var maxDepth = 1
        static let linearSlots = 8

        init(slots: [String]) {
            self.slots = slots
            if slots.count > Self.linearSlots { indexSlots() }
            program.reserveCapacity(16)
        }

        mutating func indexSlots() {
            slotOf = Dictionary(slots.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        }

        /// The slot of `name`, a new one after the others when it has none.
        mutating func slot(of name: String) -> Int {
            if let slotOf {
                if let slot = slotOf[name] { return slot }
            } else if let slot = slots.firstIndex(of: name) {
                return slot
            }
            slots.append(name)
            if slotOf != nil {
                slotOf![name] = slots.count - 1
            } else if slots.count > Self.linearSlots {
                indexSlots()
            }
            return slots.count - 1
        }

        mutating func emit(_ e: Expression) {
            switch e {
            case let .number(n):
                program.append(.constant(n.doubleValue))
                depth += 1
            case let .constant(c):
                program.append(.constant(c.value))
                depth += 1
            case let .variable(name):
                program.append(.variable(slot(of: name)))
                depth += 1
            case let .sum(items):
                for item in items { emit(item) }
                program.append(.add(items.count))
                depth -= items.count - 1
            case let .product(items):
                for item in items { emit(item) }
                program.append(.multiply(items.count))
                depth -= items.count - 1
            case let .power(base, .number(.rational(p, q))):
                emit(base)
                program.append(.powerRational(p, q))
            case let .power(base, exponent):
                emit(base)
                emit(exponent)
                program.append(.power)
                depth -= 1
            case let .call(function, argument):
                emit(argument)
                program.append(.call(function))
            }
            maxDepth = max(maxDepth, depth)
        }
    }

    /// The value at the given slot values (in `variables` order).
    public func evaluate<T: EvaluationScalar>(_ values: [T]) -> T {
        values.withUnsafeBufferPointer { evaluate($0) }
    }

    /// The value at slot values held in a buffer (in `variables` order).
    public func evaluate<T: EvaluationScalar>(_ values: UnsafeBufferPointer<T>) -> T {
        withUnsafeTemporaryAllocation(of: T.self, capacity: stackDepth) { stack in
            var top = 0
            for instruction in instructions {
                switch instruction {
                case let .constant(c):
                    stack.initializeElement(at: top, to: T(c))
                    top += 1
                case let .variable(slot):
                    stack.initializeElement(at: top, to: values[slot])
                    top += 1
                case let .add(count):
                    var total = stack[top - count]
                    for i in (top - count + 1)..<top { total = total + stack[i] }
                    top -= count - 1
                    stack[top - 1] = total
                case let .multiply(count):
                    var total = stack[top - count]
                    for i in (top - count + 1)..<top { total = total * stack[i] }
                    top -= count - 1
                    stack[top - 1] = total
                case .power:
                    stack[top - 2] = T.power(stack[top - 2], stack[top - 1])
                    top -= 1
                case let .powerRational(p, q):
                    stack[top - 1] = T.power(stack[top - 1], rational: p, q)
                case let .call(function):
                    stack[top - 1] = T.apply(function, stack[top - 1])
                }
            }
            return stack[0]
        }
    }
}

extension CompiledExpression {
    /// How many points `values(at:slot:others:)` carries through the program together.
    static let batch = 32

    /// The values at many points that differ only in one slot: `xs[k]` in `slot`, `others` in
    /// the rest (its entry at `slot` is ignored); the same numbers `evaluate` gives point by point.
    ///
    /// The program is run once per batch of points, each instruction applied to every point of
    /// the batch in turn, so a long program (the n²-node derivative of an n-factor product) is
    /// read from memory once per batch rather than once per point. Each point still sees the
    /// same operations in the same order, so its value is bit for bit the one `evaluate` gives.
    public func values(at xs: [Double], slot: Int, others: [Double]) -> [Double] {
        let width = Self.batch
        var results = [Double](repeating: 0, count: xs.count)
        withUnsafeTemporaryAllocation(of: Double.self, capacity: stackDepth * width) { stack in
            var start = 0
            while start < xs.count {
                let count = Swift.min(width, xs.count - start)
                // Row r of the stack holds entry r for each point of the batch: stack[r * width + b].
                var top = 0
                for instruction in instructions {
                    switch instruction {
                    case let .constant(c):
                        for b in 0..<count { stack[top * width + b] = c }
                        top += 1
                    case let .variable(index):
                        if index == slot {
                            for b in 0..<count { stack[top * width + b] = xs[start + b] }
                        } else {
                            let value = others[index]
                            for b in 0..<count { stack[top * width + b] = value }
                        }
                        top += 1
                    case let .add(n):
                        let first = (top - n) * width
                        for b in 0..<count {
                            var total = stack[first + b]
                            for row in (top - n + 1)..<top { total = total + stack[row * width + b] }
                            stack[first + b] = total
                        }
                        top -= n - 1
                    case let .multiply(n):
                        let first = (top - n) * width
                        for b in 0..<count {
                            var total = stack[first + b]
                            for row in (top - n + 1)..<top { total = total * stack[row * width + b] }
                            stack[first + b] = total
                        }
                        top -= n - 1
                    case .power:
                        let (base, exponent) = ((top - 2) * width, (top - 1) * width)
                        for b in 0..<count { stack[base + b] = Double.power(stack[base + b], stack[exponent + b]) }
                        top -= 1
                    case let .powerRational(p, q):
                        let row = (top - 1) * width
                        for b in 0..<count { stack[row + b] = Double.power(stack[row + b], rational: p, q) }
                    case let .call(function):
                        let row = (top - 1) * width
                        for b in 0..<count { stack[row + b] = Double.apply(function, stack[row + b]) }
                    }
                }
                for b in 0..<count { results[start + b] = stack[b] }
                start += count
            }
        }
        return results
    }
}

extension Expression {
    /// The value with the given variable values.
    /// - Throws: `EvaluationError.unboundVariable` when a variable has no value.
    public func evaluate(_ values: [String: Double]) throws(EvaluationError) -> Double {
        let compiled = CompiledExpression(self)
        var slots: [Double] = []
        for name in compiled.variables {
            guard let value = values[name] else { throw .unboundVariable(name) }
            slots.append(value)
        }
        return compiled.evaluate(slots)
    }
}

public enum EvaluationError: Error, Hashable, Sendable, CustomStringConvertible {
    case unboundVariable(String)

    public var description: String {
        switch self {
        case let .unboundVariable(name):
            return "no value given for the variable '\(name)'; give it a value, such as \(name) = 1"
        }
    }
}
