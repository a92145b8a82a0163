import CSQLite
import Foundation

/// The current row of a stepping `Statement`; valid only until the next step.
///
/// Reads are by 0-based column index, in the order of the SELECT list, which the repository
/// writing the SELECT keeps next to the code reading it.
public struct Row {
    let statement: Statement

    var handle: OpaquePointer { statement.handle }

    /// The value of column `index` as `T`; a NULL reads as nil when `T` is optional.
    /// - Throws: `DatabaseError` of kind `.invalidValue` when the value cannot be read as `T`.
    public func get<T: DatabaseValueConvertible>(_ index: Int32, as type: T.Type = T.self) throws(DatabaseError) -> T {
        try T.decode(from: self, at: index)
    }

    /// True when column `index` holds NULL.
    public func isNull(_ index: Int32) -> Bool {
        sqlite3_column_type(handle, index) == SQLITE_NULL
    }

    /// Column `index` as a 64-bit integer, with SQLite's conversions (NULL reads as 0).
    public func int64(_ index: Int32) -> Int64 {
        sqlite3_column_int64(handle, index)
    }

    /// Column `index` as a double, with SQLite's conversions (NULL reads as 0).
    public func double(_ index: Int32) -> Double {
        sqlite3_column_double(handle, index)
    }

    /// Column `index` as text, with SQLite's conversions (NULL reads as "").
    public func string(_ index: Int32) -> String {
        guard let text = sqlite3_column_text(handle, index) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, index))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    /// Column `index` as bytes (NULL reads as empty).
    public func data(_ index: Int32) -> Data {
        guard let bytes = sqlite3_column_blob(handle, index) else { return Data() }
        return Data(bytes: bytes, count: Int(sqlite3_column_bytes(handle, index)))
    }

    func requireNotNull(_ index: Int32, _ expected: String) throws(DatabaseError) {
        if isNull(index) { throw invalidValue(index, expected) }
    }

    func invalidValue(_ index: Int32, _ expected: String) -> DatabaseError {
        let name = sqlite3_column_name(handle, index).map { String(cString: $0) } ?? "#\(index)"
        let found = isNull(index) ? "NULL" : "'\(string(index))'"
        return DatabaseError(
            kind: .invalidValue(column: index, expected: expected), resultCode: SQLITE_MISMATCH,
            message: "column \(name) holds \(found), not \(expected)", sql: statement.sql)
    }
}
