import BarrierFree
import Foundation
import PropertyBased
import Testing

/// Needs matching over the quarter sample and generated buildings: a need
/// added to a household never makes a flat suit now that did not before,
/// and never makes a flat suit that a need it had already ruled out.
@Suite("Match properties")
struct MatchProperties {
  /// The quarter sample's flats (with the reach of its café and care base)
  /// and the flats of 24 generated buildings, summarised on the DIN ladder
  /// with the built-in catalogue.
  static func flats() async throws -> (flats: [FlatSummary], matcher: Matcher) {
    let root = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let setup = try NeedsSetup(
      households: root.appendingPathComponent("Samples/needs/households.xml").path)
    let sample = try await BarrierFree.flatSummaries(
      [root.appendingPathComponent("Samples/quarter-bielefeld.xml").path], setup: setup, jobs: 2)
    let assessor = try Assessor(ladder: setup.ladder)
    let summariser = FlatSummariser(
      mapping: setup.mapping, ladder: setup.ladder,
      planner: UpgradePlanner(assessor: assessor, measures: try MeasureCatalogue.builtIn.measures))
    var generator = try PortfolioGenerator(
      options: .init(buildings: 24, seed: 7, incomplete: 0.2))
    var flats = sample
    for index in 0..<24 {
      flats += summariser.summaries(of: assessor.assess(try generator.makeBuilding(index)))
    }
    return (flats, setup.matcher)
  }

  /// Needs from numbers: which mapped needs (bits), and each limit (-1:
  /// none).
  static func needs(
    _ mask: Int, _ steps: Int, _ bedrooms: Int, _ storey: Int, _ within: Int, matcher: Matcher
  ) -> Needs {
    let ids = matcher.mapping.needs.map(\.id)
    var needs = Needs()
    for (bit, id) in ids.enumerated() where mask & (1 << bit) != 0 { needs.mapped.append(id) }
    needs.maxSteps = steps < 0 ? nil : steps
    needs.bedrooms = bedrooms < 0 ? nil : bedrooms
    needs.carerRoom = mask & (1 << 8) != 0
    needs.highestStoreyWithoutLift = storey < 0 ? nil : storey
    if within > 0 {
      needs.near = [
        Needs.Nearness(
          facility: mask & (1 << 9) != 0 ? "careBase" : "cafe", within: .mm(Double(within) * 1000))
      ]
    }
    return needs
  }

  @Test("Adding a need never enlarges the flats that suit now, nor shrinks those that do not suit")
  func addingANeedNeverEnlarges() async throws {
    let (flats, matcher) = try await Self.flats()
    #expect(flats.count > 100)
    func statuses(_ needs: Needs) -> [MatchStatus] {
      flats.enumerated().map { matcher.match(needs, flat: $1, index: $0).status }
    }
    await propertyCheck(
      count: 60,
      input: Gen.int(in: 0...1023), Gen.int(in: -1...8), Gen.int(in: -1...3), Gen.int(in: -1...3),
      Gen.int(in: 0...400), Gen.int(in: 0...1023), Gen.int(in: -1...8), Gen.int(in: -1...4),
      Gen.int(in: -1...3), Gen.int(in: 0...400)
    ) { mask, steps, bedrooms, storey, within, mask2, steps2, bedrooms2, storey2, within2 in
      let base = Self.needs(mask, steps, bedrooms, storey, within, matcher: matcher)
      let more = Self.needs(mask2, steps2, bedrooms2, storey2, within2, matcher: matcher)
      let added = base.adding(more)
      let before = statuses(base)
      let after = statuses(added)
      for index in flats.indices {
        if after[index] == .suits {
          #expect(
            before[index] == .suits,
            "\(flats[index].flat) suits \(added) but not \(base)")
        }
        if before[index] == .doesNotSuit {
          #expect(
            after[index] == .doesNotSuit,
            "\(flats[index].flat) does not suit \(base) but \(after[index]) with \(added)")
        }
      }
    }
  }
}
