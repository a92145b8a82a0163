/// Identifies the grading rules an attempt was judged by, so that a regrade after a grader fix
/// can tell old verdicts from new ones.
public enum GraderVersion {
    public static let current = "grader-2"
}
