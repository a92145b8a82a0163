import Synchronization

/// The small subtrees an answer is made of, built once per process for each variable name and
/// shared by every parse: `x^2`, `x^-1` (from `1/x`), `sin(x)`, `-x`, `2x`, `e^x`, `e^(-2x)`.
///
/// Why: a parse of a typical answer spends about a third of its instructions allocating and
/// later freeing its tree's nodes, and most answers repeat the same few of them (`x^2` in
/// `3x^2`, `sin(x)`). A shared node costs a reference count instead of an allocation and a free.
/// Trees are values, so sharing a node is invisible: each is built by the same constructors a
/// parse would call (`Expression.power(_:to:)`, `.call`), so the trees are equal node for node.
final class VariableLeaves: Sendable {
    /// The integer exponents whose powers are kept, below and above 0 and 1 (which fold away).
    static let lowestPower = -4
    static let highestPower = 12

    /// `x^k` for `k` in `lowestPower...highestPower`, indexed by `k - lowestPower` (`x^0` and
    /// `x^1` are what the constructor gives: 1 and `x`).
    private let powers: [Expression]
    /// `f(x)` for every function, in `Function.allCases` order.
    private let calls: [Expression]
    /// The largest |k| whose multiple `k*x` is kept.
    static let largestMultiple = 16
    /// `k*x` for `k` in `-largestMultiple...largestMultiple`, indexed by `k + largestMultiple`
    /// (`0*x` and `1*x` as the constructor gives them, though the parser never asks for them).
    private let multiples: [Expression]
    /// `e^(k*x)` for the same `k`, indexed the same way (`e^(0*x)` is 1, never asked for).
    private let exponentials: [Expression]

    private init(name: String) {
        let leaf = Expression.variable(name)
        powers = (Self.lowestPower...Self.highestPower).map { Expression.power(leaf, to: .integer($0)) }
        calls = Function.allCases.map { Expression.call($0, leaf) }
        let multiples = (-Self.largestMultiple...Self.largestMultiple).map { Expression.product(of: [.integer($0), leaf]) }
        self.multiples = multiples
        exponentials = multiples.map { Expression.power(.constant(.e), to: $0) }
    }

    /// `-x`: unary minus builds it as `-1*x`.
    var negated: Expression { multiples[Self.largestMultiple - 1] }

    /// `e^(k*x)`, when `k` is an integer in the kept range other than 0.
    func exponential(_ k: Int64) -> Expression? {
        guard k != 0, let index = Self.multipleIndex(k) else { return nil }
        return exponentials[index]
    }

    /// `k*x`, when `k` is an integer in the kept range other than 0 and 1.
    func multiple(_ k: Int64) -> Expression? {
        guard k != 0, k != 1, let index = Self.multipleIndex(k) else { return nil }
        return multiples[index]
    }

    private static func multipleIndex(_ k: Int64) -> Int? {
        k.magnitude <= UInt64(largestMultiple) ? Int(k) + largestMultiple : nil
    }

    /// `x^k`, when `k` is an exact integer in the kept range.
    func power(_ exponent: Number) -> Expression? {
        guard case let .rational(k, 1) = exponent, k >= Self.lowestPower, k <= Self.highestPower else { return nil }
        return powers[Int(k) - Self.lowestPower]
    }

    func call(_ function: Function) -> Expression {
        calls[Self.ordinal(function)]
    }

    /// The function's place in `Function.allCases`: its tag, as the ABI numbers the cases of an
    /// enum without payloads (in declaration order, which is also `allCases`'s), read without
    /// hashing its name. `VariableLeavesTests` checks the two orders agree.
    static func ordinal(_ function: Function) -> Int {
        withUnsafeBytes(of: function) { Int($0[0]) }
    }

    /// The shared leaves of `name`, built at its first use. Nil once `capacity` names are held:
    /// a process that parses with ever new variable names (a fuzzer) parses without sharing
    /// rather than growing without bound.
    static func leaves(for name: String) -> VariableLeaves? {
        table.withLock { table in
            if let leaves = table[name] { return leaves }
            guard table.count < capacity else { return nil }
            let leaves = VariableLeaves(name: name)
            table[name] = leaves
            return leaves
        }
    }

    static let capacity = 64
    /// A parser shares leaves only when it declares at most this many variables.
    static let variablesShared = 8
    private static let table = Mutex<[String: VariableLeaves]>([:])
}
