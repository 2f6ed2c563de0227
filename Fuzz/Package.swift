// swift-tools-version:6.0
// libFuzzer targets for BarrierFree's readers. A package of its own so that
// the main package's `swift build` and `swift test` never see a target that
// only links with -sanitize=fuzzer. Run with Fuzz/run.sh.

import Foundation
import PackageDescription

// A path dependency's identity is its folder's name, whatever the clone is
// called.
let rootFolder = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
  name: "BarrierFreeFuzz",
  dependencies: [.package(path: "..")],
  targets: [
    // libFuzzer's driver, declared once for both targets.
    .target(name: "FuzzDriver"),
    .executableTarget(
      name: "FuzzReader",
      dependencies: ["FuzzDriver", .product(name: "BarrierFree", package: rootFolder)]
    ),
    .executableTarget(
      name: "FuzzSegmented",
      dependencies: ["FuzzDriver", .product(name: "BarrierFree", package: rootFolder)]
    ),
    .executableTarget(
      name: "FuzzProfile",
      dependencies: ["FuzzDriver", .product(name: "BarrierFree", package: rootFolder)]
    ),
  ],
  swiftLanguageModes: [.v6]
)
