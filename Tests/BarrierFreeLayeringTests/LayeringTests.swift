import Foundation
import Testing

/// The modules of the package and what each may import: arrows point down
/// only. A module lower in the list never imports one further down; the
/// system and third-party modules each may use are named with it.
///
/// A new module under Sources/ must be added here, with its place.
let allowedImports: KeyValuePairs<String, Set<String>> = [
  "CLibXML2": [],
  "CZlib": [],
  "CXLSXWriter": [],
  "BarrierFreeModel": ["Foundation"],
  "BarrierFreeRules": ["BarrierFreeModel", "SwiftGraph"],
  "BarrierFreeXMLSupport": [
    "BarrierFreeModel", "CLibXML2", "CZlib", "Foundation", "Glibc", "Darwin",
  ],
  "BarrierFreeXML": [
    "BarrierFreeModel", "BarrierFreeXMLSupport", "CLibXML2", "Foundation", "Glibc", "Darwin",
  ],
  "BarrierFreeProfiles": [
    "BarrierFreeModel", "BarrierFreeRules", "BarrierFreeXMLSupport", "CLibXML2", "Foundation",
  ],
  "BarrierFreeGenerator": ["BarrierFreeModel", "BarrierFreeXML", "BarrierFreeXMLSupport"],
  "BarrierFreeUpgrades": [
    "BarrierFreeModel", "BarrierFreeRules", "BarrierFreeProfiles", "BarrierFreeXMLSupport",
    "CLibXML2", "Foundation",
  ],
  "BarrierFreeMatching": [
    "BarrierFreeModel", "BarrierFreeRules", "BarrierFreeUpgrades", "BarrierFreeXMLSupport",
    "CLibXML2", "Foundation",
  ],
  "BarrierFreeInventory": ["BarrierFreeModel", "GRDB", "GRDBSQLite", "Foundation"],
  "BarrierFreeReports": [
    "BarrierFreeModel", "BarrierFreeRules", "BarrierFreeUpgrades", "BarrierFreeMatching",
    "BarrierFreeInventory", "CSV",
    "Plot", "CXLSXWriter",
    "CZlib", "Foundation", "Glibc", "Darwin",
  ],
  "BarrierFree": [
    "BarrierFreeModel", "BarrierFreeRules", "BarrierFreeXMLSupport", "BarrierFreeXML",
    "BarrierFreeProfiles", "BarrierFreeGenerator", "BarrierFreeUpgrades", "BarrierFreeMatching",
    "BarrierFreeInventory", "BarrierFreeReports", "Foundation",
  ],
  "barrierfree": ["BarrierFree", "ArgumentParser", "Foundation", "Glibc", "Darwin"],
]

/// The repository's root, found from this file's path.
private let repositoryRoot = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The modules a Swift source imports, whatever the access level or
/// attribute of the import (`@_exported import X`, `internal import X`,
/// `import struct X.Y`).
func importedModules(in source: String) -> [String] {
  source.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line in
    let modifiers: Set<Substring> = ["public", "package", "internal", "fileprivate", "private"]
    var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })[...]
    while let first = words.first, first.hasPrefix("@") || modifiers.contains(first) {
      words = words.dropFirst()
    }
    guard words.first == "import", words.count >= 2 else { return nil }
    var module = words[words.startIndex + 1]
    if ["struct", "class", "enum", "protocol", "func", "var", "let", "typealias"].contains(module),
      words.count >= 3
    {
      module = words[words.startIndex + 2]
    }
    return String(module.split(separator: ".").first ?? module)
  }
}

/// Every module's imports that its entry in ``allowedImports`` does not
/// allow, as `Module/File.swift imports X`; and every module under Sources/
/// the table does not know.
func layeringProblems(sources: URL) throws -> [String] {
  let table = Dictionary(uniqueKeysWithValues: allowedImports.map { ($0.key, $0.value) })
  var problems: [String] = []
  let modules = try FileManager.default.contentsOfDirectory(atPath: sources.path)
    .filter { !$0.hasPrefix(".") }.sorted()
  for module in modules {
    guard let allowed = table[module] else {
      problems.append("\(module) is not in the layering table of LayeringTests.swift")
      continue
    }
    let folder = sources.appendingPathComponent(module)
    guard let files = FileManager.default.enumerator(atPath: folder.path) else { continue }
    for case let file as String in files where file.hasSuffix(".swift") {
      let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
      for imported in importedModules(in: text) where !allowed.contains(imported) {
        problems.append("\(module)/\(file) imports \(imported)")
      }
    }
  }
  return problems.sorted()
}

@Suite("Modules import only modules below them")
struct LayeringTests {
  @Test("Every import in Sources/ is one the layering table allows")
  func importsPointDown() throws {
    let problems = try layeringProblems(sources: repositoryRoot.appendingPathComponent("Sources"))
    #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
  }

  @Test("The table lists each module after every module it may import")
  func tableIsOrdered() {
    let order = Dictionary(
      uniqueKeysWithValues: allowedImports.enumerated().map { ($0.element.key, $0.offset) })
    for (position, entry) in allowedImports.enumerated() {
      for imported in entry.value {
        if let below = order[imported] {
          #expect(below < position, "\(entry.key) may import \(imported), listed after it")
        }
      }
    }
  }

  @Test("An import of a module above is found, in any spelling")
  func findsImports() {
    let source = """
      import BarrierFreeModel
      @_exported import BarrierFreeRules
      internal import CLibXML2
      @preconcurrency public import Foundation
      import struct BarrierFreeXML.PortfolioReader
      // import BarrierFreeReports (a comment)
      let text = "import Nothing"
      """
    #expect(
      importedModules(in: source) == [
        "BarrierFreeModel", "BarrierFreeRules", "CLibXML2", "Foundation", "BarrierFreeXML",
      ])
  }
}
