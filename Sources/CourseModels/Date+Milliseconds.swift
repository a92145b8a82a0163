import Foundation

extension Date {
    /// Whole milliseconds since 1970-01-01 UTC, rounded to nearest: the form every date is stored
    /// and exchanged in, so a date survives a round trip through storage or sync unchanged.
    public var millisecondsSince1970: Int64 {
        Int64((timeIntervalSince1970 * 1000).rounded())
    }

    /// The date `milliseconds` after 1970-01-01 UTC.
    public init(millisecondsSince1970 milliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// This date at the precision it is stored with, so values compare equal before and after saving.
    public var roundedToMilliseconds: Date {
        Date(millisecondsSince1970: millisecondsSince1970)
    }
}
