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
    // RFC 4180 CSV for the spreadsheet report.
    .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    // HTML for the browser report, built as a typed tree, not by concatenation.
    .package(url: "https://github.com/JohnSundell/Plot", from: "0.14.0"),
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
    // The typed domain: no XML, no rules.
    .target(name: "BarrierFreeModel"),
    // Rules, profiles (thresholds as data) and classification: no XML.
    .target(
      name: "BarrierFreeRules",
      dependencies: ["BarrierFreeModel", .product(name: "SwiftGraph", package: "SwiftGraph")]
    ),
    // Streaming reader and writer of the portfolio XML format, and the
    // profile loader.
    .target(
      name: "BarrierFreeXML",
      dependencies: ["BarrierFreeModel", "BarrierFreeRules", "CLibXML2", "CZlib"]
    ),
    // The report model and its renderings (JSON, CSV, Markdown, HTML).
    .target(
      name: "BarrierFreeReports",
      dependencies: [
        "BarrierFreeModel", "BarrierFreeRules", .product(name: "CSV", package: "CSV.swift"),
        .product(name: "Plot", package: "Plot"),
      ]
    ),
    // The public front door: re-exports the modules above.
    .target(
      name: "BarrierFree",
      dependencies: [
        "BarrierFreeModel", "BarrierFreeRules", "BarrierFreeXML", "BarrierFreeReports",
      ]
    ),
    .executableTarget(
      name: "barrierfree",
      dependencies: [
        "BarrierFree",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(
      name: "BarrierFreeModelTests",
      dependencies: ["BarrierFreeModel"]
    ),
    .testTarget(
      name: "BarrierFreeXMLTests",
      dependencies: ["BarrierFreeXML", "BarrierFree"],
      // Read from the repository by path, not bundled.
      exclude: ["Fixtures"]
    ),
    .testTarget(
      name: "BarrierFreeRulesTests",
      dependencies: [
        "BarrierFreeRules", "BarrierFree", .product(name: "SwiftGraph", package: "SwiftGraph"),
      ]
    ),
    .testTarget(
      name: "BarrierFreeReportsTests",
      dependencies: ["BarrierFreeReports", "BarrierFree"]
    ),
    .testTarget(
      name: "BarrierFreePropertyTests",
      dependencies: [
        "BarrierFree", .product(name: "PropertyBased", package: "swift-property-based"),
      ]
    ),
    .testTarget(
      name: "BarrierFreeCLITests",
      dependencies: ["barrierfree", .product(name: "CSV", package: "CSV.swift")]
    ),
  ],
  swiftLanguageModes: [.v6]
)
