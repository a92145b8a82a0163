/// Renders expressions as text.
///
/// `.ascii` is the canonical form: it parses back to the same tree, so it is what the grader
/// stores and what "read as" shows. `.unicode` is for people: superscripts, `·`, `−`, `√`, `σ`, `π`.
public struct Printer: Sendable {
    public enum Style: Sendable { case ascii, unicode }

    public var style: Style

    public init(style: Style = .ascii) { self.style = style }

    public func string(_ expression: Expression) -> String {
        var output = ""
        write(expression, into: &output)
        return output
    }

    // Binding strength of what a position accepts without parentheses.
    private enum Level: Int, Comparable {
        case sum = 0, product, unary, power, atom
        static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    private var times: String { style == .ascii ? "*" : "·" }
    private var minus: String { style == .ascii ? "-" : "−" }

    /// How tightly `expression` binds when printed.
    private func level(of expression: Expression) -> Level {
        switch expression {
        case let .number(n):
            if n.isNegative { return .unary }
            if case let .rational(_, d) = n, d != 1 { return .product }
            if case let .real(v) = n, !v.isFinite { return .unary }
            return .atom
        case .variable, .constant, .call: return .atom
        case .sum: return .sum
        case let .product(factors):
            if case let .number(c)? = factors.first, c.isNegative { return .unary }
            return .product
        case let .power(_, exponent):
            if let e = exponent.numberValue, e.isNegative { return .product }
            return .power
        }
    }

    private func write(_ expression: Expression, into output: inout String, atLeast minimum: Level) {
        if level(of: expression) < minimum {
            output += "("
            write(expression, into: &output)
            output += ")"
        } else {
            write(expression, into: &output)
        }
    }

    private func write(_ expression: Expression, into output: inout String) {
        switch expression {
        case let .number(n):
            writeNumber(n, into: &output)
        case let .variable(name):
            output += name
        case let .constant(c):
            output += style == .ascii ? c.rawValue : (c == .pi ? "π" : "e")
        case let .call(function, argument):
            writeCall(function, argument, into: &output)
        case let .sum(terms):
            for (index, term) in terms.enumerated() {
                if index == 0 {
                    write(term, into: &output)
                } else if let positive = Self.negatedIfNegative(term) {
                    output += " \(minus) "
                    write(positive, into: &output, atLeast: .product)
                } else {
                    output += " + "
                    write(term, into: &output, atLeast: .product)
                }
            }
        case let .product(factors):
            writeProduct(factors, into: &output)
        case let .power(base, exponent):
            if let e = exponent.numberValue, e.isNegative {
                writeProduct([expression], into: &output)
            } else {
                writePower(base, exponent, into: &output)
            }
        }
    }

    private func writeNumber(_ n: Number, into output: inout String) {
        switch n {
        case let .rational(p, 1):
            output += p < 0 ? minus + String(p.magnitude) : String(p)
        case let .rational(p, q):
            output += (p < 0 ? minus + String(p.magnitude) : String(p)) + "/" + String(q)
        case let .decimal(significand, exponent):
            output += significand < 0 ? minus + Self.decimalText(significand.magnitude, exponent) : Self.decimalText(significand.magnitude, exponent)
        case let .real(v):
            if v.isNaN { output += "nan"; return }
            if v.isInfinite { output += v < 0 ? minus + "inf" : "inf"; return }
            let text = "\(v.magnitude)"
            output += v < 0 ? minus + text : text
        }
    }

    /// A decimal's digits as a person writes them: `0.25`, `12.0000000000001`, `1e-05`, `100.0`
    /// (the same text `Double` prints wherever the decimal has 15 or fewer digits).
    static func decimalText(_ significand: UInt64, _ exponent: Int) -> String {
        let digits = String(significand)
        if digits.count <= 15 {
            let value = Double("\(digits)e\(exponent)") ?? 0
            if value.isFinite, value != 0 { return "\(value)" }
        }
        // Where the point falls, counted from the first digit; beyond 16 places or below
        // 10⁻⁴ the scientific form, as `Double` prints.
        let point = digits.count + exponent
        if point > 16 || point < -3 {
            let mantissa = digits.prefix(1) + (digits.count > 1 ? "." + digits.dropFirst() : "")
            let power = point - 1
            return mantissa + "e" + (power < 0 ? "-" : "+") + (power.magnitude < 10 ? "0" : "") + String(power.magnitude)
        }
        if exponent >= 0 { return digits + String(repeating: "0", count: exponent) + ".0" }
        if point > 0 {
            return String(digits.prefix(point)) + "." + String(digits.dropFirst(point))
        }
        return "0." + String(repeating: "0", count: -point) + digits
    }

    private func writeCall(_ function: Function, _ argument: Expression, into output: inout String) {
        if style == .unicode {
            switch function {
            case .abs:
                output += "|"; write(argument, into: &output); output += "|"
                return
            case .sqrt where level(of: argument) == .atom:
                output += "√"; write(argument, into: &output)
                return
            case .sigmoid:
                output += "σ("; write(argument, into: &output); output += ")"
                return
            case .Phi:
                output += "Φ("; write(argument, into: &output); output += ")"
                return
            default: break
            }
        }
        output += function.name + "("
        write(argument, into: &output)
        output += ")"
    }

    private func writePower(_ base: Expression, _ exponent: Expression, into output: inout String) {
        write(base, into: &output, atLeast: .atom)
        if style == .unicode, let k = exponent.numberValue?.integerValue, exponent.numberValue!.isExact,
           let superscript = Self.superscript(k) {
            output += superscript
            return
        }
        output += "^"
        write(exponent, into: &output, atLeast: .atom)
    }

    /// Writes a product as `[-]numerator/denominator`, with numeric coefficients split into
    /// their numerator and denominator so that `(3/2)*x/y` reads `3*x/(2*y)`.
    private func writeProduct(_ factors: [Expression], into output: inout String) {
        var coefficient = Number.one
        var numerator: [Expression] = []
        var denominator: [Expression] = []
        for (index, factor) in factors.enumerated() {
            if index == 0, let c = factor.numberValue {
                coefficient = c
            } else if case let .power(base, .number(e)) = factor, e.isNegative {
                denominator.append(Expression.power(base, to: .number(e.negated)))
            } else {
                numerator.append(factor)
            }
        }
        if coefficient.isNegative {
            output += minus
            coefficient = coefficient.negated
        }
        var numeratorText: [String] = []
        var denominatorText: [String] = []
        switch coefficient {
        case let .rational(p, q):
            if p != 1 { numeratorText.append(String(p)) }
            if q != 1 { denominatorText.append(String(q)) }
        case .real, .decimal:
            var text = ""
            writeNumber(coefficient, into: &text)
            numeratorText.append(text)
        }
        for factor in numerator {
            var text = ""
            write(factor, into: &text, atLeast: .power)
            numeratorText.append(text)
        }
        for factor in denominator {
            var text = ""
            write(factor, into: &text, atLeast: .power)
            denominatorText.append(text)
        }
        if numeratorText.isEmpty { numeratorText.append("1") }
        output += joined(numeratorText)
        if !denominatorText.isEmpty {
            output += "/"
            output += denominatorText.count == 1 ? denominatorText[0] : "(" + joined(denominatorText) + ")"
        }
    }

    /// Joins factors; the Unicode style writes a coefficient against a letter (`3x`) without a dot.
    private func joined(_ parts: [String]) -> String {
        guard style == .unicode else { return parts.joined(separator: times) }
        var result = ""
        for (index, part) in parts.enumerated() {
            if index > 0 {
                let previous = parts[index - 1]
                let previousIsNumber = previous.allSatisfy { $0.isNumber || $0 == "." }
                let startsWithDigit = part.first?.isNumber == true
                result += previousIsNumber && !startsWithDigit && part.first != "(" ? "" : times
            }
            result += part
        }
        return result
    }

    /// For a term printed after ` - `: the term without its minus sign, or nil if it has none.
    static func negatedIfNegative(_ term: Expression) -> Expression? {
        switch term {
        case let .number(n) where n.isNegative:
            return .number(n.negated)
        case let .product(factors):
            guard case let .number(c)? = factors.first, c.isNegative else { return nil }
            return .product(of: [.number(c.negated)] + factors.dropFirst())
        default:
            return nil
        }
    }

    static func superscript(_ k: Int64) -> String? {
        guard abs(k) < 1000 else { return nil }
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        let body = String(String(k.magnitude).map { digits[Int(String($0))!] })
        return (k < 0 ? "⁻" : "") + body
    }
}

extension Expression: CustomStringConvertible {
    /// The canonical ASCII form, which parses back to this tree.
    public var description: String { Printer().string(self) }

    /// The form for people to read.
    public var pretty: String { Printer(style: .unicode).string(self) }
}
