import CourseModels
import CourseStore
import Crypto
import Foundation

/// This installation's signing identity: its device id and Ed25519 key, the key kept in
/// `<database>.device-key` (mode 0600) and created on first use.
public struct DeviceIdentity {
    public let deviceID: UUID
    let key: Curve25519.Signing.PrivateKey

    public var publicKey: Data { key.publicKey.rawRepresentation }

    /// Where the device key of the database at `databasePath` lives.
    public static func keyPath(forDatabase databasePath: String) -> String {
        databasePath + ".device-key"
    }

    /// The identity of the installation using `store`, creating the key on first use. A
    /// database restored into a fresh file takes the device id recorded in the key file.
    /// - Throws: `SyncError.keyBelongsToAnotherDevice` when the key file names another device
    ///   than the database, `SyncError` when the file cannot be read or created, `DatabaseError`.
    public static func open(store: Store) throws -> DeviceIdentity {
        let file = SigningKeyFile(path: keyPath(forDatabase: store.path))
        if let contents = try file.load() {
            if let recorded = contents.deviceID {
                if try store.settings.value(forKey: "device-id") == nil {
                    try store.settings.setValue(recorded.uuidString, forKey: "device-id")
                }
                let deviceID = try store.settings.deviceID()
                guard deviceID == recorded else {
                    throw SyncError.keyBelongsToAnotherDevice(path: file.path, keyDevice: recorded, databaseDevice: deviceID)
                }
            }
            return DeviceIdentity(deviceID: try store.settings.deviceID(), key: contents.key)
        }
        let deviceID = try store.settings.deviceID()
        return DeviceIdentity(deviceID: deviceID, key: try file.create(deviceID: deviceID))
    }

    func sign(_ message: [UInt8]) throws -> Data {
        try key.signature(for: message)
    }

    /// The code `course device show` prints and `course device add` reads on the first device.
    public var enrolmentCode: String {
        "course-device:\(deviceID.uuidString):\(publicKey.base64EncodedString())"
    }

    /// The device id and public key in an enrolment code, or nil when it is not one.
    public static func parseEnrolmentCode(_ code: String) -> (deviceID: UUID, publicKey: Data)? {
        let fields = code.trimmingSpacesAndNewlines.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count == 3, fields[0] == "course-device", let id = UUID(uuidString: String(fields[1])),
              let raw = PublicKeyText.parse(PublicKeyText.prefix + fields[2]) else { return nil }
        return (id, raw)
    }
}

/// An instructor's signing key, in a file beside the database (`<database>.instructor-key`),
/// created by `course-admin instructor init`; its public key is listed in `Seeds/course.yaml`.
public struct InstructorKey {
    let key: Curve25519.Signing.PrivateKey
    public let path: String

    public var publicKey: Data { key.publicKey.rawRepresentation }

    public static func keyPath(forDatabase databasePath: String) -> String {
        databasePath + ".instructor-key"
    }

    /// The key at `path`, or nil when there is none.
    /// - Throws: `SyncError.unreadableKey` for a damaged file.
    public static func load(path: String) throws -> InstructorKey? {
        try SigningKeyFile(path: path).load().map { InstructorKey(key: $0.key, path: path) }
    }

    /// The existing key at `path`, or a new one; `created` tells which.
    /// - Throws: `SyncError` when the file cannot be read or written.
    public static func loadOrCreate(path: String) throws -> (key: InstructorKey, created: Bool) {
        if let existing = try load(path: path) { return (existing, false) }
        return (InstructorKey(key: try SigningKeyFile(path: path).create(deviceID: nil), path: path), true)
    }

    func sign(_ message: [UInt8]) throws -> Data {
        try key.signature(for: message)
    }

    /// The lines to add to `Seeds/course.yaml` to make every machine trust this key.
    public func contentLines(name: String) -> String {
        "instructors:\n  - name: \(name)\n    key: \(PublicKeyText.format(publicKey))"
    }
}
