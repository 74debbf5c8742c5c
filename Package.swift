// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "august",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "august", targets: ["august"]),
        .library(name: "AugustCore", targets: ["AugustCore"]),
        .library(name: "AugustSearch", targets: ["AugustSearch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        // RFC 4180 CSV writing (export) and reading (its round-trip test).
        .package(url: "https://github.com/yaslab/CSV.swift", exact: "2.5.2"),
    ],
    targets: [
        // The model: corpus, passages, dates, events, places, formations, fronts, parallel passages,
        // export, bookmarks, the cache formats (manifest, snapshot, analysis cache, index seal), the
        // query parser and the concordance. Foundation (and CSV writing) only: no SQLite, no GRDB, no
        // terminal. The fuzz build (`make fuzz`) compiles this folder as it is.
        .target(
            name: "AugustCore",
            dependencies: [
                .product(name: "CSV", package: "CSV.swift"),
            ],
            // Curated data (gazetteer, order of battle, axes): hand-reviewed JSON files.
            resources: [.copy("Resources")]
        ),
        // The search: the SQLite FTS5 index through GRDB, word sets, ranking, and the start pipeline
        // (CorpusSession: stat manifest -> snapshot -> index) that opens it. The only target that
        // imports GRDB; it uses the model, never the other way round.
        .target(
            name: "AugustSearch",
            dependencies: ["AugustCore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // The map: basemap (generated from GSHHG, `make basemap`), projection, braille/ASCII drawing,
        // label placement. Foundation only; knows nothing of the corpus model or of terminals.
        .target(name: "AugustMap", resources: [.copy("Resources")]),
        // ncursesw, wide-character build. Only AugustTerminal imports it.
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncursesw5-dev"])]),
        // The explorer without a terminal: state, keymap, update, render into a cell grid.
        .target(name: "AugustUI", dependencies: ["AugustCore", "AugustSearch", "AugustMap"]),
        // The thin ncurses backend.
        // (AugustCore for the atomic file write of the `w` effect.)
        .target(name: "AugustTerminal", dependencies: ["AugustUI", "AugustCore", "CNcursesw"]),
        .executableTarget(
            name: "august",
            dependencies: [
                "AugustCore", "AugustSearch", "AugustUI", "AugustTerminal", "AugustMap",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The benchmark: corpus generator, measurements, report (`make bench`; not part of `make test`).
        .target(name: "AugustBenchKit", dependencies: ["AugustCore", "AugustSearch"]),
        .executableTarget(
            name: "august-bench",
            dependencies: [
                "AugustBenchKit", "AugustCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Model tests. A few also index what they load (the hostile corpus, progress of indexing,
        // corpus-order limits, the index seal), hence AugustSearch here too.
        .testTarget(
            name: "AugustCoreTests",
            dependencies: ["AugustCore", "AugustSearch", "TestSupport", .product(name: "CSV", package: "CSV.swift")]
        ),
        // The index, word sets, ranking, aliases in queries, the start pipeline, damaged index files.
        .testTarget(
            name: "AugustSearchTests",
            dependencies: ["AugustSearch", "AugustCore", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // What the model's and the search's tests share (the seeds, temporary folders); tests only.
        .target(name: "TestSupport", dependencies: ["AugustCore"], path: "Tests/TestSupport"),
        .testTarget(name: "AugustBenchTests", dependencies: ["AugustBenchKit", "AugustCore"]),
        .testTarget(name: "AugustUITests", dependencies: ["AugustUI", "AugustCore", "AugustSearch", "AugustMap"], exclude: ["Goldens"]),
        .testTarget(name: "AugustMapTests", dependencies: ["AugustMap"]),
        .testTarget(name: "EndToEndTests", dependencies: ["AugustCore"], exclude: ["Goldens"]),
        // Test helper: saves bookmarks and stops between writing and renaming (the kill test).
        .executableTarget(name: "bookmark-save-child", dependencies: ["AugustCore"], path: "Tests/SaveChild"),
    ]
)
