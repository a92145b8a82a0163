/// Identifies the grading rules an attempt was judged by, so that a regrade after a grader fix
/// can tell old verdicts from new ones.
public enum GraderVersion {
    /// grader-2: the equivalence checker decides with exact numbers and ball arithmetic (issue 10).
    public static let current = "grader-2"
}
