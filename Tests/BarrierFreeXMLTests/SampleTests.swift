import BarrierFreeModel
import BarrierFreeXML
import Testing

@Suite("Bundled samples")
struct SampleTests {
  @Test("The Bielefeld quarter reads without errors: 1 quarter, 8 buildings, 44 flats")
  func quarterSample() throws {
    let portfolio = try PortfolioReader.readPortfolio(
      path: repositoryPath("Samples/quarter-bielefeld.xml"))
    #expect(portfolio.members.count == 1)
    guard case .quarter(let quarter) = portfolio.members.first else {
      Issue.record("expected a quarter first")
      return
    }
    #expect(quarter.buildings.count == 8)
    #expect(portfolio.flatCount == 44)
    #expect(Set(quarter.facilities.map(\.kind)) == [.cafe, .careBase, .commonRoom])
    #expect(quarter.facilities.first { $0.kind == .careBase }?.open24h == true)
    #expect(!quarter.outdoorPaths.isEmpty)
    // The issue asks for at least 5 buildings and 40 flats, and a lift that
    // stops half a storey off: a lift stop joined to its landing by steps.
    let hasHalfLandingLift = quarter.buildings.contains { building in
      building.lifts.contains { lift in
        lift.stops.contains { stop in
          building.connectors.contains {
            if case .steps(let steps) = $0 {
              steps.from == stop.place || steps.to == stop.place
            } else {
              false
            }
          }
        }
      }
    }
    #expect(hasHalfLandingLift)
  }

  @Test("The new-build design reads without errors: 1 building, 9 flats")
  func designSample() throws {
    let portfolio = try PortfolioReader.readPortfolio(
      path: repositoryPath("Samples/design-new-build.xml"))
    #expect(portfolio.allBuildings.count == 1)
    #expect(portfolio.flatCount == 9)
    #expect(portfolio.allBuildings.first?.lifts.count == 1)
  }

  @Test(
    "Writing a sample and reading it back gives the same model",
    arguments: ["Samples/quarter-bielefeld.xml", "Samples/design-new-build.xml"])
  func roundTrip(sample: String) throws {
    let original = try PortfolioReader.readPortfolio(path: repositoryPath(sample))
    let written = try PortfolioWriter.document(original)
    let reader = PortfolioReader(text: written, fileName: "written.xml")
    let reread = try reader.readAll()
    #expect(reader.diagnostics.isEmpty, "the written document validates: \(reader.diagnostics)")
    #expect(reread == original)
    // Writing is deterministic: the same model gives the same bytes.
    #expect(try PortfolioWriter.document(reread) == written)
  }
}
