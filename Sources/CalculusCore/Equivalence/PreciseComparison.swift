/// Decides one sample point with `Ball` arithmetic, raising the precision until the answer is
/// certain or the highest precision is reached.
enum PreciseComparison {
    enum Outcome: Equatable {
        case agree
        case keyUndefined
        /// The answer differs (or is undefined, `actual` NaN) where the key is defined.
        case differ(expected: Double, actual: Double)
        /// The key is defined, but the answer could not be bounded at the highest precision.
        case undecided
    }

    static let startBits = 128
    static let maximumBits = BallArithmetic.highestPrecision
    /// Working bits beyond the resolution, for the rounding of the evaluation itself.
    static let slackBits = 32
    /// The finest relative difference the checker resolves, in bits: 512 below the highest
    /// precision, room for the rounding an evaluation accumulates there.
    static let resolutionCap = maximumBits - 512

    static func compare(_ key: Expression, _ answer: Expression, names: [String], at point: [Double]) -> Outcome {
        var values: [String: Ball] = [:]
        for (name, coordinate) in zip(names, point) { values[name] = Ball(BigFloat(coordinate)) }
        return compare(key, answer) { _ in values }
    }

    /// Compares at a point given as balls for each working precision: exact coordinates, or a
    /// point known only as an enclosure that tightens with the precision (a point of a curve).
    /// `values` returning nil (the point cannot be certified at that precision) is `.undecided`.
    static func compare(_ key: Expression, _ answer: Expression, values point: (Int) -> [String: Ball]?) -> Outcome {
        var bits = startBits
        while true {
            guard let values = point(bits) else { return .undecided }
            var arithmetic = BallArithmetic(bits: bits)
            let k: Ball
            do {
                k = try key.ball(values, &arithmetic)
            } catch .undefined {
                return .keyUndefined
            } catch {
                if bits < maximumBits { bits *= 2; continue }
                return .keyUndefined
            }
            let a: Ball
            do {
                a = try answer.ball(values, &arithmetic)
            } catch .undefined {
                return .differ(expected: k.mid.doubleValue, actual: .nan)
            } catch {
                if bits < maximumBits { bits *= 2; continue }
                return .undecided
            }
            if disjoint(k, a) {
                return .differ(expected: k.mid.doubleValue, actual: a.mid.doubleValue)
            }
            let needed = arithmetic.resolution + slackBits
            if needed > bits && bits < maximumBits {
                bits = min(maximumBits, max(bits * 2, ((needed + 63) / 64) * 64))
                continue
            }
            // The resolution never exceeds `resolutionCap`: a difference below 2^-3584 of the
            // values compared is too small to matter (and beyond what 4096 bits can show once the
            // evaluation's own rounding has grown), so two balls known to that width agree.
            let resolution = min(arithmetic.resolution, resolutionCap)
            if isNarrow(k, resolution: resolution) && isNarrow(a, resolution: resolution) { return .agree }
            // Both zero, as far as can be told: a value that is exactly 0 but computed from
            // rounded parts (x − c + |x − c| for x < c) never narrows relative to itself. At 512
            // bits or more, radii below 2^-(bits−64) in absolute terms count as zero.
            if bits >= 512, !k.excludesZero, !a.excludesZero,
               k.radius < Radius(twoTo: -(bits - 64)), a.radius < Radius(twoTo: -(bits - 64)) {
                return .agree
            }
            if bits < maximumBits { bits *= 2; continue }
            return .undecided
        }
    }

    /// Whether the balls certainly hold different numbers.
    static func disjoint(_ a: Ball, _ b: Ball) -> Bool {
        let gap = a.mid.magnitudeExponent - b.mid.magnitudeExponent
        let difference: BigFloat
        if !a.mid.isZero && !b.mid.isZero && gap.magnitude > 100_000 {
            difference = gap > 0 ? a.mid : b.mid
        } else {
            difference = a.mid.subtracting(b.mid)
        }
        return a.radius + b.radius < Radius(lowerBounding: difference)
    }

    /// Whether the ball is exact or known to `resolution` bits relative to its value.
    static func isNarrow(_ ball: Ball, resolution: Int) -> Bool {
        if ball.isExact { return true }
        if ball.mid.isZero { return false }
        return ball.radius < Radius(lowerBounding: ball.mid).scaled(by: -resolution)
    }
}
