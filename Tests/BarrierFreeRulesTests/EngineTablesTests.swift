import BarrierFreeModel
import Testing

@testable import BarrierFreeRules

/// The tables the engine looks things up in without hashing: they must say
/// what the strings they replaced said.
@Suite("Engine tables")
struct EngineTablesTests {
  @Test("An element kind's ordinal is its position in allCases")
  func ordinals() {
    let ordinals = ElementKind.allCases.map(\.ordinal)
    #expect(ordinals == Array(0..<ElementKind.allCases.count))
  }

  @Test("A fixture is checked by the rules of the kind its name gives")
  func fixtureKinds() {
    let fixtures: [Fixture] = [
      .wc(WC()), .washbasin(Washbasin()), .shower(Shower()), .bathtub(Bathtub()),
      .kitchenCounter(KitchenCounter()), .bed(Bed()), .window(Window()),
      .control(Control(kind: .socket)), .furniture(Furniture(kind: .wardrobe)),
      .wheelchairSpace(WheelchairSpace()),
    ]
    for fixture in fixtures {
      #expect(fixture.elementKind.rawValue == fixture.kindName)
      #expect(
        Element.fixture(fixture, room: Room(id: "r", kind: .bedroom)).kind.rawValue
          == fixture.kindName)
    }
    #expect(Set(fixtures.map(\.elementKind)).count == fixtures.count)
  }

  @Test("Thresholds are found by name, whatever order they were given in")
  func thresholds() {
    let thresholds = Thresholds(["minimum": 900, "maximum": 1050, "depth": -0.0])
    #expect(thresholds["minimum"] == 900)
    #expect(thresholds["maximum"] == 1050)
    #expect(thresholds["width"] == nil)
    #expect(thresholds.length("minimum") == .mm(900))
    #expect(thresholds.slope("maximum")?.percent == 1050)
    #expect(thresholds.names == ["depth", "maximum", "minimum"])
    #expect(thresholds.values == ["minimum": 900, "maximum": 1050, "depth": 0])
    let reordered = Thresholds(["depth": 0, "maximum": 1050, "minimum": 900])
    #expect(thresholds == reordered)
    #expect(thresholds.hashValue == reordered.hashValue)
    #expect(thresholds != Thresholds(["minimum": 900, "maximum": 1050]))
    var changed = thresholds
    changed.values["minimum"] = 800
    #expect(changed["minimum"] == 800)
    #expect(changed.names == thresholds.names)
    #expect(thresholds.unshared() == thresholds)
    #expect(Thresholds()["minimum"] == nil)
  }
}

/// The checks rules are made of, where they were rewritten for speed.
@Suite("Checks")
struct CheckTests {
  private func evaluation(_ status: FindingStatus, _ message: String, remedy: String?)
    -> Evaluation
  {
    Evaluation(status, message: message, remedy: remedy)
  }

  @Test("Joined checks keep every part in order and each remedy once, in first-seen order")
  func joined() {
    let parts = [
      evaluation(.pass, "a", remedy: nil),
      evaluation(.fail, "b", remedy: "fix b"),
      Check.all([evaluation(.pass, "c1", remedy: "fix c"), evaluation(.unknown, "c2", remedy: nil)]
      ),
      evaluation(.fail, "d", remedy: "fix b"),
      evaluation(.fail, "e", remedy: "fix e"),
      evaluation(.pass, "f", remedy: "fix c"),
    ]
    let joined = Check.all(parts)
    #expect(joined.status == .fail)
    #expect(joined.message == "a; b; c1; c2; d; e; f")
    #expect(joined.remedy == "fix b; fix c; fix e")
    #expect(Check.all([parts[1], parts[3]]).remedy == "fix b")
    #expect(Check.all([parts[0]]).remedy == nil)
    #expect(Check.all([parts[0]]).message == "a")
    #expect(Check.all([]).status == .notApplicable)
  }

  @Test("Of several areas the one closest to the requirement decides; the first of equals")
  func areas() {
    func area(_ width: Double?, _ depth: Double?) -> MovementArea {
      MovementArea(width: width.map { .mm($0) }, depth: depth.map { .mm($0) })
    }
    func check(_ areas: [MovementArea]) -> Evaluation {
      Check.area(
        "area", areas, minimumWidth: .mm(1500), minimumDepth: .mm(1500), remedy: "clear it")
    }
    let best = check([area(1000, 2000), area(1400, 1600), area(1200, 1200)])
    #expect(best.status == .fail)
    #expect(best.measured == Quantity(1400, .millimetre))
    #expect(best.remedy == "clear it")
    let equal = check([area(1400, 1500), area(1500, 1400)])
    #expect(equal.measured == Quantity(1400, .millimetre))
    #expect(equal.message == "area 1400 × 1500 mm; 1500 × 1500 mm required")
    #expect(check([area(1500, 1500), area(nil, 900)]).status == .pass)
    let partly = check([area(1400, 1400), area(nil, 1600)])
    #expect(partly.status == .unknown)
    #expect(partly.measured == Quantity(1400, .millimetre))
    #expect(check([area(nil, nil)]).status == .unknown)
    #expect(check([area(nil, nil)]).measured == nil)
  }
}
