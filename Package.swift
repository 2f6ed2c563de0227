// swift-tools-version:6.0
// BarrierFree: a typed inventory of flats and residential buildings, read from
// XML, checked against accessibility standards.

import PackageDescription

let package = Package(
  name: "BarrierFree",
  platforms: [.macOS(.v13)],
  products: [
    .library(name: "BarrierFree", targets: ["BarrierFree"]),
    .executable(name: "barrierfree", targets: ["barrierfree"]),
  ],
  dependencies: [
    .package(
      url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    // `swift package generate-documentation --target BarrierFree` builds the
    // DocC catalog in Sources/BarrierFree/BarrierFree.docc.
    .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    // Graphs for the route analysis (Dijkstra over a building's places).
    .package(url: "https://github.com/davecom/SwiftGraph", from: "4.0.0"),
    // RFC 4180 CSV: the tests read the CSV reports back with its reader (the
    // reports write their rows themselves, see CSVRows).
    .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    // HTML for the browser report, built as a typed tree, not by concatenation.
    .package(url: "https://github.com/JohnSundell/Plot", from: "0.14.0"),
    // SQLite for the inventory: surveys kept as snapshots, queries, and the
    // --format sqlite report (migrations with DatabaseMigrator).
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    // Property-based tests over generated portfolios (tests only).
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
  ],
  targets: [
    // libxml2, the XML engine (SAX2 push parser + XSD validation).
    .systemLibrary(
      name: "CLibXML2",
      pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"])]
    ),
    // zlib, for reading gzip-compressed portfolios (and plain files through
    // the same gzread path).
    .systemLibrary(
      name: "CZlib",
      pkgConfig: "zlib",
      providers: [.apt(["zlib1g-dev"])]
    ),
    // libxlsxwriter, for the .xlsx report (constant-memory mode).
    .systemLibrary(
      name: "CXLSXWriter",
      pkgConfig: "xlsxwriter",
      providers: [.apt(["libxlsxwriter-dev"])]
    ),
    // The typed domain: no XML, no rules.
    .target(name: "BarrierFreeModel"),
    // Rules, the engine and classification: no XML.
    .target(
      name: "BarrierFreeRules",
      dependencies: ["BarrierFreeModel", .product(name: "SwiftGraph", package: "SwiftGraph")]
    ),
    // The plumbing every XML reader needs and no format's vocabulary:
    // libxml2 and zlib, byte sources, the markup guard, the start-tag index,
    // diagnostics and message wording. The unsafe speed tricks of reading
    // stay in here and in the reader above it.
    .target(
      name: "BarrierFreeXMLSupport",
      dependencies: ["BarrierFreeModel", "CLibXML2", "CZlib"]
    ),
    // Streaming reader and writer of the portfolio XML format, its splitter
    // and its schema: on the model, not on the rules.
    .target(
      name: "BarrierFreeXML",
      dependencies: ["BarrierFreeModel", "BarrierFreeXMLSupport", "CLibXML2"]
    ),
    // Rule profiles (thresholds as data): the reader, the library and the
    // built-in profiles.
    .target(
      name: "BarrierFreeProfiles",
      dependencies: ["BarrierFreeModel", "BarrierFreeRules", "BarrierFreeXMLSupport", "CLibXML2"]
    ),
    // Generated portfolios for tests and benchmarks.
    .target(
      name: "BarrierFreeGenerator",
      dependencies: ["BarrierFreeModel", "BarrierFreeXML", "BarrierFreeXMLSupport"]
    ),
    // Upgrade planning: the catalogue of measures (data, like profiles),
    // their changes to the model, upgrade paths per flat and plans.
    .target(
      name: "BarrierFreeUpgrades",
      dependencies: [
        "BarrierFreeModel", "BarrierFreeRules", "BarrierFreeProfiles", "BarrierFreeXMLSupport",
        "CLibXML2",
      ]
    ),
    // Needs matching: households' needs (data), the needs-to-rules mapping
    // per ladder (data), register schemes (data), flat summaries and the
    // matcher.
    .target(
      name: "BarrierFreeMatching",
      dependencies: [
        "BarrierFreeModel", "BarrierFreeRules", "BarrierFreeUpgrades", "BarrierFreeXMLSupport",
        "CLibXML2",
      ]
    ),
    // The inventory: surveys kept as snapshots in a SQLite database
    // (Schemas/inventory.sql), its migrations, queries and the comparison
    // of two snapshots. It stores rows; what goes into them is the
    // reports' business.
    .target(
      name: "BarrierFreeInventory",
      dependencies: [
        "BarrierFreeModel", .product(name: "GRDB", package: "GRDB.swift"),
        // SQLite's C API, for binding the findings' values without GRDB's
        // per-row arrays (the one speed trick here; Benchmarks/README.md).
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
      ]
    ),
    // The report model and its renderings (JSON, JSON Lines, CSV, Markdown,
    // HTML, xlsx, SQLite).
    .target(
      name: "BarrierFreeReports",
      dependencies: [
        "BarrierFreeModel", "BarrierFreeRules", "BarrierFreeUpgrades", "BarrierFreeMatching",
        "BarrierFreeInventory",
        "CXLSXWriter", "CZlib",
        .product(name: "Plot", package: "Plot"),
      ]
    ),
    // The public front door: assessing a file, and a re-export of every
    // module above.
    .target(
      name: "BarrierFree",
      dependencies: [
        "BarrierFreeModel", "BarrierFreeRules", "BarrierFreeXMLSupport", "BarrierFreeXML",
        "BarrierFreeProfiles", "BarrierFreeGenerator", "BarrierFreeUpgrades", "BarrierFreeMatching",
        "BarrierFreeInventory", "BarrierFreeReports",
      ]
    ),
    .executableTarget(
      name: "barrierfree",
      dependencies: [
        "BarrierFree",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // Fixtures that tests of several modules share (not a product).
    .target(
      name: "BarrierFreeTestSupport",
      dependencies: ["BarrierFreeModel", "BarrierFreeXMLSupport", "BarrierFreeUpgrades"],
      path: "Tests/BarrierFreeTestSupport"
    ),
    .testTarget(
      name: "BarrierFreeModelTests",
      dependencies: ["BarrierFreeModel", "BarrierFreeTestSupport"]
    ),
    // Reads the imports in Sources/ and fails on one that points up.
    .testTarget(name: "BarrierFreeLayeringTests"),
    .testTarget(
      name: "BarrierFreeXMLSupportTests",
      dependencies: ["BarrierFreeXMLSupport", "BarrierFreeTestSupport"]
    ),
    .testTarget(
      name: "BarrierFreeXMLTests",
      dependencies: [
        "BarrierFreeModel", "BarrierFreeXMLSupport", "BarrierFreeXML", "BarrierFreeGenerator",
        "BarrierFreeTestSupport",
      ],
      // Read from the repository by path, not bundled.
      exclude: ["Fixtures"]
    ),
    // The rules, through the built-in profiles: no XML portfolio, no facade.
    .testTarget(
      name: "BarrierFreeRulesTests",
      dependencies: [
        "BarrierFreeModel", "BarrierFreeRules", "BarrierFreeXMLSupport", "BarrierFreeProfiles",
        .product(name: "SwiftGraph", package: "SwiftGraph"),
      ]
    ),
    .testTarget(
      name: "BarrierFreeUpgradesTests",
      dependencies: [
        "BarrierFreeModel", "BarrierFreeRules", "BarrierFreeProfiles", "BarrierFreeUpgrades",
        "BarrierFreeXML", "BarrierFreeXMLSupport", "BarrierFreeTestSupport", "BarrierFreeGenerator",
      ]
    ),
    .testTarget(
      name: "BarrierFreeMatchingTests",
      dependencies: [
        "BarrierFreeMatching", "BarrierFreeModel", "BarrierFreeRules", "BarrierFreeProfiles",
        "BarrierFreeXMLSupport", "BarrierFree",
      ]
    ),
    .testTarget(
      name: "BarrierFreeInventoryTests",
      dependencies: [
        "BarrierFree", "BarrierFreeInventory", .product(name: "GRDB", package: "GRDB.swift"),
      ]
    ),
    .testTarget(
      name: "BarrierFreeReportsTests",
      dependencies: ["BarrierFreeReports", "BarrierFree"]
    ),
    // The modules together: samples read, assessed under profiles, reported.
    .testTarget(
      name: "BarrierFreeTests",
      dependencies: ["BarrierFree", "BarrierFreeTestSupport"]
    ),
    .testTarget(
      name: "BarrierFreePropertyTests",
      dependencies: [
        "BarrierFree", "BarrierFreeTestSupport",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ]
    ),
    .testTarget(
      name: "BarrierFreeCLITests",
      dependencies: ["barrierfree", .product(name: "CSV", package: "CSV.swift")]
    ),
  ],
  swiftLanguageModes: [.v6]
)
