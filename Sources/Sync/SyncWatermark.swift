import CourseStore
import Foundation

/// What has been exported to one peer, per learner: every attempt submitted, and every review
/// decided, at or after these times (milliseconds since 1970) is still to be sent.
///
/// Comparing with "at or after" re-sends the attempts of the boundary millisecond, which
/// importing skips as already present, so none made in that millisecond is ever missed.
/// Importing lowers every peer's marks to the oldest attempt or review it added, so what
/// arrives from a third machine is passed on at the next `--since-last` export too.
struct SyncWatermark: Codable, Hashable {
    struct Mark: Codable, Hashable {
        var attempts: Int64
        var reviews: Int64
    }

    /// By learner id (upper-case UUID text).
    var learners: [String: Mark] = [:]

    subscript(learner: UUID) -> Mark? {
        get { learners[learner.uuidString] }
        set { learners[learner.uuidString] = newValue }
    }

    /// The stored marks for `peer`; empty when nothing was exported to it yet.
    /// - Throws: `SyncError.unreadableWatermark` for a value this module did not write.
    static func load(peer: String, from settings: SettingsRepository) throws -> SyncWatermark {
        guard let text = try settings.watermark(peer: peer) else { return SyncWatermark() }
        guard let decoded = try? JSONDecoder().decode(SyncWatermark.self, from: Data(text.utf8)) else {
            throw SyncError.unreadableWatermark(peer: peer)
        }
        return decoded
    }

    /// - Throws: `DatabaseError` on a storage failure.
    func save(peer: String, to settings: SettingsRepository) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(self), as: UTF8.self)
        try settings.setWatermark(text, peer: peer)
    }

    /// Lowers every peer's marks so attempts and reviews just imported are exported again.
    /// - Parameter oldest: per learner, the oldest attempt time and review time added.
    /// - Throws: `DatabaseError` on a storage failure.
    static func lowerAll(to oldest: [UUID: Mark], in settings: SettingsRepository) throws {
        guard !oldest.isEmpty else { return }
        for peer in try settings.watermarks().keys.sorted() {
            guard var mark = try? load(peer: peer, from: settings) else { continue }
            var changed = false
            for (learner, added) in oldest {
                guard var current = mark[learner] else { continue }
                if added.attempts < current.attempts {
                    current.attempts = added.attempts
                    changed = true
                }
                if added.reviews < current.reviews {
                    current.reviews = added.reviews
                    changed = true
                }
                mark[learner] = current
            }
            if changed { try mark.save(peer: peer, to: settings) }
        }
    }
}
