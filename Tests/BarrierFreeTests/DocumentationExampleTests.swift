import BarrierFree
import Foundation
import Testing

/// The example of the DocC article "Checking flats against a profile" and of
/// the README, run with the values its comments promise.
@Suite("Documentation examples")
struct DocumentationExampleTests {
  @Test("CheckingFlats.md: the near miss b1-f21 and the class counts of the quarter")
  func checkingFlats() throws {
    let path = repositoryRoot.appendingPathComponent("Samples/quarter-bielefeld.xml").path
    let assessor = try Assessor(profile: "din18040-2-r")
    var summary = AssessmentSummary()
    var printed: [String] = []
    try assessor.assessPortfolio(at: path) { building in
      summary.add(building)
      for flat in building.flats where flat.id == "b1-f21" {
        printed.append("\(flat.classification)")
        for fail in flat.blockers {
          printed.append(fail.rule)
          printed.append("\(fail.path)")
          printed.append(fail.evaluation.measured.map { "\($0)" } ?? "-")
          printed.append(fail.evaluation.required.map { "\($0)" } ?? "-")
          printed.append("\(fail.citation)")
          printed.append(fail.evaluation.remedy ?? "-")
        }
      }
    }
    #expect(
      printed == [
        "barrierFree", "door.clear-width",
        "building b1 › flat b1-f21 › door b1-f21-d-bath", "850 mm", "≥ 900 mm",
        "DIN 18040-2:2011-09, 4.3.3.2, 5.3.1",
        "widen the door to a clear width of at least 900 mm",
      ])
    #expect(
      summary.byClass == ["wheelchair": 4, "barrierFree": 16, "barrierReduced": 1, "none": 23])
  }

  @Test("CheckingFlats.md: a profile of your own on top of DIN 18040-2")
  func ownProfile() throws {
    var library = ProfileLibrary.builtIn
    try library.add(
      try ProfileReader.read(
        path: repositoryRoot.appendingPathComponent("Samples/profiles/house-rules.xml").path))
    let houseRules = try Assessor(ladder: library.ladder(for: "acme-house-rules"))
    #expect(
      houseRules.ladder.profiles.map(\.class) == ["barrierReduced", "barrierFree", "acmeComfort"])
  }

  @Test("WritingProfiles.md: the house rule's ladder and its five acmeComfort flats")
  func writingProfiles() throws {
    var library = ProfileLibrary.builtIn
    try library.add(
      try ProfileReader.read(
        path: repositoryRoot.appendingPathComponent("Samples/profiles/house-rules.xml").path))
    let assessor = try Assessor(ladder: library.ladder(for: "acme-house-rules"))
    #expect(
      assessor.ladder.profiles.map(\.class) == ["barrierReduced", "barrierFree", "acmeComfort"])
    var summary = AssessmentSummary()
    try assessor.assessPortfolio(
      at: repositoryRoot.appendingPathComponent("Samples/quarter-bielefeld.xml").path
    ) { summary.add($0) }
    #expect(summary.byClass["acmeComfort"] ?? 0 == 5)
    // The article shows these lines.
    let article = try String(
      contentsOf: repositoryRoot.appendingPathComponent(
        "Sources/BarrierFree/BarrierFree.docc/WritingProfiles.md"),
      encoding: .utf8)
    #expect(article.contains(#"// ["barrierReduced", "barrierFree", "acmeComfort"]"#))
    #expect(article.contains(#"print(summary.byClass["acmeComfort"] ?? 0)  // 5"#))
  }
}

@Suite("Documentation example: matching")
struct MatchingDocumentationTests {
  @Test("MatchingNeeds.md: the rollator household's flats and the first flat's category")
  func matchingNeeds() async throws {
    let setup = try NeedsSetup(
      households: repositoryRoot.appendingPathComponent("Samples/needs/households.xml").path)
    let result = try await BarrierFree.match(
      [repositoryRoot.appendingPathComponent("Samples/quarter-bielefeld.xml").path], setup: setup)
    let rollator = try #require(result.households.first { $0.household.id == "h06" })
    #expect(rollator.counts[.suits] == 18)
    let first = try #require(rollator.groups[.afterUpgrade]?.first)
    #expect(result.flats[first.flat].flat == "b8-f31")
    #expect((first.costLow, first.costHigh) == (1500, 4000))
    #expect(first.measures == ["shower.make-level"])
    #expect(result.flats[0].category == "A")
    let article = try String(
      contentsOf: repositoryRoot.appendingPathComponent(
        "Sources/BarrierFree/BarrierFree.docc/MatchingNeeds.md"),
      encoding: .utf8)
    #expect(article.contains("print(rollator.counts[.suits]!)  // 18"))
    #expect(article.contains(#"// b8-f31 1500.0 4000.0 ["shower.make-level"]"#))
    #expect(article.contains("print(result.flats[0].category)  // A"))
  }

  @Test(
    "KeepingAnInventory.md: the first survey of the quarter and its ground-floor wheelchair flats")
  func keepingAnInventory() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "bf-doc-\(UUID().uuidString).sqlite"
    ).path
    defer {
      for suffix in ["", "-wal", "-shm"] {
        try? FileManager.default.removeItem(atPath: path + suffix)
      }
    }
    let inventory = try Inventory(path: path, mode: .readWrite)
    var options = ReportOptions()
    options.surveyed = "2026-05-01"
    let added = try BarrierFree.addSurvey(
      [repositoryRoot.appendingPathComponent("Samples/quarter-bielefeld.xml").path], to: inventory,
      findings: .open, options: options)
    #expect("survey \(added.survey): \(added.result.flats) flats" == "survey 1: 44 flats")
    var wheelchair = InventoryQuery()
    wheelchair.classes = ["wheelchair"]
    wheelchair.storeys = 0...0
    var listed: [String] = []
    try inventory.flats(wheelchair) { listed.append("\($0.flat) \($0.verified)") }
    try inventory.close()
    #expect(listed == ["b1-f01 true", "b1-f02 false", "b8-f01 true"])
    let article = try String(
      contentsOf: repositoryRoot.appendingPathComponent(
        "Sources/BarrierFree/BarrierFree.docc/KeepingAnInventory.md"),
      encoding: .utf8)
    #expect(article.contains("// survey 1: 44 flats"))
    #expect(article.contains("// b1-f01 true, b1-f02 false, b8-f01 true"))
  }
}
