/// The name and version written into every bundle; an importer refuses others.
public enum BundleFormat {
    public static let name = "course-attempt-bundle"
    public static let version = 1
}
