import CourseStore
import Grading

/// What `--version` prints on both programs: the release, the grader that decides verdicts (a
/// stored attempt records it) and the newest schema migration built in, the three numbers a bug
/// report or a sync mismatch needs.
public enum ProgramVersion {
    /// The release of the two programs.
    public static let release = "0.16.0"

    /// `0.16.0 (grader grader-1, schema 0001)`.
    public static var text: String {
        let schema = Migration.embedded.last?.number ?? "none"
        return "\(release) (grader \(GraderVersion.current), schema \(schema))"
    }
}
