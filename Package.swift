// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "august",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "august", targets: ["august"]),
        .library(name: "AugustCore", targets: ["AugustCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        // RFC 4180 CSV writing (export) and reading (its round-trip test).
        .package(url: "https://github.com/yaslab/CSV.swift", exact: "2.5.2"),
    ],
    targets: [
        // The shared model: corpus, passages, dates, events, gazetteer, search. No terminal code.
        .target(
            name: "AugustCore",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "CSV", package: "CSV.swift"),
            ],
            // Curated data (gazetteer, order of battle, axes): hand-reviewed JSON files.
            resources: [.copy("Resources")]
        ),
        // The map: basemap (generated from GSHHG, `make basemap`), projection, braille/ASCII drawing,
        // label placement. Foundation only; knows nothing of the corpus model or of terminals.
        .target(name: "AugustMap", resources: [.copy("Resources")]),
        // ncursesw, wide-character build. Only AugustTerminal imports it.
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncursesw5-dev"])]),
        // The explorer without a terminal: state, keymap, update, render into a cell grid.
        .target(name: "AugustUI", dependencies: ["AugustCore", "AugustMap"]),
        // The thin ncurses backend.
        // (AugustCore for the atomic file write of the `w` effect.)
        .target(name: "AugustTerminal", dependencies: ["AugustUI", "AugustCore", "CNcursesw"]),
        .executableTarget(
            name: "august",
            dependencies: [
                "AugustCore", "AugustUI", "AugustTerminal", "AugustMap",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The benchmark: corpus generator, measurements, report (`make bench`; not part of `make test`).
        .target(name: "AugustBenchKit", dependencies: ["AugustCore"]),
        .executableTarget(
            name: "august-bench",
            dependencies: [
                "AugustBenchKit", "AugustCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "AugustCoreTests",
            dependencies: ["AugustCore", .product(name: "CSV", package: "CSV.swift")]
        ),
        .testTarget(name: "AugustBenchTests", dependencies: ["AugustBenchKit", "AugustCore"]),
        .testTarget(name: "AugustUITests", dependencies: ["AugustUI", "AugustCore", "AugustMap"], exclude: ["Goldens"]),
        .testTarget(name: "AugustMapTests", dependencies: ["AugustMap"]),
        .testTarget(name: "EndToEndTests", dependencies: ["AugustCore"], exclude: ["Goldens"]),
        // Test helper: saves bookmarks and stops between writing and renaming (the kill test).
        .executableTarget(name: "bookmark-save-child", dependencies: ["AugustCore"], path: "Tests/SaveChild"),
    ]
)
