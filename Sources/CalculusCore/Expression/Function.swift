/// The functions of the answer language, each of one argument.
///
/// Aliases a learner may type (`ln`, `arcsin`, `sigma`, `σ`, `silu`) map onto one case, so that
/// two spellings of the same function build the same tree.
public enum Function: String, CaseIterable, Hashable, Sendable {
    case sin, cos, tan, sec, csc, cot
    case asin, acos, atan
    case sinh, cosh, tanh
    case sech, csch, coth
    case asinh, acosh, atanh
    case exp, log, log10, log2
    case sqrt, cbrt
    case abs, sign
    /// The unit step with value 0 at 0; it appears as the derivative of relu.
    case heaviside
    case sigmoid, relu, softplus, gelu
    /// The standard normal cumulative distribution function.
    case Phi
    case erf
    case swish, mish

    /// The canonical name, as the ASCII printer writes it.
    public var name: String { rawValue }

    /// Every spelling the parser accepts, mapped to its function.
    public static let byName: [String: Function] = {
        var table: [String: Function] = [:]
        for function in Function.allCases { table[function.rawValue] = function }
        table["ln"] = .log
        table["arcsin"] = .asin
        table["arccos"] = .acos
        table["arctan"] = .atan
        table["sigma"] = .sigmoid
        table["σ"] = .sigmoid
        table["silu"] = .swish
        table["phi"] = .Phi
        table["Φ"] = .Phi
        table["step"] = .heaviside
        table["sgn"] = .sign
        table["log_2"] = .log2
        table["log_10"] = .log10
        table["log_e"] = .log
        for (prefix, target) in [("sinh", Function.asinh), ("cosh", .acosh), ("tanh", .atanh)] {
            table["ar" + prefix] = target
            table["arc" + prefix] = target
        }
        return table
    }()
}

/// The named constants of the answer language.
public enum Constant: String, CaseIterable, Hashable, Sendable {
    case e
    case pi

    public var value: Double {
        switch self {
        case .e: return 2.718281828459045
        case .pi: return Double.pi
        }
    }
}

extension Function {
    /// Whether the function has a Taylor series at 0 (after a factor 1/x for csc, csch, cot,
    /// coth): at a tiny argument its value is its tangent line plus terms too small to see,
    /// which is where an answer such as `sin(1e-100*x)*1e100` for `x` hides a difference.
    var isAnalyticAtZero: Bool {
        switch self {
        case .sin, .cos, .tan, .sec, .csc, .cot, .asin, .acos, .atan, .sinh, .cosh, .tanh, .sech, .csch, .coth,
             .asinh, .atanh, .exp, .sigmoid, .softplus, .gelu, .Phi, .erf, .swish, .mish:
            return true
        case .acosh, .log, .log10, .log2, .sqrt, .cbrt, .abs, .sign, .heaviside, .relu:
            return false
        }
    }
}
