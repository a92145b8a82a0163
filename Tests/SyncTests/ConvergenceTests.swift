import CalculusCore
import CourseModels
import CourseService
import CourseStore
import Foundation
@testable import Sync
import TestSupport
import Testing

/// The property of issue 7: machines exchanging bundles in any order, partially and
/// repeatedly, all end with the same attempts, reviews and mastery.
struct ConvergenceTests {
    @Test(arguments: 0..<24)
    func threeMachinesExchangingBundlesInRandomOrdersConverge(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed) &* 7919 &+ 1)
        let folder = try TemporaryFolder()
        let machines = try ["a", "b", "c"].map { try Machine($0, in: folder) }
        // Each learner starts on one machine; some later work on others once they arrive there.
        var learners: [(Learner, home: Int)] = []
        for index in 0..<4 {
            let home = Int(random.next() % 3)
            let learner = try machines[home].addLearner("l\(index)")
            learners.append((learner, home))
            // The learner's first device enrols the other two, so every machine may speak for them.
            for other in machines.indices where other != home {
                try DeviceEnrolment.add(code: try machines[other].identity().enrolmentCode, learner: learner,
                                        store: machines[home].store, now: Date(millisecondsSince1970: 1_700_000_000_000))
            }
        }
        var clock: Int64 = 1_700_000_000_000
        var bundles: [String] = []
        var essays: [(UUID, learner: UUID)] = []

        for step in 0..<28 {
            let machine = machines[Int(random.next() % 3)]
            switch random.next() % 5 {
            case 0, 1:
                // Work: a few answers by learners this machine knows, sometimes at the same millisecond.
                for _ in 0..<(1 + random.next() % 4) {
                    let known = try learners.filter { try machine.store.learners.learner(id: $0.0.id) != nil }
                    guard let (learner, _) = known.randomElement(using: &random) else { break }
                    let (exercise, part, answers) = TestContent.answers.randomElement(using: &random)!
                    clock += Int64(random.next() % 3) * 500
                    let attempt = try machine.answer(learner.id, exercise: exercise, part: part,
                                                     answers.randomElement(using: &random)!, at: clock)
                    if exercise == "ex3" { essays.append((attempt.id, learner.id)) }
                }
            case 2:
                // A review decision on an essay this machine holds.
                let held = try essays.filter { try machine.store.attempts.attempt(id: $0.0) != nil }
                if let (essay, learner) = held.randomElement(using: &random) {
                    clock += 250
                    try machine.review(essay, learner: learner, accepted: random.next() % 2 == 0, at: clock)
                }
            case 3:
                // An export: everything, or since the last export to some peer, or one learner only.
                let path = folder.path("s\(seed)-\(step).json")
                let peer = ["a", "b", "c"].randomElement(using: &random)!
                let known = try learners.map(\.0.id).filter { try machine.store.learners.learner(id: $0) != nil }
                switch random.next() % 3 {
                case 0: _ = try machine.export(path)
                case 1: _ = try machine.export(path, since: peer)
                default:
                    guard let one = known.randomElement(using: &random) else { continue }
                    _ = try machine.export(path, learners: [one])
                }
                bundles.append(path)
            default:
                // An import of any earlier bundle, perhaps one imported before, perhaps an old one.
                if let path = bundles.randomElement(using: &random) {
                    let report = try machine.importBundle(path)
                    #expect(report.conflicts.isEmpty)
                }
            }
        }
        // Everyone sends everyone what that peer has not seen, twice round, in a random order.
        for _ in 0..<2 {
            var pairs = [(0, 1), (0, 2), (1, 0), (1, 2), (2, 0), (2, 1)]
            pairs.shuffle(using: &random)
            for (from, to) in pairs {
                let path = folder.path("s\(seed)-final-\(from)-\(to)-\(random.next() % 1000).json")
                _ = try machines[from].export(path, since: machines[to].name)
                try machines[to].importBundle(path)
            }
        }
        let reference = try machines[0].attempts()
        for machine in machines.dropFirst() {
            #expect(try machine.attempts() == reference, "attempts differ on \(machine.name), seed \(seed)")
            #expect(try machine.reviews() == machines[0].reviews(), "reviews differ on \(machine.name), seed \(seed)")
            #expect(try machine.mastery() == machines[0].mastery(), "mastery differs on \(machine.name), seed \(seed)")
        }
        // And the mastery kept is the replay of the attempts, as the grading service computes it.
        for (learner, _) in learners {
            let replayed = try CourseService(store: machines[1].store).computeMastery(learnerID: learner.id)
            #expect(try machines[1].store.mastery.states(learnerID: learner.id) == replayed)
        }
    }
}

import Grading
