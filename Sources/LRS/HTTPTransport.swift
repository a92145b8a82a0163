import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP exchange, as the LRS client needs it: no streaming, no cookies, no cache.
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: URL
    public var headers: [String: String]
    public var body: Data?

    public init(method: String, url: URL, headers: [String: String] = [:], body: Data? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

public struct HTTPResponse: Sendable {
    public var status: Int
    /// Header names in lower case.
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Sends one request and waits for its answer; a failure to get any answer (refused, dropped,
/// timed out) is thrown as `LRSError.transport` with one try counted.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) throws(LRSError) -> HTTPResponse
}

/// The transport over FoundationNetworking's URLSession (libcurl on Linux): it ships with the
/// toolchain, so the LRS client adds no package to build. Ephemeral configuration: no cookies,
/// no cache, no stored credentials.
public final class URLSessionTransport: HTTPTransport, @unchecked Sendable {
    private let session: URLSession

    public init(timeout: TimeInterval = 60) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout * 4
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.urlCredentialStorage = nil
        session = URLSession(configuration: configuration)
    }

    deinit {
        session.finishTasksAndInvalidate()
    }

    public func send(_ request: HTTPRequest) throws(LRSError) -> HTTPResponse {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        urlRequest.httpBody = request.body
        let box = ResultBox()
        let done = DispatchSemaphore(value: 0)
        let task = session.dataTask(with: urlRequest) { data, response, error in
            if let response = response as? HTTPURLResponse, error == nil {
                var headers: [String: String] = [:]
                for (name, value) in response.allHeaderFields {
                    headers[String(describing: name).lowercased()] = String(describing: value)
                }
                box.set(.success(HTTPResponse(status: response.statusCode, headers: headers, body: data ?? Data())))
            } else {
                box.set(.failure(Message(text: error.map { $0.localizedDescription } ?? "no HTTP response")))
            }
            done.signal()
        }
        task.resume()
        done.wait()
        switch box.value {
        case let .success(response): return response
        case let .failure(message): throw .transport(url: Self.redacted(request.url), message: message.text, tries: 1)
        case nil: throw .transport(url: Self.redacted(request.url), message: "no answer", tries: 1)
        }
    }

    /// The URL without its query (a `more` link may carry an opaque token).
    static func redacted(_ url: URL) -> String {
        var components = URLComponents(url: url, resolvingAgainstBaseURL: true)
        components?.query = nil
        return components?.string ?? url.absoluteString
    }

    private struct Message: Error { let text: String }

    private final class ResultBox: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: Result<HTTPResponse, Message>?
        func set(_ result: Result<HTTPResponse, Message>) {
            lock.lock()
            defer { lock.unlock() }
            stored = result
        }
        var value: Result<HTTPResponse, Message>? {
            lock.lock()
            defer { lock.unlock() }
            return stored
        }
    }
}
