/// Failures of `lrs push` and `lrs pull`. None carries a credential: URLs with a user or
/// password in them are refused before anything is sent.
public enum LRSError: Error, Hashable, Sendable, CustomStringConvertible {
    case invalidEndpoint(String, reason: String)
    case credentials(String)
    /// The connection failed on every try.
    case transport(url: String, message: String, tries: Int)
    case unauthorized(url: String, status: Int)
    /// 429 or 5xx on every try.
    case unavailable(url: String, status: Int, tries: Int)
    case unexpectedStatus(url: String, status: Int, body: String)
    case malformedResponse(url: String, reason: String)
    /// Following `more` kept failing after restarting the query this many times.
    case moreKeptExpiring(url: String, restarts: Int)

    public var description: String {
        switch self {
        case let .invalidEndpoint(text, reason):
            return "The LRS endpoint '\(text)' cannot be used: \(reason). Give the xAPI base URL, such as http://127.0.0.1:8100/xAPI/."
        case let .credentials(reason):
            return reason
        case let .transport(url, message, tries):
            return "Cannot reach the LRS at \(url) (\(message)) after \(tries) tries: check that it is running, then run the command again; nothing was lost."
        case let .unauthorized(url, status):
            return "The LRS at \(url) refused the credentials (HTTP \(status)): check --user and the password file or variable."
        case let .unavailable(url, status, tries):
            return "The LRS at \(url) answered HTTP \(status) on \(tries) tries: try again later; what was sent so far is kept and the rest resumes."
        case let .unexpectedStatus(url, status, body):
            return "The LRS at \(url) answered HTTP \(status)\(body.isEmpty ? "" : ": \(body)"); nothing more was sent."
        case let .malformedResponse(url, reason):
            return "The LRS at \(url) sent an answer that is not an xAPI statement result (\(reason)); nothing from it was imported."
        case let .moreKeptExpiring(url, restarts):
            return "The LRS at \(url) kept expiring its 'more' links (\(restarts) restarts): run the pull again; what was imported is kept."
        }
    }
}
