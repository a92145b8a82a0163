/// Several bundles imported one after another, each checked and applied on its own, as
/// `sync import FILE…` does in both programs.
public struct BundleImportBatch {
    public enum Outcome {
        case imported(BundleImportReport)
        /// The bundle was refused whole; `error` says why (nothing of it was imported).
        case refused(path: String, error: any Error)
    }

    public var outcomes: [Outcome]

    /// The exit status of the command: 0 when every bundle was imported, 2 when some attempt
    /// conflicted with a different one stored here or some learner merge was refused (skipped and
    /// reported), 1 when a bundle was refused.
    public var exitStatus: Int32 {
        var status: Int32 = 0
        for outcome in outcomes {
            switch outcome {
            case let .imported(report):
                if !report.conflicts.isEmpty || !report.mergesRefused.isEmpty, status == 0 { status = 2 }
            case .refused: status = 1
            }
        }
        return status
    }
}

extension BundleImporter {
    /// Imports `paths` in order; a refused bundle does not stop the ones after it.
    public func importBundles(at paths: [String]) -> BundleImportBatch {
        BundleImportBatch(outcomes: paths.map { path in
            do {
                return .imported(try importBundle(at: path))
            } catch {
                return .refused(path: path, error: error)
            }
        })
    }
}
