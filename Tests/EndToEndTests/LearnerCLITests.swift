import Foundation
import Testing

struct LearnerCLITests {
    @Test func loginCreatesTheLearnerOnAPersonalMachine() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let first = try cli.course("login", "ada")
        #expect(first.status == 0)
        #expect(first.stdout.contains("Created learner 'ada'"))
        let again = try cli.course("login", "ada")
        #expect(again.stdout.contains("Logged in as 'ada'"))
        #expect(try cli.admin("learners", "list").stdout.contains("ada"))
    }

    @Test func managedMachineOnlyLetsKnownLearnersLogIn() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        #expect(try cli.admin("learners", "add", "grace", "--name", "Grace Hopper").status == 0)
        let unknown = try cli.course("login", "mallory")
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("course-admin learners add mallory"))
        #expect(try cli.course("login", "grace").status == 0)
        let duplicate = try cli.admin("learners", "add", "grace")
        #expect(duplicate.status != 0 && duplicate.stderr.contains("already exists"))
    }

    @Test func badHandleIsRefusedWithAReason() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let result = try cli.course("login", "bad handle!")
        #expect(result.status != 0)
        #expect(result.stderr.contains("use only letters, digits"))
    }

    @Test func databaseInAFolderThatCannotBeCreatedIsAClearError() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let blocker = try cli.write("blocker", "a file, not a folder")
        let result = try cli.run("course", ["login", "ada", "--db", blocker + "/sub/course.db"])
        #expect(result.status != 0)
        #expect(result.stderr.hasPrefix("error: "))
        #expect(!result.stderr.contains("Fatal error"))
    }
}
