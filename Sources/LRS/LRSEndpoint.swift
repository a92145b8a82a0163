import CourseModels
import Foundation

/// An xAPI endpoint: the base URL under which `statements` lives. Its normalised text (always
/// ending in `/`) keys the outbox and the cursor of that LRS in the database.
public struct LRSEndpoint: Hashable, Sendable {
    public let base: URL

    /// - Throws: `LRSError.invalidEndpoint` for anything but an http(s) URL with a host and no
    ///   user or password in it (credentials are given separately so they are never stored).
    public init(_ text: String) throws(LRSError) {
        guard var components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https" else {
            throw .invalidEndpoint(text, reason: "it is not an http or https URL")
        }
        guard let host = components.host, !host.isEmpty else { throw .invalidEndpoint(text, reason: "it names no host") }
        guard components.user == nil, components.password == nil else {
            throw .invalidEndpoint(text, reason: "it contains a user or password; give them with --user and --password-file or --password-env")
        }
        guard components.query == nil, components.fragment == nil else {
            throw .invalidEndpoint(text, reason: "it has a query or fragment")
        }
        if !components.path.hasSuffix("/") { components.path += "/" }
        if components.path.hasSuffix("/statements/") { components.path.removeLast("statements/".count) }
        guard let url = components.url else { throw .invalidEndpoint(text, reason: "it is not a valid URL") }
        base = url
    }

    /// The text that keys this endpoint's outbox and cursor.
    public var key: String { base.absoluteString }

    /// The Statement resource.
    public var statements: URL { base.appendingPathComponent("statements") }
}

/// Basic-authentication credentials, read from a file or an environment variable and kept in
/// memory only: they never reach the database, a bundle, a report or an error message.
public struct LRSCredentials: Sendable, CustomStringConvertible {
    public let user: String
    let password: String

    public init(user: String, password: String) {
        self.user = user
        self.password = password
    }

    /// Reads the password from the first line of `path` (a trailing newline is dropped).
    /// - Throws: `LRSError.credentials` when the file cannot be read or is empty.
    public static func fromFile(user: String, path: String) throws(LRSError) -> LRSCredentials {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw .credentials("Cannot read the password file \(path): check the path and its permissions.")
        }
        let password = String(text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).first ?? "")
        guard !password.isEmpty else { throw .credentials("The password file \(path) is empty: write the password on its first line.") }
        return LRSCredentials(user: user, password: password)
    }

    /// Reads the password from the environment variable `name`.
    /// - Throws: `LRSError.credentials` when the variable is unset or empty.
    public static func fromEnvironment(user: String, variable name: String,
                                       environment: [String: String] = ProcessEnvironment.current) throws(LRSError) -> LRSCredentials {
        guard let password = environment[name], !password.isEmpty else {
            throw .credentials("The environment variable \(name) is not set or empty: export the LRS password in it, or use --password-file.")
        }
        return LRSCredentials(user: user, password: password)
    }

    var authorization: String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }

    public var description: String { "\(user):(password hidden)" }
}
