/// Generates synthetic, schema-valid portfolios for load tests and
/// benchmarks: a mix of building types with plausible measurements around the
/// DIN 18040-2 thresholds, and a share of measurements left out as in real
/// surveys.
///
/// Deterministic: the same seed and options give the same bytes. Streaming:
/// buildings are made and written one at a time, so memory does not depend on
/// the number of buildings.
///
/// ```swift
/// var generator = PortfolioGenerator(options: .init(buildings: 100, seed: 1))
/// try generator.write { text in print(text, terminator: "") }
/// ```
public struct PortfolioGenerator: Sendable {
  /// What to generate.
  public struct Options: Sendable {
    /// Number of buildings.
    public var buildings: Int
    /// The seed of the random generator.
    public var seed: UInt64
    /// Share of optional measurements left out, 0…1.
    public var incomplete: Double

    /// Creates options.
    public init(buildings: Int, seed: UInt64 = 1, incomplete: Double = 0.1) {
      self.buildings = max(0, buildings)
      self.seed = seed
      self.incomplete = min(1, max(0, incomplete))
    }
  }

  /// The options.
  public let options: Options
  private var random: SplitMix64

  /// Creates a generator.
  public init(options: Options) {
    self.options = options
    self.random = SplitMix64(seed: options.seed)
  }

  /// Writes the whole document through `sink`, one building at a time.
  public mutating func write(to sink: (String) throws -> Void) throws {
    try sink(PortfolioWriter.header(name: "Synthetic portfolio (seed \(options.seed))"))
    for index in 0..<options.buildings {
      try sink(PortfolioWriter.building(makeBuilding(index), inQuarter: false))
    }
    try sink(PortfolioWriter.footer())
  }

  /// One building; call in order (it advances the random generator).
  public mutating func makeBuilding(_ index: Int) -> Building {
    let kind = Int.random(in: 0..<4, using: &random)
    let storeys = kind == 3 ? 2 : Int.random(in: 3...6, using: &random)
    let hasLift = kind == 0 || (kind == 2 && Bool.random(using: &random))
    let id = "b\(index + 1)"
    var building = Building(
      id: id, name: "Musterweg \(index + 1)",
      yearBuilt: [2019, 1962, 1974, 1985][kind] + Int.random(in: -5...5, using: &random),
      storeys: storeys,
      address: Address(
        street: "Musterweg", houseNumber: String(index + 1),
        postcode: String(33600 + index % 100), city: "Bielefeld", country: "DE"))
    building.places = [
      Place(id: "\(id)-street", kind: .publicWay),
      Place(
        id: "\(id)-entrance", kind: .entrance,
        movementAreas: [MovementArea(width: length(1500, 300), depth: length(1500, 300))]),
    ]
    building.connectors.append(
      .path(
        Path(
          from: "\(id)-street", to: "\(id)-entrance",
          geometry: PathGeometry(
            width: length(1500, 400), length: length(8000, 6000), slope: slope(3, 3),
            crossSlope: slope(1.5, 1), surface: .paving))))
    if kind == 1 || kind == 3 {
      building.connectors.append(
        .steps(
          Steps(
            from: "\(id)-entrance", to: "\(id)-l0", count: Int.random(in: 1...4, using: &random),
            riserHeight: length(170, 20), handrails: .oneSide)))
    } else {
      building.connectors.append(
        .door(
          Door(
            id: "\(id)-main-door", from: "\(id)-entrance", to: "\(id)-l0",
            clearWidth: length(950, 100), clearHeight: length(2100, 60),
            threshold: length(10, 15), operation: kind == 0 ? .automatic : .hinged)))
    }
    let levels = kind == 3 ? 1 : storeys
    for level in 0..<levels {
      building.places.append(Place(id: "\(id)-l\(level)", kind: .landing, level: level))
      if level > 0 {
        building.connectors.append(
          .steps(
            Steps(
              from: "\(id)-l\(level - 1)", to: "\(id)-l\(level)", count: 18,
              riserHeight: length(175, 10), handrails: .bothSides,
              handrailHeight: length(880, 40))))
      }
    }
    if hasLift && levels > 1 {
      building.connectors.append(
        .lift(
          Lift(
            id: "\(id)-lift", cabinWidth: length(1100, 150), cabinDepth: length(1400, 200),
            doorClearWidth: length(900, 80),
            stops: (0..<levels).map { LiftStop(place: "\(id)-l\($0)") })))
    }
    let flatsPerLevel = kind == 3 ? 1 : Int.random(in: 2...3, using: &random)
    for level in 0..<levels {
      for number in 1...flatsPerLevel {
        building.flats.append(makeFlat(building: id, level: level, number: number))
      }
    }
    return building
  }

  private mutating func makeFlat(building: String, level: Int, number: Int) -> Flat {
    let id = "\(building)-f\(level)\(number)"
    let landing = "\(building)-l\(level)"
    func room(_ suffix: String) -> String { "\(id)-\(suffix)" }
    let rooms = [
      Room(
        id: room("hall"), kind: .hallway, width: length(1200, 250),
        movementAreas: area(1200)),
      Room(
        id: room("living"), kind: .living, area: Area(squareMetres: 22), movementAreas: area(1400),
        fixtures: [.window(Window(sillHeight: length(700, 200), handleHeight: length(1100, 150)))]),
      Room(
        id: room("bed"), kind: .bedroom, movementAreas: area(1300),
        fixtures: [
          .bed(Bed(clearanceLeft: length(1200, 300), clearanceRight: length(900, 300)))
        ]),
      Room(
        id: room("kitchen"), kind: .kitchen, movementAreas: area(1200),
        fixtures: [
          .kitchenCounter(
            KitchenCounter(
              common: FixtureCommon(movementArea: MovementArea(depth: length(1200, 300))),
              length: length(2800, 600)))
        ]),
      Room(
        id: room("bath"), kind: .bathroom, movementAreas: area(1200),
        fixtures: [
          .wc(WC(seatHeight: length(440, 40), transferWidth: length(700, 300))),
          .washbasin(Washbasin(height: length(830, 50), kneeClearanceHeight: length(650, 60))),
          Bool.random(using: &random)
            ? .shower(
              Shower(
                floorLevel: true, step: length(10, 15), width: length(1200, 250),
                depth: length(1200, 250)))
            : .bathtub(Bathtub(entryHeight: length(550, 50))),
        ]),
      Room(id: room("balcony"), kind: .balcony, movementAreas: area(1300)),
    ]
    var connectors: [Connector] = [
      .door(
        Door(
          from: landing, to: room("hall"), clearWidth: length(900, 100),
          clearHeight: length(2050, 50), threshold: length(10, 15)))
    ]
    for target in ["living", "bed", "kitchen", "bath"] {
      connectors.append(
        .door(
          Door(
            from: room("hall"), to: room(target), clearWidth: length(820, 100),
            threshold: length(5, 10))))
    }
    connectors.append(
      .door(
        Door(
          from: room("living"), to: room("balcony"), clearWidth: length(850, 100),
          threshold: length(20, 20))))
    return Flat(
      id: id, number: "\(level).\(number)", level: level,
      area: Area(squareMetres: Double(Int.random(in: 45...95, using: &random))),
      entrance: landing, rooms: rooms, connectors: connectors)
  }

  /// A whole-millimetre length around `typical`, or nil for a share of
  /// measurements not taken.
  private mutating func length(_ typical: Int, _ spread: Int) -> Length? {
    guard !skip() else { return nil }
    let value = max(0, typical + Int.random(in: -spread...spread, using: &random))
    return Length(millimetres: Double(value))
  }

  private mutating func slope(_ typical: Double, _ spread: Double) -> Slope? {
    guard !skip() else { return nil }
    let tenths = Int.random(in: -Int(spread * 10)...Int(spread * 10), using: &random)
    return Slope(percent: max(0, (typical * 10 + Double(tenths)).rounded() / 10))
  }

  private mutating func area(_ typical: Int) -> [MovementArea] {
    guard !skip() else { return [] }
    return [MovementArea(width: length(typical, 300), depth: length(typical, 300))]
  }

  private mutating func skip() -> Bool {
    options.incomplete > 0 && Double.random(in: 0..<1, using: &random) < options.incomplete
  }
}
