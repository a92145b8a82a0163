import CourseModels
import Grading
import CourseStore
import Foundation

/// Loads the course content from a seed folder and stores it: the library behind
/// `course-admin import seeds`, also used by tests and by the grader's end-to-end checks.
///
/// Everything is validated before anything is written; a second import of the same folder
/// changes nothing; an exercise whose key changed is updated in place and its attempts are
/// marked for regrading, never deleted.
public struct SeedImporter: Sendable {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// Reads and checks the whole folder, computing every numeric key.
    /// - Throws: `SeedError` with every problem found, one line each.
    public func load() throws(SeedError) -> CourseContent {
        try SeedLoader(directory: directory).load()
    }

    /// Loads the folder and upserts its objectives and exercises into `store` in one
    /// transaction; with `dryRun`, only reports what it would do.
    /// - Throws: `SeedError` (nothing written) or `DatabaseError` (rolled back).
    public func importInto(_ store: Store, dryRun: Bool = false) throws -> ImportReport {
        let content = try load()
        return try Self.apply(content, to: store, dryRun: dryRun, directory: directory.path)
    }

    /// Loads and checks the folder before the database is even opened (so invalid seeds do not
    /// create it), then imports into the database at `url`; a dry run against a file that does
    /// not exist reports everything as added and creates nothing.
    /// - Throws: `SeedError` (nothing written) or `DatabaseError` (rolled back).
    public func importInto(databaseAt url: URL, dryRun: Bool = false) throws -> ImportReport {
        let content = try load()
        if dryRun, !FileManager.default.fileExists(atPath: url.path) {
            return Self.dryRunWithoutDatabase(content, directory: directory.path)
        }
        return try Self.apply(content, to: try Store(url: url), dryRun: dryRun, directory: directory.path)
    }

    /// The report of a dry run against an empty database: everything would be added. For a
    /// database file that does not exist yet, which a dry run must not create.
    /// - Throws: `SeedError` with every problem found.
    public func dryRunWithoutDatabase() throws(SeedError) -> ImportReport {
        Self.dryRunWithoutDatabase(try load(), directory: directory.path)
    }

    /// The dry-run report of already loaded content against an empty database.
    public static func dryRunWithoutDatabase(_ content: CourseContent, directory: String) -> ImportReport {
        var report = ImportReport(directory: directory, section: content.section, dryRun: true)
        report.objectives.added = content.objectives.map(\.id)
        report.exercises.added = content.exercises.map(\.id)
        return report
    }

    /// Stores already loaded content (see `importInto`).
    /// - Throws: `DatabaseError`; the transaction is rolled back then.
    public static func apply(_ content: CourseContent, to store: Store, dryRun: Bool, directory: String) throws -> ImportReport {
        var report = ImportReport(directory: directory, section: content.section, dryRun: dryRun)
        let work = { () throws -> ImportReport in
            let repository = store.content
            let storedObjectives = Dictionary(try repository.objectives().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let storedExercises = Dictionary(try repository.exercises().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            for objective in content.objectives {
                switch storedObjectives[objective.id] {
                case nil: report.objectives.added.append(objective.id)
                case objective?: report.objectives.unchanged.append(objective.id)
                default: report.objectives.changed.append(objective.id)
                }
                if !dryRun, storedObjectives[objective.id] != objective { try repository.upsert(objective) }
            }
            for exercise in content.exercises {
                let stored = storedExercises[exercise.id]
                switch stored {
                case nil: report.exercises.added.append(exercise.id)
                case exercise?: report.exercises.unchanged.append(exercise.id); continue
                default: report.exercises.changed.append(exercise.id)
                }
                if !dryRun { try repository.upsert(exercise) }
                if let stored, stored.contentHash != exercise.contentHash {
                    report.attemptsMarkedForRegrade += dryRun
                        ? try store.attempts.attempts(exerciseID: exercise.id).filter { !$0.needsRegrade }.count
                        : try repository.markAttemptsForRegrade(exerciseID: exercise.id)
                }
            }
            if !dryRun {
                try store.provenance.replaceContentKeys(
                    instructors: content.section.instructors.map { ($0.publicKey, $0.name) },
                    revoked: content.section.revokedKeys.map { ($0.publicKey, $0.revokedAt) })
            }
            let seedObjectives = Set(content.objectives.map(\.id))
            let seedExercises = Set(content.exercises.map(\.id))
            report.objectives.notInSeeds = storedObjectives.keys.filter { !seedObjectives.contains($0) }.sorted()
            report.exercises.notInSeeds = storedExercises.values.filter { !seedExercises.contains($0.id) }
                .sorted { ($0.position, $0.id) < ($1.position, $1.id) }.map(\.id)
            return report
        }
        return dryRun ? try work() : try store.transaction(work)
    }
}
