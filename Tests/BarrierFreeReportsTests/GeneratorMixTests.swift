import BarrierFree
import Testing

/// The generator's portfolios look like real stock: the quarter sample's
/// building types, every class of the ladder, and unknowns that grow with
/// the share of data left out.
@Suite("Generated portfolios")
struct GeneratorMixTests {
  /// Flats per class (and unverified flats) of `buildings` generated ones.
  private func classes(buildings: Int, incomplete: Double) throws -> (
    byClass: [String: Int], unverified: Int, flats: Int
  ) {
    var generator = try PortfolioGenerator(
      options: .init(buildings: buildings, seed: 7, incomplete: incomplete))
    var text = ""
    try generator.write { text += $0 }
    let assessor = try Assessor(profile: "din18040-2-r")
    var summary = AssessmentSummary()
    let reader = PortfolioReader(text: text, fileName: "generated.xml")
    try assessor.assessPortfolio(reader) { summary.add($0) }
    #expect(reader.diagnostics.isEmpty, "\(reader.diagnostics.prefix(3))")
    return (summary.byClass, summary.unverifiedByClass.values.reduce(0, +), summary.flats)
  }

  @Test("Every class occurs, in shares near the quarter sample's")
  func mix() throws {
    let (byClass, _, flats) = try classes(buildings: 120, incomplete: 0)
    let wheelchair = Double(byClass["wheelchair", default: 0]) / Double(flats)
    let barrierFree = Double(byClass["barrierFree", default: 0]) / Double(flats)
    // The sample: 9 % wheelchair, 36 % barrier-free, 55 % neither. Varied
    // copies lose a little at the top.
    #expect(wheelchair > 0.02 && wheelchair < 0.15, "\(byClass)")
    #expect(barrierFree > 0.15 && barrierFree < 0.45, "\(byClass)")
    #expect(byClass["none", default: 0] > flats / 3, "\(byClass)")
  }

  @Test("More data left out leaves more classes unverified")
  func incomplete() throws {
    let complete = try classes(buildings: 60, incomplete: 0)
    let gappy = try classes(buildings: 60, incomplete: 0.2)
    #expect(gappy.unverified > complete.unverified)
  }

  @Test("All eight building types of the sample are drawn")
  func types() throws {
    let generator = try PortfolioGenerator(options: .init(buildings: 1))
    #expect(generator.buildingTypes == 8)
  }

  @Test(
    "--quarters: the share of buildings in whole copies of the sample's quarter, valid and viewed")
  func quarters() throws {
    for (share, expected) in [(0.0, 0), (1.0, 3)] {
      var generator = try PortfolioGenerator(
        options: .init(buildings: 30, seed: 4, incomplete: 0, quarters: share))
      var text = ""
      try generator.write { text += $0 }
      let reader = PortfolioReader(text: text, fileName: "generated.xml")
      var views: [QuarterView] = []
      var buildings = 0
      try Assessor(profile: "din18040-2-r").assessPortfolio(
        reader, quarterView: { views.append($0) }
      ) { _ in buildings += 1 }
      #expect(reader.diagnostics.isEmpty, "\(reader.diagnostics.prefix(3))")
      // Three quarters of eight, then six buildings alone (fewer than eight
      // are left for a fourth).
      #expect(buildings == 30)
      #expect(views.map(\.id) == (0..<expected).map { "q\($0 + 1)-q-sieker" })
      for view in views {
        #expect(view.buildings.count == 8)
        #expect(view.flats.count == 44)
        // The café and the care base are reached from some flats.
        #expect(view.flats.contains { $0.reaches.contains { $0.status == .pass } }, "\(view.id)")
      }
    }
  }
}
