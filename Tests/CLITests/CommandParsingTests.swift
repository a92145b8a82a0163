import ArgumentParser
@testable import course
@testable import course_admin
@testable import CourseCLI
import Foundation
import Testing

/// Each command's command line, parsed in-process: which command it selects and what it read.
struct CommandParsingTests {
    /// The command `course` parses from `arguments`; where the subcommand is parsed directly
    /// (`CommandRunner.directSubcommand`), that parse must give the same command, field for field.
    func learner<C: ParsableCommand>(_ arguments: [String], as type: C.Type) throws -> C {
        let command = try #require(try Course.parseAsRoot(arguments) as? C)
        if let direct = CommandRunner.directSubcommand(of: Course.self, arguments) {
            #expect(Self.fields(direct) == Self.fields(command), "\(arguments)")
        }
        return command
    }

    /// Everything a parsed command holds, as `dump` writes it.
    static func fields(_ command: any ParsableCommand) -> String {
        var text = ""
        dump(command, to: &text)
        return text
    }

    @Test func learnerCommandsAreParsedDirectlyOnlyWhenTheParseSucceeds() throws {
        let lines: [[String]] = [
            ["submit", "ex4b", "-", "--json"], ["submit", "ex1", "a.txt", "--db", "x.db", "--learner", "ada"],
            ["check", "ex1", "a.txt"], ["show", "ex4"], ["progress", "--json"], ["exercises"], ["history", "ex2"],
            ["practice"], ["start", "ex3"], ["login", "ada"],
        ]
        for line in lines {
            let direct = try #require(CommandRunner.directSubcommand(of: Course.self, line), "\(line)")
            #expect(Self.fields(direct) == Self.fields(try Course.parseAsRoot(line)), "\(line)")
        }
        // Help, completion scripts, mistakes and commands with subcommands of their own all go
        // through the root, which words their output as before.
        let throughRoot: [[String]] = [
            ["submit", "--help"], ["submit", "-h"], ["submit", "ex1"], ["submit", "ex1", "a.txt", "--bogus"],
            ["submit", "--generate-completion-script", "bash"], ["--generate-completion-script", "bash"],
            ["help", "submit"], ["sync", "export", "-o", "a.json"], ["Submit", "ex1", "a.txt"], [], ["--version"],
        ]
        for line in throughRoot {
            #expect(CommandRunner.directSubcommand(of: Course.self, line) == nil, "\(line)")
        }
    }

    func admin<C: ParsableCommand>(_ arguments: [String], as type: C.Type) throws -> C {
        try #require(try CourseAdmin.parseAsRoot(arguments.map(protectingNegativeExpression)) as? C)
    }

    @Test func login() throws {
        let command = try learner(["login", "ada", "--name", "Ada Lovelace", "--db", "x.db"], as: LoginCommand.self)
        #expect(command.handle == "ada" && command.name == "Ada Lovelace" && command.database.db == "x.db")
    }

    @Test func exercisesProgressAndShow() throws {
        #expect(try learner(["exercises", "--json", "--learner", "bob"], as: ExercisesCommand.self).json)
        #expect(try learner(["exercises", "--learner", "bob"], as: ExercisesCommand.self).learnerOptions.learner == "bob")
        #expect(try learner(["progress"], as: ProgressCommand.self).json == false)
        #expect(try learner(["show", "ex4"], as: ShowCommand.self).exercise == "ex4")
    }

    @Test func submit() throws {
        let command = try learner(["submit", "ex4b", "-", "--json"], as: SubmitCommand.self)
        #expect(command.exercise == "ex4b" && command.file == "-" && command.json && command.db == nil && command.learner == nil)
        let check = try learner(["check", "ex1", "a.txt", "--learner", "ada", "--db", "x.db"], as: CheckCommand.self)
        #expect(check.exercise == "ex1" && check.file == "a.txt" && check.learner == "ada" && check.db == "x.db" && !check.json)
    }

    /// Every line `course` reads without argument-parser (`PlainCommandLine`) must give the
    /// command argument-parser gives, field for field; every other line must be left to it.
    /// The lines: all of up to three words after `submit` or `check`, and 4,000 longer ones,
    /// from words that are plain, nearly plain or not plain at all.
    @Test func plainLinesGiveTheCommandArgumentParserGives() throws {
        let words = ["ex1", "a.txt", "-", "--json", "--db", "x.db", "--learner", "ada", "--db=x.db", "-h", "--help",
                     "--", "help", "", "-x", "--version", "--bogus", "--JSON", "--learner=ada", "-1"]
        var lines: [[String]] = [[]]
        for _ in 0..<3 { lines += lines.filter { $0.count == lines.last!.count }.flatMap { line in words.map { line + [$0] } } }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<4_000 { lines.append((0..<(4 + next(4))).map { _ in words[next(words.count)] }) }
        var taken = 0
        for command in ["submit", "check"] {
            for rest in lines {
                let line = [command] + rest
                guard let plain = try CommandRunner.plainSubcommand(Course.plainSubcommands, line) else { continue }
                taken += 1
                let parsed = try Course.parseAsRoot(line)
                #expect(type(of: plain) == type(of: parsed), "\(line)")
                #expect(Self.fields(plain) == Self.fields(parsed), "\(line)")
            }
        }
        #expect(taken > 200)  // 302 of the lines are plain
        for line in [["submit", "ex1", "a.txt"], ["check", "ex4b", "-", "--json", "--db", "x.db", "--learner", "ada"]] {
            #expect(try CommandRunner.plainSubcommand(Course.plainSubcommands, line) != nil, "\(line)")
        }
        for line in [["submit", "--help"], ["submit", "ex1"], ["submit", "ex1", "a.txt", "--db=x.db"], ["submit", "ex1", "a.txt", "--json", "--json"],
                     ["show", "ex1"], ["submit", "ex1", "a.txt", "--db", "--json"]] {
            #expect(try CommandRunner.plainSubcommand(Course.plainSubcommands, line) == nil, "\(line)")
        }
    }

    @Test func history() throws {
        #expect(try learner(["history"], as: HistoryCommand.self).exercise == nil)
        #expect(try learner(["history", "ex2"], as: HistoryCommand.self).exercise == "ex2")
    }

    @Test func learnerSync() throws {
        let export = try learner(["sync", "export", "-o", "a.json", "--since-last", "lab"], as: course.SyncCommand.Export.self)
        #expect(export.output == "a.json" && export.sinceLast == "lab")
        let imports = try learner(["sync", "import", "a.json", "b.json"], as: SyncImportCommand.self)
        #expect(imports.files == ["a.json", "b.json"])
        #expect(throws: (any Error).self) { try Course.parseAsRoot(["sync", "import"]) }
        #expect(throws: (any Error).self) { try Course.parseAsRoot(["sync", "export", "--all", "--since-last", "lab"]) }
    }

    @Test func importSeeds() throws {
        let command = try admin(["import", "seeds", "Seeds", "--dry-run", "--json"], as: ImportCommand.Seeds.self)
        #expect(command.directory == "Seeds" && command.dryRun && command.json)
    }

    @Test func learners() throws {
        let add = try admin(["learners", "add", "bob", "--name", "Bob"], as: LearnersCommand.Add.self)
        #expect(add.handle == "bob" && add.name == "Bob")
        _ = try admin(["learners", "list"], as: LearnersCommand.List.self)
    }

    @Test func reviewListAndDecide() throws {
        #expect(try admin(["review", "list", "--json"], as: ReviewCommand.List.self).json)
        let decide = try admin(["review", "decide", "ex6", "--learner", "ada", "--reject", "--comment", "No."],
                               as: ReviewCommand.Decide.self)
        #expect(decide.exercise == "ex6" && decide.learner == "ada" && decide.decision == .reject && decide.comment == "No.")
        let short = try admin(["review", "ex6", "--learner", "ada", "--accept"], as: ReviewCommand.Decide.self)
        #expect(short.exercise == "ex6" && short.decision == .accept)
        #expect(throws: (any Error).self) { try CourseAdmin.parseAsRoot(["review", "decide", "ex6", "--learner", "ada"]) }
        #expect(throws: (any Error).self) {
            try CourseAdmin.parseAsRoot(["review", "decide", "ex6", "--learner", "ada", "--accept", "--reject"])
        }
    }

    @Test func reportRegradeAndAdminSync() throws {
        #expect(try admin(["report", "--format", "csv"], as: ReportCommand.self).format == .csv)
        #expect(throws: (any Error).self) { try CourseAdmin.parseAsRoot(["report", "--format", "xml"]) }
        #expect(try admin(["regrade", "--exercise", "ex4"], as: RegradeCommand.self).exercise == "ex4")
        let export = try admin(["sync", "export", "--learner", "ada", "--learner", "bob", "--xapi"],
                               as: course_admin.SyncCommand.Export.self)
        #expect(export.learners == ["ada", "bob"] && export.xapi)
    }

    @Test func calculator() throws {
        let diff = try admin(["calc", "diff", "x^2*sin(x)", "--order", "2"], as: CalcDiff.self)
        #expect(diff.expression == "x^2*sin(x)" && diff.order == 2)
        let eval = try admin(["calc", "eval", "x + y", "--at", "x=1.5,y=2"], as: CalcEval.self)
        #expect(eval.at == ["x": 1.5, "y": 2])
        let equiv = try admin(["calc", "equiv", "-tan(x)", "-sin(x)/cos(x)", "--domain", "-1,1"], as: CalcEquiv.self)
        #expect(equiv.key?.trimmingCharacters(in: .whitespaces) == "-tan(x)" && equiv.domain == -1...1)
        #expect(try admin(["calc", "simplify", "x + x"], as: CalcSimplify.self).expression == "x + x")
    }

    @Test func numericTools() throws {
        let nderiv = try admin(["calc", "nderiv", "sin(x)", "--at", "x=1", "--method", "richardson", "--h", "1e-3"],
                               as: CalcNDeriv.self)
        #expect(nderiv.at == ["x": 1] && nderiv.method == .richardson && nderiv.step == 1e-3)
        #expect(throws: (any Error).self) { try CourseAdmin.parseAsRoot(["calc", "nderiv", "x", "--at", "x=1", "--method", "best"]) }
        #expect(throws: (any Error).self) { try CourseAdmin.parseAsRoot(["calc", "nderiv", "x", "--at", "x"]) }
        #expect(try admin(["calc", "critical", "x^3 - 3x", "--on", "-1,4"], as: CalcCritical.self).on == -1...4)
        #expect(throws: (any Error).self) { try CourseAdmin.parseAsRoot(["calc", "critical", "x", "--on", "4,1"]) }
        let plot = try admin(["calc", "plot", "x^3", "--on", "-3,3", "--derivatives", "2", "-o", "f.svg"], as: CalcPlot.self)
        #expect(plot.on == -3...3 && plot.derivatives == 2 && plot.output == "f.svg")
        let check = try admin(["calc", "gradcheck", "w*x", "--at", "x=1,w=2", "--wrt", "w"], as: CalcGradCheck.self)
        #expect(check.at == ["x": 1, "w": 2] && check.wrt == "w")
        let implicit = try admin(["calc", "implicit", "x^3+y^3=6*x*y"], as: CalcImplicit.self)
        #expect(implicit.equation == "x^3+y^3=6*x*y" && implicit.x == "x" && implicit.y == "y")
    }

    @Test func errorsAreRenderedOnceWithTheirStatus() {
        #expect(CommandRunner.run(CourseAdmin.self, arguments: ["calc", "eval", "x +"]) == 2)
        #expect(CommandRunner.run(CourseAdmin.self, arguments: ["report", "--format", "xml"]) == 64)
    }
}
