import ArgumentParser
import CalcTools
import CalculusCore
import Foundation

/// `course-bench jsonl`: the `calc equiv --jsonl` path without the judge, for instruction counts.
///
/// Reads a JSON Lines file the way `course-admin calc equiv --jsonl` does (byte framing, the
/// corpus item reader, both expressions parsed, one reply line each, written in chunks) but
/// answers each line with the nodes parsed instead of a verdict. Under callgrind it gives what
/// the batch protocol and the parser cost per item, start-up included, apart from the
/// equivalence judge, whose cost depends on the items (a few need thousands of bits).
struct JSONLinesBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jsonl",
        abstract: "Read and parse an equiv JSON Lines file as calc equiv --jsonl does, without judging."
    )

    @Argument(help: "The JSON Lines file (corpus items with key and answer).")
    var file: String

    func run() throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ValidationError("cannot read '\(file)'; pass the path of a JSON Lines file")
        }
        var calculator = BatchCalculator()
        JSONLines.respond(to: [UInt8](data), with: { line in
            switch calculator.comparison(line: line) {
            case let .failure(reply):
                return reply.line
            case let .success(request):
                return "{\"id\": \(request.id.json), \"nodes\": \(request.key.nodeCount + request.answer.nodeCount)}"
            }
        }, write: { FileHandle.standardOutput.write(Data($0)) })
    }
}
