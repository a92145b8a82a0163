/// Identifies the grading rules an attempt was judged by, so that a regrade after a grader fix
/// can tell old verdicts from new ones.
public enum GraderVersion {
    /// grader-2: the equivalence checker decides with exact numbers and ball arithmetic (issue 10).
    /// grader-3: answer forms, stated significant digits, content mistake values for number parts,
    /// duplicates, precedence readings, and the key-shown evidence status (issue 12).
    public static let current = "grader-3"
}
