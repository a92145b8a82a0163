import ArgumentParser
import CalcTools
import CalculusCore
import Foundation

/// `course-bench calc`: items per second for parse, diff and equiv over an equivalence corpus,
/// in one process, parsing included.
struct CalcBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calc",
        abstract: "Parse, differentiate and judge equivalence over the dev corpus; print items/s."
    )

    @Option(help: "The corpus file (JSON Lines).")
    var corpus: String = "../shared/corpus/equivalence-dev.jsonl"

    @Option(help: "How many passes over the corpus to time.")
    var passes: Int = 10

    @Option(help: "List this many of the dearest items for the judge, with their ids.")
    var slowest: Int = 0

    func run() throws {
        guard let text = try? String(contentsOfFile: corpus, encoding: .utf8) else {
            throw ValidationError("cannot read the corpus '\(corpus)'; pass --corpus PATH")
        }
        let items = try text.split(separator: "\n").map { try CorpusItem(jsonLine: $0) }
        let judged = items.filter { $0.key != nil && $0.answer != nil }
        let pairs = judged.map { item in (item.key!, item.answer!, item.variable, item.domain ?? -3...3) }
        let functions = Array(Set(items.compactMap(\.function))).sorted()
        let lines = text.split(separator: "\n")
        print("corpus: \(items.count) items, \(functions.count) distinct functions, \(passes) passes")

        let parse = measure(count: pairs.count * 2) {
            var nodes = 0
            for (key, answer, variable, _) in pairs {
                let parser = Parser(variables: [variable])
                nodes &+= (try? parser.parse(key))?.nodeCount ?? 0
                nodes &+= (try? parser.parse(answer))?.nodeCount ?? 0
            }
            return nodes
        }
        report("parse (expressions)", parse)

        let diff = measure(count: functions.count) {
            var nodes = 0
            for function in functions {
                guard let f = try? Parser(variables: ["x"]).parse(function) else { continue }
                nodes &+= f.simplifiedDerivative(withRespectTo: "x").nodeCount
            }
            return nodes
        }
        report("diff (parse + derivative + simplify)", diff)

        let checker = EquivalenceChecker()
        let equiv = measure(count: pairs.count) {
            var accepted = 0
            for (key, answer, variable, domain) in pairs {
                let parser = Parser(variables: [variable])
                guard let k = try? parser.parse(key), let a = try? parser.parse(answer) else { continue }
                if checker.areEquivalent(k, a, domain: [variable: domain]) { accepted += 1 }
            }
            return accepted
        }
        report("equiv (parse both + judge)", equiv)

        // The distribution per item: the precise layer makes a few items much dearer.
        var costs: [(micro: Double, id: String)] = []
        for (index, (key, answer, variable, domain)) in pairs.enumerated() {
            let parser = Parser(variables: [variable])
            guard let k = try? parser.parse(key), let a = try? parser.parse(answer) else { continue }
            // The fastest of three runs: the least disturbed by other work on the machine.
            var fastest = UInt64.max
            for _ in 0..<3 {
                let start = DispatchTime.now().uptimeNanoseconds
                _ = checker.judge(k, a, domain: [variable: domain])
                fastest = min(fastest, DispatchTime.now().uptimeNanoseconds - start)
            }
            costs.append((Double(fastest) / 1000, judged[index].id.json))
        }
        costs.sort { $0.micro < $1.micro }
        let times = costs.map(\.micro)
        let slow = times.filter { $0 > 100 }.count
        print(String(format: "judge alone per item: median %.1f µs, p90 %.1f µs, p99 %.1f µs, max %.0f µs; %d of %d items over 100 µs",
                     times[times.count / 2], times[times.count * 9 / 10], times[times.count * 99 / 100], times.last ?? 0, slow, times.count))
        print(String(format: "judge alone, all items: %.1f ms", times.reduce(0, +) / 1000))
        for (micro, id) in costs.suffix(slowest).reversed() {
            print(String(format: "  %10.1f µs  %@", micro, id as NSString))
        }

        // The cases Double cannot decide: the precise layer's cost.
        let hard: [(String, String, ClosedRange<Double>)] = [
            ("exp(x) + 1", "exp(x)", 35...40), ("tanh(x)", "1", 20...30), ("1 - sigmoid(x)", "sigmoid(-x)", 18...25),
            ("exp(x)", "e^x", 708...720), ("2*x", "2*x + relu(-2.997 - x)*10000", -3...3),
            ("12*x^3 - 4*x", "12*x^3 - 2*x + sqrt(0)", -3...3), ("relu(x)", "(x + abs(x))/2", -3...3),
            ("(x - 1)^6", "x^6 - 6*x^5 + 15*x^4 - 20*x^3 + 15*x^2 - 6*x + 1", 0.9...1.1),
        ]
        let hardRate = measure(count: hard.count) {
            var accepted = 0
            for (key, answer, domain) in hard {
                let parser = Parser(variables: ["x"])
                guard let k = try? parser.parse(key), let a = try? parser.parse(answer) else { continue }
                if checker.areEquivalent(k, a, domain: ["x": domain]) { accepted += 1 }
            }
            return accepted
        }
        report("equiv hard cases (beyond Double: precise layer)", hardRate)

        var calculator = BatchCalculator()
        let batch = measure(count: lines.count) {
            var bytes = 0
            for line in lines { bytes &+= calculator.equivalence(line: line).utf8.count }
            return bytes
        }
        report("equiv --jsonl lines (JSON decode + parse + judge + encode)", batch)
    }

    private func measure(count: Int, _ body: () -> Int) -> Double {
        _ = body()  // warm-up
        let start = DispatchTime.now().uptimeNanoseconds
        var sink = 0
        for _ in 0..<passes { sink &+= body() }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if sink == Int.min { print(sink) }
        return Double(count * passes) / seconds
    }

    private func report(_ label: String, _ rate: Double) {
        let micro = 1e6 / rate
        print(String(format: "%-58@ %12.0f items/s  (%.2f µs/item)", label as NSString, rate, micro))
    }
}
