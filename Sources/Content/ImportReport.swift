import Grading
/// What an import did (or, in a dry run, would do), per kind of content.
public struct ImportReport: Codable, Hashable, Sendable, CustomStringConvertible {
    /// The ids of one kind of content by outcome.
    public struct Outcomes: Codable, Hashable, Sendable {
        public var added: [String] = []
        public var changed: [String] = []
        public var unchanged: [String] = []
        /// In the database but no longer in the seeds; left in place, since attempts may refer to them.
        public var notInSeeds: [String] = []

        public init() {}

        /// `10 added, 1 changed (ex1), 8 unchanged`.
        public var summary: String {
            var text = "\(added.count) added, \(changed.count) changed"
            if !changed.isEmpty { text += " (\(changed.joined(separator: ", ")))" }
            text += ", \(unchanged.count) unchanged"
            if !notInSeeds.isEmpty { text += "; kept but not in the seeds: \(notInSeeds.joined(separator: ", "))" }
            return text
        }
    }

    /// The seed folder imported.
    public var directory: String
    public var section: CourseSection
    /// True when nothing was written.
    public var dryRun: Bool
    public var objectives = Outcomes()
    public var exercises = Outcomes()
    /// Attempts at exercises whose key changed, now (or, in a dry run, to be) marked for regrading.
    public var attemptsMarkedForRegrade = 0

    public init(directory: String, section: CourseSection, dryRun: Bool) {
        self.directory = directory
        self.section = section
        self.dryRun = dryRun
    }

    /// The lines a person reads after an import.
    public var description: String {
        var lines = [
            "objectives: \(objectives.summary)",
            "exercises: \(exercises.summary)",
        ]
        if attemptsMarkedForRegrade > 0 {
            lines.append("attempts \(dryRun ? "to be " : "")marked for regrading: \(attemptsMarkedForRegrade)")
        }
        if dryRun { lines.append("dry run: nothing was written") }
        return lines.joined(separator: "\n")
    }
}
