import BarrierFreeModel
import BarrierFreeProfiles
import BarrierFreeRules
import Testing

/// Connectors that pass every building rule of DIN 18040-2, to build routes
/// whose only weakness is the one a test puts in.
enum Good {
  static let area = [MovementArea(width: .mm(1500), depth: .mm(1500))]

  static func path(_ from: String, _ to: String, id: String) -> Connector {
    .path(
      Path(
        id: id, from: from, to: to,
        geometry: PathGeometry(
          width: .mm(1500), length: .mm(8000), slope: .percent(2), crossSlope: .percent(1),
          surface: .paving)))
  }

  static func ramp(_ from: String, _ to: String, id: String, slope: Double = 5) -> Connector {
    .ramp(
      Ramp(
        id: id, from: from, to: to, slope: .percent(slope), crossSlope: .percent(0),
        length: .mm(5000), clearWidth: .mm(1200), handrails: .bothSides,
        handrailHeight: .mm(870), wheelGuards: true,
        movementAreas: [
          MovementArea(width: .mm(1500), depth: .mm(1500), side: .from),
          MovementArea(width: .mm(1500), depth: .mm(1500), side: .to),
        ]))
  }

  static func door(_ from: String, _ to: String, id: String, width: Length? = .mm(1000))
    -> Connector
  {
    .door(
      Door(
        id: id, from: from, to: to, clearWidth: width, clearHeight: .mm(2100),
        threshold: .mm(0), operation: .sliding, handleHeight: .mm(900),
        handleSideClearance: .mm(600), revealDepth: .mm(200),
        movementAreas: [
          MovementArea(width: .mm(1900), depth: .mm(1200), side: .from),
          MovementArea(width: .mm(1900), depth: .mm(1200), side: .to),
        ]))
  }

  static func steps(_ from: String, _ to: String, id: String, count: Int = 3) -> Connector {
    .steps(
      Steps(
        id: id, from: from, to: to, count: count, handrails: .bothSides,
        handrailHeight: .mm(880), handrailExtension: .mm(300)))
  }

  static func lift(id: String, stops: [String]) -> Connector {
    .lift(
      Lift(
        id: id, cabinWidth: .mm(1100), cabinDepth: .mm(1400), doorClearWidth: .mm(900),
        controlHeight: .mm(1000),
        stops: stops.map { LiftStop(place: $0, movementArea: area.first) }))
  }

  static func place(_ id: String, _ kind: PlaceKind) -> Place {
    Place(id: id, kind: kind, movementAreas: area)
  }

  /// A building with `places`, `connectors`, and one flat at each of
  /// `flatsAt`.
  static func building(
    places: [Place], connectors: [Connector], flatsAt: [String]
  ) -> Building {
    Building(
      id: "b", places: places, connectors: connectors,
      flats: flatsAt.map { Flat(id: "flat-\($0)", entrance: $0) })
  }
}

/// The route finding and route of each flat at the base level.
func routes(_ building: Building) throws -> [String: (FindingStatus, RouteSummary?)] {
  let assessor = try Assessor(ladder: ProfileLibrary.builtIn.ladder(for: "din18040-2"))
  var result: [String: (FindingStatus, RouteSummary?)] = [:]
  for flat in assessor.assess(building).flats {
    // The checked profile's level: the ladder starts with KfW's.
    let level = try #require(flat.results.last)
    let finding = level.findings.first { $0.rule == "route.step-free" }
    result[flat.id] = (finding?.status ?? .notApplicable, level.route)
  }
  return result
}

@Suite("Routes")
struct RouteTests {
  @Test("A back door with a passing ramp makes the building step-free though the front has steps")
  func backDoor() throws {
    let building = Good.building(
      places: [
        Good.place("street", .publicWay), Good.place("front", .entrance),
        Good.place("yard", .outdoor), Good.place("back", .entrance), Good.place("hall", .lobby),
      ],
      connectors: [
        Good.steps("street", "front", id: "front-steps"),
        Good.door("front", "hall", id: "front-door"),
        Good.path("street", "yard", id: "yard-path"),
        Good.ramp("yard", "back", id: "back-ramp"),
        Good.door("back", "hall", id: "back-door"),
      ], flatsAt: ["hall"])
    let (status, route) = try #require(try routes(building)["flat-hall"])
    #expect(status == .pass)
    #expect(
      route?.steps == [
        "street", "path yard-path", "yard", "ramp back-ramp", "back", "door back-door", "hall",
      ])
  }

  @Test("A lift that misses a stop leaves that level behind its stairs")
  func liftMissesAStop() throws {
    let building = Good.building(
      places: [
        Good.place("street", .publicWay), Good.place("l0", .landing), Good.place("l1", .landing),
        Good.place("l2", .landing),
      ],
      connectors: [
        Good.path("street", "l0", id: "way"),
        Good.steps("l0", "l1", id: "s01", count: 16), Good.steps("l1", "l2", id: "s12", count: 16),
        Good.lift(id: "lift", stops: ["l0", "l2"]),
      ], flatsAt: ["l1", "l2"])
    let result = try routes(building)
    #expect(result["flat-l2"]?.0 == .pass)
    #expect(result["flat-l2"]?.1?.steps.contains("lift lift") == true)
    let (status, route) = try #require(result["flat-l1"])
    #expect(status == .fail)
    #expect(route?.failing.count == 1)
    #expect(route?.failing.first?.contains("16 steps between") == true)
  }

  @Test(
    "A ramp at exactly 6 % passes, at 6.1 % it blocks the route",
    arguments: [(6.0, FindingStatus.pass), (6.1, .fail)])
  func rampAtTheLimit(slope: Double, expected: FindingStatus) throws {
    let building = Good.building(
      places: [Good.place("street", .publicWay), Good.place("entrance", .entrance)],
      connectors: [Good.ramp("street", "entrance", id: "ramp", slope: slope)],
      flatsAt: ["entrance"])
    let (status, route) = try #require(try routes(building)["flat-entrance"])
    #expect(status == expected)
    if expected == .fail {
      #expect(route?.failing == ["ramp ramp: slope 6.1 %; ≤ 6 % required"])
    }
  }

  @Test("A place on the route counts too: a corridor 1100 mm wide blocks it")
  func narrowCorridor() throws {
    var corridor = Good.place("corridor", .corridor)
    corridor.width = .mm(1100)
    let building = Good.building(
      places: [Good.place("street", .publicWay), corridor, Good.place("landing", .landing)],
      connectors: [
        Good.door("street", "corridor", id: "d1"), Good.door("corridor", "landing", id: "d2"),
      ], flatsAt: ["landing"])
    let (status, route) = try #require(try routes(building)["flat-landing"])
    #expect(status == .fail)
    #expect(route?.failing.first?.hasPrefix("corridor: width 1100 mm; ≥ 1500 mm required") == true)
  }

  @Test("The area in front of the lift at the stop a flat gets off counts")
  func liftStopArea() throws {
    var lift = Good.lift(id: "lift", stops: ["l0", "l1"])
    if case .lift(var value) = lift {
      value.stops[1].movementArea = MovementArea(width: .mm(900), depth: .mm(900))
      lift = .lift(value)
    }
    let building = Good.building(
      places: [
        Good.place("street", .publicWay), Good.place("l0", .landing), Good.place("l1", .landing),
      ],
      connectors: [Good.path("street", "l0", id: "way"), lift], flatsAt: ["l1"])
    let (status, route) = try #require(try routes(building)["flat-l1"])
    #expect(status == .fail)
    #expect(
      route?.failing.first?.hasPrefix("lift lift at l1: area in front of the lift door") == true)
    #expect(route?.steps == ["street", "path way", "l0", "lift lift", "l1"])
  }

  @Test(
    "Steps beside a platform lift pass (when its platform is measured); beside a seat lift they block",
    arguments: [
      (StairLiftKind.platform, Length?.some(.mm(1250)), FindingStatus.pass),
      (.platform, nil, .unknown), (.seat, nil, .fail),
    ])
  func stairLifts(kind: StairLiftKind, depth: Length?, expected: FindingStatus) throws {
    let building = Good.building(
      places: [Good.place("street", .publicWay), Good.place("hall", .lobby)],
      connectors: [
        Good.steps("street", "hall", id: "steps"),
        .stairLift(
          StairLift(
            id: "lift", from: "street", to: "hall", kind: kind, platformWidth: .mm(800),
            platformDepth: depth)),
      ], flatsAt: ["hall"])
    #expect(try routes(building)["flat-hall"]?.0 == expected)
  }

  @Test("An accessible parking space is a start; one not marked accessible is not")
  func parkingStart() throws {
    for (accessible, expected) in [(true, FindingStatus.pass), (false, .unknown)] {
      var park = Good.place("park", .parkingSpace)
      park.accessible = accessible
      let building = Good.building(
        places: [park, Good.place("hall", .lobby)],
        connectors: [Good.door("park", "hall", id: "door")], flatsAt: ["hall"])
      #expect(try routes(building)["flat-hall"]?.0 == expected, "accessible \(accessible)")
    }
  }

  @Test("A flat with no route at all is unknown, not passed")
  func noRoute() throws {
    let building = Good.building(
      places: [
        Good.place("street", .publicWay), Good.place("entrance", .entrance),
        Good.place("island", .landing),
      ],
      connectors: [Good.path("street", "entrance", id: "way")], flatsAt: ["island"])
    let (status, route) = try #require(try routes(building)["flat-island"])
    #expect(status == .unknown)
    #expect(route?.outcome == .unreachable)
    let alone = Good.building(
      places: [Good.place("entrance", .entrance)], connectors: [], flatsAt: ["entrance"])
    #expect(try routes(alone)["flat-entrance"]?.1?.outcome == .noSource)
    #expect(try routes(alone)["flat-entrance"]?.0 == .unknown)
  }

  @Test("A route whose only weakness is a missing measurement is unknown, not a pass")
  func missingMeasurement() throws {
    let building = Good.building(
      places: [Good.place("street", .publicWay), Good.place("hall", .lobby)],
      connectors: [Good.door("street", "hall", id: "door", width: nil)], flatsAt: ["hall"])
    let (status, route) = try #require(try routes(building)["flat-hall"])
    #expect(status == .unknown)
    #expect(route?.unknown == ["door door: clear width not measured; ≥ 900 mm required"])
  }

  @Test("The best route: all passing beats fewer connectors; fewer fails beat fewer unknowns")
  func bestRoute() throws {
    // A short way with steps, a longer way through a cycle that passes.
    let building = Good.building(
      places: [
        Good.place("street", .publicWay), Good.place("a", .outdoor), Good.place("b", .outdoor),
        Good.place("c", .outdoor), Good.place("hall", .lobby),
      ],
      connectors: [
        Good.steps("street", "hall", id: "short"),
        Good.path("street", "a", id: "p1"), Good.path("a", "b", id: "p2"),
        Good.path("b", "a", id: "p2-back"), Good.path("b", "c", id: "p3"),
        Good.door("c", "hall", id: "d"),
      ], flatsAt: ["hall"])
    let (status, route) = try #require(try routes(building)["flat-hall"])
    #expect(status == .pass)
    #expect(route?.steps.first == "street")
    #expect(route?.steps.contains("steps short") == false)
    // Only blocked ways: the one with an unknown beats the one that fails.
    let blocked = Good.building(
      places: [
        Good.place("street", .publicWay), Good.place("a", .outdoor), Good.place("hall", .lobby),
      ],
      connectors: [
        Good.steps("street", "hall", id: "short"),
        Good.path("street", "a", id: "p"), Good.door("a", "hall", id: "d", width: nil),
      ], flatsAt: ["hall"])
    let (blockedStatus, blockedRoute) = try #require(try routes(blocked)["flat-hall"])
    #expect(blockedStatus == .unknown)
    #expect(blockedRoute?.steps.contains("door d") == true)
  }

  @Test("A building with 10,000 places: routes to the far end and through a lift")
  func largeBuilding() throws {
    var places = [Good.place("street", .publicWay)]
    var connectors: [Connector] = []
    for index in 0..<10_000 {
      places.append(Good.place("c\(index)", .corridor))
      connectors.append(
        Good.path(index == 0 ? "street" : "c\(index - 1)", "c\(index)", id: "p\(index)"))
    }
    // Shortcut with steps, and a lift from the middle to an upper floor.
    connectors.append(Good.steps("street", "c9999", id: "shortcut"))
    places.append(Good.place("top", .landing))
    connectors.append(Good.lift(id: "lift", stops: ["c5000", "top"]))
    let building = Good.building(places: places, connectors: connectors, flatsAt: ["c9999", "top"])
    let result = try routes(building)
    // Corridors without widths recorded: unknown, but found, and not via the steps.
    let far = try #require(result["flat-c9999"]?.1)
    #expect(far.outcome == .found)
    #expect(!far.steps.contains("steps shortcut"))
    #expect(far.steps.count == 2 * 10_000 + 1)
    let top = try #require(result["flat-top"]?.1)
    #expect(top.steps.suffix(3) == ["c5000", "lift lift", "top"])
  }
}
