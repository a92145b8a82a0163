import Foundation
import Testing

/// Issue 12's corpus bar on the built binary: `course-admin calc equiv --jsonl` over the dev
/// corpus, compared with its labels. The grading work around the engine must not move a
/// verdict: no false accept and no false reject.
struct CorpusBarTests {
    static let corpus = CLI.packageRoot.deletingLastPathComponent()
        .appending(path: "shared/corpus/equivalence-dev.jsonl")
    static let available = FileManager.default.fileExists(atPath: corpus.path)

    @Test(.enabled(if: available, "needs ../shared/corpus/equivalence-dev.jsonl beside the package"))
    func calcEquivOverTheDevCorpusAgreesWithItsLabels() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let result = try cli.admin("calc", "equiv", "--jsonl", Self.corpus.path)
        #expect(result.status == 0, "\(result.stderr)")
        var labels: [String: Bool] = [:]
        for line in try String(contentsOf: Self.corpus, encoding: .utf8).split(separator: "\n") {
            let item = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            labels[try #require(item["id"] as? String)] = try #require(item["equivalent"] as? Bool)
        }
        var falseAccepts: [String] = [], falseRejects: [String] = [], seen = 0
        for line in result.stdout.split(separator: "\n") {
            let verdict = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let id = try #require(verdict["id"] as? String)
            let equivalent = try #require(verdict["equivalent"] as? Bool)
            let label = try #require(labels[id])
            seen += 1
            if equivalent && !label { falseAccepts.append(id) }
            if !equivalent && label { falseRejects.append(id) }
        }
        #expect(seen == labels.count)
        #expect(falseAccepts.isEmpty, "false accepts: \(falseAccepts)")
        #expect(falseRejects.isEmpty, "false rejects: \(falseRejects)")
    }
}
