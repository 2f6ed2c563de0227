import BarrierFreeModel
import BarrierFreeProfiles
import BarrierFreeRules
import BarrierFreeTestSupport
import BarrierFreeUpgrades
import BarrierFreeXML
import Foundation
import Testing

/// The repository's root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath)
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
    #expect(unmet.contains("room.movement-area"))
    #expect(unmet.contains("door.handle-side-clearance"))
    #expect(!unmet.contains("door.clear-width"))
    #expect(!path.reaches)
  }

  @Test("Setting a door's width to what the rule requires: 790 mm becomes 800 mm")
  func settingRequired() throws {
    let assessor = try Assessor(ladder: ProfileLibrary.builtIn.ladder(for: "din18040-2"))
    var door = Door(id: "d", from: "a", to: "b", clearWidth: .mm(790))
    let fail = try #require(
      assessor.assess(Flat(id: "f", entrance: "a", connectors: [.door(door)])).findings.first {
        $0.rule == "door.clear-width"
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

  @Test("b3's upper flats: the lift stops half a storey off their landings; one stop each, shared")
  func sharedLiftStop() throws {
    let building = try sampleBuilding("b3")
    let planner = UpgradePlanner(
      assessor: try Assessor(ladder: ProfileLibrary.builtIn.ladder(for: "din18040-2")),
      measures: doorMeasures + accessMeasures)
    let path = try #require(planner.paths(forFlat: "b3-f21", of: building).first)
    let stops = path.jobs.filter { $0.measure == "lift.add-stop" }
    #expect(stops.map(\.element.description) == ["building b3 › lift b3-lift › stop b3-l2"])
    #expect(stops.allSatisfy { $0.shared && $0.quantity == 1 && $0.cost.low == 15000 })
    // 8 steps of 165 mm: 1.32 m, too high for a ramp.
    #expect(!path.jobs.contains { $0.measure == "ramp.concrete" })
    #expect(!path.noKnownMeasure.contains { $0.rule.hasSuffix("route.step-free") })
  }

  @Test("A ramp for low entrance steps: its length follows from the rise and the profile's 6 %")
  func rampForLowSteps() throws {
    let design = RampDesign(ladder: try ProfileLibrary.builtIn.ladder(for: "din18040-2"))
    let building = Building(
      id: "b", places: [Place(id: "way", kind: .publicWay), Place(id: "hall", kind: .lobby)],
      connectors: [.steps(Steps(id: "s", from: "way", to: "hall", count: 3, riserHeight: .mm(160)))]
    )
    let (ramped, length) = try building.replacingSteps("s", with: design)
    #expect(length == .mm(8000))
    guard case .ramp(let ramp) = ramped.connectors.first else {
      Issue.record("no ramp")
      return
    }
    #expect(ramp.slope == .percent(6))
    #expect(ramp.landingLength == .mm(1500))
    #expect(ramp.longestRun == .mm(6000))
    // The ramp passes every ramp rule of the profile.
    let assessed = try Assessor(ladder: ProfileLibrary.builtIn.ladder(for: "din18040-2"))
      .assess(ramped)
    let rampFindings = assessed.results.flatMap(\.findings).filter {
      $0.path.steps.last?.kind == "ramp"
    }
    #expect(!rampFindings.isEmpty)
    #expect(
      rampFindings.allSatisfy { $0.status == .pass },
      "\(rampFindings.filter { $0.status != .pass }.map { "\($0.rule) \($0.evaluation.message)" })")
    // 501 mm of rise: more than a ramp is built for.
    let high = Building(
      id: "b",
      connectors: [.steps(Steps(id: "s", from: "a", to: "c", count: 3, riserHeight: .mm(167)))])
    #expect(throws: ChangeError.self) { try high.replacingSteps("s", with: design) }
  }

  @Test(
    "A required value moves a measurement to the nearest bound and keeps one inside",
    arguments: [
      (nil, 850.0), (700.0, 850.0), (849.0, 850.0), (850.0, 850.0), (1000.0, 1000.0),
      (1050.0, 1050.0), (1051.0, 1050.0), (1450.0, 1050.0),
    ] as [(Double?, Double)])
  func withinBounds(handle: Double?, expected: Double) throws {
    let control = Control(kind: .`switch`, height: handle.map(Length.mm))
    let building = Building(
      id: "b",
      flats: [
        Flat(
          id: "f", entrance: "x",
          rooms: [Room(id: "r", kind: .hallway, fixtures: [.control(control)])])
      ])
    let path = ElementPath([
      PathStep(kind: "building", name: "b"), PathStep(kind: "flat", name: "f"),
      PathStep(kind: "room", name: "r"), PathStep(kind: "control", name: "#1"),
    ])
    let changed = try building.setting(
      "height", to: .required, at: path,
      required: Requirement(minimum: 850, maximum: 1050, unit: .millimetre))
    guard case .control(let result) = changed.flats.first?.rooms.first?.fixtures.first else {
      Issue.record("no control")
      return
    }
    #expect(result.height == .mm(expected))
  }
}
