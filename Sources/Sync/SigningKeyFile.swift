import CourseModels
import Crypto
import Foundation

/// A private Ed25519 key kept in a file only its owner may read (0600), outside the database,
/// so a copied or restored database never carries the power to sign.
///
/// The file is two lines of text: `ed25519-private:` and the base64 of the raw 32-byte key,
/// then, for a device key, `device:` and the device's UUID.
struct SigningKeyFile {
    let path: String

    struct Contents {
        var key: Curve25519.Signing.PrivateKey
        var deviceID: UUID?
    }

    /// The key, or nil when there is no file.
    /// - Throws: `SyncError.unreadableKey` for a file that is not a key written here.
    func load() throws -> Contents? {
        var status = stat()
        if lstat(path, &status) != 0 { return nil }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw SyncError.unreadableKey(path: path, reason: "it is not a regular file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SyncError.unreadableKey(path: path, reason: "it cannot be read")
        }
        var key: Curve25519.Signing.PrivateKey?
        var deviceID: UUID?
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            if line.hasPrefix("ed25519-private:") {
                let text = line.dropFirst("ed25519-private:".count).trimmingSpaces
                key = Data(base64Encoded: text).flatMap { try? Curve25519.Signing.PrivateKey(rawRepresentation: $0) }
            } else if line.hasPrefix("device:") {
                deviceID = UUID(uuidString: line.dropFirst("device:".count).trimmingSpaces)
            }
        }
        guard let key else { throw SyncError.unreadableKey(path: path, reason: "it holds no Ed25519 key") }
        return Contents(key: key, deviceID: deviceID)
    }

    /// Creates a new key in a new file (never replacing one), readable only by its owner.
    /// - Throws: `SyncError.cannotWrite` when the file cannot be created.
    func create(deviceID: UUID?, key: Curve25519.Signing.PrivateKey = .init()) throws -> Curve25519.Signing.PrivateKey {
        var text = "ed25519-private: \(key.rawRepresentation.base64EncodedString())\n"
        if let deviceID { text += "device: \(deviceID.uuidString)\n" }
        try SafeFileWriter.write(Array(text.utf8), to: path, replacing: false)
        return key
    }
}

