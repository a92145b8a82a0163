import CourseModels
import CourseService
import CourseStore
import Crypto
import Foundation
@testable import Sync
import TestSupport
import Testing

/// Learner merges as instructor acts (issue 17): signed, carried in bundles, applied on every
/// machine alike, and refused when anyone but an instructor the content names signed them.
struct LearnerMergeTests {
    static let mergedAt = Date(millisecondsSince1970: 1_740_000_000_000)

    /// Ada on her laptop and, logged in there before importing, as a second learner on her
    /// desktop; the instructor's machine imported both.
    struct Scene {
        let folder: TemporaryFolder
        let laptop: Machine
        let desktop: Machine
        let instructor: Machine
        let ada: Learner
        let second: Learner

        func bundle(_ machine: Machine, _ name: String) throws -> String {
            let path = folder.path(name)
            _ = try machine.export(path)
            return path
        }

        /// A machine with the content and nothing else.
        func fresh(_ name: String) throws -> Machine {
            try Machine(name, in: folder, instructor: false)
        }
    }

    static func scene() throws -> Scene {
        let folder = try TemporaryFolder()
        let laptop = try Machine("laptop", in: folder, instructor: false)
        let desktop = try Machine("desktop", in: folder, instructor: false)
        let instructor = try Machine("instructor", in: folder)
        let ada = try laptop.addLearner("ada")
        try laptop.answer(ada.id, exercise: "ex1", part: "a", "x^2", at: 1_700_000_001_000)
        try laptop.answer(ada.id, exercise: "ex1", part: "a", "2*x", at: 1_700_000_002_000)
        let second = try desktop.addLearner("ada-desk")
        try desktop.answer(second.id, exercise: "ex1", part: "b", "4", at: 1_700_000_003_000)
        try desktop.answer(second.id, exercise: "ex2", part: "", "chain", at: 1_700_000_004_000)
        let scene = Scene(folder: folder, laptop: laptop, desktop: desktop, instructor: instructor, ada: ada, second: second)
        try instructor.importBundle(try scene.bundle(laptop, "laptop-1.json"))
        try instructor.importBundle(try scene.bundle(desktop, "desktop-1.json"))
        return scene
    }

    static func merge(on machine: Machine, kept: String = "ada", merged: String = "ada-desk") throws -> LearnerMerge {
        try LearnerMerging(store: machine.store, now: mergedAt).merge(kept: kept, merged: merged)
    }

    static func handles(_ machine: Machine) throws -> [String] {
        try machine.store.learners.all().map(\.handle)
    }

    @Test func anInstructorSignedMergeIsAppliedOnAnotherMachineAndItsExportImportsCleanlyElsewhere() throws {
        let scene = try Self.scene()
        let merge = try Self.merge(on: scene.instructor)
        #expect(merge.attemptsMoved == 2)
        let merged = try scene.instructor.store.attempts.attempts(learnerID: scene.ada.id)
        #expect(merged.count == 4)

        let other = try scene.fresh("other")
        let report = try other.importBundle(try scene.bundle(scene.instructor, "class.json"))
        #expect(report.mergesRefused.isEmpty)
        #expect(report.mergesApplied.map(\.attemptsMoved) == [2])
        #expect(try Self.handles(other) == ["ada"])
        #expect(try other.attempts() == scene.instructor.attempts())
        #expect(try other.mastery() == scene.instructor.mastery())
        #expect(try other.mastery() == CourseService(store: other.store).computeMastery(learnerID: scene.ada.id))

        // The machine that applied the merge relays the moved attempts under the learner id their
        // device signed: a third machine checks every signature and ends with the same state.
        let third = try scene.fresh("third")
        let relayed = try third.importBundle(try scene.bundle(other, "relayed.json"))
        #expect(relayed.added == 4)
        #expect(relayed.mergesApplied.count == 1)
        #expect(try third.attempts() == scene.instructor.attempts())
        #expect(try third.mastery() == scene.instructor.mastery())
    }

    @Test func mergesConvergeWhateverTheOrderOfTheirAttempts() throws {
        let scene = try Self.scene()
        _ = try Self.merge(on: scene.instructor)
        let classBundle = try scene.bundle(scene.instructor, "class.json")
        // The desktop, not knowing of the merge yet, goes on under its own learner.
        try scene.desktop.answer(scene.second.id, exercise: "ex1", part: "a", "2x", at: 1_700_000_005_000)
        let desktopLater = try scene.bundle(scene.desktop, "desktop-2.json")
        let laptopBundle = scene.folder.path("laptop-1.json")

        let mergeFirst = try scene.fresh("merge-first")
        try mergeFirst.importBundle(classBundle)
        try mergeFirst.importBundle(desktopLater)
        let attemptsFirst = try scene.fresh("attempts-first")
        try attemptsFirst.importBundle(desktopLater)
        try attemptsFirst.importBundle(laptopBundle)
        try attemptsFirst.importBundle(classBundle)
        let twice = try scene.fresh("twice")
        for path in [classBundle, desktopLater, classBundle, desktopLater] { try twice.importBundle(path) }
        try scene.instructor.importBundle(desktopLater)

        // The desktop itself gets the merge, then sends on what it made under the merged learner.
        let atDesktop = try scene.desktop.importBundle(classBundle)
        #expect(atDesktop.mergesApplied.count == 1)
        #expect(try Self.handles(scene.desktop) == ["ada"])
        let desktopAfter = try scene.bundle(scene.desktop, "desktop-3.json")

        let reference = try scene.instructor.attempts()
        #expect(reference.count == 5)
        for machine in [mergeFirst, attemptsFirst, twice] {
            let report = try machine.importBundle(desktopAfter)
            #expect(report.conflicts.isEmpty && report.mergesRefused.isEmpty, "\(machine.name)")
        }
        for machine in [mergeFirst, attemptsFirst, twice, scene.desktop] {
            #expect(try Self.handles(machine) == ["ada"], "\(machine.name)")
            #expect(try machine.attempts() == reference, "attempts differ on \(machine.name)")
            #expect(try machine.mastery() == scene.instructor.mastery(), "mastery differs on \(machine.name)")
        }
        let again = try mergeFirst.importBundle(classBundle)
        #expect(again.mergesAlreadyApplied == 1)
        #expect(again.changedNothing)
    }

    /// The ways a learner might forge a merge of bob into ada (to gain bob's progress).
    enum Forgery: String, CaseIterable {
        case unsigned, signedByTheLearnersDevice, signedByARevokedInstructorKey, signedByAKeyTheContentDoesNotName
        case changedAfterSigning

        var reason: String {
            switch self {
            case .unsigned: "it is not signed"
            case .signedByTheLearnersDevice, .signedByAKeyTheContentDoesNotName: "does not name as an instructor's"
            case .signedByARevokedInstructorKey: "revoked on 2024-11-06"
            case .changedAfterSigning: "its signature does not match it"
            }
        }
    }

    @Test(arguments: Forgery.allCases)
    func aForgedMergeIsRefusedAndTheRestOfTheBundleImported(_ forgery: Forgery) throws {
        let scene = try Self.scene()
        let bobs = try scene.fresh("bob")
        let bob = try bobs.addLearner("bob")
        try bobs.answer(bob.id, exercise: "ex1", part: "a", "2*x", at: 1_700_000_006_000)
        try scene.instructor.importBundle(try scene.bundle(bobs, "bob.json"))
        let revoked = Curve25519.Signing.PrivateKey()
        try scene.instructor.store.provenance.replaceContentKeys(
            instructors: [(TestKeys.instructor.publicKey.rawRepresentation, "tutor"), (revoked.publicKey.rawRepresentation, "former")],
            revoked: [(revoked.publicKey.rawRepresentation, Date(millisecondsSince1970: 1_730_851_200_000))])

        var merge = LearnerRepository.Merge(mergedID: bob.id, keptID: scene.ada.id, mergedAt: Self.mergedAt, signer: nil, signature: nil)
        func sign(_ key: Curve25519.Signing.PrivateKey) throws {
            merge.signer = key.publicKey.rawRepresentation
            merge.signature = try key.signature(for: SignedMessage.merge(merge))
        }
        let device = try scene.laptop.identity()
        switch forgery {
        case .unsigned: break
        case .signedByTheLearnersDevice:
            merge.signer = device.publicKey
            merge.signature = try device.sign(SignedMessage.merge(merge))
        case .signedByARevokedInstructorKey: try sign(revoked)
        case .signedByAKeyTheContentDoesNotName: try sign(Curve25519.Signing.PrivateKey())
        case .changedAfterSigning:
            merge.keptID = scene.second.id
            try sign(TestKeys.instructor)
            merge.keptID = scene.ada.id
        }
        let attempt = try scene.laptop.answer(scene.ada.id, exercise: "ex1", part: "b", "4", at: 1_700_000_007_000)
        let path = scene.folder.path("forged.json")
        try writeBundle(path, learners: [scene.ada], attempts: [attempt], signer: device, merges: [merge])
        let before = try scene.instructor.store.attempts.attempts(learnerID: bob.id)

        let batch = BundleImporter(store: scene.instructor.store, now: Date(millisecondsSince1970: 1_750_000_000_000))
            .importBundles(at: [path])
        #expect(batch.exitStatus == 2)
        guard case let .imported(report) = try #require(batch.outcomes.first) else {
            Issue.record("the bundle was refused whole")
            return
        }
        #expect(report.added == 1)
        #expect(report.mergesApplied.isEmpty)
        let refused = try #require(report.mergesRefused.first)
        #expect(refused.reason.contains(forgery.reason), "\(refused.reason)")
        let line = try #require(report.text().split(separator: "\n").first { $0.contains("merge refused") })
        #expect(line.contains(bob.id.uuidString) && line.contains(forgery.reason), "\(line)")
        #expect(try scene.instructor.store.learners.learner(id: bob.id) != nil)
        #expect(try scene.instructor.store.attempts.attempts(learnerID: bob.id) == before)
        #expect(try scene.instructor.store.learners.merge(of: bob.id) == nil)
    }

    @Test func aMachineWithoutANamedInstructorKeyRefusesToMerge() throws {
        let scene = try Self.scene()
        let before = try scene.desktop.dump()
        _ = try scene.desktop.addLearner("ada")
        let withLearners = try scene.desktop.dump()
        #expect(withLearners != before)
        #expect(throws: SyncError.noInstructorKey(
            path: InstructorKey.keyPath(forDatabase: scene.desktop.store.path), kept: "ada", merged: "ada-desk")) {
            try Self.merge(on: scene.desktop)
        }
        // A key the learner made for themselves is no better: the content does not name it.
        _ = try InstructorKey.loadOrCreate(path: InstructorKey.keyPath(forDatabase: scene.desktop.store.path))
        #expect(throws: SyncError.instructorKeyNotNamed(path: InstructorKey.keyPath(forDatabase: scene.desktop.store.path))) {
            try Self.merge(on: scene.desktop)
        }
        #expect(try scene.desktop.dump() == withLearners)
    }

    @Test func aMergeOfAMergedLearnerFollowsItToWhereItsAttemptsAre() throws {
        let scene = try Self.scene()
        let third = try scene.instructor.addLearner("ada-phone")
        try scene.instructor.answer(third.id, exercise: "ex2", part: "", "power", at: 1_700_000_008_000)
        _ = try Self.merge(on: scene.instructor)
        _ = try Self.merge(on: scene.instructor, kept: "ada-phone", merged: "ada")
        #expect(try Self.handles(scene.instructor) == ["ada-phone"])
        #expect(try scene.instructor.store.attempts.attempts(learnerID: third.id).count == 5)

        let other = try scene.fresh("other")
        let report = try other.importBundle(try scene.bundle(scene.instructor, "class.json"))
        #expect(report.mergesApplied.count == 2 && report.mergesRefused.isEmpty)
        #expect(try Self.handles(other) == ["ada-phone"])
        #expect(try other.attempts() == scene.instructor.attempts())
        #expect(try other.mastery() == scene.instructor.mastery())
    }
}
