import CourseModels
import Crypto
import Foundation

// Usage: EmbedMigrations OUTPUT.swift FILE.sql...
// Writes `let embeddedMigrations: [(name: String, sql: String, checksum: String)]` in
// file-name order; the checksum is the SHA-256 of the SQL text, worked out as
// `Migration(name:sql:)` does (MigratorTests checks that they agree).
let arguments = CommandLine.arguments.dropFirst()
guard let output = arguments.first else {
    FileHandle.standardError.write(Data("usage: EmbedMigrations OUTPUT.swift FILE.sql...\n".utf8))
    exit(2)
}
var source = "// Generated from Migrations/*.sql by EmbedMigrations. Do not edit.\n"
source += "let embeddedMigrations: [(name: String, sql: String, checksum: String)] = [\n"
for path in arguments.dropFirst().sorted() {
    let url = URL(fileURLWithPath: path)
    guard let sql = try? String(contentsOf: url, encoding: .utf8) else {
        FileHandle.standardError.write(Data("EmbedMigrations: cannot read \(path) as UTF-8\n".utf8))
        exit(1)
    }
    // A raw string with enough #s that no sequence in the SQL can close it.
    var hashes = "#"
    while sql.contains("\"" + hashes) { hashes += "#" }
    let checksum = SHA256.hash(data: Array(sql.utf8)).lowercaseHex
    source += "    (name: \"\(url.lastPathComponent)\", sql: \(hashes)\"\"\"\n\(sql)\n\"\"\"\(hashes), checksum: \"\(checksum)\"),\n"
}
source += "]\n"
do {
    try source.write(toFile: output, atomically: true, encoding: .utf8)
} catch {
    FileHandle.standardError.write(Data("EmbedMigrations: cannot write \(output): \(error)\n".utf8))
    exit(1)
}
