import Foundation
import Testing

/// Issue 12's "already answered" when the two answers were typed on different machines before
/// their logs met: the replay finds the repeat from the log, so both machines agree and the
/// repeat counts once, as it would had both been typed on one machine.
struct RepeatsBySyncTests {
    /// Laptop and desktop sharing learner ada (the desktop imported her from the laptop, on which
    /// it is enrolled as her device).
    static func twoMachines() throws -> (laptop: CLI, desktop: CLI) {
        let laptop = try SyncCLITests.machine(), desktop = try SyncCLITests.machine()
        #expect(try laptop.course("login", "ada").status == 0)
        _ = try laptop.course("submit", "drill2", try laptop.write("first.txt", "4x/(x^2+1)^2"))
        // The desktop is enrolled for ada on the laptop, so the laptop accepts what it signs.
        let code = try desktop.course("device", "show").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try laptop.course("device", "add", code).status == 0)
        let bundle = laptop.folder.appending(path: "start.json").path
        #expect(try laptop.course("sync", "export", "-o", bundle).status == 0)
        #expect(try desktop.course("sync", "import", bundle).status == 0)
        #expect(try desktop.course("login", "ada").stdout.contains("Logged in as 'ada'"))
        return (laptop, desktop)
    }

    static func exchange(_ a: CLI, _ b: CLI) throws {
        let fromA = a.folder.appending(path: "from-a.json").path
        let fromB = b.folder.appending(path: "from-b.json").path
        #expect(try a.course("sync", "export", "-o", fromA).status == 0)
        #expect(try b.course("sync", "export", "-o", fromB).status == 0)
        let intoB = try b.course("sync", "import", fromA)
        #expect(intoB.status == 0, "\(intoB.stderr)")
        let intoA = try a.course("sync", "import", fromB)
        #expect(intoA.status == 0, "\(intoA.stderr)")
    }

    @Test func aRepeatTypedOnAnotherMachineCountsOnceOnBoth() throws {
        let (laptop, desktop) = try Self.twoMachines()
        defer { laptop.cleanUp(); desktop.cleanUp() }
        // The same right answer and the same wrong answer, spelled differently on each machine.
        _ = try laptop.course("submit", "drill3", try laptop.write("r.txt", "20*(2*x + 1)^9"))
        _ = try laptop.course("submit", "drill1", try laptop.write("w.txt", "5x^4 - 9x^2"))
        let laptopAlone = try laptop.course("progress", "--json").stdout
        _ = try desktop.course("submit", "drill3", try desktop.write("r.txt", "20(2x+1)^9"))
        _ = try desktop.course("submit", "drill1", try desktop.write("w.txt", "-9x^2 + 5 x^4"))

        try Self.exchange(laptop, desktop)
        let onLaptop = try laptop.course("progress", "--json").stdout
        let onDesktop = try desktop.course("progress", "--json").stdout
        #expect(onLaptop == onDesktop, "two machines with the same attempts show different mastery")
        // The desktop's answers came later and repeat the laptop's: no evidence from them.
        #expect(onLaptop == laptopAlone, "a repeat that arrived by sync counted:\n\(laptopAlone)\n\(onLaptop)")

        for machine in [laptop, desktop] {
            let history = try machine.course("history", "--json").stdout
            let entries = try #require(try JSONSerialization.jsonObject(with: Data(history.utf8)) as? [[String: Any]])
            let repeats = entries.filter { $0["already_answered"] as? Bool == true }
            #expect(repeats.count == 2, "\(history)")
            #expect(repeats.allSatisfy { $0["counted_for_mastery"] as? Bool == false })
            #expect(try machine.course("history", "drill3").stdout.contains("(already answered"))
        }
    }

    @Test func aDifferentAnswerFromAnotherMachineStillCounts() throws {
        let (laptop, desktop) = try Self.twoMachines()
        defer { laptop.cleanUp(); desktop.cleanUp() }
        _ = try laptop.course("submit", "drill1", try laptop.write("w.txt", "5x^4 - 9x^2"))
        let laptopAlone = try laptop.course("progress", "--json").stdout
        _ = try desktop.course("submit", "drill1", try desktop.write("w.txt", "5x^4 - 9x^2 + 3"))
        try Self.exchange(laptop, desktop)
        let onLaptop = try laptop.course("progress", "--json").stdout
        #expect(onLaptop == (try desktop.course("progress", "--json").stdout))
        #expect(onLaptop != laptopAlone, "a different wrong answer is evidence")
    }
}
