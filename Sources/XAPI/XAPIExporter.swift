import CourseModels
import CourseStore
import Crypto
import Foundation
import Sync

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

    /// The IRI of one of this course's statement extensions.
    func extensionIRI(_ name: String) -> String {
        "\(homePage)/xapi/extensions/\(name)"
    }

    /// An attempt's statement. With `provenance`, its extensions also carry what lets every
    /// other machine check who made it (see `StatementSigner`): the originating device's
    /// signature of the submission and the learner's enrolment of that device.
    func statement(_ attempt: Attempt, learner: Learner, review: Review?,
                   provenance: (signature: Data?, enrolments: [ProvenanceRepository.Enrolment])? = nil,
                   into json: inout CanonicalJSON) {
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
        json.string("\(homePage)/xapi/extensions/grader-version"); json.raw(":"); json.string(attempt.graderVersion); json.raw(",")
        json.string("\(homePage)/xapi/extensions/exercise"); json.raw(":"); json.string(attempt.exerciseID); json.raw(",")
        json.string("\(homePage)/xapi/extensions/part"); json.raw(":"); json.string(attempt.part); json.raw(",")
        json.string("\(homePage)/xapi/extensions/answer"); json.raw(":"); json.string(attempt.answer); json.raw(",")
        json.string("\(homePage)/xapi/extensions/learner-handle"); json.raw(":"); json.string(learner.handle); json.raw(",")
        json.string("\(homePage)/xapi/extensions/learner-created-at"); json.raw(":"); json.timestamp(learner.createdAt)
        if let practice = attempt.practice {
            // What rebuilds the generated practice item the attempt answers.
            json.raw(","); json.string("\(homePage)/xapi/extensions/practice"); json.raw(":"); json.string(practice.text)
        }
        if let provenance {
            json.raw(","); json.string(extensionIRI("signature")); json.raw(":"); json.base64(provenance.signature)
            json.raw(","); json.string(extensionIRI("enrolments")); json.raw(":[")
            for (index, enrolment) in provenance.enrolments.enumerated() {
                if index > 0 { json.raw(",") }
                json.enrolment(enrolment)
            }
            json.raw("]")
        }
        json.raw("}}}")
    }

    /// The verb of a review decision's statement (this course's own: xAPI has none for it).
    var reviewedVerb: String { "\(homePage)/xapi/verbs/reviewed" }

    /// The statement id of a review decision: a name-based UUID of its canonical form, so two
    /// machines holding the same decision send the same id, and a changed decision a new one.
    static func statementID(of review: Review) -> UUID {
        var canonical = CanonicalJSON()
        canonical.review(review)
        var bytes = Array(SHA256.hash(data: canonical.bytes).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }

    /// A review decision as a statement: the reviewer (an account under the home page) `reviewed`
    /// the exercise part, the decided attempt's statement in `context.statement`, `success` =
    /// accepted, the comment as `response`, `timestamp` = when decided; with `signed`, the
    /// instructor's public key and signature of the decision as extensions.
    func statement(_ review: Review, of attempt: Attempt, signed: ProvenanceRepository.ReviewSignature? = nil,
                   into json: inout CanonicalJSON) {
        json.raw("{")
        json.key("id"); json.string(Self.statementID(of: review).uuidString.lowercased()); json.raw(",")
        json.key("actor"); json.raw("{")
        json.key("objectType"); json.string("Agent"); json.raw(",")
        json.key("account"); json.raw("{")
        json.key("homePage"); json.string(homePage); json.raw(",")
        json.key("name"); json.string(review.reviewer)
        json.raw("}},")
        json.key("verb"); json.raw("{")
        json.key("id"); json.string(reviewedVerb); json.raw(",")
        json.key("display"); json.raw("{\"en-US\":\"reviewed\"}")
        json.raw("},")
        json.key("object"); json.raw("{")
        json.key("objectType"); json.string("Activity"); json.raw(",")
        json.key("id"); json.string(activityID(exerciseID: attempt.exerciseID, part: attempt.part))
        json.raw("},")
        json.key("result"); json.raw("{")
        json.key("success"); json.bool(review.accepted); json.raw(",")
        json.key("response"); json.string(review.comment)
        json.raw("},")
        json.key("timestamp"); json.timestamp(review.decidedAt); json.raw(",")
        json.key("context"); json.raw("{")
        json.key("platform"); json.string("course"); json.raw(",")
        json.key("statement"); json.raw("{")
        json.key("objectType"); json.string("StatementRef"); json.raw(",")
        json.key("id"); json.string(review.attemptID.uuidString.lowercased())
        json.raw("}")
        if let signed, let signer = signed.signer, let signature = signed.signature {
            json.raw(","); json.key("extensions"); json.raw("{")
            json.string(extensionIRI("signer")); json.raw(":"); json.base64(signer); json.raw(",")
            json.string(extensionIRI("signature")); json.raw(":"); json.base64(signature)
            json.raw("}")
        }
        json.raw("}}")
    }
}
