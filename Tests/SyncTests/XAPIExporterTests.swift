import CourseModels
import CourseStore
import Foundation
import Grading
@testable import Sync
import TestSupport
import Testing
@testable import XAPI

/// The xAPI export: one statement per attempt, each of the shape a Learning Record Store accepts.
struct XAPIExporterTests {
    @Test func everyStatementHasTheShapeOfAnXAPIStatement() throws {
        let folder = try TemporaryFolder()
        let machine = try Machine("lrs", in: folder)
        let ada = try machine.addLearner("ada")
        let bob = try machine.addLearner("bob")
        var attempts: [Attempt] = []
        for (index, (exercise, part, answers)) in TestContent.answers.enumerated() {
            for (offset, answer) in answers.enumerated() {
                let learner = offset % 2 == 0 ? ada : bob
                attempts.append(try machine.answer(learner.id, exercise: exercise, part: part, answer,
                                                   at: 1_700_000_000_000 + Int64(index * 100 + offset) * 1000))
            }
        }
        let reviewed = try #require(attempts.first { $0.exerciseID == "ex3" })
        try machine.review(reviewed.id, learner: reviewed.learnerID, accepted: true, at: 1_700_100_000_000)
        let path = folder.path("statements.json")
        let exporter = XAPIExporter(store: machine.store, homePage: "https://lrs.example/course/")
        #expect(try exporter.export(to: .file(path)) == attempts.count)

        let parsed = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
        let statements = try #require(parsed as? [[String: Any]])
        #expect(statements.count == attempts.count)
        let byID = Dictionary(uniqueKeysWithValues: attempts.map { ($0.id.uuidString.lowercased(), $0) })
        let learners = [ada.id: ada, bob.id: bob]
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for statement in statements {
            let id = try #require(statement["id"] as? String)
            let attempt = try #require(byID[id], "statement id \(id) is no attempt's id")
            #expect(UUID(uuidString: id) != nil)

            let actor = try #require(statement["actor"] as? [String: Any])
            #expect(actor["objectType"] as? String == "Agent")
            let account = try #require(actor["account"] as? [String: Any])
            #expect(account["homePage"] as? String == "https://lrs.example/course")
            #expect(account["name"] as? String == attempt.learnerID.uuidString.lowercased())
            #expect(actor["name"] as? String == learners[attempt.learnerID]?.displayName)
            #expect(actor["mbox"] == nil && actor["openid"] == nil, "an Agent has exactly one identifier")

            let verb = try #require(statement["verb"] as? [String: Any])
            #expect(verb["id"] as? String == "http://adlnet.gov/expapi/verbs/answered")
            #expect((verb["display"] as? [String: String])?["en-US"] == "answered")

            let object = try #require(statement["object"] as? [String: Any])
            #expect(object["objectType"] as? String == "Activity")
            let activity = try #require(object["id"] as? String)
            let expected = "https://lrs.example/course/xapi/activities/exercises/\(attempt.exerciseID)"
                + (attempt.part.isEmpty ? "" : "/parts/\(attempt.part)")
            #expect(activity == expected)
            #expect(URL(string: activity)?.scheme == "https")
            let definition = try #require(object["definition"] as? [String: Any])
            #expect(definition["type"] as? String == "http://adlnet.gov/expapi/activities/cmi.interaction")
            #expect(definition["interactionType"] as? String == "fill-in")

            let result = try #require(statement["result"] as? [String: Any])
            #expect(result["response"] as? String == attempt.answer)
            let scaled = try #require((result["score"] as? [String: Any])?["scaled"] as? NSNumber).doubleValue
            #expect((-1...1).contains(scaled) && scaled == attempt.score)
            switch attempt.verdict {
            case .correct: #expect(result["success"] as? Bool == true)
            case .incorrect, .syntaxError: #expect(result["success"] as? Bool == false)
            case .pendingReview:
                #expect(result["success"] as? Bool == (attempt.id == reviewed.id ? true : nil))
            }

            let timestamp = try #require(statement["timestamp"] as? String)
            #expect(formatter.date(from: timestamp)?.millisecondsSince1970 == attempt.submittedAt.millisecondsSince1970)
            let context = try #require(statement["context"] as? [String: Any])
            let extensions = try #require(context["extensions"] as? [String: Any])
            #expect(extensions.keys.allSatisfy { URL(string: $0)?.scheme == "https" }, "extension keys are IRIs")
        }
    }
}
