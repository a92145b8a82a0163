import Foundation

/// A public key as the course content and the CLI write it: `ed25519:` and the base64 of the
/// key's 32 raw bytes.
public enum PublicKeyText {
    public static let prefix = "ed25519:"

    public static func format(_ raw: Data) -> String { prefix + raw.base64EncodedString() }

    /// The raw key, or nil when `text` is not `ed25519:` and the base64 of 32 bytes.
    public static func parse(_ text: String) -> Data? {
        guard text.hasPrefix(prefix), let raw = Data(base64Encoded: String(text.dropFirst(prefix.count))),
              raw.count == 32 else { return nil }
        return raw
    }
}
