import ArgumentParser
import Foundation

/// Parses and runs one command line of either program, and renders whatever it throws once, in
/// one style: argument errors, `--help` and validation messages as argument-parser words them;
/// every other error as `error: <sentence>` on standard error. Returns the exit status, so the
/// program itself (never a library) ends the process.
public enum CommandRunner {
    /// - Returns: the exit status: 0, the status a `CommandFailure` or `ExitCode` carries, or 1.
    public static func run<Root: ParsableCommand>(_ root: Root.Type, arguments: [String]) -> Int32 {
        var command: any ParsableCommand
        do {
            command = try root.parseAsRoot(arguments)
        } catch {
            return argumentParserReport(root, error)
        }
        do {
            try command.run()
            return 0
        } catch let error as CommandFailure {
            printError("error: \(error.description)")
            return error.status
        } catch where error is ValidationError || error is ExitCode || error is CleanExit {
            return argumentParserReport(root, error)
        } catch {
            printError("error: \(error)")
            return 1
        }
    }

    private static func argumentParserReport<Root: ParsableCommand>(_ root: Root.Type, _ error: any Error) -> Int32 {
        let message = root.fullMessage(for: error)
        let code = root.exitCode(for: error)
        if !message.isEmpty {
            if code == .success { print(message) } else { printError(message) }
        }
        return code.rawValue
    }
}

/// Prints a line to standard error.
public func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
