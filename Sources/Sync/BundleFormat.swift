import Foundation

/// The name and version written into every bundle; an importer refuses others.
///
/// The format is documented in `README-bundle.md`. Bump `version` for any change a version-1
/// reader could misread; readers refuse bundles newer than they know.
public enum BundleFormat {
    public static let name = "course-attempt-bundle"
    /// Version 2 adds device enrolments and signatures (attempts by their device, reviews by an
    /// instructor); version 3 adds each attempt's link in its device's hash chain, so a run of
    /// attempts is checked with one signature, and `practice` on each attempt: null, or the spec
    /// (family, tier, version, seed) that rebuilds the generated item it answers. Versions 1
    /// (unsigned, see `BundleImporter.Trust`) and 2 are still read (no chains, no practice).
    public static let version = 3

    /// How far ahead of this machine's clock a bundle's times may be (a clock set a little
    /// wrong); anything later is refused, so a forged year-9999 time cannot stall sync.
    public static let allowedClockSkew: TimeInterval = 24 * 3600

    /// The prefix of the `digest` field, naming the hash function.
    public static let digestPrefix = "sha256:"

    /// The longest text field (an answer, a feedback, a comment) a bundle may carry, in UTF-8
    /// bytes: larger values are refused before they are held in memory, so a damaged or
    /// hostile file cannot exhaust it however big it is.
    public static let maximumTextBytes = 65_536

    /// The longest identifier-like field (ids, handles, exercise ids, part labels, versions).
    public static let maximumNameBytes = 256
}
