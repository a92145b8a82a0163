import CourseModels
import Foundation

/// Failures of sync commands other than a refused bundle (see `BundleError`).
public enum SyncError: Error, Hashable, Sendable, CustomStringConvertible {
    case cannotWrite(path: String, reason: String)
    case unknownLearner(handle: String)
    case unreadableWatermark(peer: String)
    case unreadableKey(path: String, reason: String)
    case keyBelongsToAnotherDevice(path: String, keyDevice: UUID, databaseDevice: UUID)
    /// This device made attempts for a learner who has enrolled other devices, but not this one.
    case deviceNotEnrolled(handle: String)
    case badEnrolmentCode
    /// A learner merge was asked for on a machine without an instructor key.
    case noInstructorKey(path: String, kept: String, merged: String)
    /// This machine's instructor key is not one the course content names.
    case instructorKeyNotNamed(path: String)
    case instructorKeyRevoked(path: String, revokedAt: Date)

    public var description: String {
        switch self {
        case let .cannotWrite(path, reason):
            return "Cannot write \(path) (\(reason)): check that the folder exists and that you may write there, or choose another file with -o."
        case let .unknownLearner(handle):
            return "There is no learner '\(TerminalText.visible(handle))' on this machine: check the handle with 'course-admin learners list'."
        case let .unreadableWatermark(peer):
            return "The record of what was last exported to '\(TerminalText.visible(peer))' cannot be read; export with --all once to reset it."
        case let .unreadableKey(path, reason):
            return "The signing key file \(path) cannot be used (\(reason)); restore it from your backup, or move it away to make this installation a new device."
        case let .keyBelongsToAnotherDevice(path, keyDevice, databaseDevice):
            return "The device key \(path) belongs to device \(keyDevice.uuidString), but this database is device \(databaseDevice.uuidString); use the key file that came with this database, or move the key away to make a new device."
        case let .deviceNotEnrolled(handle):
            return "This device is not enrolled for '\(TerminalText.visible(handle))', whose attempts other machines accept only from enrolled devices: run 'course device show' here, then 'course device add CODE' on a device already enrolled for '\(TerminalText.visible(handle))', and import that device's next bundle here."
        case .badEnrolmentCode:
            return "That is not a device code; copy the whole line 'course-device:…' that 'course device show' printed on the new device."
        case let .noInstructorKey(path, kept, merged):
            return "Merging learners is an instructor's act and this machine has no instructor key (\(path)): ask your instructor to import both learners' bundles and run 'course-admin learners merge \(TerminalText.visible(kept)) \(TerminalText.visible(merged))' there; the merge reaches this machine with their next bundle."
        case let .instructorKeyNotNamed(path):
            return "The instructor key \(path) is not named in the course content, so other machines would refuse what it signs: add the lines 'course-admin instructor init' prints to Seeds/course.yaml, run 'course-admin import seeds', and try again."
        case let .instructorKeyRevoked(path, revokedAt):
            return "The instructor key \(path) was revoked by the course content on \(BundleTimestamp.string(revokedAt.millisecondsSince1970)): create a new key with 'course-admin instructor init' for a new database path, list it in Seeds/course.yaml and import the content."
        }
    }
}
