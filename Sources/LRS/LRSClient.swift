import Foundation

/// How often and how long to retry a request the LRS could not take now (429, 5xx) or whose
/// connection failed: exponential backoff from `baseDelay`, doubled each try up to `maxDelay`,
/// or the server's `Retry-After` (capped at `maxRetryAfter`), for at most `maxTries` tries.
public struct RetryPolicy: Sendable {
    public var maxTries: Int
    public var baseDelay: TimeInterval
    public var maxDelay: TimeInterval
    public var maxRetryAfter: TimeInterval

    public init(maxTries: Int = 6, baseDelay: TimeInterval = 0.25, maxDelay: TimeInterval = 30, maxRetryAfter: TimeInterval = 120) {
        self.maxTries = maxTries
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
    }

    /// The wait before try `n + 1` (n counted from 1).
    func delay(afterTry n: Int, retryAfter: String?) -> TimeInterval {
        if let retryAfter, let seconds = TimeInterval(retryAfter.trimmingCharacters(in: .whitespaces)), seconds >= 0 {
            return min(seconds, maxRetryAfter)
        }
        return min(baseDelay * pow(2, Double(n - 1)), maxDelay)
    }
}

/// What the retries of one push or pull met, for its report.
public struct RetryCounts: Hashable, Sendable {
    public var droppedConnections = 0
    public var serverErrors = 0
    public var tooManyRequests = 0
    public var waitedSeconds: Double = 0

    public var total: Int { droppedConnections + serverErrors + tooManyRequests }
}

/// Sends xAPI requests to one endpoint: Basic authentication, the version header on every
/// request, and bounded retries of what may succeed later. Other statuses are the caller's.
struct LRSClient {
    let endpoint: LRSEndpoint
    let credentials: LRSCredentials
    let transport: any HTTPTransport
    let retry: RetryPolicy
    static let version = "1.0.3"

    /// - Throws: `LRSError.transport` or `.unavailable` when every try failed,
    ///   `.unauthorized` on 401 or 403.
    func send(_ method: String, _ url: URL, body: Data? = nil, counts: inout RetryCounts) throws(LRSError) -> HTTPResponse {
        var headers = [
            "Authorization": credentials.authorization,
            "X-Experience-API-Version": Self.version,
            "Accept": "application/json",
        ]
        if body != nil { headers["Content-Type"] = "application/json" }
        let request = HTTPRequest(method: method, url: url, headers: headers, body: body)
        var tries = 0
        while true {
            tries += 1
            let response: HTTPResponse
            do {
                response = try transport.send(request)
            } catch {
                guard tries < retry.maxTries else {
                    if case let .transport(url, message, _) = error { throw .transport(url: url, message: message, tries: tries) }
                    throw error
                }
                counts.droppedConnections += 1
                wait(retry.delay(afterTry: tries, retryAfter: nil), &counts)
                continue
            }
            switch response.status {
            case 401, 403:
                throw .unauthorized(url: URLSessionTransport.redacted(url), status: response.status)
            case 429, 500...599:
                guard tries < retry.maxTries else {
                    throw .unavailable(url: URLSessionTransport.redacted(url), status: response.status, tries: tries)
                }
                if response.status == 429 { counts.tooManyRequests += 1 } else { counts.serverErrors += 1 }
                wait(retry.delay(afterTry: tries, retryAfter: response.headers["retry-after"]), &counts)
            default:
                return response
            }
        }
    }

    private func wait(_ seconds: TimeInterval, _ counts: inout RetryCounts) {
        counts.waitedSeconds += seconds
        if seconds > 0 { Thread.sleep(forTimeInterval: seconds) }
    }

    /// The first 200 characters of a response body, on one line, for an error or report.
    static func snippet(_ body: Data) -> String {
        let text = String(decoding: body.prefix(400), as: UTF8.self)
        return String(text.split(whereSeparator: \.isNewline).joined(separator: " ").prefix(200))
    }
}
