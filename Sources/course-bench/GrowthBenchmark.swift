import ArgumentParser
import Foundation

/// `course-bench growth`: how the cost of `calc diff`, `calc critical` and `calc gradcheck`
/// grows with the size of a product, as whole `course-admin` processes.
///
/// The inputs are the products the issue measured: `(x+1)*(x+2)*…*(x+n)` for `diff` and
/// `critical`, and `w1*w2*…*wn` with n variables for `gradcheck`. The derivative of an n-factor
/// product has n terms of n factors, so O(n²) is the floor; each size is timed after the one half
/// as big, and the printed exponent log₂(t(2n)/t(n)) reads 2 for quadratic growth, 3 for cubic.
/// Whole processes include start-up, which flattens the exponent at the small sizes.
struct GrowthBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "growth",
        abstract: "Time calc diff, critical and gradcheck on n-factor products; print the growth exponent."
    )

    @Option(help: "The sizes, comma-separated.", transform: { text in
        let sizes = text.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !sizes.isEmpty, sizes.allSatisfy({ $0 > 0 }) else {
            throw ValidationError("'\(text)' is not a list of sizes; write --sizes 100,200,400")
        }
        return sizes
    })
    var sizes: [Int] = [100, 200, 400, 800, 1600]

    @Option(help: "Which commands to time, comma-separated (diff, critical, gradcheck).")
    var commands: String = "diff,critical,gradcheck"

    @Option(help: "Runs per size; the median is printed.")
    var runs = 3

    @Option(help: "Skip the larger sizes of a command once one run takes longer than this many seconds.")
    var limit: Double = 60

    @Option(help: "The course-admin binary (default: the one beside course-bench).")
    var courseAdmin: String?

    func run() throws {
        let program = courseAdmin ?? URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appending(path: "course-admin").path
        guard FileManager.default.isExecutableFile(atPath: program) else {
            throw ValidationError("cannot find course-admin at \(program); build it (swift build -c release) or pass --course-admin PATH")
        }
        let wanted = commands.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        for command in wanted {
            guard ["diff", "critical", "gradcheck"].contains(command) else {
                throw ValidationError("unknown command '\(command)'; choose among diff, critical, gradcheck")
            }
            print("calc \(command):")
            var previous: (size: Int, seconds: Double)?
            for n in sizes {
                let seconds = try median(program, Self.arguments(command, n))
                var line = String(format: "  n = %5d  %9.3f s", n, seconds)
                if let previous, previous.seconds > 0 {
                    let exponent = log(seconds / previous.seconds) / log(Double(n) / Double(previous.size))
                    line += String(format: "   growth exponent from n = %d: %.2f", previous.size, exponent)
                }
                print(line)
                previous = (n, seconds)
                if seconds > limit {
                    print("  (larger sizes skipped: over \(Int(limit)) s)")
                    break
                }
            }
        }
    }

    /// The command line of `command` for size `n`.
    static func arguments(_ command: String, _ n: Int) -> [String] {
        let product = (1...n).map { "(x+\($0))" }.joined(separator: "*")
        switch command {
        case "diff":
            return ["course-admin", "calc", "diff", product]
        case "critical":
            return ["course-admin", "calc", "critical", product, "--on", "-0.5,0.5"]
        default:
            let names = (1...n).map { "w\($0)" }
            let point = names.enumerated().map { "\($1)=\($0 % 2 == 0 ? "1.001" : "0.999")" }.joined(separator: ",")
            return ["course-admin", "calc", "gradcheck", names.joined(separator: "*"), "--at", point]
        }
    }

    private func median(_ program: String, _ arguments: [String]) throws -> Double {
        var times: [Double] = []
        for _ in 0..<max(1, runs) {
            let start = DispatchTime.now().uptimeNanoseconds
            let status = try spawnAndWait(program, arguments)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            guard status == 0 else {
                throw ValidationError("\(arguments.prefix(3).joined(separator: " ")) exited with status \(status)")
            }
            if times.last! > limit { break }
        }
        times.sort()
        return times[times.count / 2]
    }
}
