import Content
import CourseModels
import CourseStore

/// Stores content built in code the way `course-admin import seeds` stores a seed folder
/// (`SeedImporter.apply`, the one content diff).
/// - Throws: `DatabaseError`; nothing is stored then.
@discardableResult
public func importContent(objectives: [Objective], exercises: [Exercise], into store: Store) throws -> ImportReport {
    let section = CourseSection(id: "test", title: "Test content", contentVersion: 1, summary: "")
    return try SeedImporter.apply(
        CourseContent(section: section, objectives: objectives, exercises: exercises), to: store, dryRun: false,
        directory: "(test content)")
}
