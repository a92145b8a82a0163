import ArgumentParser
import CourseCLI
import CourseModels
import Foundation
import Practice

struct PracticeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "practice",
        abstract: "Check the practice generators.",
        subcommands: [PracticePreviewCommand.self]
    )
}

struct PracticePreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Print one generated item with its key and its mistake table.",
        discussion: "The families: \(PracticeFamily.allCases.map(\.rawValue).joined(separator: ", ")). The same family, tier and seed give the same item on every machine."
    )

    @Argument(help: "The family, such as chain-rule.")
    var family: String

    @Option(name: .long, help: "The tier, 1 (easiest) to 3.")
    var tier = 1

    @Option(name: .long, help: "The seed: a decimal number, or 16 hex digits as 'course history' and bundles show it.")
    var seed: String

    @Flag(name: .long, help: "Print the preview as one JSON object.")
    var json = false

    func validate() throws {
        guard PracticeFamily(rawValue: family) != nil else {
            throw ValidationError("There is no practice family '\(family)': use one of \(PracticeFamily.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        guard PracticeFamily.tiers.contains(tier) else {
            throw ValidationError("--tier \(tier) is not a tier: use 1, 2 or 3.")
        }
        guard parsedSeed != nil else {
            throw ValidationError("--seed \(seed) is not a seed: give a decimal number such as 42, or 16 hex digits.")
        }
    }

    var parsedSeed: UInt64? { UInt64(seed) ?? PracticeSpec.seed(fromText: seed.lowercased()) }

    func run() throws {
        let spec = PracticeSpec(family: family, tier: tier, version: PracticeGenerator.version, seed: parsedSeed ?? 0)
        let preview: PracticePreview
        do {
            preview = try PracticePreview(spec)
        } catch {
            throw CommandFailure(error.description)
        }
        if json { print(encodeJSON(preview)); return }
        print("\(preview.item) — \(preview.family), tier \(preview.tier) (\(preview.tierDescription)), generator \(preview.version), seed \(preview.seed)")
        print("objective: \(preview.objective)")
        print()
        print(preview.prompt.trimmingCharacters(in: .newlines))
        print()
        print("part: \(preview.part)  [\(preview.kind)]")
        print("key: \(preview.key)")
        print("canonical key: \(preview.canonicalKey)")
        print("rejected draws before it: \(preview.rejected.isEmpty ? "none" : preview.rejected.joined(separator: ", "))")
        print("mistakes (the answer each named mistake gives):")
        let width = (preview.mistakes.map(\.tag.count).max() ?? 0) + 2
        for mistake in preview.mistakes {
            print("  " + mistake.tag.padding(toLength: width, withPad: " ", startingAt: 0) + mistake.answer)
        }
    }
}
