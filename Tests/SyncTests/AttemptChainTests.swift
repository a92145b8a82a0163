import CourseModels
import CourseStore
import Crypto
import Foundation
@testable import Sync
import TestSupport
import Testing

/// Hash chains over a device's attempts for a learner: one signature check per run, and a run
/// changed anywhere inside is refused.
struct AttemptChainTests {
    let folder: TemporaryFolder
    let laptop: Machine
    let lab: Machine
    let ada: Learner

    init() throws {
        folder = try TemporaryFolder()
        laptop = try Machine("laptop", in: folder, instructor: false)
        lab = try Machine("lab", in: folder)
        ada = try laptop.addLearner("ada")
        try laptop.answer(ada.id, exercise: "ex1", part: "a", "x^2", at: 1_700_000_001_000)
        try laptop.answer(ada.id, exercise: "ex1", part: "a", "2*x", at: 1_700_000_002_000)
        try laptop.answer(ada.id, exercise: "ex1", part: "b", "4", at: 1_700_000_003_000)
    }

    /// Writes `attempts` signed and chained by the laptop's device as `signed` says they were
    /// (the attempts themselves by default); the chain signatures at `garbled` are of other bytes.
    func writeChained(_ path: String, attempts: [Attempt], signed: [Attempt]? = nil, garbled: Set<Int> = []) throws {
        let identity = try laptop.identity()
        let sink = try ByteSink(path: path, replacing: true, protecting: [])
        var writer = BundleWriter(sink: sink)
        try writer.begin(BundleHeader(deviceID: identity.deviceID, exportedAt: Date(millisecondsSince1970: 1_750_000_000_000),
                                      contentVersion: "test"))
        try writer.enrolment(try DeviceEnrolment.selfEnrolment(of: identity, learnerID: ada.id,
                                                               at: Date(millisecondsSince1970: 1_700_000_000_000)))
        try writer.endEnrolments()
        try writer.learner(ada)
        try writer.endLearners()
        var value = SignedMessage.chainStart
        for (index, (attempt, original)) in zip(attempts, signed ?? attempts).enumerated() {
            let message = SignedMessage.attempt(original)
            let next = SignedMessage.chainValue(after: value, attemptMessage: message)
            let chainSignature = try identity.sign(SignedMessage.chain(garbled.contains(index) ? Data(count: 32) : next))
            try writer.attempt(attempt, signature: try identity.sign(message),
                               chain: .init(previous: value, signature: chainSignature))
            value = next
        }
        try writer.endAttempts()
        _ = try writer.finish()
        try sink.close()
    }

    @Test func anExportChainsItsAttemptsAndTheImportChecksOneSignaturePerRun() throws {
        let path = folder.path("chained.json")
        #expect(try laptop.export(path).attempts == 3)
        let report = try lab.importBundle(path)
        #expect(report.added == 3)
        // The self-enrolment and the one run of three attempts.
        #expect(report.signaturesChecked == 2)
        // A later export extends the same chain, so the lab checks its attempts as one run again.
        try laptop.answer(ada.id, exercise: "ex2", part: "", "chain", at: 1_700_000_004_000)
        let later = folder.path("later.json")
        _ = try laptop.export(later)
        let again = try lab.importBundle(later)
        #expect(again.added == 1 && again.alreadyPresent == 3 && again.signaturesChecked == 1)
        // And the lab relays them chained: a third machine checks the relayed run the same way.
        let relayed = folder.path("relayed.json")
        _ = try lab.export(relayed)
        let third = try Machine("third", in: folder)
        let relay = try third.importBundle(relayed)
        #expect(relay.added == 4 && relay.signaturesChecked == 2)
    }

    @Test func anAttemptChangedInsideARunIsRefusedAsAForgery() throws {
        let attempts = try laptop.store.attempts.attempts(learnerID: ada.id)
        var changed = attempts
        changed[1].answer = "2*x + 0"
        let path = folder.path("changed.json")
        try writeChained(path, attempts: changed, signed: attempts)
        let before = try lab.dump()
        #expect {
            try lab.importBundle(path)
        } throws: { error in
            guard let error = error as? BundleError, case let .badSignature(record) = error.problem else { return false }
            return record.hasPrefix("attempts 1 to 2")
        }
        #expect(try lab.dump() == before)
    }

    @Test func aBrokenChainIsCheckedRunByRun() throws {
        let attempts = try laptop.store.attempts.attempts(learnerID: ada.id)
        let path = folder.path("garbled.json")
        // The first attempt's chain signature is never needed while the run continues...
        try writeChained(path, attempts: attempts, garbled: [0])
        #expect(try lab.importBundle(path).added == 3)
        // ...but when the run ends there (the next attempt starts a new chain), it is checked.
        let other = try Machine("other", in: folder)
        let split = folder.path("split.json")
        try writeChained(split, attempts: [attempts[0]], garbled: [0])
        #expect(throws: BundleError.self) { try other.importBundle(split) }
    }

    @Test func aConflictInsideARunChecksTheSignatureBeforeTheGap() throws {
        let attempts = try laptop.store.attempts.attempts(learnerID: ada.id)
        // The lab already holds another submission under the second attempt's id.
        var clash = attempts[1]
        clash.answer = "2x"
        let first = folder.path("clash.json")
        try writeChained(first, attempts: [clash])
        #expect(try lab.importBundle(first).added == 1)
        // The run's last signature is sound but the first attempt's is not: once the conflict
        // leaves the second attempt out, the first ends a stored run, so it must be checked.
        let path = folder.path("gap.json")
        try writeChained(path, attempts: attempts, garbled: [0])
        let before = try lab.dump()
        #expect {
            try lab.importBundle(path)
        } throws: { error in
            guard let error = error as? BundleError, case let .badSignature(record) = error.problem else { return false }
            return record == "attempt 1"
        }
        #expect(try lab.dump() == before)
    }
}
