import CourseModels
import Foundation

extension BundleImportReport {
    /// The report as the `sync import` commands print it; long lists are cut at `limit` lines.
    public func text(limit: Int = 20) -> String {
        var lines: [String] = []
        let time = BundleTimestamp.string(header.exportedAt.millisecondsSince1970)
        lines.append("Imported \(TerminalText.visible(path)): \(attemptsInBundle) attempts exported \(time) on device \(header.deviceID.uuidString), \(digest.prefix(19))…")
        lines.append("  attempts: \(added) added, \(alreadyPresent) already present, \(conflicts.count) conflict\(conflicts.count == 1 ? "" : "s")")
        if learnersCreated.isEmpty {
            lines.append("  learners created: none")
        } else {
            let handles = learnersCreated.prefix(limit).map { TerminalText.visible($0.handle) }.joined(separator: ", ")
            let more = learnersCreated.count > limit ? " and \(learnersCreated.count - limit) more" : ""
            lines.append("  learners created: \(learnersCreated.count) (\(handles)\(more))")
        }
        for clash in handleClashes.prefix(limit) {
            lines.append("  handle taken: the bundle's learner '\(TerminalText.visible(clash.handle))' (\(clash.incomingID.uuidString)) is not the learner '\(TerminalText.visible(clash.handle))' here (\(clash.existingID.uuidString)); created as '\(TerminalText.visible(clash.createdAs))', not merged. If they are the same person, the instructor merges them with 'course-admin learners merge \(TerminalText.visible(clash.handle)) \(TerminalText.visible(clash.createdAs))'.")
        }
        lines.append("  answers re-graded here: \(attemptsInBundle - conflicts.count) (\(answersGraded) distinct)")
        if contentDiffers {
            lines.append("  content: the bundle was graded against \(header.contentVersion), this machine holds other keys; the grades here are this machine's")
        }
        if verdictDifferenceCount > 0 {
            lines.append("  verdicts differing from the bundle's: \(verdictDifferenceCount) (the local grade was stored)")
            for difference in verdictDifferences.prefix(limit) {
                let part = TerminalText.visible(difference.part.isEmpty ? difference.exerciseID : "\(difference.exerciseID)\(difference.part)")
                lines.append("    attempt \(difference.attemptID.uuidString) at \(part): bundle \(difference.bundleVerdict.rawValue), here \(difference.localVerdict.rawValue)")
            }
            if verdictDifferenceCount > min(limit, verdictDifferences.count) {
                lines.append("    … and \(verdictDifferenceCount - min(limit, verdictDifferences.count)) more")
            }
        }
        if reviewsAdded + reviewsReplaced + reviewsKept > 0 {
            lines.append("  reviews: \(reviewsAdded) added, \(reviewsReplaced) replaced by a later decision, \(reviewsKept) kept (the stored decision is later)")
        }
        if enrolmentsAdded > 0 {
            lines.append("  devices enrolled: \(enrolmentsAdded) (signed by the learners' own devices)")
        }
        if unsignedAttemptsSkipped + unsignedReviewsSkipped > 0 {
            lines.append("  unsigned, left out: \(unsignedAttemptsSkipped) attempts, \(unsignedReviewsSkipped) review decisions (nothing proves who made them; import with --trust-unsigned if you trust the source)")
        }
        for merge in mergesApplied.prefix(limit) {
            let merged = merge.mergedHandle.map { "'\(TerminalText.visible($0))'" } ?? merge.mergedID.uuidString
            lines.append("  learner merged: \(merged) into '\(TerminalText.visible(merge.keptHandle))' (signed by an instructor), \(merge.attemptsMoved) attempt\(merge.attemptsMoved == 1 ? "" : "s") moved")
        }
        if mergesAlreadyApplied > 0 {
            lines.append("  learner merges already applied here: \(mergesAlreadyApplied)")
        }
        for merge in mergesRefused.prefix(limit) {
            lines.append("  merge refused: learner \(merge.mergedID.uuidString) into \(merge.keptID.uuidString): \(merge.reason)")
        }
        let mastered = masteryChanges.filter { $0.masteredAfter && !$0.masteredBefore }.count
        lines.append("  mastery changes: \(masteryChanges.count) (\(mastered) newly mastered)")
        for change in masteryChanges.prefix(limit) {
            let before = change.before.map { NumberText.fixed($0, decimals: 3) } ?? "—"
            let after = change.after.map { NumberText.fixed($0, decimals: 3) } ?? "—"
            let note = change.masteredAfter && !change.masteredBefore ? " (mastered)" : ""
            lines.append("    \(TerminalText.visible(change.handle)) \(change.objectiveID): \(before) → \(after)\(note)")
        }
        if masteryChanges.count > limit { lines.append("    … and \(masteryChanges.count - limit) more") }
        for conflict in conflicts.prefix(limit) {
            lines.append("  conflict: attempt \(conflict.stored.id.uuidString) is stored here with other content; the stored one was kept, the bundle's skipped:")
            lines.append("    stored: \(Self.describe(conflict.stored))")
            lines.append("    bundle: \(Self.describe(conflict.incoming))")
        }
        if conflicts.count > limit { lines.append("  … and \(conflicts.count - limit) more conflicts") }
        return lines.joined(separator: "\n")
    }

    static func describe(_ attempt: Attempt) -> String {
        var json = CanonicalJSON()
        json.attempt(attempt)
        return TerminalText.visible(String(decoding: json.bytes, as: UTF8.self))
    }
}

extension BundleExporter.Summary {
    /// One line for the person who ran `sync export`.
    public func text(destination: String) -> String {
        var line = "Exported \(attempts) attempt\(attempts == 1 ? "" : "s") of \(learners) learner\(learners == 1 ? "" : "s") and \(reviews) review\(reviews == 1 ? "" : "s") to \(destination) (\(bytes) bytes, \(digest.prefix(19))…)"
        if let peer { line += "; the next '--since-last \(peer)' export starts after these" }
        return line + "."
    }
}
