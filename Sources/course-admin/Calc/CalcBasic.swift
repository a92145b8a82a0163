import ArgumentParser
import CalcTools
import CalculusCore
import CourseCLI

struct CalcDiff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Print the simplified derivative of an expression on one line.",
        discussion: "With --jsonl, read corpus items (one JSON object per line) and print {\"id\": …, \"derivative\": …} for each item's function."
    )

    @Argument(help: "The expression to differentiate, e.g. \"x^2*sin(x)\".")
    var expression: String?

    @Option(name: .long, help: "The variable to differentiate with respect to, then any other variables (x,y); one-letter names are variables anyway.",
            transform: parseVariables)
    var `var`: [String] = ["x"]

    @Option(name: .long, help: "The order of the derivative.")
    var order: Int = 1

    @Option(name: .long, help: "Read JSON Lines items from FILE ('-' for standard input).")
    var jsonl: String?

    func validate() throws {
        if (expression == nil) == (jsonl == nil) {
            throw ValidationError("give either an EXPRESSION or --jsonl FILE")
        }
        if order < 1 || order > 20 { throw ValidationError("--order must be between 1 and 20") }
    }

    func run() throws {
        if let jsonl {
            let calculator = BatchCalculator()
            try forEachLine(of: jsonl) { calculator.derivative(line: $0) }
            return
        }
        let function = try readExpression(expression!, declaring: `var`)
        print(function.derivative(withRespectTo: `var`[0], order: order).description)
    }
}

struct CalcSimplify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simplify",
        abstract: "Print an expression in simplified canonical form."
    )

    @Argument(help: "The expression to simplify.")
    var expression: String

    @Option(name: .long, help: "The variables (x,y); one-letter names are variables anyway.", transform: parseVariables)
    var `var`: [String] = ["x"]

    func run() throws {
        print(try readExpression(expression, declaring: `var`).simplified.description)
    }
}

struct CalcEval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate an expression at a point."
    )

    @Argument(help: "The expression to evaluate.")
    var expression: String

    @Option(name: .long, help: "Variable values, e.g. --at x=1.5,y=2 or --at x=pi/4.", transform: parseAssignments)
    var at: [String: Double] = [:]

    func run() throws {
        let parsed = try readExpression(expression, at: at)
        let value: Double
        do {
            value = try parsed.evaluate(at)
        } catch {
            throw CommandFailure("\(error)", status: 2)
        }
        guard value.isFinite else {
            let point = at.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }.joined(separator: ", ")
            let what = value.isNaN ? "is not defined" : "is infinite"
            throw CommandFailure(
                "\(parsed.description) \(what) at \(point.isEmpty ? "this point" : point): the point is outside its domain; choose another.",
                status: 2)
        }
        print(value)
    }
}

struct CalcEquiv: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "equiv",
        abstract: "Print 'equivalent' or 'not equivalent' for a key and an answer.",
        discussion: "Exits 0 either way; bad input exits 2. With --jsonl, read corpus items and print {\"id\": …, \"equivalent\": …} per line."
    )

    @Argument(help: "The answer key.")
    var key: String?

    @Argument(help: "The answer to compare with the key.")
    var answer: String?

    @Option(name: .long, help: "The variables of the expressions, e.g. --var x or --var x,y.", transform: parseVariables)
    var `var`: [String] = ["x"]

    @Option(name: .long, help: "The interval LO,HI on which the expressions are compared (default -3,3).",
            transform: { try parseInterval($0, option: "--domain") })
    var domain: ClosedRange<Double>?

    @Option(name: .long, help: "Read JSON Lines items from FILE ('-' for standard input).")
    var jsonl: String?

    func validate() throws {
        if jsonl == nil && (key == nil || answer == nil) {
            throw ValidationError("give KEY and ANSWER, or --jsonl FILE")
        }
        if jsonl != nil && (key != nil || answer != nil) {
            throw ValidationError("give either KEY and ANSWER or --jsonl FILE, not both")
        }
    }

    func run() throws {
        if let jsonl {
            var calculator = BatchCalculator()
            try forEachLine(of: jsonl) { calculator.equivalence(line: $0) }
            return
        }
        let keyExpression = try readExpression(key!, declaring: `var`, what: "key")
        let answerExpression = try readExpression(answer!, declaring: `var`, what: "answer")
        var box: [String: ClosedRange<Double>] = [:]
        if let domain {
            for name in keyExpression.variables.union(answerExpression.variables).union(`var`) { box[name] = domain }
        }
        let equivalent = EquivalenceChecker().areEquivalent(keyExpression, answerExpression, domain: box)
        print(equivalent ? "equivalent" : "not equivalent")
    }
}
