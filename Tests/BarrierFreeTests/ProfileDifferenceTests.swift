import BarrierFree
import BarrierFreeModel
import BarrierFreeReports
import BarrierFreeRules
import Testing

/// The same element, checked against each built-in profile, passes where a
/// standard's threshold allows it and fails where another's does not.
@Suite("Profiles differ where the standards differ")
struct ProfileDifferenceTests {
  static let profiles = [
    "kfw-barrier-reduced", "din18040-2", "din18040-2-r", "uk-m4-2", "uk-m4-3",
    "icc-a117.1-type-b", "icc-a117.1-type-a",
  ]

  /// The status each profile's own bindings give `element` for `rule`.
  private func statuses(_ rule: String, _ element: Element) throws -> [String: FindingStatus] {
    var result: [String: FindingStatus] = [:]
    for id in Self.profiles {
      let assessor = try Assessor(profile: id)
      let top = try #require(assessor.ladder.top)
      let plan = try #require(allRules.first { $0.description.id == rule })
      let binding = top.bindings(of: rule).first { $0.covers(element.scopeToken) }
      result[id] = binding.flatMap { plan.evaluate(element, $0.thresholds)?.status }
    }
    return result
  }

  private func door(_ role: DoorRole, width: Double) -> Element {
    let door =
      role == .interior
      ? Door(from: "hall", to: "living", clearWidth: .mm(width))
      : Door(from: "landing", to: "hall", clearWidth: .mm(width))
    return .door(door, role: role, innerSide: role == .interior ? nil : .to)
  }

  @Test("An inner door of 760 mm: UK M4(2) (750) passes; KfW and DIN (800), M4(3), ICC fail")
  func innerDoor() throws {
    let found = try statuses("door.clear-width", door(.interior, width: 760))
    #expect(
      found == [
        "kfw-barrier-reduced": .fail, "din18040-2": .fail, "din18040-2-r": .fail,
        "uk-m4-2": .pass, "uk-m4-3": .fail, "icc-a117.1-type-b": .fail,
        "icc-a117.1-type-a": .fail,
      ])
    // At 800 mm the German base levels pass too; R (900) and M4(3) (850) not.
    let at800 = try statuses("door.clear-width", door(.interior, width: 800))
    #expect(at800["kfw-barrier-reduced"] == .pass && at800["din18040-2"] == .pass)
    #expect(at800["din18040-2-r"] == .fail && at800["uk-m4-3"] == .fail)
  }

  @Test("An entrance door of 870 mm passes the UK's 850 mm and ICC's 32 in, fails DIN's 900 mm")
  func entranceDoor() throws {
    let found = try statuses("door.clear-width", door(.flatEntrance, width: 870))
    #expect(
      found == [
        "kfw-barrier-reduced": .fail, "din18040-2": .fail, "din18040-2-r": .fail,
        "uk-m4-2": .pass, "uk-m4-3": .pass, "icc-a117.1-type-b": .pass,
        "icc-a117.1-type-a": .pass,
      ])
  }

  @Test("An inner door of 810 mm: ICC Type B (31-3/4 in) passes, Type A (32 in) fails")
  func iccDoor() throws {
    let found = try statuses("door.clear-width", door(.interior, width: 810))
    #expect(found["icc-a117.1-type-b"] == .pass)
    #expect(found["icc-a117.1-type-a"] == .fail)
    #expect(found["din18040-2"] == .pass)
    #expect(found["din18040-2-r"] == .fail)
  }

  @Test("A threshold of 18 mm at the flat entrance: German 20 mm passes, UK 15 mm fails")
  func threshold() throws {
    let door = Element.door(
      Door(from: "landing", to: "hall", threshold: .mm(18)), role: .flatEntrance, innerSide: .to)
    let found = try statuses("door.threshold", door)
    #expect(
      found == [
        "kfw-barrier-reduced": .pass, "din18040-2": .pass, "din18040-2-r": .pass,
        "uk-m4-2": .fail, "uk-m4-3": .fail, "icc-a117.1-type-b": .fail,
        "icc-a117.1-type-a": .fail,
      ])
  }

  @Test("1000 x 1200 mm in front of a WC: KfW (900 x 1200) passes, DIN (1200 x 1200) fails")
  func sanitaryArea() throws {
    let wc = Fixture.wc(
      WC(common: FixtureCommon(movementArea: MovementArea(width: .mm(1000), depth: .mm(1200)))))
    let element = Element.fixture(wc, room: Room(id: "bath", kind: .bathroom, fixtures: [wc]))
    let found = try statuses("sanitary.movement-area", element)
    #expect(found["kfw-barrier-reduced"] == .pass)
    #expect(found["uk-m4-2"] == .pass)  // 700 x 1100 mm
    #expect(found["din18040-2"] == .fail)
    #expect(found["din18040-2-r"] == .fail)
  }

  @Test("A hall 1000 mm wide: UK M4(2) (900) passes; KfW, DIN and M4(3) (1200) fail")
  func hallway() throws {
    let hall = Element.room(Room(id: "hall", kind: .hallway, width: .mm(1000)))
    let found = try statuses("hallway.width", hall)
    #expect(
      found == [
        "kfw-barrier-reduced": .fail, "din18040-2": .fail, "din18040-2-r": .fail,
        "uk-m4-2": .pass, "uk-m4-3": .fail, "icc-a117.1-type-b": .pass,
        "icc-a117.1-type-a": .pass,
      ])
  }

  @Test("On the quarter sample, every built-in profile classifies, each on its own ladder")
  func quarter() throws {
    var counts: [String: [String: Int]] = [:]
    for id in Self.profiles {
      let assessor = try Assessor(profile: id)
      var summary = AssessmentSummary()
      let path = repositoryRoot.appendingPathComponent("Samples/quarter-bielefeld.xml").path
      try assessor.assessPortfolio(at: path) { summary.add($0) }
      #expect(summary.flats == 44)
      counts[id] = summary.byClass
    }
    // KfW is the most lenient German level: more flats reach it than DIN's.
    #expect(counts["kfw-barrier-reduced"]?["barrierReduced"] == 21)
    #expect(counts["din18040-2"]?["barrierFree"] == 20)
    #expect(counts["din18040-2-r"]?["wheelchair"] == 4)
    // German stock built to DIN 18040-2 mostly misses the UK's 15 mm thresholds
    // and 200 mm reveals.
    #expect(counts["uk-m4-2"]?["accessibleAdaptable"] == 1)
    #expect(counts["uk-m4-3"]?["wheelchairUser", default: 0] == 0)
    // ICC: five flats reach Type B; none Type A, whose 60 in turning space is
    // more than DIN R's 1500 mm (59.06 in).
    #expect(counts["icc-a117.1-type-b"]?["typeB"] == 5)
    #expect(counts["icc-a117.1-type-a"]?["typeA", default: 0] == 0)
  }

  @Test("Imperial units: lengths in messages, remedies and values converted to inches at the edge")
  func inches() throws {
    let units = UnitSystem.imperial
    #expect(units.converting("widen the door to 900 mm") == "widen the door to 35.43 in")
    #expect(
      units.converting("free an area of 1500 × 1500 mm") == "free an area of 59.06 × 59.06 in")
    #expect(units.converting("between 850–1050 mm high") == "between 33.46–41.34 in high")
    #expect(units.converting("8 steps between 'a' and 'b'") == "8 steps between 'a' and 'b'")
    // Identifiers, grouped numbers and areas stay as they are.
    #expect(units.converting("door 'd-900mm' is 900 mm") == "door 'd-900mm' is 35.43 in")
    #expect(units.converting("wall-12mm-a") == "wall-12mm-a")
    #expect(units.converting("1,200 mm") == "1,200 mm")
    #expect(units.converting("2 mm² of paint") == "2 mm² of paint")
    #expect(UnitSystem.metric.converting("900 mm") == "900 mm")
    #expect(units.shown(Quantity(806.45, .millimetre)) == Quantity(31.75, .inch))
    #expect(units.shown(Quantity(6, .percent)) == Quantity(6, .percent))
    // A finding of an ICC profile, as a report shows it.
    let assessor = try Assessor(profile: "icc-a117.1-type-b")
    let flat = Flat(
      id: "U1", entrance: "corridor", rooms: [Room(id: "hall", kind: .hallway)],
      connectors: [.door(Door(from: "corridor", to: "hall", clearWidth: .mm(800)))])
    let finding = try #require(
      assessor.assess(flat).findings.first { $0.rule == "door.clear-width" })
    let report = FindingReport(finding, units: .imperial)
    #expect(report.message == "clear width 31.5 in; ≥ 32 in required")
    #expect(report.measured?.value == 31.5)
    #expect(report.measured?.unit == "in")
    #expect(report.required?.minimum == 32)
    #expect(report.required?.text == "≥ 32 in")
    #expect(report.remedy?.contains(" in") == true)
    #expect(report.remedy?.contains("mm") == false)
  }
}
