import CourseModels
import CourseStore
import Foundation

/// Writes attempts as xAPI 1.0.3 statements, a JSON array a Learning Record Store accepts:
/// statement id = attempt id; actor = the learner's account; verb `answered`; object = an
/// activity per exercise part; result with success, scaled score and the response; timestamp.
/// Streams like `BundleExporter`: one learner's attempts in memory at a time.
public struct XAPIExporter {
    public let store: Store
    /// The IRI under which learner accounts and activities are named.
    public var homePage: String

    public static let defaultHomePage = "https://course.invalid"
    static let answered = "http://adlnet.gov/expapi/verbs/answered"
    static let interaction = "http://adlnet.gov/expapi/activities/cmi.interaction"

    public init(store: Store, homePage: String = XAPIExporter.defaultHomePage) {
        self.store = store
        self.homePage = homePage.hasSuffix("/") ? String(homePage.dropLast()) : homePage
    }

    /// Writes the statements of `learnerIDs` (nil for everyone); returns how many.
    /// - Throws: `SyncError` when the file cannot be written, or `DatabaseError`.
    public func export(to destination: BundleExporter.Destination, learnerIDs: [UUID]? = nil) throws -> Int {
        let learners: [Learner]
        if let learnerIDs {
            learners = try learnerIDs.map { id in
                guard let learner = try store.learners.learner(id: id) else { throw SyncError.unknownLearner(handle: id.uuidString) }
                return learner
            }
        } else {
            learners = try store.learners.all()
        }
        let reviews = Dictionary(try store.reviews.all().map { ($0.attemptID, $0) }, uniquingKeysWith: { _, last in last })
        let sink: ByteSink
        switch destination {
        case let .file(path, replacing): sink = try ByteSink(path: path, replacing: replacing, protecting: BundleExporter.protectedFiles(store))
        case .standardOutput: sink = ByteSink()
        }
        var json = CanonicalJSON(capacity: 4096)
        var count = 0
        try sink.write("[")
        for learner in learners {
            for attempt in try store.attempts.attempts(learnerID: learner.id) {
                json.removeAll()
                json.raw(count == 0 ? "\n" : ",\n")
                statement(attempt, learner: learner, review: reviews[attempt.id], into: &json)
                try sink.write(json.bytes)
                count += 1
            }
        }
        try sink.write(count == 0 ? "]\n" : "\n]\n")
        try sink.close()
        return count
    }

    /// The activity IRI of one exercise part (of the exercise, for a single-part exercise).
    public func activityID(exerciseID: String, part: String) -> String {
        let exercise = exerciseID.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? exerciseID
        let base = "\(homePage)/xapi/activities/exercises/\(exercise)"
        guard !part.isEmpty else { return base }
        return base + "/parts/" + (part.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? part)
    }

    func statement(_ attempt: Attempt, learner: Learner, review: Review?, into json: inout CanonicalJSON) {
        json.raw("{")
        json.key("id"); json.string(attempt.id.uuidString.lowercased()); json.raw(",")
        json.key("actor"); json.raw("{")
        json.key("objectType"); json.string("Agent"); json.raw(",")
        json.key("name"); json.string(learner.displayName); json.raw(",")
        json.key("account"); json.raw("{")
        json.key("homePage"); json.string(homePage); json.raw(",")
        json.key("name"); json.string(learner.id.uuidString.lowercased())
        json.raw("}},")
        json.key("verb"); json.raw("{")
        json.key("id"); json.string(Self.answered); json.raw(",")
        json.key("display"); json.raw("{\"en-US\":\"answered\"}")
        json.raw("},")
        json.key("object"); json.raw("{")
        json.key("objectType"); json.string("Activity"); json.raw(",")
        json.key("id"); json.string(activityID(exerciseID: attempt.exerciseID, part: attempt.part)); json.raw(",")
        json.key("definition"); json.raw("{")
        json.key("name"); json.raw("{"); json.key("en-US")
        json.string(attempt.part.isEmpty ? attempt.exerciseID : "\(attempt.exerciseID) (\(attempt.part))")
        json.raw("},")
        json.key("type"); json.string(Self.interaction); json.raw(",")
        json.key("interactionType"); json.string("fill-in")
        json.raw("}},")
        json.key("result"); json.raw("{")
        switch attempt.verdict {
        case .correct: json.key("success"); json.bool(true); json.raw(",")
        case .incorrect, .syntaxError: json.key("success"); json.bool(false); json.raw(",")
        case .pendingReview:
            if let review { json.key("success"); json.bool(review.accepted); json.raw(",") }
        }
        json.key("completion"); json.bool(true); json.raw(",")
        json.key("score"); json.raw("{"); json.key("scaled"); json.number(min(max(attempt.score, 0), 1)); json.raw("},")
        json.key("response"); json.string(attempt.answer)
        json.raw("},")
        json.key("timestamp"); json.timestamp(attempt.submittedAt); json.raw(",")
        json.key("context"); json.raw("{")
        json.key("platform"); json.string("course"); json.raw(",")
        json.key("extensions"); json.raw("{")
        json.string("\(homePage)/xapi/extensions/device"); json.raw(":"); json.string(attempt.deviceID.uuidString.lowercased()); json.raw(",")
        json.string("\(homePage)/xapi/extensions/verdict"); json.raw(":"); json.string(attempt.verdict.rawValue); json.raw(",")
        json.string("\(homePage)/xapi/extensions/grader-version"); json.raw(":"); json.string(attempt.graderVersion)
        json.raw("}}}")
    }
}
