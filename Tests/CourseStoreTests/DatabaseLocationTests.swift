import CourseStore
import Foundation
import TestSupport
import Testing

@Suite struct DatabaseLocationTests {
    let environment = ["HOME": "/home/ada", "XDG_DATA_HOME": "/data", "COURSE_DB": "/env/course.db"]

    @Test func explicitPathWins() {
        #expect(DatabaseLocation.resolve(explicit: "/x/my.db", environment: environment).path == "/x/my.db")
    }

    @Test func environmentVariableComesNext() {
        #expect(DatabaseLocation.resolve(explicit: nil, environment: environment).path == "/env/course.db")
    }

    @Test func xdgDataHomeComesThird() {
        var environment = environment
        environment["COURSE_DB"] = ""
        #expect(DatabaseLocation.resolve(explicit: nil, environment: environment).path == "/data/course/course.db")
    }

    @Test func homeIsTheDefault() {
        #expect(DatabaseLocation.resolve(explicit: nil, environment: ["HOME": "/home/ada"]).path
            == "/home/ada/.local/share/course/course.db")
    }

    @Test func tildeAndRelativePathsAreExpanded() {
        #expect(DatabaseLocation.resolve(explicit: "~/c.db", environment: environment).path == "/home/ada/c.db")
        let relative = DatabaseLocation.resolve(explicit: "sub/c.db", environment: environment).path
        #expect(relative == FileManager.default.currentDirectoryPath + "/sub/c.db")
    }

    @Test func pathsAreStandardisedOnlyWhereTheyNeedIt() {
        let resolve = { (path: String) in DatabaseLocation.resolvePath(explicit: path, environment: environment) }
        #expect(resolve("/x/./y/../my.db") == "/x/my.db")
        #expect(resolve("/x/y/my.db") == "/x/y/my.db")
        #expect(resolve("./c.db") == FileManager.default.currentDirectoryPath + "/c.db")
        #expect(DatabaseLocation.resolvePath(explicit: nil, environment: ["HOME": "/home/ada/"]) == "/home/ada/.local/share/course/course.db")
        #expect(DatabaseLocation.resolvePath(explicit: "~/a/c.db", environment: environment) == "/home/ada/a/c.db")
        #expect(DatabaseLocation.resolve(explicit: "/x/./my.db", environment: environment).path == "/x/my.db")
    }

    @Test func theFolderOfAPath() {
        #expect(DatabaseLocation.folder(of: "/x/y/my.db") == "/x/y")
        #expect(DatabaseLocation.folder(of: "/my.db") == "/")
        #expect(DatabaseLocation.folder(of: "my.db") == ".")
        #expect(DatabaseLocation.folder(of: "sub//my.db") == "sub")
    }
}
