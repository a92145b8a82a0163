import CSQLite
import Foundation

/// A prepared SQL statement: bind `?` parameters, step through rows, reset, and run again.
///
/// Preparing costs far more than running, so hot statements are prepared once and reused
/// (`Database.cachedStatement`). The statement finalizes itself when released.
public final class Statement {
    let handle: OpaquePointer
    let connection: OpaquePointer
    /// The SQL text, carried into every error this statement raises.
    public let sql: String

    init(connection: OpaquePointer, sql: String, persistent: Bool) throws(DatabaseError) {
        var statement: OpaquePointer?
        let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        let code = sqlite3_prepare_v3(connection, sql, -1, flags, &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw DatabaseError(code: code, connection: connection, sql: sql)
        }
        self.handle = statement
        self.connection = connection
        self.sql = sql
    }

    /// Text bound to the statement lives here until the next `reset()`, so SQLite can take it
    /// as static instead of copying every value into a fresh allocation of its own (bulk
    /// inserts bind eight strings a row). Blocks are never moved once handed out.
    private var textBlocks: [UnsafeMutableRawBufferPointer] = []
    private var textUsed = 0
    /// Whether text was bound from `textBlocks` since the last reset.
    private var boundText = false
    private static let textBlockSize = 16 * 1024

    deinit {
        sqlite3_finalize(handle)
        for block in textBlocks { block.deallocate() }
    }

    /// Room for `count` bytes that stays put until the next `reset()`.
    func textStorage(_ count: Int) -> UnsafeMutableRawPointer {
        boundText = true
        if let last = textBlocks.last, last.count - textUsed >= count {
            defer { textUsed += count }
            return last.baseAddress! + textUsed
        }
        let block = UnsafeMutableRawBufferPointer.allocate(byteCount: max(Self.textBlockSize, count), alignment: 8)
        textBlocks.append(block)
        textUsed = count
        return block.baseAddress!
    }

    /// The number of `?` parameters.
    public var parameterCount: Int32 { sqlite3_bind_parameter_count(handle) }

    /// Binds one value to parameter `index` (1-based); nil binds NULL.
    /// - Throws: `DatabaseError` when the index is out of range.
    public func bind(_ value: (any DatabaseValueConvertible)?, at index: Int32) throws(DatabaseError) {
        if let value {
            try value.bind(to: self, at: index)
        } else {
            try check(sqlite3_bind_null(handle, index))
        }
    }

    /// Resets the statement and binds `arguments` to parameters 1, 2, ... in order.
    /// - Throws: `DatabaseError` when the count does not match the statement's parameters.
    public func bind(_ arguments: [(any DatabaseValueConvertible)?]) throws(DatabaseError) {
        reset()
        guard arguments.count == Int(parameterCount) else {
            throw DatabaseError(
                resultCode: SQLITE_RANGE,
                message: "\(arguments.count) arguments given for \(parameterCount) parameters", sql: sql)
        }
        for (offset, argument) in arguments.enumerated() {
            try bind(argument, at: Int32(offset + 1))
        }
    }

    /// Runs the statement one step: true when a row is ready to read through `row`, false when done.
    ///
    /// Outside a transaction a busy database is retried (SQLite answers some lock conflicts at
    /// once, without its busy handler), so another process's write makes this one wait instead
    /// of fail; inside a transaction waiting is left to the busy timeout, since retrying there
    /// could deadlock. Either way the whole wait stays within `Database.busyTimeoutMilliseconds`
    /// from the first try, so a lock held for long is reported after that, not later.
    /// - Throws: `DatabaseError` with SQLite's code and message.
    @discardableResult
    public func step() throws(DatabaseError) -> Bool {
        let started = DispatchTime.now().uptimeNanoseconds
        var code = sqlite3_step(handle)
        if code == SQLITE_ROW { return true }
        if code == SQLITE_DONE { return false }
        if isBusy(code), sqlite3_get_autocommit(connection) != 0 {
            let deadline = started + UInt64(Database.busyTimeoutMilliseconds) * 1_000_000
            var pause: UInt32 = 1_000
            while isBusy(code), DispatchTime.now().uptimeNanoseconds < deadline {
                sqlite3_reset(handle)
                usleep(pause)
                pause = min(pause * 2, 50_000)
                let remaining = deadline > DispatchTime.now().uptimeNanoseconds ? deadline - DispatchTime.now().uptimeNanoseconds : 0
                sqlite3_busy_timeout(connection, Int32(remaining / 1_000_000))
                code = sqlite3_step(handle)
            }
            sqlite3_busy_timeout(connection, Database.busyTimeoutMilliseconds)
            if code == SQLITE_ROW { return true }
            if code == SQLITE_DONE { return false }
        }
        let error = DatabaseError(code: code, connection: connection, sql: sql)
        sqlite3_reset(handle)
        throw error
    }

    /// Makes the statement ready to run again, with every parameter cleared to NULL (the text
    /// bound last is released here).
    public func reset() {
        sqlite3_reset(handle)
        guard boundText else { return }
        boundText = false
        sqlite3_clear_bindings(handle)
        if textBlocks.count > 1 {
            for block in textBlocks.dropFirst() { block.deallocate() }
            textBlocks.removeLast(textBlocks.count - 1)
        }
        textUsed = 0
    }

    /// The current row; read it before the next `step()`.
    public var row: Row { Row(statement: self) }

    /// Binds `arguments`, runs the statement to completion and resets it.
    /// - Throws: `DatabaseError` on any failure.
    public func execute(_ arguments: [(any DatabaseValueConvertible)?] = []) throws(DatabaseError) {
        try bind(arguments)
        defer { reset() }
        while try step() {}
    }

    /// Binds `arguments` and maps every result row through `transform`.
    /// - Throws: `DatabaseError` from SQLite or from `transform`.
    public func rows<T>(
        _ arguments: [(any DatabaseValueConvertible)?] = [], _ transform: (Row) throws(DatabaseError) -> T
    ) throws(DatabaseError) -> [T] {
        try bind(arguments)
        defer { reset() }
        var result: [T] = []
        while try step() {
            result.append(try transform(row))
        }
        return result
    }

    /// Binds `arguments` and hands each result row to `body` as it is read, so a long result
    /// is never held whole. `body` must not run this same statement.
    /// - Throws: `DatabaseError` from SQLite or from `body`.
    public func forEach(
        _ arguments: [(any DatabaseValueConvertible)?] = [], _ body: (Row) throws(DatabaseError) -> Void
    ) throws(DatabaseError) {
        try bind(arguments)
        defer { reset() }
        while try step() {
            try body(row)
        }
    }

    /// Binds `arguments` and maps the first result row, if any.
    /// - Throws: `DatabaseError` from SQLite or from `transform`.
    public func first<T>(
        _ arguments: [(any DatabaseValueConvertible)?] = [], _ transform: (Row) throws(DatabaseError) -> T
    ) throws(DatabaseError) -> T? {
        try bind(arguments)
        defer { reset() }
        return try step() ? try transform(row) : nil
    }

    func check(_ code: Int32) throws(DatabaseError) {
        if code != SQLITE_OK {
            throw DatabaseError(code: code, connection: connection, sql: sql)
        }
    }

    func bindText(_ text: String, at index: Int32) throws(DatabaseError) {
        var text = text
        let code = text.withUTF8 { utf8 -> Int32 in
            // An empty buffer may have no address, and a NULL pointer would bind NULL, not ''.
            guard let base = utf8.baseAddress, !utf8.isEmpty else {
                return sqlite3_bind_text(handle, index, "", 0, sqliteTransient)
            }
            let storage = textStorage(utf8.count)
            storage.copyMemory(from: base, byteCount: utf8.count)
            return sqlite3_bind_text(handle, index, storage.assumingMemoryBound(to: CChar.self), Int32(utf8.count), nil)
        }
        try check(code)
    }
}

func isBusy(_ code: Int32) -> Bool {
    let primary = code & 0xFF
    return primary == SQLITE_BUSY || primary == SQLITE_LOCKED
}
