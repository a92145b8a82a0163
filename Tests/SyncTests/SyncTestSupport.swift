import CourseModels
import CourseService
import CourseStore
import Crypto
import Foundation
import Grading
@testable import Sync
import TestSupport
import Testing

/// Small course content built in code: cheap to grade, covering expression, number, choice
/// and manual parts, each linked to objectives.
enum TestContent {
    static let objectives = SmallCourse.objectives
    static let exercises = SmallCourse.exercises

    /// Answers people type, right and wrong, per (exercise, part).
    static let answers: [(exercise: String, part: String, answers: [String])] = [
        ("ex1", "a", ["2*x", "2x", "x^2", "2", "2*x +"]),
        ("ex1", "b", ["4", "4.0", "5", "four"]),
        ("ex2", "", ["chain", "power", "quotient"]),
        ("ex3", "", ["Because the inner function changes.", "No idea"]),
    ]
}

/// The instructor every test machine's content names; machines made with `instructor: true`
/// hold its private key beside their database, so the reviews decided there are signed.
enum TestKeys {
    nonisolated(unsafe) static let instructor = Curve25519.Signing.PrivateKey()
}

/// One installation: its own database with the test content, a device id and a grader.
final class Machine {
    let name: String
    let store: Store
    let device: UUID
    let grader = PartGrader()

    init(_ name: String, in folder: TemporaryFolder, instructor: Bool = true) throws {
        self.name = name
        store = try Store(path: folder.path("\(name).db"))
        try importContent(objectives: TestContent.objectives, exercises: TestContent.exercises, into: store)
        try store.provenance.replaceContentKeys(
            instructors: [(TestKeys.instructor.publicKey.rawRepresentation, "tutor")], revoked: [])
        device = try store.settings.deviceID()
        if instructor {
            _ = try SigningKeyFile(path: InstructorKey.keyPath(forDatabase: store.path))
                .create(deviceID: nil, key: TestKeys.instructor)
        }
    }

    /// This machine's signing identity (created on first use).
    func identity() throws -> DeviceIdentity {
        try DeviceIdentity.open(store: store)
    }

    @discardableResult
    func addLearner(_ handle: String, id: UUID = UUID()) throws -> Learner {
        let learner = Learner(id: id, handle: handle, displayName: handle.capitalized,
                              createdAt: Date(millisecondsSince1970: 1_700_000_000_000))
        try store.learners.insert(learner)
        return learner
    }

    /// Records an answer as the grading service would (graded here, mastery replayed).
    @discardableResult
    func answer(_ learner: UUID, exercise: String, part: String, _ text: String, at milliseconds: Int64,
                id: UUID? = nil) throws -> Attempt {
        let exercisePart = TestContent.exercises.first { $0.id == exercise }!.part(part)!
        let grade = grader.grade(text, part: exercisePart)
        let submittedAt = Date(millisecondsSince1970: milliseconds)
        let attempt = Attempt(
            id: id ?? UUID(), learnerID: learner, exerciseID: exercise, part: part, answer: text,
            submittedAt: submittedAt, deviceID: device, graderVersion: GraderVersion.current,
            verdict: grade.verdict, score: grade.score, feedback: grade.feedback, mistake: grade.mistake)
        try store.attempts.insert(attempt)
        try CourseService(store: store).replayMastery(learnerID: learner)
        return attempt
    }

    func review(_ attemptID: UUID, learner: UUID, accepted: Bool, at milliseconds: Int64, reviewer: String = "tutor") throws {
        try store.reviews.record(Review(attemptID: attemptID, reviewer: reviewer, accepted: accepted,
                                        comment: accepted ? "Good." : "Say more.",
                                        decidedAt: Date(millisecondsSince1970: milliseconds)))
        try CourseService(store: store).replayMastery(learnerID: learner)
    }

    func export(_ path: String, learners: [UUID]? = nil, since peer: String? = nil) throws -> BundleExporter.Summary {
        try BundleExporter(store: store).export(
            to: .file(path, replacing: true), options: .init(learnerIDs: learners, sinceLastPeer: peer,
                                            now: Date(millisecondsSince1970: 1_750_000_000_000)))
    }

    @discardableResult
    func importBundle(_ path: String, trustUnsigned: Bool = false) throws -> BundleImportReport {
        try BundleImporter(store: store, trustUnsigned: trustUnsigned,
                           now: Date(millisecondsSince1970: 1_750_000_000_000)).importBundle(at: path)
    }

    /// Every attempt, sorted by id.
    func attempts() throws -> [Attempt] {
        try store.learners.all().flatMap { try store.attempts.attempts(learnerID: $0.id) }
            .sorted { $0.id.uuidString < $1.id.uuidString }
    }

    /// Every learner's mastery, by learner id then objective.
    func mastery() throws -> [MasteryState] {
        try store.learners.all().sorted { $0.id.uuidString < $1.id.uuidString }
            .flatMap { try store.mastery.states(learnerID: $0.id) }
    }

    func reviews() throws -> [Review] {
        try store.reviews.all().sorted { $0.attemptID.uuidString < $1.attemptID.uuidString }
    }

    /// Every row of every table, as text: to prove a refused import wrote nothing.
    func dump() throws -> [String] {
        let database = store.database
        let tables = try database.rows(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name") { $0.string(0) }
        var lines: [String] = []
        for table in tables {
            let columns = try database.rows("SELECT name FROM pragma_table_info(?)", [table]) { $0.string(0) }
            let expression = columns.map { "quote(\"\($0)\")" }.joined(separator: " || '|' || ")
            let rows = try database.prepare("SELECT \(expression) FROM \"\(table)\"").rows { $0.string(0) }
            lines += rows.sorted().map { "\(table): \($0)" }
        }
        return lines
    }
}

/// Writes a bundle from records given directly (valid digest included), for bundles no
/// exporter would write: repeated ids, unknown exercises, forged reviews and merges. With `signer`, each
/// attempt is signed by it and the learners enrol it (self-signed); reviews are signed by
/// `reviewKey` when one is given.
func writeBundle(_ path: String, learners: [Learner], attempts: [Attempt], reviews: [Review] = [],
                 device: UUID = UUID(), contentVersion: String = "test", signer: DeviceIdentity? = nil,
                 reviewKey: Curve25519.Signing.PrivateKey? = nil, merges: [LearnerRepository.Merge] = [],
                 exportedAt: Date = Date(millisecondsSince1970: 1_750_000_000_000)) throws {
    let sink = try ByteSink(path: path, replacing: true, protecting: [])
    var writer = BundleWriter(sink: sink)
    try writer.begin(BundleHeader(deviceID: signer?.deviceID ?? device, exportedAt: exportedAt,
                                  contentVersion: contentVersion))
    if let signer {
        for learner in Set(attempts.map(\.learnerID)).sorted(by: { $0.uuidString < $1.uuidString }) {
            try writer.enrolment(try DeviceEnrolment.selfEnrolment(
                of: signer, learnerID: learner, at: Date(millisecondsSince1970: 1_700_000_000_000)))
        }
    }
    try writer.endEnrolments()
    for learner in learners { try writer.learner(learner) }
    try writer.endLearners()
    for attempt in attempts {
        try writer.attempt(attempt, signature: try signer?.sign(SignedMessage.attempt(attempt)))
    }
    try writer.endAttempts()
    for review in reviews {
        let signature = try reviewKey?.signature(for: SignedMessage.review(review))
        try writer.review(review, signer: reviewKey?.publicKey.rawRepresentation, signature: signature)
    }
    if !merges.isEmpty {
        try writer.beginMerges()
        for merge in merges { try writer.merge(merge) }
    }
    _ = try writer.finish()
    try sink.close()
}
