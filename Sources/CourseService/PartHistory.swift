import CourseModels
import Foundation

/// Each learner's attempts per part, in replay order (submitted-at, then id): what a `Regrader`
/// needs to know about an attempt's situation, the wrong answers to the part before it.
public struct PartHistory: Sendable {
    private struct Slot: Hashable {
        var learnerID: UUID
        var exerciseID: String
        var part: String
    }

    private struct Entry {
        var milliseconds: Int64
        /// The id's bytes as two big-endian halves: their order is the order of `uuidString`.
        var high: UInt64
        var low: UInt64
        var wrong: Bool

        func precedes(_ other: Entry) -> Bool {
            (milliseconds, high, low) < (other.milliseconds, other.high, other.low)
        }
    }

    private var slots: [Slot: [Entry]] = [:]
    private var known: Set<UUID> = []

    public init(_ attempts: [Attempt] = []) {
        for attempt in attempts { add(attempt) }
    }

    /// Adds an attempt (once: an id already added is ignored).
    public mutating func add(_ attempt: Attempt) {
        guard known.insert(attempt.id).inserted else { return }
        let entry = Self.entry(attempt)
        let slot = Slot(learnerID: attempt.learnerID, exerciseID: attempt.exerciseID, part: attempt.part)
        let index = slots[slot]?.lastIndex { $0.precedes(entry) }.map { $0 + 1 } ?? 0
        // In place: a copy taken out and stored back would be copied again at every add.
        slots[slot, default: []].insert(entry, at: index)
    }

    /// How many attempts at the same part by the same learner were wrong and come before `attempt`.
    public func wrongAttempts(before attempt: Attempt) -> Int {
        let entry = Self.entry(attempt)
        let slot = Slot(learnerID: attempt.learnerID, exerciseID: attempt.exerciseID, part: attempt.part)
        return slots[slot]?.reduce(0) { $0 + ($1.wrong && $1.precedes(entry) ? 1 : 0) } ?? 0
    }

    private static func entry(_ attempt: Attempt) -> Entry {
        let (high, low) = attempt.id.orderedHalves
        return Entry(milliseconds: attempt.submittedAt.millisecondsSince1970, high: high, low: low,
                     wrong: attempt.verdict == .incorrect)
    }
}
