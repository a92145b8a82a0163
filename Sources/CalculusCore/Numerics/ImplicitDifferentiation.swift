extension Expression {
    /// dy/dx on the curve `lhs = rhs`, by implicit differentiation: with F(x, y) = lhs − rhs,
    /// differentiating F(x, y(x)) = 0 gives F_x + F_y·y′ = 0, so dy/dx = −F_x/F_y wherever F_y ≠ 0.
    ///
    /// Both partial derivatives are symbolic and simplified, so the result is exact; it is a
    /// function of x and y that is meaningful on the curve (off it, it is the slope of the level
    /// curve of F through that point). For x³ + y³ = 6xy it is −(3x² − 6y)/(3y² − 6x), which agrees on
    /// the curve with (2y − x²)/(y² − 2x).
    public static func implicitDerivative(lhs: Expression, rhs: Expression, x: String = "x", y: String = "y") -> Expression {
        let curve = lhs - rhs
        let fx = curve.simplifiedDerivative(withRespectTo: x)
        let fy = curve.simplifiedDerivative(withRespectTo: y)
        return (-fx / fy).simplified
    }
}
