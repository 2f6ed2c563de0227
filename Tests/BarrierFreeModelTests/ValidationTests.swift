import BarrierFreeModel
import BarrierFreeTestSupport
import Testing

/// The validation of a model built in code: the reader's checks of meaning,
/// applied to values.
@Suite("Validating a model built in code")
struct ValidationTests {
  @Test("A duplicate id, a 9 m door and a door to a missing room: each named with its element")
  func newcomersModel() {
    let problems = Newcomer.building.validate()
    #expect(problems.map(\.description) == Newcomer.problems)
    #expect(problems.map(\.elementPath)[0] == "building 'b1' › door 'b1-d-main'")
    #expect(problems.map(\.attribute) == ["clearWidth", "id", "to"])
    #expect(throws: ModelValidationError.self) { try Newcomer.building.requireValid() }
    do {
      try Portfolio(members: [.building(Newcomer.building)]).requireValid()
      Issue.record("the portfolio passed")
    } catch {
      #expect(error.problems.map(\.description) == Newcomer.problems)
      #expect(error.description == Newcomer.problems.joined(separator: "\n"))
    }
  }

  /// A small valid building: two places joined by a path, a flat with a
  /// hallway behind its entrance door.
  static let valid = Building(
    id: "b1",
    places: [Place(id: "street", kind: .publicWay), Place(id: "landing", kind: .landing)],
    connectors: [.path(Path(id: "p1", from: "street", to: "landing"))],
    flats: [
      Flat(
        id: "f1", entrance: "landing",
        rooms: [Room(id: "f1-hall", kind: .hallway), Room(id: "f1-bath", kind: .bathroom)],
        connectors: [
          .door(Door(id: "f1-entry", from: "landing", to: "f1-hall")),
          .door(Door(id: "f1-d-bath", from: "f1-hall", to: "f1-bath")),
        ])
    ])

  @Test("The example in TheDataModel.md says what validate() says")
  func articleExample() {
    let building = Building(
      id: "b1", places: [Place(id: "lobby", kind: .lobby)],
      flats: [
        Flat(
          id: "f1", entrance: "lobby", rooms: [Room(id: "f1-hall", kind: .hallway)],
          connectors: [
            .door(Door(id: "d1", from: "lobby", to: "f1-hall", clearWidth: .mm(9000))),
            .door(Door(id: "d2", from: "f1-hall", to: "lobbby")),
          ])
      ])
    let problems = building.validate().map(\.description)
    #expect(problems.count == 2)
    #expect(
      problems.first?.hasPrefix(
        "building 'b1' › flat 'f1' › door 'd1' (attribute clearWidth): error: door 'd1': clearWidth 9000 mm is not plausible for a door (expected 300–3000 mm); "
      ) == true)
    #expect(
      problems.last
        == "building 'b1' › flat 'f1' › door 'd2' (attribute to): error: door 'd2': 'lobbby' is not a place or room of building 'b1'; did you mean 'lobby'?"
    )
  }

  @Test("A valid model has no problems, and requireValid() passes")
  func validModel() throws {
    #expect(Self.valid.validate().isEmpty)
    try Self.valid.requireValid()
    try Portfolio(members: [.building(Self.valid)]).requireValid()
  }

  @Test("Warnings do not make a model invalid")
  func warnings() throws {
    var building = Self.valid
    building.flats.append(Flat(id: "f2", entrance: "landing"))
    let problems = building.validate()
    #expect(
      problems.map(\.description) == [
        "building 'b1' › flat 'f2': warning: flat 'f2' has no rooms: nothing inside it can be checked"
      ])
    try building.requireValid()
  }

  @Test("References of the wrong kind, lifts, self-joins and sides")
  func referencesAndConnectors() {
    var building = Self.valid
    building.connectors += [
      .lift(Lift(id: "l1", stops: [LiftStop(place: "f1-hall"), LiftStop(place: "f1-hall")])),
      .steps(Steps(from: "street", to: "street")),
      .ramp(
        Ramp(
          id: "r1", from: "street", to: "f1", movementAreas: [MovementArea(width: .mm(1500))])),
    ]
    building.flats[0].connectors.append(.door(Door(id: "d9", from: "street", to: "landing")))
    #expect(
      building.validate().map(\.description) == [
        "building 'b1' › lift 'l1': error: lift 'l1' stops only at 'f1-hall'; a lift must join two different places",
        "building 'b1' › steps from 'street' to 'street' (attribute to): error: steps from 'street' to 'street' joins 'street' to itself; from and to must name two different places",
        "building 'b1' › ramp 'r1' › movementArea #1 (attribute side): error: a movement area of a ramp needs side=\"from\" or side=\"to\" to say which side it lies on",
        "building 'b1' › flat 'f1' › door 'd9': error: door 'd9' is inside flat 'f1' but joins 'street' and 'landing', neither of which is a room of this flat; move it to the flat or building it belongs to",
        "building 'b1' › lift 'l1' › stop at 'f1-hall' (attribute place): error: lift 'l1': stop 'f1-hall' is a room; a lift stops at a place of the building (a landing or lobby)",
        "building 'b1' › lift 'l1' › stop at 'f1-hall' (attribute place): error: lift 'l1': stop 'f1-hall' is a room; a lift stops at a place of the building (a landing or lobby)",
        "building 'b1' › ramp 'r1' (attribute to): error: ramp 'r1': 'f1' is a flat, not a place or room",
      ])
  }

  @Test("A quarter's ids and references, and ids across the portfolio")
  func quarters() {
    let quarter = Quarter(
      id: "q1",
      places: [Place(id: "bus", kind: .publicWay), Place(id: "bus", kind: .publicWay)],
      facilities: [
        Facility(id: "cafe", kind: .cafe, location: PlaceReference(building: "b1", place: "lobby")),
        Facility(id: "cafe", kind: .cafe, location: PlaceReference(building: "b9", place: "x")),
      ],
      outdoorPaths: [
        OutdoorPath(
          from: PlaceReference(place: "stop"), to: PlaceReference(building: "b1", place: "street"))
      ],
      buildings: [Self.valid])
    let portfolio = Portfolio(
      members: [.quarter(quarter), .building(Self.valid), .quarter(Quarter(id: "q1"))])
    #expect(
      portfolio.validate().map(\.description) == [
        "quarter 'q1' › place 'bus' (attribute id): error: place id 'bus' is used twice in this quarter; the first is place 1 of the quarter",
        "quarter 'q1' › facility 'cafe' (attribute id): error: facility id 'cafe' is used twice in this quarter; the first is facility 1 of the quarter",
        "quarter 'q1' › facility 'cafe' (attribute place): error: facility 'cafe': 'lobby' is not a place of building 'b1'",
        "quarter 'q1' › outdoorPath from 'stop' to 'street' (attribute from): error: outdoor path from 'stop' to 'b1/street': 'stop' is not a place of this quarter; name a quarter place, or add fromBuilding/toBuilding for a place of a building",
        "quarter 'q1' › facility 'cafe' (attribute building): error: facility 'cafe': building 'b9' is not a building of this quarter",
        "building 'b1' (attribute id): error: building id 'b1' is used twice; the first building with it is building 1 of the portfolio. Each building needs its own id",
        "quarter 'q1' (attribute id): error: quarter id 'q1' is used twice; the first quarter with it is quarter 1 of the portfolio",
      ])
  }

  // MARK: - Plausible values at their limits

  /// One measured attribute and how to put a value into a valid model.
  struct Measured: CustomTestStringConvertible, Sendable {
    var element: String
    var attribute: String
    var problems: @Sendable (Double) -> [ModelProblem]

    var testDescription: String { "\(element) \(attribute)" }
  }

  private static func inBuilding(_ make: @escaping @Sendable (Double) -> Connector)
    -> @Sendable (Double) -> [ModelProblem]
  {
    { value in
      var building = valid
      building.connectors.append(make(value))
      return building.validate()
    }
  }

  private static func inRoom(_ make: @escaping @Sendable (Double) -> Fixture)
    -> @Sendable (Double) -> [ModelProblem]
  {
    { value in
      var building = valid
      building.flats[0].rooms[1].fixtures.append(make(value))
      return building.validate()
    }
  }

  private static func entranceDoor(_ make: @escaping @Sendable (Length) -> Door)
    -> @Sendable (Double) -> [ModelProblem]
  {
    { value in
      var building = valid
      building.flats[0].connectors[0] = .door(make(.mm(value)))
      return building.validate()
    }
  }

  private static func door(_ door: Door) -> Door {
    var door = door
    door.id = "f1-entry"
    door.from = "landing"
    door.to = "f1-hall"
    return door
  }

  private static func outdoor(_ geometry: @escaping @Sendable (Double) -> PathGeometry)
    -> @Sendable (Double) -> [ModelProblem]
  {
    { value in
      Quarter(
        id: "q1", places: [Place(id: "bus", kind: .publicWay), Place(id: "way", kind: .outdoor)],
        outdoorPaths: [
          OutdoorPath(
            from: PlaceReference(place: "bus"), to: PlaceReference(place: "way"),
            geometry: geometry(value))
        ]
      ).validate()
    }
  }

  private static func measured(
    _ element: String, _ attribute: String,
    _ problems: @escaping @Sendable (Double) -> [ModelProblem]
  ) -> Measured {
    Measured(element: element, attribute: attribute, problems: problems)
  }

  /// Every measured value of the model, with the format's element and
  /// attribute names.
  static let measuredValues: [Measured] = [
    measured("place", "width") { v in
      var b = valid
      b.places[1].width = .mm(v)
      return b.validate()
    },
    measured("place", "length") { v in
      var b = valid
      b.places[1].length = .mm(v)
      return b.validate()
    },
    measured("movementArea", "width") { v in
      var b = valid
      b.places[1].movementAreas = [MovementArea(width: .mm(v))]
      return b.validate()
    },
    measured("movementArea", "depth") { v in
      var b = valid
      b.flats[0].rooms[0].movementAreas = [MovementArea(depth: .mm(v))]
      return b.validate()
    },
    measured(
      "path", "width",
      inBuilding {
        .path(Path(from: "street", to: "landing", geometry: PathGeometry(width: .mm($0))))
      }),
    measured(
      "path", "length",
      inBuilding {
        .path(Path(from: "street", to: "landing", geometry: PathGeometry(length: .mm($0))))
      }),
    measured(
      "path", "slope",
      inBuilding {
        .path(Path(from: "street", to: "landing", geometry: PathGeometry(slope: .percent($0))))
      }),
    measured(
      "path", "crossSlope",
      inBuilding {
        .path(Path(from: "street", to: "landing", geometry: PathGeometry(crossSlope: .percent($0))))
      }),
    measured(
      "steps", "riserHeight",
      inBuilding { .steps(Steps(from: "street", to: "landing", riserHeight: .mm($0))) }),
    measured(
      "steps", "treadDepth",
      inBuilding { .steps(Steps(from: "street", to: "landing", treadDepth: .mm($0))) }),
    measured(
      "steps", "width", inBuilding { .steps(Steps(from: "street", to: "landing", width: .mm($0))) }),
    measured(
      "steps", "handrailHeight",
      inBuilding { .steps(Steps(from: "street", to: "landing", handrailHeight: .mm($0))) }),
    measured(
      "steps", "handrailExtension",
      inBuilding { .steps(Steps(from: "street", to: "landing", handrailExtension: .mm($0))) }),
    measured(
      "ramp", "slope",
      inBuilding { .ramp(Ramp(from: "street", to: "landing", slope: .percent($0))) }),
    measured(
      "ramp", "crossSlope",
      inBuilding { .ramp(Ramp(from: "street", to: "landing", crossSlope: .percent($0))) }),
    measured(
      "ramp", "length", inBuilding { .ramp(Ramp(from: "street", to: "landing", length: .mm($0))) }),
    measured(
      "ramp", "longestRun",
      inBuilding { .ramp(Ramp(from: "street", to: "landing", longestRun: .mm($0))) }),
    measured(
      "ramp", "landingLength",
      inBuilding { .ramp(Ramp(from: "street", to: "landing", landingLength: .mm($0))) }),
    measured(
      "ramp", "clearWidth",
      inBuilding { .ramp(Ramp(from: "street", to: "landing", clearWidth: .mm($0))) }),
    measured(
      "ramp", "handrailHeight",
      inBuilding { .ramp(Ramp(from: "street", to: "landing", handrailHeight: .mm($0))) }),
    measured("door", "clearWidth", entranceDoor { door(Door(from: "", to: "", clearWidth: $0)) }),
    measured("door", "clearHeight", entranceDoor { door(Door(from: "", to: "", clearHeight: $0)) }),
    measured("door", "threshold", entranceDoor { door(Door(from: "", to: "", threshold: $0)) }),
    measured(
      "door", "handleHeight", entranceDoor { door(Door(from: "", to: "", handleHeight: $0)) }),
    measured(
      "door", "handleSideClearance",
      entranceDoor { door(Door(from: "", to: "", handleSideClearance: $0)) }),
    measured("door", "revealDepth", entranceDoor { door(Door(from: "", to: "", revealDepth: $0)) }),
    measured(
      "lift", "cabinWidth",
      inBuilding {
        .lift(
          Lift(
            id: "l1", cabinWidth: .mm($0),
            stops: [LiftStop(place: "street"), LiftStop(place: "landing")]))
      }),
    measured(
      "lift", "cabinDepth",
      inBuilding {
        .lift(
          Lift(
            id: "l1", cabinDepth: .mm($0),
            stops: [LiftStop(place: "street"), LiftStop(place: "landing")]))
      }),
    measured(
      "lift", "doorClearWidth",
      inBuilding {
        .lift(
          Lift(
            id: "l1", doorClearWidth: .mm($0),
            stops: [LiftStop(place: "street"), LiftStop(place: "landing")]))
      }),
    measured(
      "lift", "controlHeight",
      inBuilding {
        .lift(
          Lift(
            id: "l1", controlHeight: .mm($0),
            stops: [LiftStop(place: "street"), LiftStop(place: "landing")]))
      }),
    measured(
      "stairLift", "platformWidth",
      inBuilding {
        .stairLift(
          StairLift(from: "street", to: "landing", kind: .platform, platformWidth: .mm($0)))
      }),
    measured(
      "stairLift", "platformDepth",
      inBuilding {
        .stairLift(
          StairLift(from: "street", to: "landing", kind: .platform, platformDepth: .mm($0)))
      }),
    measured("flat", "area") { v in
      var b = valid
      b.flats[0].area = .m2(v)
      return b.validate()
    },
    measured("room", "area") { v in
      var b = valid
      b.flats[0].rooms[0].area = .m2(v)
      return b.validate()
    },
    measured("room", "width") { v in
      var b = valid
      b.flats[0].rooms[0].width = .mm(v)
      return b.validate()
    },
    measured("room", "length") { v in
      var b = valid
      b.flats[0].rooms[0].length = .mm(v)
      return b.validate()
    },
    measured("wc", "seatHeight", inRoom { .wc(WC(seatHeight: .mm($0))) }),
    measured("wc", "projection", inRoom { .wc(WC(projection: .mm($0))) }),
    measured("wc", "transferWidth", inRoom { .wc(WC(transferWidth: .mm($0))) }),
    measured("wc", "transferDepth", inRoom { .wc(WC(transferDepth: .mm($0))) }),
    measured("wc", "otherSideClearance", inRoom { .wc(WC(otherSideClearance: .mm($0))) }),
    measured("washbasin", "height", inRoom { .washbasin(Washbasin(height: .mm($0))) }),
    measured(
      "washbasin", "kneeClearanceHeight",
      inRoom { .washbasin(Washbasin(kneeClearanceHeight: .mm($0))) }),
    measured(
      "washbasin", "kneeClearanceDepth",
      inRoom { .washbasin(Washbasin(kneeClearanceDepth: .mm($0))) }),
    measured(
      "washbasin", "legSpaceWidth", inRoom { .washbasin(Washbasin(legSpaceWidth: .mm($0))) }),
    measured("shower", "step", inRoom { .shower(Shower(step: .mm($0))) }),
    measured("shower", "width", inRoom { .shower(Shower(width: .mm($0))) }),
    measured("shower", "depth", inRoom { .shower(Shower(depth: .mm($0))) }),
    measured("bathtub", "entryHeight", inRoom { .bathtub(Bathtub(entryHeight: .mm($0))) }),
    measured("bathtub", "width", inRoom { .bathtub(Bathtub(width: .mm($0))) }),
    measured("bathtub", "length", inRoom { .bathtub(Bathtub(length: .mm($0))) }),
    measured(
      "kitchenCounter", "length", inRoom { .kitchenCounter(KitchenCounter(length: .mm($0))) }),
    measured(
      "kitchenCounter", "height", inRoom { .kitchenCounter(KitchenCounter(height: .mm($0))) }),
    measured("bed", "width", inRoom { .bed(Bed(width: .mm($0))) }),
    measured("bed", "length", inRoom { .bed(Bed(length: .mm($0))) }),
    measured("bed", "clearanceLeft", inRoom { .bed(Bed(clearanceLeft: .mm($0))) }),
    measured("bed", "clearanceRight", inRoom { .bed(Bed(clearanceRight: .mm($0))) }),
    measured("bed", "clearanceFoot", inRoom { .bed(Bed(clearanceFoot: .mm($0))) }),
    measured("window", "sillHeight", inRoom { .window(Window(sillHeight: .mm($0))) }),
    measured("window", "handleHeight", inRoom { .window(Window(handleHeight: .mm($0))) }),
    measured("control", "height", inRoom { .control(Control(kind: .switch, height: .mm($0))) }),
    measured(
      "control", "cornerDistance",
      inRoom { .control(Control(kind: .switch, cornerDistance: .mm($0))) }),
    measured(
      "wheelchairSpace", "width", inRoom { .wheelchairSpace(WheelchairSpace(width: .mm($0))) }),
    measured(
      "wheelchairSpace", "depth", inRoom { .wheelchairSpace(WheelchairSpace(depth: .mm($0))) }),
    measured("outdoorPath", "width", outdoor { PathGeometry(width: .mm($0)) }),
    measured("outdoorPath", "length", outdoor { PathGeometry(length: .mm($0)) }),
    measured("outdoorPath", "slope", outdoor { PathGeometry(slope: .percent($0)) }),
    measured("outdoorPath", "crossSlope", outdoor { PathGeometry(crossSlope: .percent($0)) }),
  ]

  @Test(
    "Each plausibility limit: just inside and at each end pass, just outside is an error",
    arguments: measuredValues)
  func limit(_ measured: Measured) throws {
    let limit = try #require(
      PlausibleValues.limit(element: measured.element, attribute: measured.attribute))
    let low = limit.range.lowerBound
    let high = limit.range.upperBound
    // A thousandth of the unit: far below any survey's precision, far above
    // a Double's at these sizes.
    let step = 0.001
    for value in [low, low + step, high - step, high] {
      let problems = measured.problems(value)
      #expect(problems.isEmpty, "\(value): \(problems)")
    }
    for value in [low - step, high + step] {
      let problems = measured.problems(value)
      #expect(problems.count == 1, "\(value): \(problems)")
      #expect(problems.first?.attribute == measured.attribute)
      #expect(
        problems.first?.message.contains(
          "\(measured.attribute) \(formatDecimal(value)) \(limit.unit) is not plausible for a \(measured.element) (expected \(formatDecimal(low))–\(formatDecimal(high)) \(limit.unit))"
        ) == true, "\(problems)")
    }
  }
}
