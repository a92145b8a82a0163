import CSQLite
import CourseModels
import Foundation

/// A Swift value that can be bound to a `?` parameter and read back from a column.
///
/// Storage formats are fixed here, once: integers and booleans as INTEGER, dates as INTEGER
/// milliseconds since 1970 UTC, UUIDs as their canonical TEXT, `Data` as BLOB, nil as NULL.
public protocol DatabaseValueConvertible {
    /// Binds the value to parameter `index` (1-based) of `statement`.
    func bind(to statement: Statement, at index: Int32) throws(DatabaseError)
    /// Reads the value from column `index` (0-based) of the current row.
    /// - Throws: `DatabaseError` of kind `.invalidValue` when the column is NULL or unreadable as `Self`.
    static func decode(from row: Row, at index: Int32) throws(DatabaseError) -> Self
}

extension Int64: DatabaseValueConvertible {
    public func bind(to statement: Statement, at index: Int32) throws(DatabaseError) {
        try statement.check(sqlite3_bind_int64(statement.handle, index, self))
    }

    public static func decode(from row: Row, at index: Int32) throws(DatabaseError) -> Int64 {
        try row.requireNotNull(index, "an integer")
        return row.int64(index)
    }
}

extension Int: DatabaseValueConvertible {
    public func bind(to statement: Statement, at index: Int32) throws(DatabaseError) {
        try Int64(self).bind(to: statement, at: index)
    }

    public static func decode(from row: Row, at index: Int32) throws(DatabaseError) -> Int {
        try row.requireNotNull(index, "an integer")
        return Int(row.int64(index))
    }
}

extension Bool: DatabaseValueConvertible {
    public func bind(to statement: Statement, at index: Int32) throws(DatabaseError) {
        try Int64(self ? 1 : 0).bind(to: statement, at: index)
    }

    public static func decode(from row: Row, at index: Int32) throws(DatabaseError) -> Bool {
        try row.requireNotNull(index, "a boolean")
        return row.int64(index) != 0
    }
}

extension Double: DatabaseValueConvertible {
    public func bind(to statement: Statement, at index: Int32) throws(DatabaseError) {
        try statement.check(sqlite3_bind_double(statement.handle, index, self))
    }

    public static func decode(from row: Row, at index: Int32) throws(DatabaseError) -> Double {
        try row.requireNotNull(index, "a number")
        return row.double(index)
    }
}

extension String: DatabaseValueConvertible {
    public func bind(to statement: Statement, at index: Int32) throws(DatabaseError) {
        try statement.bindText(self, at: index)
    }

    public static func decode(from row: Row, at index: Int32) throws(DatabaseError) -> String {
        try row.requireNotNull(index, "text")
        return row.string(index)
    }
}

extension Data: DatabaseValueConvertible {
    public func bind(to statement: Statement, at index: Int32) throws(DatabaseError) {
        if isEmpty {
            try statement.check(sqlite3_bind_zeroblob(statement.handle, index, 0))
            return
        }
        let code = withUnsafeBytes { bytes in
            sqlite3_bind_blob64(statement.handle, index, bytes.baseAddress, sqlite3_uint64(bytes.count), sqliteTransient)
        }
        try statement.check(code)
    }

    public static func decode(from row: Row, at index: Int32) throws(DatabaseError) -> Data {
        try row.requireNotNull(index, "a blob")
        return row.data(index)
    }
}

extension UUID: DatabaseValueConvertible {
    /// Binds the canonical upper-case text (formatted by `withUppercaseASCII`, not Foundation's
    /// `uuidString`, because attempt imports bind one per row).
    public func bind(to statement: Statement, at index: Int32) throws(DatabaseError) {
        let text = statement.textStorage(36).assumingMemoryBound(to: UInt8.self)
        withUppercaseASCII { bytes in
            for position in 0..<36 { text[position] = bytes[position] }
        }
        // Static: the text lives in the statement's own storage until its next reset.
        let code = sqlite3_bind_text(statement.handle, index, UnsafeRawPointer(text).assumingMemoryBound(to: CChar.self), 36, nil)
        try statement.check(code)
    }

    /// Parses the 36 characters straight from SQLite's buffer: reading a learner's history
    /// decodes three UUIDs per attempt, and Foundation's parser would dominate that read.
    public static func decode(from row: Row, at index: Int32) throws(DatabaseError) -> UUID {
        try row.requireNotNull(index, "a UUID")
        if let text = sqlite3_column_text(row.handle, index), sqlite3_column_bytes(row.handle, index) == 36,
           let uuid = UUID(hyphenatedASCII: UnsafeBufferPointer(start: text, count: 36)) {
            return uuid
        }
        guard let uuid = UUID(uuidString: row.string(index)) else {
            throw row.invalidValue(index, "a UUID")
        }
        return uuid
    }
}

extension Date: DatabaseValueConvertible {
    public func bind(to statement: Statement, at index: Int32) throws(DatabaseError) {
        try millisecondsSince1970.bind(to: statement, at: index)
    }

    public static func decode(from row: Row, at index: Int32) throws(DatabaseError) -> Date {
        try row.requireNotNull(index, "a date in milliseconds")
        return Date(millisecondsSince1970: row.int64(index))
    }
}

extension Optional: DatabaseValueConvertible where Wrapped: DatabaseValueConvertible {
    public func bind(to statement: Statement, at index: Int32) throws(DatabaseError) {
        switch self {
        case .none: try statement.check(sqlite3_bind_null(statement.handle, index))
        case let .some(value): try value.bind(to: statement, at: index)
        }
    }

    public static func decode(from row: Row, at index: Int32) throws(DatabaseError) -> Wrapped? {
        row.isNull(index) ? nil : try Wrapped.decode(from: row, at: index)
    }
}

/// Tells SQLite to copy bound text and blobs, since Swift's buffers do not outlive the call.
nonisolated(unsafe) let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
