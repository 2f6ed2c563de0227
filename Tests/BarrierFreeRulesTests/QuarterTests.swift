import BarrierFreeModel
import BarrierFreeProfiles
import BarrierFreeRules
import Foundation
import Testing

/// A quarter of two buildings: A with the café and the care base at its
/// lobby, B across the square. `crossing` is the outdoor path from the
/// square to B's gate.
func twoBuildingQuarter(crossing slope: Double = 2) -> (QuarterContext, [Building]) {
  let a = Good.building(
    places: [
      Good.place("a-gate", .publicWay), Good.place("a-lobby", .lobby),
      Good.place("a-cafe", .other),
    ],
    connectors: [
      Good.door("a-gate", "a-lobby", id: "a-door"),
      Good.door("a-lobby", "a-cafe", id: "a-cafe-door"),
    ], flatsAt: ["a-lobby"])
  var b = Good.building(
    places: [
      Good.place("b-gate", .publicWay), Good.place("b-l0", .landing), Good.place("b-l1", .landing),
    ],
    connectors: [
      Good.path("b-gate", "b-l0", id: "b-way"), Good.steps("b-l0", "b-l1", id: "b-stairs"),
    ], flatsAt: ["b-l0", "b-l1"])
  b.id = "B"
  var aBuilding = a
  aBuilding.id = "A"
  let quarter = Quarter(
    id: "q", name: "Test quarter",
    places: [Good.place("square", .outdoor)],
    facilities: [
      Facility(
        id: "cafe", kind: .cafe, location: PlaceReference(building: "A", place: "a-cafe")),
      Facility(
        id: "care", kind: .careBase, location: PlaceReference(building: "A", place: "a-cafe"),
        open24h: true),
    ],
    outdoorPaths: [
      OutdoorPath(
        id: "to-a", from: PlaceReference(place: "square"),
        to: PlaceReference(building: "A", place: "a-gate"),
        geometry: PathGeometry(
          width: .mm(2000), length: .mm(30_000), slope: .percent(1), crossSlope: .percent(1),
          surface: .paving)),
      OutdoorPath(
        id: "to-b", from: PlaceReference(place: "square"),
        to: PlaceReference(building: "B", place: "b-gate"),
        geometry: PathGeometry(
          width: .mm(2000), length: .mm(50_000), slope: .percent(slope),
          crossSlope: .percent(1), surface: .paving)),
    ])
  return (QuarterContext(quarter), [aBuilding, b])
}

/// The quarter's view at the base level, built the streaming way: one
/// building at a time, keeping only its links.
func quarterView(_ quarter: QuarterContext, _ buildings: [Building]) throws -> QuarterView {
  let assessor = try Assessor(ladder: ProfileLibrary.builtIn.ladder(for: "din18040-2"))
  let links = buildings.compactMap { assessor.assess($0, in: quarter).links }
  return assessor.view(of: quarter, links: links)
}

@Suite("Quarter view")
struct QuarterTests {
  @Test("Reach over the quarter's paths: step-free with its length, or the steps that stop it")
  func reach() throws {
    let (quarter, buildings) = twoBuildingQuarter()
    let view = try quarterView(quarter, buildings)
    let reach = Dictionary(uniqueKeysWithValues: view.flats.map { ($0.flat, $0.reaches) })
    // Same building: step-free, no path on the way.
    #expect(reach["flat-a-lobby"]?.map(\.status) == [.pass, .pass])
    // B's ground floor: its path (8 m), the two outdoor paths (50 + 30 m).
    let ground = try #require(reach["flat-b-l0"]?.first)
    #expect(ground.status == .pass)
    #expect(ground.length == .mm(88_000))
    // B's upper floor: only over the stairs.
    let upper = try #require(reach["flat-b-l1"]?.first)
    #expect(upper.status == .fail)
    #expect(upper.notes == ["steps b-stairs: 3 steps between 'b-l0' and 'b-l1'"])
    #expect(view.presence.map(\.facilities) == [["cafe"], ["care"], []])
  }

  @Test("A steep outdoor path cuts a building off from the café, and is named")
  func steepPath() throws {
    let (quarter, buildings) = twoBuildingQuarter(crossing: 8)
    let view = try quarterView(quarter, buildings)
    let ground = try #require(view.flats.first { $0.flat == "flat-b-l0" }?.reaches.first)
    #expect(ground.status == .fail)
    #expect(ground.notes == ["outdoor path to-b: slope 8 %; ≤ 6 % required"])
    #expect(view.pathFindings.map(\.rule) == ["path.slope"])
  }

  @Test("The best of several cafés counts; a care base with open24h unrecorded still counts")
  func severalFacilities() throws {
    var (quarter, buildings) = twoBuildingQuarter()
    quarter.facilities = [
      Facility(
        id: "cafe-far", kind: .cafe, location: PlaceReference(building: "X", place: "x")),
      Facility(
        id: "cafe-near", kind: .cafe, location: PlaceReference(building: "A", place: "a-cafe")),
      Facility(
        id: "care", kind: .careBase, location: PlaceReference(building: "A", place: "a-cafe")),
    ]
    let view = try quarterView(quarter, buildings)
    let reaches = try #require(view.flats.first { $0.flat == "flat-b-l0" }?.reaches)
    #expect(reaches.map(\.facility) == ["cafe-near", "care"])
    #expect(reaches.map(\.status) == [.pass, .pass])
    #expect(view.presence[1].facilities == ["care (24 h not recorded)"])
    // A café in a building the file does not hold is not reachable.
    quarter.facilities = [
      Facility(id: "cafe-x", kind: .cafe, location: PlaceReference(building: "X", place: "x"))
    ]
    let missing = try #require(try quarterView(quarter, buildings).flats.first?.reaches.first)
    #expect(missing.status == .unknown)
    #expect(missing.notes.first?.hasPrefix("building X is not in the file") == true)
  }

  @Test("Equal ways give the same answer every time (no dictionary order in the view)")
  func deterministic() throws {
    let (quarter, buildings) = twoBuildingQuarter()
    let first = try quarterView(quarter, buildings)
    for _ in 0..<5 {
      #expect(try quarterView(quarter, buildings) == first)
    }
  }

  @Test("Counts per class and building, and in total")
  func counts() throws {
    let (quarter, buildings) = twoBuildingQuarter()
    let view = try quarterView(quarter, buildings)
    #expect(view.buildings == ["A", "B"])
    #expect(view.classes == ["none", "barrierReduced", "barrierFree"])
    let total = view.classes.map { view.counts[$0]?[""] ?? 0 }.reduce(0, +)
    #expect(total == 3)
    // B's flats record no rooms: the ground floor is possibly barrier-free,
    // the upper floor, behind the stairs, is none.
    #expect(view.counts["none"]?["B"] == 1)
    #expect(view.counts["barrierFree"]?["B"] == 1)
    #expect(view.flats.first { $0.flat == "flat-b-l0" }?.classification.verified == false)
  }
}
