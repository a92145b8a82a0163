import ArgumentParser
import CourseCLI
import CourseModels
import Foundation
import Sync

/// `course device`: enrol another device of yours, so other machines accept its attempts.
struct DeviceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "device",
        abstract: "Enrol another device of yours, so other machines accept the attempts made on it.",
        discussion: """
            On the new device: 'course device show' prints its code. On a device already \
            enrolled for you (your first one): 'course device add CODE', then export a bundle \
            there and import it on the new device and on your instructor's machine.
            """,
        subcommands: [Show.self, Add.self]
    )

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Print this device's code, to add it on your first device.")

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let identity = try DeviceIdentity.open(store: try database.openStore())
            print(identity.enrolmentCode)
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Enrol the device whose code is given, signed by this device.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var learner: LearnerOptions

        @Argument(help: "The code that 'course device show' printed on the new device.")
        var code: String

        func run() throws {
            let store = try database.openStore()
            let me = try learner.current(in: store)
            let device = try DeviceEnrolment.add(code: code, learner: me, store: store)
            print("Enrolled device \(device.uuidString) for \(TerminalText.visible(me.handle)). Export a bundle here ('course sync export -o FILE') and import it on that device and on your instructor's machine.")
        }
    }
}
