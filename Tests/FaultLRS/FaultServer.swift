import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Sync
import XAPI

/// A small in-memory LRS on 127.0.0.1 that can misbehave on cue: it drops connections, answers
/// 500 or 429 with Retry-After, refuses a batch holding a poisoned statement (400), answers 413
/// past a batch size, 409 on a changed statement, expires `more` links, and filters `since` on
/// `timestamp` (as Ralph does) or on `stored`. Loopback only; one connection at a time, each
/// closed after its answer; it stops when the test calls `stop()`, or after ten minutes.
public final class FaultServer: @unchecked Sendable {
    public enum Fault: Sendable {
        case drop
        case status(Int, retryAfter: String?)
    }

    public enum SinceField: Sendable { case timestamp, stored }

    public let port: UInt16
    public let user = "fault"
    public let password = "fault-password-\(UUID().uuidString.prefix(8))"
    public var endpoint: String { "http://127.0.0.1:\(port)/xapi/" }

    private let lock = NSLock()
    private let listener: Int32
    private var stopped = false
    private var thread: Thread?

    // The store.
    private var records: [Record] = []
    private var index: [String: Int] = [:]
    private var clock: Int64 = 1_800_000_000_000
    private var cursors: [Int: (ids: [Int], offset: Int)] = [:]
    private var nextCursor = 0

    // Behaviour, set by the test.
    private var faults: [Fault] = []
    private var poisoned: Set<String> = []
    private var maxBatch: Int?
    private var expiringMore = 0
    private var pageCap = 100
    private var sinceField = SinceField.timestamp

    // What happened.
    public private(set) var requestCount = 0
    public private(set) var postedStatements = 0

    struct Record {
        var id: String
        var canonical: Data
        var object: [String: Any]
        var timestamp: Int64
        var stored: Int64
    }

    public init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 32) == 0 else { close(fd); throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = UInt16(bigEndian: address.sin_port)
        let thread = Thread { self.serve() }
        self.thread = thread
        thread.start()
    }

    public func stop() {
        locked { stopped = true }
    }

    // MARK: Setting behaviour

    public func inject(_ faults: [Fault]) { locked { self.faults += faults } }
    public func poison(_ id: String) { locked { _ = poisoned.insert(id.lowercased()) } }
    public func limitBatch(to count: Int?) { locked { maxBatch = count } }
    public func expireMore(_ count: Int) { locked { expiringMore = count } }
    public func capPages(at limit: Int) { locked { pageCap = limit } }
    public func filterSince(on field: SinceField) { locked { sinceField = field } }

    /// Stores a statement as if another client had sent it.
    public func insert(_ object: [String: Any]) { locked { _ = store(object) } }

    public var statementCount: Int { locked { records.count } }
    public func statement(id: String) -> [String: Any]? { locked { index[id.lowercased()].map { records[$0].object } } }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }

    // MARK: Serving

    /// Serves until stopped, or for ten minutes at most, whichever comes first.
    private func serve() {
        let deadline = Date().addingTimeInterval(600)
        defer { close(listener) }
        while Date() < deadline {
            if locked({ stopped }) { return }
            var descriptor = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 50) > 0 else { continue }
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { continue }
            var timeout = timeval(tv_sec: 10, tv_usec: 0)
            setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            handle(connection)
            close(connection)
        }
    }

    private func handle(_ connection: Int32) {
        guard let request = readRequest(connection) else { return }
        let fault: Fault? = locked {
            requestCount += 1
            return faults.isEmpty ? nil : faults.removeFirst()
        }
        switch fault {
        case .drop:
            return
        case let .status(status, retryAfter):
            respond(connection, status, body: Data("{\"error\":\"injected\"}".utf8),
                    headers: retryAfter.map { ["Retry-After": $0] } ?? [:])
            return
        case nil:
            break
        }
        let expected = "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
        guard request.headers["authorization"] == expected else { return respond(connection, 401, body: Data()) }
        guard request.headers["x-experience-api-version"] == "1.0.3" else {
            return respond(connection, 400, body: Data("missing X-Experience-API-Version".utf8))
        }
        let (status, body) = locked { route(request) }
        respond(connection, status, body: body, headers: status == 200 ? ["Content-Type": "application/json"] : [:])
    }

    private struct Request {
        var method: String
        var path: String
        var query: [String: String]
        var headers: [String: String]
        var body: Data
    }

    private func readRequest(_ connection: Int32) -> Request? {
        var buffer = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 65_536)
        var headerEnd: Int?
        while headerEnd == nil {
            let count = recv(connection, &chunk, chunk.count, 0)
            guard count > 0 else { return nil }
            buffer += chunk[0..<count]
            if let range = Data(buffer).range(of: Data("\r\n\r\n".utf8)) { headerEnd = range.upperBound }
            if buffer.count > 1 << 20, headerEnd == nil { return nil }
        }
        let head = String(decoding: buffer[0..<headerEnd!], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        guard length <= 256 << 20 else { return nil }
        var body = Array(buffer[headerEnd!...])
        // libcurl (URLSession on Linux) asks before sending a larger body and waits a second for
        // the go-ahead if none comes.
        if headers["expect"]?.lowercased() == "100-continue", body.count < length {
            sendAll(connection, Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
        }
        while body.count < length {
            let count = recv(connection, &chunk, chunk.count, 0)
            guard count > 0 else { return nil }
            body += chunk[0..<count]
        }
        let target = URLComponents(string: String(requestLine[1]))
        var query: [String: String] = [:]
        for item in target?.queryItems ?? [] { query[item.name] = item.value ?? "" }
        return Request(method: String(requestLine[0]), path: target?.path ?? "", query: query, headers: headers, body: Data(body))
    }

    private func respond(_ connection: Int32, _ status: Int, body: Data, headers: [String: String] = [:]) {
        var head = "HTTP/1.1 \(status) \(status < 300 ? "OK" : "Error")\r\nContent-Length: \(body.count)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        sendAll(connection, Array(head.utf8) + Array(body))
    }

    private func sendAll(_ connection: Int32, _ bytes: [UInt8]) {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { return }
            sent += count
        }
    }

    // MARK: The LRS

    private func route(_ request: Request) -> (Int, Data) {
        guard request.path == "/xapi/statements" else { return (404, Data()) }
        switch request.method {
        case "POST": return post(request.body)
        case "GET": return get(request.query)
        default: return (405, Data())
        }
    }

    private func post(_ body: Data) -> (Int, Data) {
        guard let parsed = try? JSONSerialization.jsonObject(with: body) else { return (400, Data("not JSON".utf8)) }
        let batch = (parsed as? [[String: Any]]) ?? ((parsed as? [String: Any]).map { [$0] } ?? [])
        if let maxBatch, batch.count > maxBatch { return (413, Data("batch too large".utf8)) }
        var ids = Set<String>()
        for object in batch {
            guard let id = (object["id"] as? String)?.lowercased() else { return (400, Data("a statement has no id".utf8)) }
            guard ids.insert(id).inserted else { return (400, Data("id \(id) twice in the batch".utf8)) }
            if poisoned.contains(id) { return (400, Data("statement \(id) is invalid".utf8)) }
            if let at = index[id], records[at].canonical != Self.canonical(object) {
                return (409, Data("statement \(id) exists with other content".utf8))
            }
        }
        postedStatements += batch.count
        var added: [String] = []
        for object in batch where store(object) { added.append((object["id"] as! String).lowercased()) }
        if added.isEmpty { return (204, Data()) }
        return (200, try! JSONSerialization.data(withJSONObject: added))
    }

    /// Stores a statement unless its id is held; true when stored.
    @discardableResult
    private func store(_ object: [String: Any]) -> Bool {
        let id = (object["id"] as! String).lowercased()
        guard index[id] == nil else { return false }
        clock += 1
        let timestamp = (object["timestamp"] as? String).flatMap(StatementImporter.timestamp) ?? clock
        index[id] = records.count
        records.append(Record(id: id, canonical: Self.canonical(object), object: object, timestamp: timestamp, stored: clock))
        return true
    }

    private func get(_ query: [String: String]) -> (Int, Data) {
        let limit = min(Int(query["limit"] ?? "") ?? pageCap, pageCap)
        var cursor: (ids: [Int], offset: Int)
        if let token = query["token"].flatMap(Int.init) {
            guard let held = cursors[token] else { return (400, Data("unknown more link".utf8)) }
            if expiringMore > 0 {
                expiringMore -= 1
                cursors[token] = nil
                return (400, Data("the more link has expired".utf8))
            }
            cursor = held
        } else {
            var ids = Array(records.indices)
            if let since = query["since"].flatMap(StatementImporter.timestamp) {
                ids = ids.filter { (sinceField == .timestamp ? records[$0].timestamp : records[$0].stored) > since }
            }
            cursor = (ids, 0)
        }
        let page = cursor.ids[cursor.offset..<min(cursor.offset + limit, cursor.ids.count)]
        var more = ""
        if page.endIndex < cursor.ids.count {
            nextCursor += 1
            cursors[nextCursor] = (cursor.ids, page.endIndex)
            more = "/xapi/statements?token=\(nextCursor)"
        }
        // Each statement's canonical bytes with `stored` added: serialized once, when stored.
        var body = Data("{\"statements\":[".utf8)
        for (n, at) in page.enumerated() {
            if n > 0 { body.append(UInt8(ascii: ",")) }
            let canonical = records[at].canonical
            body.append(canonical.prefix(canonical.count - 1))
            body.append(contentsOf: Array(",\"stored\":\"\(StatementImporter.timestampText(records[at].stored))\"}".utf8))
        }
        body.append(contentsOf: Array("],\"more\":\"\(more)\"}".utf8))
        return (200, body)
    }

    /// The statement as JSON with sorted keys, without what the LRS adds (`stored`, `authority`):
    /// what a re-sent statement is compared by (409 when it differs), and what GET returns.
    static func canonical(_ object: [String: Any]) -> Data {
        var copy = object
        copy["stored"] = nil
        copy["authority"] = nil
        return (try? JSONSerialization.data(withJSONObject: copy, options: [.sortedKeys])) ?? Data()
    }
}
