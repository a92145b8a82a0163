import Foundation

/// A person who works through the course on some device.
///
/// The handle is what a learner types to pick themselves (`course use ada`), so it is kept to
/// characters that survive shells and file names; the id is what attempts point to, so a handle
/// can be renamed without rewriting history.
public struct Learner: Codable, Hashable, Sendable, Identifiable {
    public var id: UUID
    public var handle: String
    public var displayName: String
    public var createdAt: Date

    /// Creates a learner; `createdAt` is rounded to the millisecond, the precision it is stored at.
    public init(id: UUID = UUID(), handle: String, displayName: String, createdAt: Date = Date()) {
        self.id = id
        self.handle = handle
        self.displayName = displayName
        self.createdAt = createdAt.roundedToMilliseconds
    }

    /// The characters a handle may hold besides ASCII letters and digits.
    public static let handlePunctuation: Set<Character> = ["-", "_", "."]

    /// The allowed handle lengths, in characters.
    public static let handleLengths: ClosedRange<Int> = 1...64

    /// Checks that `handle` can be used as a learner handle.
    /// - Throws: `HandleError` saying what to change.
    public static func validate(handle: String) throws(HandleError) {
        if handle.isEmpty {
            throw .empty
        }
        if handle.count > handleLengths.upperBound {
            throw .tooLong(handle, limit: handleLengths.upperBound)
        }
        if let bad = handle.first(where: { !isHandleCharacter($0) }) {
            throw .invalidCharacter(handle, bad)
        }
    }

    static func isHandleCharacter(_ character: Character) -> Bool {
        guard character.isASCII else { return false }
        return character.isLetter || character.isNumber || handlePunctuation.contains(character)
    }
}

/// Why a learner handle was refused; the description tells the person what to type instead.
public enum HandleError: Error, Hashable, Sendable, CustomStringConvertible {
    case empty
    case tooLong(String, limit: Int)
    case invalidCharacter(String, Character)

    public var description: String {
        switch self {
        case .empty:
            return "The handle is empty: choose a name of 1 to 64 letters, digits, '-', '_' or '.'."
        case let .tooLong(handle, limit):
            return "The handle '\(handle)' has \(handle.count) characters: shorten it to at most \(limit)."
        case let .invalidCharacter(handle, character):
            return "The handle '\(handle)' contains '\(character)': use only letters, digits, '-', '_' or '.'."
        }
    }
}
