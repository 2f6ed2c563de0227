import BarrierFreeModel

/// A value the XML format cannot carry, or a model that does not make sense.
public struct WriteError: Error, Sendable, CustomStringConvertible {
  /// What cannot be written and where.
  public var message: String
  /// For a model refused by its validation: the errors
  /// (see `Portfolio.validate()`); empty otherwise.
  public var problems: [ModelProblem]

  /// Creates a write error.
  public init(message: String, problems: [ModelProblem] = []) {
    self.message = message
    self.problems = problems
  }

  /// The error for a model whose validation found `problems`, or nil when
  /// none of them is an error.
  init?(validating problems: [ModelProblem]) {
    let errors = problems.filter { $0.severity == .error }
    guard !errors.isEmpty else { return nil }
    self.init(message: errors.map(\.description).joined(separator: "\n"), problems: errors)
  }

  /// The message: one problem a line.
  public var description: String { message }
}

/// Writes the portfolio format: a model in, XML text out, valid against
/// Schemas/portfolio.xsd. A value the schema would refuse (a negative or
/// non-finite length, an id that is not an identifier, a name over 200
/// characters, a level outside -10…200) throws ``WriteError`` instead of
/// producing a file that does not read back.
///
/// The model is validated, as the reader would check it (ids,
/// references, plausible values: see `Portfolio.validate()`):
/// an invalid one throws ``WriteError`` naming each element and its problem,
/// and nothing is written. Warnings (a flat without an entrance door) do not
/// stop it.
///
/// Deterministic: attributes in the schema's order, numbers in their shortest
/// exact form (`900`, `902.5`), two spaces per level. Reading what it writes
/// gives the same model back (`read(write(model)) == model`).
///
/// Write a whole portfolio with ``document(_:)``, or stream one with
/// ``header(name:)``, ``quarterStart(_:)``, ``building(_:inQuarter:)``,
/// ``quarterEnd()`` and ``footer()``, so that memory does not grow with the
/// number of buildings.
public enum PortfolioWriter {
  /// The whole document.
  ///
  /// - Throws: ``WriteError`` if the portfolio is not valid or holds a value
  ///   the format cannot carry.
  public static func document(_ portfolio: Portfolio) throws(WriteError) -> String {
    var text = try header(name: portfolio.name)
    for member in portfolio.members {
      switch member {
      case .quarter(let quarter):
        text += try writeQuarterStart(quarter)
        for building in quarter.buildings {
          text += try writeBuilding(building, inQuarter: true)
        }
        text += quarterEnd()
      case .building(let building):
        text += try writeBuilding(building, inQuarter: false)
      }
    }
    text += footer()
    // After the text: a value the format cannot carry is said in the
    // format's words (`<place> width …`) before what it would mean.
    if let error = WriteError(validating: portfolio.validate()) { throw error }
    return text
  }

  /// The XML declaration and the opening `<portfolio>` tag.
  public static func header(name: String?) throws(WriteError) -> String {
    var writer = ElementWriter()
    writer.text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    try writer.open(
      "portfolio", [("xmlns", PortfolioSchema.namespace), ("name", name)], depth: 0)
    return writer.text
  }

  /// The closing `</portfolio>` tag.
  public static func footer() -> String { "</portfolio>\n" }

  /// A quarter's opening tag and its own places, facilities and paths; its
  /// buildings follow, then ``quarterEnd()``.
  ///
  /// - Throws: ``WriteError`` if the quarter's own part is not valid (its
  ///   references to its buildings are checked only if `quarter` holds
  ///   them), or holds a value the format cannot carry.
  public static func quarterStart(_ quarter: Quarter) throws(WriteError) -> String {
    let text = try writeQuarterStart(quarter)
    if let error = WriteError(validating: quarter.validateHeader()) { throw error }
    return text
  }

  private static func writeQuarterStart(_ quarter: Quarter) throws(WriteError) -> String {
    var writer = ElementWriter()
    try writer.open("quarter", [("id", quarter.id), ("name", quarter.name)], depth: 1)
    for place in quarter.places { try writer.place(place, depth: 2) }
    for facility in quarter.facilities {
      try writer.leaf(
        "facility",
        [
          ("id", facility.id), ("kind", facility.kind.rawValue), ("name", facility.name),
          ("building", facility.location.building), ("place", facility.location.place),
          ("open24h", facility.open24h.map(format)),
        ], depth: 2)
    }
    for path in quarter.outdoorPaths {
      try writer.leaf(
        "outdoorPath",
        [
          ("id", path.id), ("from", path.from.place), ("fromBuilding", path.from.building),
          ("to", path.to.place), ("toBuilding", path.to.building),
        ] + geometryAttributes(path.geometry), depth: 2)
    }
    return writer.text
  }

  /// The closing `</quarter>` tag.
  public static func quarterEnd() -> String { "  </quarter>\n" }

  /// One building, indented for its place in a quarter or directly in the
  /// portfolio.
  ///
  /// - Throws: ``WriteError`` if the building is not valid
  ///   (`Building.validate()`) or holds a value the format
  ///   cannot carry.
  public static func building(_ building: Building, inQuarter: Bool) throws(WriteError)
    -> String
  {
    let text = try writeBuilding(building, inQuarter: inQuarter)
    if let error = WriteError(validating: building.validate()) { throw error }
    return text
  }

  private static func writeBuilding(_ building: Building, inQuarter: Bool) throws(WriteError)
    -> String
  {
    var writer = ElementWriter()
    let depth = inQuarter ? 2 : 1
    try writer.open(
      "building",
      [
        ("id", building.id), ("name", building.name),
        ("yearBuilt", building.yearBuilt.map(formatYear)),
        ("storeys", building.storeys.map(String.init)),
      ], depth: depth)
    if let address = building.address {
      try writer.leaf(
        "address",
        [
          ("street", address.street), ("houseNumber", address.houseNumber),
          ("postcode", address.postcode), ("city", address.city), ("country", address.country),
        ], depth: depth + 1)
    }
    for place in building.places { try writer.place(place, depth: depth + 1) }
    for connector in building.connectors { try writer.connector(connector, depth: depth + 1) }
    for flat in building.flats { try writer.flat(flat, depth: depth + 1) }
    writer.close("building", depth: depth)
    return writer.text
  }

  static func format(_ value: Bool) -> String { value ? "true" : "false" }

  static func formatYear(_ year: Int) -> String {
    // xs:gYear needs at least four digits.
    let digits = String(year.magnitude)
    let padded = String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    return year < 0 ? "-" + padded : padded
  }

  static func geometryAttributes(_ geometry: PathGeometry) -> [(String, String?)] {
    [
      ("width", geometry.width.map(mm)), ("length", geometry.length.map(mm)),
      ("slope", geometry.slope.map(percent)), ("crossSlope", geometry.crossSlope.map(percent)),
      ("surface", geometry.surface?.rawValue),
    ]
  }

  static func mm(_ length: Length) -> String { formatDecimal(length.millimetres) }
  static func percent(_ slope: Slope) -> String { formatDecimal(slope.percent) }
  static func m2(_ area: Area) -> String { formatDecimal(area.squareMetres) }
}

/// Builds indented XML text element by element.
private struct ElementWriter {
  var text = ""

  mutating func open(_ name: String, _ attributes: [(String, String?)], depth: Int)
    throws(WriteError)
  {
    try start(name, attributes, depth: depth)
    text += ">\n"
  }

  mutating func leaf(_ name: String, _ attributes: [(String, String?)], depth: Int)
    throws(WriteError)
  {
    try start(name, attributes, depth: depth)
    text += "/>\n"
  }

  mutating func close(_ name: String, depth: Int) {
    text += String(repeating: "  ", count: depth) + "</\(name)>\n"
  }

  /// Writes `<name a="…"` and leaves the tag open; children decide how it ends.
  private mutating func start(_ name: String, _ attributes: [(String, String?)], depth: Int)
    throws(WriteError)
  {
    text += String(repeating: "  ", count: depth) + "<" + name
    for (key, value) in attributes {
      guard let value else { continue }
      try SchemaConstraints.check(element: name, attribute: key, value: value)
      text += " \(key)=\""
      try escape(value, element: name, attribute: key)
      text += "\""
    }
  }

  /// Escapes an attribute value so that a reader gets exactly `value` back:
  /// markup characters as entities, tab and line breaks as character
  /// references (a parser would otherwise turn them into spaces).
  private mutating func escape(_ value: String, element: String, attribute: String)
    throws(WriteError)
  {
    for scalar in value.unicodeScalars {
      switch scalar {
      case "&": text += "&amp;"
      case "<": text += "&lt;"
      case ">": text += "&gt;"
      case "\"": text += "&quot;"
      case "\t": text += "&#9;"
      case "\n": text += "&#10;"
      case "\r": text += "&#13;"
      default:
        let value = scalar.value
        if value < 0x20 || value == 0xFFFE || value == 0xFFFF {
          throw WriteError(
            message:
              "<\(element)> \(attribute): the character U+\(String(value, radix: 16, uppercase: true)) cannot be written in XML 1.0"
          )
        }
        text.unicodeScalars.append(scalar)
      }
    }
  }

  /// An element with movement areas as children, or empty.
  private mutating func withAreas(
    _ name: String, _ attributes: [(String, String?)], areas: [MovementArea], depth: Int
  ) throws(WriteError) {
    if areas.isEmpty {
      try leaf(name, attributes, depth: depth)
      return
    }
    try open(name, attributes, depth: depth)
    for area in areas { try movementArea(area, depth: depth + 1) }
    close(name, depth: depth)
  }

  mutating func movementArea(_ area: MovementArea, depth: Int) throws(WriteError) {
    try leaf(
      "movementArea",
      [
        ("width", area.width.map(PortfolioWriter.mm)),
        ("depth", area.depth.map(PortfolioWriter.mm)),
        ("side", area.side?.rawValue),
      ], depth: depth)
  }

  mutating func place(_ place: Place, depth: Int) throws(WriteError) {
    try withAreas(
      "place",
      [
        ("id", place.id), ("kind", place.kind.rawValue), ("name", place.name),
        ("level", place.storey.map(String.init)), ("width", place.width.map(PortfolioWriter.mm)),
        ("length", place.length.map(PortfolioWriter.mm)),
        ("accessible", place.accessible.map(PortfolioWriter.format)),
      ], areas: place.movementAreas, depth: depth)
  }

  mutating func connector(_ connector: Connector, depth: Int) throws(WriteError) {
    let mm = PortfolioWriter.mm
    switch connector {
    case .path(let path):
      try leaf(
        "path",
        [("id", path.id), ("from", path.from), ("to", path.to)]
          + PortfolioWriter.geometryAttributes(path.geometry), depth: depth)
    case .steps(let steps):
      try leaf(
        "steps",
        [
          ("id", steps.id), ("from", steps.from), ("to", steps.to),
          ("count", steps.count.map(String.init)), ("riserHeight", steps.riserHeight.map(mm)),
          ("treadDepth", steps.treadDepth.map(mm)), ("width", steps.width.map(mm)),
          ("handrails", steps.handrails?.rawValue),
          ("handrailHeight", steps.handrailHeight.map(mm)),
          ("handrailExtension", steps.handrailExtension.map(mm)),
        ], depth: depth)
    case .ramp(let ramp):
      try withAreas(
        "ramp",
        [
          ("id", ramp.id), ("from", ramp.from), ("to", ramp.to),
          ("slope", ramp.slope.map(PortfolioWriter.percent)),
          ("crossSlope", ramp.crossSlope.map(PortfolioWriter.percent)),
          ("length", ramp.length.map(mm)), ("longestRun", ramp.longestRun.map(mm)),
          ("landingLength", ramp.landingLength.map(mm)), ("clearWidth", ramp.clearWidth.map(mm)),
          ("handrails", ramp.handrails?.rawValue), ("handrailHeight", ramp.handrailHeight.map(mm)),
          ("wheelGuards", ramp.wheelGuards.map(PortfolioWriter.format)),
        ], areas: ramp.movementAreas, depth: depth)
    case .door(let door):
      try withAreas(
        "door",
        [
          ("id", door.id), ("from", door.from), ("to", door.to),
          ("clearWidth", door.clearWidth.map(mm)), ("clearHeight", door.clearHeight.map(mm)),
          ("threshold", door.threshold.map(mm)), ("operation", door.operation?.rawValue),
          ("opensInto", door.opensInto?.rawValue), ("handleHeight", door.handleHeight.map(mm)),
          ("handleSideClearance", door.handleSideClearance.map(mm)),
          ("revealDepth", door.revealDepth.map(mm)),
          ("unlockableFromOutside", door.unlockableFromOutside.map(PortfolioWriter.format)),
          ("clearWidthEstimated", door.clearWidthEstimated ? "true" : nil),
        ], areas: door.movementAreas, depth: depth)
    case .lift(let lift):
      try open(
        "lift",
        [
          ("id", lift.id), ("cabinWidth", lift.cabinWidth.map(mm)),
          ("cabinDepth", lift.cabinDepth.map(mm)), ("doorClearWidth", lift.doorClearWidth.map(mm)),
          ("controlHeight", lift.controlHeight.map(mm)),
        ], depth: depth)
      for stop in lift.stops {
        try withAreas(
          "stop", [("place", stop.place)], areas: stop.movementArea.map { [$0] } ?? [],
          depth: depth + 1)
      }
      close("lift", depth: depth)
    case .stairLift(let stairLift):
      try leaf(
        "stairLift",
        [
          ("id", stairLift.id), ("from", stairLift.from), ("to", stairLift.to),
          ("kind", stairLift.kind.rawValue), ("platformWidth", stairLift.platformWidth.map(mm)),
          ("platformDepth", stairLift.platformDepth.map(mm)),
        ], depth: depth)
    }
  }

  mutating func flat(_ flat: Flat, depth: Int) throws(WriteError) {
    let attributes: [(String, String?)] = [
      ("id", flat.id), ("number", flat.number), ("level", flat.storey.map(String.init)),
      ("area", flat.area.map(PortfolioWriter.m2)), ("entrance", flat.entrance),
    ]
    if flat.rooms.isEmpty && flat.connectors.isEmpty {
      try leaf("flat", attributes, depth: depth)
      return
    }
    try open("flat", attributes, depth: depth)
    for room in flat.rooms { try self.room(room, depth: depth + 1) }
    for connector in flat.connectors { try self.connector(connector, depth: depth + 1) }
    close("flat", depth: depth)
  }

  mutating func room(_ room: Room, depth: Int) throws(WriteError) {
    let attributes: [(String, String?)] = [
      ("id", room.id), ("kind", room.kind.rawValue), ("name", room.name),
      ("area", room.area.map(PortfolioWriter.m2)), ("width", room.width.map(PortfolioWriter.mm)),
      ("length", room.length.map(PortfolioWriter.mm)),
    ]
    if room.movementAreas.isEmpty && room.fixtures.isEmpty {
      try leaf("room", attributes, depth: depth)
      return
    }
    try open("room", attributes, depth: depth)
    for area in room.movementAreas { try movementArea(area, depth: depth + 1) }
    for fixture in room.fixtures { try self.fixture(fixture, depth: depth + 1) }
    close("room", depth: depth)
  }

  mutating func fixture(_ fixture: Fixture, depth: Int) throws(WriteError) {
    let mm = PortfolioWriter.mm
    let format = PortfolioWriter.format
    let specific: [(String, String?)]
    switch fixture {
    case .wc(let wc):
      specific = [
        ("seatHeight", wc.seatHeight.map(mm)), ("projection", wc.projection.map(mm)),
        ("transferWidth", wc.transferWidth.map(mm)), ("transferDepth", wc.transferDepth.map(mm)),
        ("otherSideClearance", wc.otherSideClearance.map(mm)),
        ("grabBars", wc.grabBars?.rawValue), ("backrest", wc.backrest.map(format)),
      ]
    case .washbasin(let basin):
      specific = [
        ("height", basin.height.map(mm)),
        ("kneeClearanceHeight", basin.kneeClearanceHeight.map(mm)),
        ("kneeClearanceDepth", basin.kneeClearanceDepth.map(mm)),
        ("legSpaceWidth", basin.legSpaceWidth.map(mm)),
      ]
    case .shower(let shower):
      specific = [
        ("floorLevel", shower.floorLevel.map(format)), ("step", shower.step.map(mm)),
        ("width", shower.width.map(mm)), ("depth", shower.depth.map(mm)),
        ("slipResistance", shower.slipResistance?.rawValue),
        ("grabBars", shower.grabBars?.rawValue),
      ]
    case .bathtub(let tub):
      specific = [
        ("entryHeight", tub.entryHeight.map(mm)), ("width", tub.width.map(mm)),
        ("length", tub.length.map(mm)),
      ]
    case .kitchenCounter(let counter):
      specific = [
        ("length", counter.length.map(mm)), ("height", counter.height.map(mm)),
        ("kneeSpace", counter.kneeSpace.map(format)),
      ]
    case .bed(let bed):
      specific = [
        ("width", bed.width.map(mm)), ("length", bed.length.map(mm)),
        ("clearanceLeft", bed.clearanceLeft.map(mm)),
        ("clearanceRight", bed.clearanceRight.map(mm)),
        ("clearanceFoot", bed.clearanceFoot.map(mm)),
      ]
    case .window(let window):
      specific = [
        ("sillHeight", window.sillHeight.map(mm)), ("handleHeight", window.handleHeight.map(mm)),
        ("powered", window.powered.map(format)),
      ]
    case .control(let control):
      specific = [
        ("kind", control.kind.rawValue), ("height", control.height.map(mm)),
        ("cornerDistance", control.cornerDistance.map(mm)),
      ]
    case .furniture(let furniture):
      specific = [("kind", furniture.kind.rawValue)]
    case .wheelchairSpace(let space):
      specific = [
        ("width", space.width.map(mm)), ("depth", space.depth.map(mm)),
        ("socket", space.socket.map(format)),
      ]
    }
    try withAreas(
      fixture.kindName, [("id", fixture.id)] + specific,
      areas: fixture.movementArea.map { [$0] } ?? [], depth: depth)
  }
}

/// The schema's constraints on attribute values, checked before writing so
/// that the writer never produces a file its own reader refuses.
enum SchemaConstraints {
  private static let identifiers: Set<String> = [
    "id", "from", "to", "place", "entrance", "building", "fromBuilding", "toBuilding",
  ]
  private static let names: Set<String> = [
    "name", "number", "street", "houseNumber", "postcode", "city", "country",
  ]
  /// Attributes whose values come from Swift enumerations or booleans, and
  /// so are always valid.
  private static let closedValues: Set<String> = [
    "xmlns", "kind", "surface", "handrails", "operation", "opensInto", "side", "grabBars",
    "accessible", "wheelGuards", "unlockableFromOutside", "backrest", "floorLevel", "kneeSpace",
    "powered", "open24h", "slipResistance", "socket", "clearWidthEstimated",
  ]

  static func check(element: String, attribute: String, value: String) throws(WriteError) {
    func fail(_ problem: String) -> WriteError {
      WriteError(message: "<\(element)> \(attribute) '\(value.prefix(80))': \(problem)")
    }
    if closedValues.contains(attribute) { return }
    if identifiers.contains(attribute) {
      guard Values.isIdentifier(value) else {
        throw fail(
          "not an identifier (letters, digits, '_', '-' and '.', starting with a letter, digit or '_')"
        )
      }
      guard value.unicodeScalars.count <= 64 else { throw fail("longer than 64 characters") }
      return
    }
    if names.contains(attribute) {
      guard value.unicodeScalars.count <= 200 else { throw fail("longer than 200 characters") }
      return
    }
    switch attribute {
    case "level":
      guard let level = Int(value), (-10...200).contains(level) else {
        throw fail("a level must be a whole number from -10 to 200")
      }
    case "storeys":
      guard let storeys = Int(value), storeys >= 1 else { throw fail("storeys must be 1 or more") }
    case "count":
      guard let count = Int(value), count >= 0 else { throw fail("a count cannot be negative") }
    case "yearBuilt":
      guard value.trimmingCharacters(in: "-0").isEmpty == false else {
        throw fail("there is no year 0")
      }
    default:
      // A decimal: plain digits with at most one point, not negative, at most
      // 24 significant digits (libxml2's limit for xs:decimal).
      var digits = 0
      var points = 0
      var leading = true
      for character in value {
        if character == "." {
          points += 1
        } else if let digit = character.wholeNumberValue, character.isASCII {
          if digit != 0 || !leading || points > 0 { digits += 1 }
          if digit != 0 { leading = false }
        } else {
          throw fail("not a finite number of at least 0")
        }
      }
      guard points <= 1, !value.isEmpty else { throw fail("not a number") }
      guard digits <= 24 else { throw fail("more than 24 digits; the format cannot hold it") }
    }
  }
}

extension String {
  fileprivate func trimmingCharacters(in set: String) -> String {
    String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
  }
}
