import CourseModels
import Foundation

/// The fields a bundle carries before its records.
public struct BundleHeader: Hashable, Sendable {
    public var format: String
    public var version: Int
    /// The installation that wrote the bundle.
    public var deviceID: UUID
    public var exportedAt: Date
    /// The content the exporting machine graded against (see `ContentFingerprint`).
    public var contentVersion: String

    public init(format: String = BundleFormat.name, version: Int = BundleFormat.version, deviceID: UUID,
                exportedAt: Date, contentVersion: String) {
        self.format = format
        self.version = version
        self.deviceID = deviceID
        self.exportedAt = exportedAt.roundedToMilliseconds
        self.contentVersion = contentVersion
    }
}
