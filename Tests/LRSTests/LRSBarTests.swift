import Foundation
import LRS
import TestSupport
import Testing

/// The issue's bars, opt-in (`COURSE_LRS_BARS=1`): 20,000 attempts pushed to Ralph and pulled
/// into an empty database, 100,000 through the fault server; prints statements/s both ways and
/// the process's peak memory, and checks the pulled database equals the source.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["COURSE_LRS_BARS"] == "1", "set COURSE_LRS_BARS=1 to measure the LRS bars"))
struct LRSBarTests {
    @Test(.enabled(if: Ralph.available, Ralph.skipMessage))
    func twentyThousandThroughRalph() throws {
        try measure(count: 20_000, endpoint: Ralph.endpoint!, credentials: Ralph.credentials!, label: "Ralph (file-system back end)")
    }

    @Test func hundredThousandThroughTheFaultServer() throws {
        let server = try FaultServer()
        defer { server.stop() }
        server.capPages(at: 500)
        try measure(count: 100_000, endpoint: server.endpoint,
                    credentials: LRSCredentials(user: server.user, password: server.password), label: "fault server", batch: 500, page: 500)
    }

    func measure(count: Int, endpoint: String, credentials: LRSCredentials, label: String, batch: Int = 100, page: Int = 100) throws {
        let folder = try TemporaryFolder(prefix: "lrs-bars")
        let home = "https://course.invalid/bars-\(UUID().uuidString.prefix(8).lowercased())"
        let source = try Installation("source", in: folder)
        _ = try source.practise(learners: 200, answers: count, from: 1_750_000_000_000)
        let started = Date()
        let pushed = try LRSPusher(store: source.store, endpoint: LRSEndpoint(endpoint), credentials: credentials,
                                   homePage: home, batchSize: batch).push()
        let pushSeconds = Date().timeIntervalSince(started)
        let target = try Installation("target", in: folder)
        let pullStarted = Date()
        let pulled = try LRSPuller(store: target.store, endpoint: LRSEndpoint(endpoint), credentials: credentials,
                                   homePage: home, pageSize: page).pull()
        let pullSeconds = Date().timeIntervalSince(pullStarted)
        #expect(pushed.accepted == count && pulled.imported.added == count)
        #expect(try target.submissions() == source.submissions())
        #expect(try target.mastery() == source.mastery())
        let peak = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? "VmHWM: ?"
        print("LRS bar, \(label): \(count) statements; push \(Int(Double(count) / pushSeconds)) statements/s (\(String(format: "%.1f", pushSeconds)) s, \(pushed.requests) requests); pull \(Int(Double(count) / pullSeconds)) statements/s (\(String(format: "%.1f", pullSeconds)) s, \(pulled.pages) pages); peak memory \(peak.dropFirst(6).trimmingCharacters(in: .whitespaces))")
    }
}
