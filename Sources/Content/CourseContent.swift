import Foundation
import CourseModels
import Grading

/// The course section read from a seed folder, validated, with every numeric key computed:
/// ready to be stored.
public struct CourseContent: Hashable, Sendable {
    public var section: CourseSection
    /// In file order.
    public var objectives: [Objective]
    /// In display order; each part's `keyJSON` is a `PartKey`.
    public var exercises: [Exercise]

    public init(section: CourseSection, objectives: [Objective], exercises: [Exercise]) {
        self.section = section
        self.objectives = objectives
        self.exercises = exercises
    }
}

/// What `course.yaml` says about the section as a whole.
public struct CourseSection: Codable, Hashable, Sendable {
    /// A stable slug such as `derivatives`.
    public var id: String
    public var title: String
    /// Bumped by the author when the content changes meaningfully.
    public var contentVersion: Int
    public var summary: String
    /// The instructors whose signed review decisions every machine accepts.
    public var instructors: [Instructor] = []
    /// Keys no longer trusted for anything dated at or after their revocation.
    public var revokedKeys: [RevokedKey] = []

    public struct Instructor: Codable, Hashable, Sendable {
        public var name: String
        /// The raw 32-byte Ed25519 public key.
        public var publicKey: Data
    }

    public struct RevokedKey: Codable, Hashable, Sendable {
        public var publicKey: Data
        /// When the revocation was published: what is signed with the key and dated from then on is refused.
        public var revokedAt: Date
    }

    public init(id: String, title: String, contentVersion: Int, summary: String,
                instructors: [Instructor] = [], revokedKeys: [RevokedKey] = []) {
        self.id = id
        self.title = title
        self.contentVersion = contentVersion
        self.summary = summary
        self.instructors = instructors
        self.revokedKeys = revokedKeys
    }
}
