import Testing
@testable import CalculusCore

/// The cheap canonicalisation in `Expression.sum(of:)` and `product(of:)`: the arrays they keep
/// as they are must be exactly what folding would have built.
struct ExpressionTests {
    static let x = Expression.variable("x"), y = Expression.variable("y")

    /// Exact numbers are folded only where the result is exact: `1 + 1e-20` folded in `Double`
    /// would be 1, and `x*(1 + 1e-20)` would become `x`.
    @Test func numbersWhoseExactFoldDoesNotFitStayAsWritten() throws {
        let tiny = Expression.number(.decimal(1, -20))
        #expect(Expression.sum(of: [.one, tiny]) == .sum([.one, tiny]))
        #expect(Expression.sum(of: [Self.x, .one, tiny]) == .sum([Self.x, .one, tiny]))
        let big = Expression.number(.decimal(123_456_789_012, -11)), other = Expression.integer(123_456_789_012_345)
        #expect(Expression.product(of: [other, Self.x, big]) == .product([other, big, Self.x]))
        #expect(Expression.product(of: [other, big]) == .product([other, big]))
        // What fits is still folded.
        #expect(Expression.sum(of: [.one, .number(.decimal(1, -17))]) == .number(.decimal(100_000_000_000_000_001, -17)))
        #expect(try Parser.parse("x*(1 + 1e-20)", variables: ["x"]) != Self.x)
        #expect(try Parser.parse("x^(1 + 1e-20)", variables: ["x"]) != Self.x)
    }

    @Test func productKeepsALeadingCoefficientThatIsItsOwnFold() {
        #expect(Expression.product(of: [.integer(3), Self.x, Self.y]) == .product([.integer(3), Self.x, Self.y]))
        #expect(Expression.product(of: [.fraction(1, 2), Self.x]) == .product([.number(.rational(1, 2)), Self.x]))
        #expect(Expression.product(of: [.number(.decimal(25, -1)), Self.x]) == .product([.number(.decimal(25, -1)), Self.x]))
    }

    @Test func productFoldsWhatIsNotAlreadyCanonical() {
        // An unreduced fraction, a one, a zero, a coefficient out of place, a nested product.
        #expect(Expression.product(of: [.number(.rational(2, 4)), Self.x]) == .product([.number(.rational(1, 2)), Self.x]))
        #expect(Expression.product(of: [.one, Self.x, Self.y]) == .product([Self.x, Self.y]))
        #expect(Expression.product(of: [.zero, Self.x]) == .zero)
        #expect(Expression.product(of: [.zero, .call(.log, Self.x)]) == .product([.zero, .call(.log, Self.x)]))
        #expect(Expression.product(of: [Self.x, .integer(2)]) == .product([.integer(2), Self.x]))
        #expect(Expression.product(of: [.integer(2), .product([.integer(3), Self.x]), Self.y]) == .product([.integer(6), Self.x, Self.y]))
        #expect(Expression.product(of: [.integer(2), .fraction(1, 2), Self.x]) == Self.x)
        #expect(Expression.product(of: [.number(.decimal(5, -1)), .integer(2)]) == .number(.decimal(1, 0)))
    }

    @Test func productPutsDenominatorsLast() {
        let reciprocal = Expression.power(Self.y, to: .minusOne)
        #expect(Expression.product(of: [reciprocal, Self.x]) == .product([Self.x, reciprocal]))
        #expect(Expression.product(of: [.integer(2), reciprocal, .product([Self.x, reciprocal])]) == .product([.integer(2), Self.x, reciprocal, reciprocal]))
    }

    @Test func sumKeepsAConstantTermThatIsItsOwnFold() {
        #expect(Expression.sum(of: [Self.x, .integer(1)]) == .sum([Self.x, .integer(1)]))
        #expect(Expression.sum(of: [.fraction(-1, 3), Self.x]) == .sum([.number(.rational(-1, 3)), Self.x]))
    }

    @Test func sumFoldsWhatIsNotAlreadyCanonical() {
        #expect(Expression.sum(of: [Self.x, .number(.rational(2, 4))]) == .sum([Self.x, .number(.rational(1, 2))]))
        #expect(Expression.sum(of: [Self.x, .integer(1), Self.y, .integer(-1)]) == .sum([Self.x, Self.y]))
        #expect(Expression.sum(of: [.integer(1), .sum([Self.x, .integer(2)]), Self.y]) == .sum([.integer(3), Self.x, Self.y]))
        #expect(Expression.sum(of: [.zero, Self.x]) == Self.x)
    }

    @Test func countsNodes() {
        #expect(Expression.sum(of: [.product([.integer(3), Self.x]), .call(.sin, .power(Self.x, .integer(2)))]).nodeCount == 8)
    }
}
