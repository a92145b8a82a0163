// swift-tools-version: 6.0
import PackageDescription

/// Targets are listed in dependency order: each one may use only those above it.
let package = Package(
    name: "course",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "course", targets: ["course"]),
        .executable(name: "course-admin", targets: ["course-admin"]),
        .executable(name: "course-bench", targets: ["course-bench"]),
        .library(name: "CalculusCore", targets: ["CalculusCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // The OS libsqlite3 (Debian/Ubuntu: libsqlite3-dev), imported only by CourseStore.
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]
        ),
        // Pure mathematics: parsing, printing, differentiation, simplification, evaluation,
        // equivalence and numerics. No I/O.
        .target(
            name: "CalculusCore",
            dependencies: [.product(name: "ComplexModule", package: "swift-numerics")]
        ),
        // C's `%.*g` and `%.*f` behind fixed signatures: numbers shown back to learners print
        // exactly as printf prints them, without a variadic call from Swift.
        .target(name: "CNumberText"),
        // Value types shared by storage, grading and sync.
        .target(name: "CourseModels", dependencies: ["CNumberText"]),
        // Build-time tool: turns the top-level Migrations/*.sql into Swift string constants,
        // so the binaries carry their schema wherever they are copied.
        // Also works out each file's SHA-256 once, at build time, instead of at every start of
        // every command (0.44 M instructions of a `course submit`).
        .executableTarget(
            name: "EmbedMigrations", dependencies: ["CourseModels", .product(name: "Crypto", package: "swift-crypto")]),
        .plugin(
            name: "EmbedMigrationsPlugin",
            capability: .buildTool(),
            dependencies: ["EmbedMigrations"],
            path: "Sources/EmbedMigrationsPlugin"
        ),
        // The only module that speaks SQL.
        .target(
            name: "CourseStore",
            dependencies: ["CSQLite", "CourseModels", .product(name: "Crypto", package: "swift-crypto")],
            plugins: ["EmbedMigrationsPlugin"]
        ),
        // Pure grading: answer files, answer keys, part checkers, feedback for common mistakes,
        // the mastery model. No storage, no YAML, no files.
        .target(name: "Grading", dependencies: ["CalculusCore", "CourseModels"]),
        // Generated practice items: pure functions of (family, tier, generator version, seed),
        // each checked by the calculus core before it is shown. No storage.
        .target(name: "Practice", dependencies: ["CalculusCore", "CourseModels", "Grading"]),
        // Seeds/ files -> validated course content, and the import into the store.
        .target(
            name: "Content",
            dependencies: [
                "CalculusCore", "CourseModels", "CourseStore", "Grading",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Every use case (submit, progress, history, review, report, regrade, login) and the one
        // regrader and mastery replay that sync shares: the only layer above CourseStore.
        .target(name: "CourseService", dependencies: ["CourseModels", "CourseStore", "Grading", "Practice"]),
        // Bundles of attempt logs: format, export, import (regrading and replay through CourseService).
        .target(
            name: "Sync",
            dependencies: [
                "CourseModels", "CourseStore", "CourseService",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Attempts and reviews as signed xAPI statements, and statements back into the store
        // through Sync's checks. Apart from Sync because it needs full Foundation
        // (JSONSerialization, ISO8601DateFormatter, CharacterSet), which the learner's `course`
        // does not link.
        .target(
            name: "XAPI",
            dependencies: [
                "CourseModels", "CourseStore", "CourseService", "Sync",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Sync through a Learning Record Store: xAPI push (an outbox per endpoint) and pull (an
        // overlapping cursor) over FoundationNetworking's URLSession, importing through Sync.
        .target(name: "LRS", dependencies: ["CourseModels", "CourseStore", "Sync", "XAPI"]),
        // The fault-injecting in-memory LRS on loopback: the LRS tests' adversary, and the
        // server `course-bench lrs` pushes to and pulls from when no endpoint is given.
        .target(name: "FaultLRS", dependencies: ["Sync", "XAPI"], path: "Tests/FaultLRS"),
        // Instructor tooling over the calculus core: the JSON Lines batch protocol and SVG plots.
        .target(name: "CalcTools", dependencies: ["CalculusCore", "CourseModels"]),
        // What both command-line programs share: options, errors rendered once, output helpers,
        // `sync import`.
        .target(
            name: "CourseCLI",
            dependencies: [
                "CourseModels", "CourseStore", "Grading", "CourseService", "Sync",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The two programs: commands only (parse, call one library function, print).
        .executableTarget(
            name: "course",
            dependencies: [
                "CourseModels", "CourseStore", "CourseService", "Sync", "CourseCLI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "course-admin",
            dependencies: [
                "CalculusCore", "CalcTools", "CourseModels", "CourseStore", "Content", "CourseService", "Sync",
                "XAPI", "LRS", "CourseCLI", "Practice",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmarks (release builds; figures for the README).
        .executableTarget(
            name: "course-bench",
            dependencies: [
                "CalculusCore", "CalcTools", "CourseModels", "CourseStore", "Grading", "Content",
                "CourseService", "Sync", "XAPI", "LRS", "FaultLRS", "Practice",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The child process of the crash and concurrency tests: writes or imports as the product
        // does and, with COURSE_CRASH_AFTER_ROWS=N, kills itself at the N-th row. Built with the
        // tests (`swift build --build-tests`), found next to them; never installed.
        .executableTarget(
            name: "course-crash-helper",
            dependencies: [
                "CourseModels", "CourseStore", "Sync",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Tests/CrashHelper"
        ),
        // Helpers shared by the test targets: temporary folders, test stores, fixtures, child processes.
        .target(name: "TestSupport", dependencies: ["CourseModels", "CourseStore", "Grading", "Content"], path: "Tests/TestSupport"),
        .testTarget(name: "CalculusCoreTests", dependencies: ["CalculusCore", "CalcTools"]),
        .testTarget(name: "CalcToolsTests", dependencies: ["CalcTools", "CalculusCore"]),
        .testTarget(name: "CourseStoreTests", dependencies: ["CourseStore", "CourseModels", "TestSupport"]),
        .testTarget(name: "PracticeTests", dependencies: ["Practice", "Grading", "CalculusCore", "CourseModels"]),
        .testTarget(name: "GradingTests", dependencies: ["Grading", "CalculusCore", "CourseModels", "TestSupport"]),
        .testTarget(
            name: "ContentTests",
            dependencies: ["Content", "Grading", "CourseStore", "CourseModels", "TestSupport"],
            exclude: ["Pinned"]
        ),
        .testTarget(
            name: "CourseServiceTests",
            dependencies: ["CourseService", "Content", "Grading", "CourseStore", "CourseModels", "TestSupport"]
        ),
        .testTarget(
            name: "SyncTests",
            dependencies: [
                "Sync", "XAPI", "CourseService", "Grading", "CalculusCore", "CourseStore", "CourseModels", "TestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Push and pull against a fault-injecting HTTP server in the suite and against Ralph.
        .testTarget(
            name: "LRSTests",
            dependencies: ["LRS", "FaultLRS", "Sync", "XAPI", "CourseService", "Grading", "CourseStore", "CourseModels", "TestSupport"]
        ),
        // Parses each command in-process and pins both programs' --help text.
        .testTarget(name: "CLITests", dependencies: ["course", "course-admin", "CourseCLI"], exclude: ["Pinned"]),
        // Runs the built `course` and `course-admin` binaries; depends on no library on purpose.
        .testTarget(name: "EndToEndTests", dependencies: []),
    ],
    swiftLanguageModes: [.v6]
)
