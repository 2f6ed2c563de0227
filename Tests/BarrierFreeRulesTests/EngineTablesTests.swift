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
