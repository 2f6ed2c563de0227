import BarrierFree
import BarrierFreeModel
import BarrierFreeRules
import Testing

/// The same element, checked against each built-in profile, passes where a
/// standard's threshold allows it and fails where another's does not.
@Suite("Profiles differ where the standards differ")
struct ProfileDifferenceTests {
  /// The status each profile's own bindings give `element` for `rule`.
  private func statuses(_ rule: String, _ element: Element) throws -> [String: FindingStatus] {
    var result: [String: FindingStatus] = [:]
    for id in ["kfw-barrier-reduced", "din18040-2", "din18040-2-r", "uk-m4-2", "uk-m4-3"] {
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

  @Test("An inner door of 760 mm: UK M4(2) (750) passes; KfW and DIN (800) and M4(3) (850) fail")
  func innerDoor() throws {
    let found = try statuses("din18040-2.door.clear-width", door(.interior, width: 760))
    #expect(
      found == [
        "kfw-barrier-reduced": .fail, "din18040-2": .fail, "din18040-2-r": .fail,
        "uk-m4-2": .pass, "uk-m4-3": .fail,
      ])
    // At 800 mm the German base levels pass too; R (900) and M4(3) (850) not.
    let at800 = try statuses("din18040-2.door.clear-width", door(.interior, width: 800))
    #expect(at800["kfw-barrier-reduced"] == .pass && at800["din18040-2"] == .pass)
    #expect(at800["din18040-2-r"] == .fail && at800["uk-m4-3"] == .fail)
  }

  @Test("An entrance door of 870 mm passes the UK's 850 mm and fails the German 900 mm")
  func entranceDoor() throws {
    let found = try statuses("din18040-2.door.clear-width", door(.flatEntrance, width: 870))
    #expect(
      found == [
        "kfw-barrier-reduced": .fail, "din18040-2": .fail, "din18040-2-r": .fail,
        "uk-m4-2": .pass, "uk-m4-3": .pass,
      ])
  }

  @Test("A threshold of 18 mm at the flat entrance: German 20 mm passes, UK 15 mm fails")
  func threshold() throws {
    let door = Element.door(
      Door(from: "landing", to: "hall", threshold: .mm(18)), role: .flatEntrance, innerSide: .to)
    let found = try statuses("din18040-2.door.threshold", door)
    #expect(
      found == [
        "kfw-barrier-reduced": .pass, "din18040-2": .pass, "din18040-2-r": .pass,
        "uk-m4-2": .fail, "uk-m4-3": .fail,
      ])
  }

  @Test("1000 x 1200 mm in front of a WC: KfW (900 x 1200) passes, DIN (1200 x 1200) fails")
  func sanitaryArea() throws {
    let wc = Fixture.wc(
      WC(common: FixtureCommon(movementArea: MovementArea(width: .mm(1000), depth: .mm(1200)))))
    let element = Element.fixture(wc, room: Room(id: "bath", kind: .bathroom, fixtures: [wc]))
    let found = try statuses("din18040-2.sanitary.movement-area", element)
    #expect(found["kfw-barrier-reduced"] == .pass)
    #expect(found["uk-m4-2"] == .pass)  // 700 x 1100 mm
    #expect(found["din18040-2"] == .fail)
    #expect(found["din18040-2-r"] == .fail)
  }

  @Test("A hall 1000 mm wide: UK M4(2) (900) passes; KfW, DIN and M4(3) (1200) fail")
  func hallway() throws {
    let hall = Element.room(Room(id: "hall", kind: .hallway, width: .mm(1000)))
    let found = try statuses("din18040-2.hallway.width", hall)
    #expect(
      found == [
        "kfw-barrier-reduced": .fail, "din18040-2": .fail, "din18040-2-r": .fail,
        "uk-m4-2": .pass, "uk-m4-3": .fail,
      ])
  }

  @Test("On the quarter sample, every built-in profile classifies, each on its own ladder")
  func quarter() throws {
    var counts: [String: [String: Int]] = [:]
    for id in ["kfw-barrier-reduced", "din18040-2", "din18040-2-r", "uk-m4-2", "uk-m4-3"] {
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
  }
}
