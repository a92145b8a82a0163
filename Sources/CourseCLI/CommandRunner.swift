import ArgumentParser
import CourseModels
import Foundation

/// Parses and runs one command line of either program, and renders whatever it throws once, in
/// one style: argument errors, `--help` and validation messages as argument-parser words them;
/// every other error as `error: <sentence>` on standard error. Returns the exit status, so the
/// program itself (never a library) ends the process.
public enum CommandRunner {
    /// - Returns: the exit status: 0, the status a `CommandFailure` or `ExitCode` carries, or 1.
    ///
    /// Under `--json` an error is JSON too: `{"error": "<sentence>"}` on standard output (and
    /// the same non-zero status), so a script reading standard output always gets one object.
    ///
    /// `plain`: subcommands of `root` whose plain lines are read without argument-parser (see
    /// `PlainCommandLine`).
    public static func run<Root: ParsableCommand>(
        _ root: Root.Type, arguments: [String], plain: [any PlainlyParsableCommand.Type] = []
    ) -> Int32 {
        let json = arguments.prefix { $0 != "--" }.contains("--json")
        var command: any ParsableCommand
        do {
            command = try plainSubcommand(plain, arguments) ?? directSubcommand(of: root, arguments) ?? root.parseAsRoot(arguments)
        } catch {
            return argumentParserReport(root, error, json: json)
        }
        do {
            try command.run()
            return 0
        } catch let error as CommandFailure {
            report(error.description, json: json)
            return error.status
        } catch where error is ValidationError || error is ExitCode || error is CleanExit || isArgumentParserError(error) {
            return argumentParserReport(root, error, json: json)
        } catch {
            report("\(error)", json: json)
            return 1
        }
    }

    /// The subcommand among `commands` that the line names first, built from the rest of the
    /// line when that is plain for it (and validated as argument-parser would); nil otherwise.
    /// - Throws: what the command's `validate()` throws.
    static func plainSubcommand(_ commands: [any PlainlyParsableCommand.Type], _ arguments: [String]) throws -> (any ParsableCommand)? {
        guard let name = arguments.first, let type = commands.first(where: { $0.configuration.commandName == name }),
              let line = PlainCommandLine(Array(arguments.dropFirst()), shape: type.plainShape) else { return nil }
        var command = type.command(plain: line)
        try command.validate()
        return command
    }

    /// The command line parsed by the subcommand it names first, as a root of its own, when that
    /// subcommand declares `root` as its super-command (`_superCommandName`) and the parse
    /// succeeds; nil otherwise, and the caller parses from `root` as usual.
    ///
    /// Why: parsing from the root first tries the line as argument-parser's two completion-script
    /// pseudo-commands, whose option and flag types are instantiated, reflected and decoded
    /// for nothing; a subcommand parsed as a root with a super-command skips that check. A
    /// successful parse gives the same command either way (the roots have no options of their
    /// own). Everything else, `--help`, `--generate-completion-script`, errors of any kind, goes
    /// through the root, so what is printed and the exit status are exactly as before.
    static func directSubcommand<Root: ParsableCommand>(of root: Root.Type, _ arguments: [String]) -> (any ParsableCommand)? {
        guard let name = arguments.first, let rootName = root.configuration.commandName,
              let sub = root.configuration.subcommands.first(where: {
                  $0.configuration.commandName == name && $0.configuration._superCommandName == rootName
              }) else { return nil }
        // `--help` parses too, to argument-parser's help command: only the subcommand itself is taken.
        guard let command = try? sub.parseAsRoot(Array(arguments.dropFirst())), type(of: command) == sub else { return nil }
        return command
    }

    /// `--help` parses to argument-parser's own help command, whose `run()` throws its internal
    /// `CommandError`: that error is argument-parser's to render (as the help text), not ours.
    static func isArgumentParserError(_ error: any Error) -> Bool {
        String(reflecting: type(of: error)).hasPrefix("ArgumentParser.")
    }

    private static func report(_ message: String, json: Bool) {
        if json {
            print(#"{"error":\#(JSONText.quoted(message))}"#)
        } else {
            printError("error: \(message)")
        }
    }

    private static func argumentParserReport<Root: ParsableCommand>(_ root: Root.Type, _ error: any Error, json: Bool) -> Int32 {
        let message = root.fullMessage(for: error)
        let code = root.exitCode(for: error)
        if !message.isEmpty {
            if code == .success {
                print(message)
            } else if json, !(error is ExitCode) {
                let firstLine = message.split(separator: "\n").first.map(String.init) ?? message
                print(#"{"error":\#(JSONText.quoted(firstLine.hasPrefix("Error: ") ? String(firstLine.dropFirst(7)) : firstLine))}"#)
            } else {
                printError(message)
            }
        }
        return code.rawValue
    }
}

/// Prints a line to standard error.
public func printError(_ message: String) {
    StandardStreams.writeError(message + "\n")
}
