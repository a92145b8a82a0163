import Grading
/// Everything wrong with a seed folder; loading collects all problems before giving up, so one
/// run shows the author every fix to make.
public struct SeedError: Error, Hashable, Sendable, CustomStringConvertible {
    public var problems: [SeedProblem]

    public init(problems: [SeedProblem]) {
        self.problems = problems
    }

    /// One line per problem.
    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}
