import Foundation
import PackagePlugin

/// Embeds the top-level `Migrations/*.sql` files into the target that uses this plugin.
///
/// The SQL files stay the only source of the schema; the generated Swift file is rebuilt
/// whenever one of them changes, and the binaries no longer need the source tree at run time.
@main
struct EmbedMigrationsPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let migrations = context.package.directoryURL.appending(path: "Migrations")
        let files = (try? FileManager.default.contentsOfDirectory(
            at: migrations, includingPropertiesForKeys: nil))?
            .filter { $0.pathExtension == "sql" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent } ?? []
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedMigrations.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) migrations",
                executable: try context.tool(named: "EmbedMigrations").url,
                arguments: [output.path] + files.map(\.path),
                inputFiles: files,
                outputFiles: [output]
            )
        ]
    }
}
