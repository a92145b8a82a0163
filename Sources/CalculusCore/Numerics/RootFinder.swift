/// Bracketed root refinement for the critical-point search.
enum RootFinder {
    /// A root of `f` in [a, b] given f(a) and f(b) of opposite signs, by Brent's method
    /// (inverse quadratic interpolation and secant steps, falling back to bisection whenever they
    /// would leave the bracket or converge slowly). Converges superlinearly on a simple root and
    /// never worse than bisection; stops when the bracket is a few ulp wide. On a jump
    /// discontinuity it returns the jump point.
    static func brent(_ f: (Double) -> Double, _ a: Double, _ b: Double, _ fa: Double, _ fb: Double) -> Double {
        var a = a, b = b, fa = fa, fb = fb
        if fa == 0 { return a }
        if fb == 0 { return b }
        var c = a, fc = fa, d = b - a, e = d
        for _ in 0..<200 {
            if (fb > 0) == (fc > 0) { c = a; fc = fa; d = b - a; e = d }
            if Swift.abs(fc) < Swift.abs(fb) { a = b; b = c; c = a; fa = fb; fb = fc; fc = fa }
            let tolerance = 2 * Double.ulpOfOne * Swift.abs(b) + 1e-300
            let m = 0.5 * (c - b)
            if Swift.abs(m) <= tolerance || fb == 0 { return b }
            if Swift.abs(e) >= tolerance && Swift.abs(fa) > Swift.abs(fb) {
                var p: Double, q: Double
                let s = fb / fa
                if a == c {
                    p = 2 * m * s
                    q = 1 - s
                } else {
                    let qa = fa / fc, r = fb / fc
                    p = s * (2 * m * qa * (qa - r) - (b - a) * (r - 1))
                    q = (qa - 1) * (r - 1) * (s - 1)
                }
                if p > 0 { q = -q } else { p = -p }
                if 2 * p < Swift.min(3 * m * q - Swift.abs(tolerance * q), Swift.abs(e * q)) {
                    e = d; d = p / q
                } else {
                    d = m; e = m
                }
            } else {
                d = m; e = m
            }
            a = b; fa = fb
            b += Swift.abs(d) > tolerance ? d : (m > 0 ? tolerance : -tolerance)
            fb = f(b)
            if fb.isNaN { return bisect(f, Swift.min(a, c), Swift.max(a, c), fa, fc) }
        }
        return b
    }

    /// A root of `f` in [lo, hi] by bisection, to adjacent doubles (at most about 64 halvings
    /// of a finite bracket, since each step halves the representable numbers in it).
    static func bisect(_ f: (Double) -> Double, _ lo: Double, _ hi: Double, _ flo: Double, _ fhi: Double) -> Double {
        var lo = lo, hi = hi, flo = flo
        if flo == 0 { return lo }
        if fhi == 0 { return hi }
        for _ in 0..<200 {
            let mid = lo + (hi - lo) / 2
            if mid <= lo || mid >= hi { break }
            let fmid = f(mid)
            if fmid == 0 { return mid }
            if (fmid < 0) == (flo < 0) { lo = mid; flo = fmid } else { hi = mid }
        }
        return lo + (hi - lo) / 2
    }
}
