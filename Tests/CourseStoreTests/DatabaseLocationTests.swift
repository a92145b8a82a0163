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
}
