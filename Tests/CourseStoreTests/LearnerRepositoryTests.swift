import CourseModels
import CourseStore
import Foundation
import TestSupport
import Testing

@Suite struct LearnerRepositoryTests {
    let test: TestStore
    var learners: LearnerRepository { test.store.learners }

    init() throws {
        test = try TestStore()
    }

    @Test func insertsAndReadsByIdAndHandle() throws {
        let ada = Fixtures.learner("ada")
        try learners.insert(ada)
        #expect(try learners.learner(id: ada.id) == ada)
        #expect(try learners.learner(handle: "ADA") == ada)
        #expect(try learners.learner(handle: "bob") == nil)
        #expect(try learners.count() == 1)
    }

    @Test func handleIsUniqueIgnoringCase() throws {
        try learners.insert(Fixtures.learner("ada"))
        let error = #expect(throws: DatabaseError.self) { try learners.insert(Fixtures.learner("Ada")) }
        #expect(error?.isUniqueViolation == true)
        #expect(error?.message == "UNIQUE constraint failed: learners.handle")
    }

    @Test func insertIfAbsentKeepsTheFirst() throws {
        let ada = Fixtures.learner("ada")
        #expect(try learners.insertIfAbsent(ada))
        var renamed = ada
        renamed.displayName = "Someone else"
        #expect(try !learners.insertIfAbsent(renamed))
        #expect(try learners.learner(id: ada.id)?.displayName == "Ada")
    }

    @Test func updateChangesHandleAndName() throws {
        var ada = Fixtures.learner("ada")
        try learners.insert(ada)
        ada.handle = "lovelace"
        ada.displayName = "Ada Lovelace"
        #expect(try learners.update(ada))
        #expect(try learners.all() == [ada])
        #expect(try !learners.update(Fixtures.learner("ghost")))
    }

    @Test func allIsOrderedByHandle() throws {
        for handle in ["carol", "ada", "bob"] { try learners.insert(Fixtures.learner(handle)) }
        #expect(try learners.all().map(\.handle) == ["ada", "bob", "carol"])
    }
}
