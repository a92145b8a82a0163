/// Failures of sync commands other than a refused bundle (see `BundleError`).
public enum SyncError: Error, Hashable, Sendable, CustomStringConvertible {
    case cannotWrite(path: String, reason: String)
    case unknownLearner(handle: String)
    case unreadableWatermark(peer: String)

    public var description: String {
        switch self {
        case let .cannotWrite(path, reason):
            return "Cannot write \(path) (\(reason)): check that the folder exists and that you may write there, or choose another file with -o."
        case let .unknownLearner(handle):
            return "There is no learner '\(handle)' on this machine: check the handle with 'course-admin learners list'."
        case let .unreadableWatermark(peer):
            return "The record of what was last exported to '\(peer)' cannot be read; export with --all once to reset it."
        }
    }
}
