import CSQLite
@testable import CourseStore
import Foundation
import TestSupport
import Testing

/// Files that cannot serve as the database are refused with a sentence, and left as they were.
@Suite struct DatabaseFileTests {
    let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder()
    }

    @Test func folderInPlaceOfTheFileIsRefused() throws {
        let path = folder.path("course.db")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        let error = #expect(throws: DatabaseError.self) { _ = try Store(path: path) }
        #expect(error?.kind == .folderInTheWay(path: path))
        #expect(error?.description == "There is a folder at \(path), where the course database file should be: move the folder away, or choose another file with --db or COURSE_DB.")
    }

    @Test func fileInPlaceOfTheParentFolderIsNotWritable() throws {
        let blocker = folder.path("data")
        try Data("x".utf8).write(to: URL(fileURLWithPath: blocker))
        let path = blocker + "/course/course.db"
        let error = #expect(throws: DatabaseError.self) { _ = try Store(path: path) }
        #expect(error?.kind == .notWritable(path: path))
        #expect(error?.description.hasPrefix("Cannot write the course database at \(path)") == true)
        #expect(error?.description.hasSuffix("or choose another file with --db or COURSE_DB.") == true)
    }

    @Test func unwritableLocationIsRefused() throws {
        // /proc accepts no new files, even for root, so this holds wherever the tests run.
        let path = "/proc/course-\(UUID().uuidString).db"
        let error = #expect(throws: DatabaseError.self) { _ = try Store(path: path) }
        #expect(error?.kind == .notWritable(path: path))
    }

    @Test func readOnlyFileIsRefusedWhenPermissionsApply() throws {
        guard getuid() != 0 else { return }  // root writes through file permissions
        let path = folder.path("ro.db")
        _ = try Store(path: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
        let error = #expect(throws: DatabaseError.self) { _ = try Store(path: path) }
        #expect(error?.kind == .notWritable(path: path))
    }

    @Test(arguments: [
        String(repeating: "This is a text file, not a database. ", count: 100),
        "short text",
        "SQLite format 3\0 but then nothing that makes sense at all, padded out....",
    ])
    func fileThatIsNotADatabaseIsRefusedUntouched(text: String) throws {
        let path = folder.path("notes.db")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let before = try contents(path)
        let error = #expect(throws: DatabaseError.self) { _ = try Store(path: path) }
        #expect(error?.kind == .notADatabase(path: path))
        #expect(error?.resultCode == SQLITE_NOTADB)
        #expect(error?.description.hasPrefix("The file \(path) is not a course database") == true)
        #expect(try contents(path) == before)
    }

    @Test func corruptedDatabaseIsRefusedUntouched() throws {
        let path = folder.path("course.db")
        do {
            let store = try Store(path: path)
            try store.learners.insert(Fixtures.learner())
        }
        // Scribble over the schema table's page header, just after the 100-byte file header.
        var bytes = try contents(path)
        for offset in 100..<140 { bytes[offset] = 0xA5 }
        try bytes.write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: DatabaseError.self) { _ = try Store(path: path) }
        #expect(error?.kind == .corrupted(path: path))
        #expect(error?.primaryResultCode == SQLITE_CORRUPT)
        #expect(error?.description.hasPrefix("The course database \(path) is damaged") == true)
        #expect(try contents(path) == bytes)
    }
}
