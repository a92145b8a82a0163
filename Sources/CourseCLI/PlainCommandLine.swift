import ArgumentParser

/// What a command's plain line holds: how many positional arguments, and which long options
/// (each taking one value) and flags.
public struct PlainCommandShape: Sendable {
    public var positionals: Int
    public var options: [String]
    public var flags: [String]

    public init(positionals: Int, options: [String], flags: [String]) {
        self.positionals = positionals
        self.options = options
        self.flags = flags
    }
}

/// A command line in the shape a hot command is typed nearly every time
/// (`course submit ex4 answer.txt --db x.db`), read without argument-parser.
///
/// Why: argument-parser learns a command's arguments at run time. It reflects the command (a
/// `Mirror` of it and of its property wrappers) and checks at run time which protocols their
/// types conform to, and the first check of each type scans all of the binary's ~4,900
/// protocol-conformance records. That was 5.4 M of the 18.1 M instructions of a whole
/// `course submit ex1` (callgrind), for a line that needs none of it.
///
/// Only a line that argument-parser reads one way is taken: exactly the shape's number of
/// positional arguments, none empty and none starting with `-` except `-` itself (standard
/// input); each `--option value` and `--flag` of the shape at most once, in that spelling (no
/// `--option=value`, no short names, no `--`), with a value that is not empty and does not start
/// with `-`. Everything else (`--help`, `--version`, a typo, a missing argument) gives nil and
/// goes to argument-parser, which prints what it always printed. `CommandParsingTests` checks
/// over thousands of lines that every line taken here gives the command argument-parser gives.
public struct PlainCommandLine: Sendable {
    public var positionals: [String] = []
    /// Long option name (without `--`) → its value, for the options given.
    public var options: [String: String] = [:]
    /// The flags given (names without `--`).
    public var flags: [String] = []

    /// The line, or nil unless `arguments` (after the command's name) is plain for `shape`.
    public init?(_ arguments: [String], shape: PlainCommandShape) {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            guard argument.hasPrefix("--") else {
                guard !argument.isEmpty, argument == "-" || !argument.hasPrefix("-") else { return nil }
                positionals.append(argument)
                continue
            }
            let name = String(argument.dropFirst(2))
            if shape.flags.contains(name) {
                guard !flags.contains(name) else { return nil }
                flags.append(name)
            } else if shape.options.contains(name) {
                guard options[name] == nil, index < arguments.count else { return nil }
                let value = arguments[index]
                index += 1
                guard !value.isEmpty, !value.hasPrefix("-") else { return nil }
                options[name] = value
            } else {
                return nil
            }
        }
        guard positionals.count == shape.positionals else { return nil }
    }
}

/// A command that can be built from a `PlainCommandLine`, skipping argument-parser's
/// reflection (see there). It still is an argument-parser command, which parses every other
/// line, prints its help and words its errors.
public protocol PlainlyParsableCommand: ParsableCommand {
    /// Its positional arguments, options and flags: exactly the ones it declares.
    static var plainShape: PlainCommandShape { get }

    /// The command holding `line`'s values: `Self()` with every property assigned (an option
    /// not given as nil, a flag not given as false), since a property wrapper never assigned
    /// holds no value. Not an initialiser: in one, assigning a property with a default (a flag's
    /// `= false`) initialises its wrapper anew, again without a value.
    static func command(plain line: PlainCommandLine) -> Self
}
