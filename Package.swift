// swift-tools-version: 6.0
import PackageDescription

/// Targets are listed in dependency order: each one may use only those above it.
let package = Package(
    name: "course",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "course", targets: ["course"]),
        .executable(name: "course-admin", targets: ["course-admin"]),
        .executable(name: "course-bench", targets: ["course-bench"]),
        .library(name: "CalculusCore", targets: ["CalculusCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
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
        // Value types shared by storage, grading and sync.
        .target(name: "CourseModels"),
        // Build-time tool: turns the top-level Migrations/*.sql into Swift string constants,
        // so the binaries carry their schema wherever they are copied.
        .executableTarget(name: "EmbedMigrations"),
        .plugin(
            name: "EmbedMigrationsPlugin",
            capability: .buildTool(),
            dependencies: ["EmbedMigrations"],
            path: "Sources/EmbedMigrationsPlugin"
        ),
        // The only module that speaks SQL.
        .target(
            name: "CourseStore",
            dependencies: ["CSQLite", "CourseModels"],
            plugins: ["EmbedMigrationsPlugin"]
        ),
        // Answer files, part checkers, feedback, mastery, content import and the grading service.
        .target(
            name: "Grading",
            dependencies: [
                "CalculusCore", "CourseModels", "CourseStore",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Bundles of attempt logs: format, export, import.
        .target(
            name: "Sync",
            dependencies: [
                "CalculusCore", "CourseModels", "CourseStore", "Grading",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // What both command-line programs share: options, errors, output helpers, `sync import`.
        .target(
            name: "CourseCLI",
            dependencies: [
                "CourseModels", "CourseStore", "Grading", "Sync",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "course",
            dependencies: [
                "CourseModels", "CourseStore", "Grading", "Sync", "CourseCLI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "course-admin",
            dependencies: [
                "CalculusCore", "CourseModels", "CourseStore", "Grading", "Sync", "CourseCLI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "course-bench",
            dependencies: [
                "CalculusCore", "CourseModels", "CourseStore", "Grading", "Sync",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "CalculusCoreTests", dependencies: ["CalculusCore"]),
        .testTarget(name: "CourseStoreTests", dependencies: ["CourseStore", "CourseModels"]),
        .testTarget(name: "GradingTests", dependencies: ["Grading", "CalculusCore", "CourseStore", "CourseModels"]),
        .testTarget(name: "SyncTests", dependencies: ["Sync", "Grading", "CourseStore", "CourseModels"]),
        // Runs the built `course` and `course-admin` binaries; depends on no library on purpose.
        .testTarget(name: "EndToEndTests", dependencies: []),
    ],
    swiftLanguageModes: [.v6]
)
