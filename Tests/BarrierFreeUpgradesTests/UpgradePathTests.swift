import BarrierFreeModel
import BarrierFreeProfiles
import BarrierFreeRules
import BarrierFreeUpgrades
import BarrierFreeXML
import Foundation
import Testing

/// The repository's root, found from this file's path.
private let repositoryRoot = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The building `id` of the quarter sample.
func sampleBuilding(_ id: String) throws -> Building {
  let path = repositoryRoot.appendingPathComponent("Samples/quarter-bielefeld.xml").path
  let reader = try PortfolioReader(path: path)
  while let event = reader.next() {
    if case .building(let building, _) = event, building.id == id { return building }
  }
  throw ChangeError("no building \(id) in the sample")
}

/// Two measures for doors, priced as the reference prices them (M1, M1b of
/// shared/reference/upgrade-costs.md), and one for a WC's seat height.
let doorMeasures = [
  Measure(
    id: "door.widen-light-wall", title: "Widen the door in a light partition wall",
    clears: [ClearedRule(rule: "din18040-2.door.clear-width", scope: ["door"])],
    changes: [.set(attribute: "clearWidth", value: .required)], unit: .door,
    cost: CostRange(
      low: 500, high: 1500, priceYear: 2020, source: "haus-selber-bauen.com",
      certainty: .oneSource),
    surveyWhen: [.loadBearingWallUnknown], fundingArea: 4, careInsurance: true),
  Measure(
    id: "door.widen-masonry", title: "Widen the door in a load-bearing wall, new lintel",
    clears: [ClearedRule(rule: "din18040-2.door.clear-width", scope: ["door"])],
    changes: [.set(attribute: "clearWidth", value: .required)], unit: .door,
    cost: CostRange(
      low: 1050, high: 2000, priceYear: 2025, source: "hausplanen.com", certainty: .oneSource),
    fundingArea: 4, careInsurance: true),
  Measure(
    id: "wc.rehang", title: "Re-hang the wall-hung WC higher",
    clears: [ClearedRule(rule: "din18040-2.wc.seat-height")],
    changes: [.set(attribute: "seatHeight", value: .required)], unit: .lumpSum,
    cost: CostRange(
      low: 300, high: 1000, priceYear: 2026, source: "aroundhome.de", certainty: .inferred),
    fundingArea: 5, careInsurance: true),
]

@Suite("Upgrade paths")
struct UpgradePathTests {
  let planner: UpgradePlanner

  init() throws {
    planner = UpgradePlanner(
      assessor: try Assessor(ladder: ProfileLibrary.builtIn.ladder(for: "din18040-2-r")),
      measures: doorMeasures)
  }

  @Test("b1-f12 to wheelchair: five doors widened at one price each; the rest has no measure")
  func sampleFlat() throws {
    let building = try sampleBuilding("b1")
    let paths = planner.paths(forFlat: "b1-f12", of: building)
    #expect(paths.map(\.target) == ["wheelchair"])
    let path = try #require(paths.first)
    let doors = path.jobs.filter { $0.measure == "door.widen-light-wall" }
    #expect(
      doors.map { $0.element.steps.last?.name } == [
        "b1-f12-d-living", "b1-f12-d-kitchen", "b1-f12-d-bed", "b1-f12-d-bath", "b1-f12-d-balcony",
      ])
    #expect(doors.allSatisfy { $0.cost.low == 500 && $0.cost.high == 1500 && !$0.shared })
    #expect(doors.allSatisfy { $0.survey == [.loadBearingWallUnknown] })
    #expect(path.jobs.contains { $0.measure == "wc.rehang" })
    #expect(path.cost.low == 5 * 500 + 300)
    #expect(path.cost.high == 5 * 1500 + 1000)
    #expect(path.needsSurvey)
    // Movement areas and the handle's side clearance: no measure here.
    let unmet = Set(path.noKnownMeasure.map(\.rule))
    #expect(unmet.contains("din18040-2.room.movement-area"))
    #expect(unmet.contains("din18040-2.door.handle-side-clearance"))
    #expect(!unmet.contains("din18040-2.door.clear-width"))
    #expect(!path.reaches)
  }

  @Test("Setting a door's width to what the rule requires: 790 mm becomes 800 mm")
  func settingRequired() throws {
    let assessor = try Assessor(ladder: ProfileLibrary.builtIn.ladder(for: "din18040-2"))
    var door = Door(id: "d", from: "a", to: "b", clearWidth: .mm(790))
    let fail = try #require(
      assessor.assess(Flat(id: "f", entrance: "a", connectors: [.door(door)])).findings.first {
        $0.rule == "din18040-2.door.clear-width"
      })
    #expect(fail.status == .fail)
    let changed = try Building(
      id: "b", flats: [Flat(id: "f", entrance: "a", connectors: [.door(door)])]
    ).setting(
      "clearWidth", to: .required,
      at: ElementPath([PathStep(kind: "building", name: "b")] + fail.path.steps),
      required: fail.evaluation.required)
    door.clearWidth = .mm(800)
    #expect(changed.flats.first?.connectors == [.door(door)])
  }
}
