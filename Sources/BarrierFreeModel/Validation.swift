/// A problem of meaning in a model: a duplicate id, a reference to nothing or
/// to the wrong kind of element, an implausible value.
///
/// It names the element by its path from the building or quarter down and
/// the attribute, and says what is wrong in the words the portfolio reader
/// uses for the same problem in a file:
///
/// ```
/// building 'b1' › flat 'f1' › door 'd3' (attribute to): error: door 'd3': 'f1-bad' is not a place or room of building 'b1'; did you mean 'f1-bath'?
/// ```
public struct ModelProblem: Sendable, Hashable, CustomStringConvertible {
  /// How bad a problem is.
  public enum Severity: String, Sendable, Hashable {
    /// The model is invalid: an assessment of it may not be trusted, and the
    /// writer refuses it.
    case error
    /// Worth a look (a flat with no rooms); the model is still valid.
    case warning
  }

  /// How bad it is.
  public var severity: Severity
  /// The element, from the outermost: `["building 'b1'", "flat 'f1'",
  /// "door 'd3'"]`. An element without an id is named by its ends (`door
  /// from 'a' to 'b'`) or its position (`wc #2`).
  public var path: [String]
  /// The attribute of the portfolio format the problem is about (`clearWidth`,
  /// `to`), or nil for the element as a whole.
  public var attribute: String?
  /// What is wrong and what was expected.
  public var message: String

  /// Creates a problem.
  public init(severity: Severity, path: [String], attribute: String?, message: String) {
    self.severity = severity
    self.path = path
    self.attribute = attribute
    self.message = message
  }

  /// The path as one text: `building 'b1' › flat 'f1' › door 'd3'`.
  public var elementPath: String { path.joined(separator: " › ") }

  /// `building 'b1' › flat 'f1' › door 'd3' (attribute to): error: …`.
  public var description: String {
    let attribute = attribute.map { " (attribute \($0))" } ?? ""
    return "\(elementPath)\(attribute): \(severity.rawValue): \(message)"
  }
}

/// The errors of a model that is not valid, thrown by
/// ``Building/requireValid()`` and its siblings.
public struct ModelValidationError: Error, Sendable, CustomStringConvertible {
  /// The problems of severity ``ModelProblem/Severity/error``, in the order
  /// the elements appear in the model.
  public var problems: [ModelProblem]

  /// Creates the error.
  public init(problems: [ModelProblem]) {
    self.problems = problems
  }

  /// One problem a line.
  public var description: String {
    problems.map(\.description).joined(separator: "\n")
  }
}

extension Building {
  /// Checks the building's meaning as the portfolio reader checks a building
  /// in a file: ids unique within the building, every reference resolving to
  /// an element of the kind it needs (a connector's ends to places or rooms,
  /// lift stops and flat entrances to places), connectors of a flat that
  /// join one of its rooms, lifts that join two places, movement areas of
  /// doors and ramps that say their side, flats with rooms and an entrance
  /// door, and plausible values (a door's clear width 300–3000 mm).
  ///
  /// ```swift
  /// for problem in building.validate() { print(problem) }
  /// ```
  ///
  /// - Returns: The problems in the order of the building's elements, the
  ///   unresolved references last; empty for a valid building.
  public func validate() -> [ModelProblem] {
    var validator = ModelValidator()
    validator.check(self, at: [])
    return validator.problems
  }

  /// Throws unless ``validate()`` finds no errors (warnings pass).
  ///
  /// - Throws: ``ModelValidationError`` with the errors.
  public func requireValid() throws(ModelValidationError) {
    try ModelValidator.require(validate())
  }
}

extension Quarter {
  /// Checks the quarter as the portfolio reader checks one in a file: its
  /// places and facilities have ids unique within it, its facilities and
  /// outdoor paths name places that exist (a place of the quarter, or of a
  /// building of the quarter), its buildings have unique ids and each passes
  /// ``Building/validate()``; plausible values.
  ///
  /// - Returns: The problems, in the order of the quarter's elements; empty
  ///   for a valid quarter.
  public func validate() -> [ModelProblem] {
    var validator = ModelValidator()
    validator.check(self, at: [], resolvingBuildings: true)
    return validator.problems
  }

  /// Throws unless ``validate()`` finds no errors (warnings pass).
  ///
  /// - Throws: ``ModelValidationError`` with the errors.
  public func requireValid() throws(ModelValidationError) {
    try ModelValidator.require(validate())
  }

  /// The problems of the quarter's own places, facilities and paths, for a
  /// quarter whose buildings follow separately (a streaming writer's
  /// ``header``): references to its buildings cannot be resolved then and
  /// are not checked unless it has buildings.
  package func validateHeader() -> [ModelProblem] {
    var validator = ModelValidator()
    validator.check(self, at: [], resolvingBuildings: !buildings.isEmpty)
    return validator.problems
  }
}

extension Portfolio {
  /// Checks every quarter and building (see ``Quarter/validate()`` and
  /// ``Building/validate()``), and that no two buildings and no two quarters
  /// share an id.
  ///
  /// ```swift
  /// let problems = portfolio.validate()
  /// if problems.contains(where: { $0.severity == .error }) { … }
  /// ```
  ///
  /// - Returns: The problems in the order of the portfolio's elements; empty
  ///   for a valid portfolio.
  public func validate() -> [ModelProblem] {
    var validator = ModelValidator()
    for member in members {
      switch member {
      case .quarter(let quarter): validator.check(quarter, at: [], resolvingBuildings: true)
      case .building(let building): validator.check(building, at: [])
      }
    }
    return validator.problems
  }

  /// Throws unless ``validate()`` finds no errors (warnings pass).
  ///
  /// - Throws: ``ModelValidationError`` with the errors.
  public func requireValid() throws(ModelValidationError) {
    try ModelValidator.require(validate())
  }
}

/// Walks a model in the order the writer writes it (and so the order a
/// reader meets its elements), applying ``MeaningRules`` and
/// ``PlausibleValues``.
private struct ModelValidator {
  var problems: [ModelProblem] = []
  /// Building and quarter ids met so far, with their 1-based numbers.
  private var buildingNumbers: [String: Int] = [:]
  private var buildingCount = 0
  private var quarterNumbers: [String: Int] = [:]
  private var quarterCount = 0

  static func require(_ problems: [ModelProblem]) throws(ModelValidationError) {
    let errors = problems.filter { $0.severity == .error }
    if !errors.isEmpty { throw ModelValidationError(problems: errors) }
  }

  private mutating func error(_ path: [String], _ attribute: String?, _ message: String) {
    problems.append(
      ModelProblem(severity: .error, path: path, attribute: attribute, message: message))
  }

  /// `door 'd1'`, or the bare element name for an empty id.
  private static func named(_ element: String, _ id: String) -> String {
    id.isEmpty ? element : "\(element) '\(id)'"
  }

  // MARK: - Plausible values

  /// Checks the decimal `values` of `element`; `subject` names the element
  /// in messages as the reader does.
  private mutating func plausible(
    _ element: String, subject: String, at path: [String], _ values: [(String, Double?)]
  ) {
    for (attribute, value) in values {
      guard let value,
        let limit = PlausibleValues.limit(element: element, attribute: attribute),
        !limit.range.contains(value)
      else { continue }
      error(
        path, attribute,
        PlausibleValues.message(
          subject: subject, element: element, attribute: attribute, value: value, limit: limit))
    }
  }

  private mutating func movementArea(
    _ area: MovementArea, at path: [String], inRoom room: String?
  ) {
    plausible(
      "movementArea", subject: room.map { "movementArea in room '\($0)'" } ?? "movementArea",
      at: path, [("width", area.width?.millimetres), ("depth", area.depth?.millimetres)])
  }

  private mutating func geometry(
    _ element: String, subject: String, at path: [String], _ geometry: PathGeometry
  ) {
    plausible(
      element, subject: subject, at: path,
      [
        ("width", geometry.width?.millimetres), ("length", geometry.length?.millimetres),
        ("slope", geometry.slope?.percent), ("crossSlope", geometry.crossSlope?.percent),
      ])
  }

  // MARK: - Buildings

  /// The ids of one building and its references, resolved at its end.
  private struct BuildingScope {
    var definitions: [String: (kind: MeaningRules.IdentifiedKind, path: [String])] = [:]
    var references:
      [(
        id: String, role: MeaningRules.ReferenceRole, owner: MeaningRules.Owner, path: [String],
        attribute: String
      )] = []
  }

  mutating func check(_ building: Building, at prefix: [String]) {
    let path = prefix + [Self.named("building", building.id)]
    if !building.id.isEmpty {
      buildingCount += 1
      if let first = buildingNumbers[building.id] {
        error(
          path, "id",
          MeaningRules.duplicateBuilding(
            building.id, firstPosition: "building \(first) of the portfolio"))
      } else {
        buildingNumbers[building.id] = buildingCount
      }
    }
    var scope = BuildingScope()
    for place in building.places {
      self.place(place, at: path, scope: &scope)
    }
    for connector in building.connectors {
      self.connector(connector, at: path, scope: &scope)
    }
    for flat in building.flats {
      self.flat(flat, at: path, scope: &scope)
    }
    resolve(scope, building: building.id)
  }

  private mutating func define(
    _ id: String, as kind: MeaningRules.IdentifiedKind, at path: [String],
    scope: inout BuildingScope
  ) {
    guard !id.isEmpty else { return }
    if let first = scope.definitions[id] {
      error(
        path, "id",
        MeaningRules.duplicateID(
          id, first: first.kind, firstPosition: "at \(first.path.joined(separator: " › "))",
          second: kind))
      return
    }
    scope.definitions[id] = (kind, path)
  }

  private mutating func place(_ place: Place, at prefix: [String], scope: inout BuildingScope) {
    let path = prefix + [Self.named("place", place.id)]
    checkPlace(place, at: path)
    define(place.id, as: .place, at: path, scope: &scope)
  }

  /// A place's values and areas; its id is its building's or quarter's.
  private mutating func checkPlace(_ place: Place, at path: [String]) {
    plausible(
      "place", subject: Self.named("place", place.id), at: path,
      [("width", place.width?.millimetres), ("length", place.length?.millimetres)])
    for (index, area) in place.movementAreas.enumerated() {
      movementArea(area, at: path + ["movementArea #\(index + 1)"], inRoom: nil)
    }
  }

  private mutating func connector(
    _ connector: Connector, at prefix: [String], scope: inout BuildingScope
  ) {
    let kind = connector.kindName
    let owner: MeaningRules.Owner
    if case .lift(let lift) = connector {
      owner = .named(kind: kind, id: lift.id)
    } else {
      let ends = connector.endpoints
      owner = .connector(kind: kind, id: connector.id, from: ends[0], to: ends[1])
    }
    let path = prefix + [owner.description]
    // The reader's subject: the id, else the ends, else the bare name.
    let subject = connector.id.map { "\(kind) '\($0)'" } ?? owner.description
    let mm = { (length: Length?) in length?.millimetres }
    switch connector {
    case .path(let walkway):
      geometry("path", subject: subject, at: path, walkway.geometry)
    case .steps(let steps):
      plausible(
        kind, subject: subject, at: path,
        [
          ("riserHeight", mm(steps.riserHeight)), ("treadDepth", mm(steps.treadDepth)),
          ("width", mm(steps.width)), ("handrailHeight", mm(steps.handrailHeight)),
          ("handrailExtension", mm(steps.handrailExtension)),
        ])
    case .ramp(let ramp):
      plausible(
        kind, subject: subject, at: path,
        [
          ("slope", ramp.slope?.percent), ("crossSlope", ramp.crossSlope?.percent),
          ("length", mm(ramp.length)), ("longestRun", mm(ramp.longestRun)),
          ("landingLength", mm(ramp.landingLength)), ("clearWidth", mm(ramp.clearWidth)),
          ("handrailHeight", mm(ramp.handrailHeight)),
        ])
    case .door(let door):
      plausible(
        kind, subject: subject, at: path,
        [
          ("clearWidth", mm(door.clearWidth)), ("clearHeight", mm(door.clearHeight)),
          ("threshold", mm(door.threshold)), ("handleHeight", mm(door.handleHeight)),
          ("handleSideClearance", mm(door.handleSideClearance)),
          ("revealDepth", mm(door.revealDepth)),
        ])
    case .lift(let lift):
      plausible(
        kind, subject: Self.named(kind, lift.id), at: path,
        [
          ("cabinWidth", mm(lift.cabinWidth)), ("cabinDepth", mm(lift.cabinDepth)),
          ("doorClearWidth", mm(lift.doorClearWidth)),
          ("controlHeight", mm(lift.controlHeight)),
        ])
    case .stairLift(let stairLift):
      plausible(
        kind, subject: subject, at: path,
        [
          ("platformWidth", mm(stairLift.platformWidth)),
          ("platformDepth", mm(stairLift.platformDepth)),
        ])
    }
    if let id = connector.id { define(id, as: .connector(kind), at: path, scope: &scope) }
    switch connector {
    case .lift(let lift):
      for stop in lift.stops {
        let stopPath = path + ["stop at '\(stop.place)'"]
        if !stop.place.isEmpty {
          scope.references.append(
            (stop.place, .liftStop, owner, stopPath, "place"))
        }
        if let area = stop.movementArea {
          movementArea(area, at: stopPath + ["movementArea"], inRoom: nil)
        }
      }
      if let problem = MeaningRules.stopsAtOnePlace(lift) { error(path, nil, problem) }
    default:
      let ends = connector.endpoints
      for (end, attribute) in [(ends[0], "from"), (ends[1], "to")] where !end.isEmpty {
        scope.references.append((end, .connectorEnd, owner, path, attribute))
      }
      if ends[0] == ends[1] {
        error(path, "to", MeaningRules.joinsItself(owner, end: ends[0]))
      }
    }
    let areas: [MovementArea]
    switch connector {
    case .door(let door): areas = door.movementAreas
    case .ramp(let ramp): areas = ramp.movementAreas
    default: areas = []
    }
    for (index, area) in areas.enumerated() {
      let areaPath = path + ["movementArea #\(index + 1)"]
      movementArea(area, at: areaPath, inRoom: nil)
      if area.side == nil {
        error(areaPath, "side", MeaningRules.movementAreaWithoutSide(of: kind))
      }
    }
  }

  private mutating func flat(_ flat: Flat, at prefix: [String], scope: inout BuildingScope) {
    let path = prefix + [Self.named("flat", flat.id)]
    plausible(
      "flat", subject: Self.named("flat", flat.id), at: path,
      [("area", flat.area?.squareMetres)])
    define(flat.id, as: .flat, at: path, scope: &scope)
    if !flat.entrance.isEmpty {
      scope.references.append(
        (flat.entrance, .flatEntrance, .named(kind: "flat", id: flat.id), path, "entrance"))
    }
    for room in flat.rooms {
      self.room(room, at: path, scope: &scope)
    }
    var outside: [(path: [String], message: String)] = []
    for connector in flat.connectors {
      self.connector(connector, at: path, scope: &scope)
      if case .lift = connector { continue }
      let ends = connector.endpoints
      if !flat.rooms.contains(where: { $0.id == ends[0] || $0.id == ends[1] }) {
        let owner = MeaningRules.Owner.connector(
          kind: connector.kindName, id: connector.id, from: ends[0], to: ends[1])
        outside.append(
          (
            path + [owner.description],
            MeaningRules.connectorOutsideFlat(owner, flat: flat.id, from: ends[0], to: ends[1])
          ))
      }
    }
    // The reader can only tell when the flat ends.
    for problem in outside { error(problem.path, nil, problem.message) }
    if let warning = MeaningRules.flatWarning(flat) {
      problems.append(
        ModelProblem(severity: .warning, path: path, attribute: nil, message: warning))
    }
  }

  private mutating func room(_ room: Room, at prefix: [String], scope: inout BuildingScope) {
    let path = prefix + [Self.named("room", room.id)]
    plausible(
      "room", subject: Self.named("room", room.id), at: path,
      [
        ("area", room.area?.squareMetres), ("width", room.width?.millimetres),
        ("length", room.length?.millimetres),
      ])
    define(room.id, as: .room, at: path, scope: &scope)
    for (index, area) in room.movementAreas.enumerated() {
      movementArea(area, at: path + ["movementArea #\(index + 1)"], inRoom: room.id)
    }
    for (index, fixture) in room.fixtures.enumerated() {
      self.fixture(fixture, number: index + 1, inRoom: room.id, at: path, scope: &scope)
    }
  }

  private mutating func fixture(
    _ fixture: Fixture, number: Int, inRoom room: String, at prefix: [String],
    scope: inout BuildingScope
  ) {
    let kind = fixture.kindName
    let path = prefix + [fixture.id.map { "\(kind) '\($0)'" } ?? "\(kind) #\(number)"]
    let subject = fixture.id.map { "\(kind) '\($0)'" } ?? "\(kind) in room '\(room)'"
    let mm = { (length: Length?) in length?.millimetres }
    let values: [(String, Double?)] =
      switch fixture {
      case .wc(let wc):
        [
          ("seatHeight", mm(wc.seatHeight)), ("projection", mm(wc.projection)),
          ("transferWidth", mm(wc.transferWidth)), ("transferDepth", mm(wc.transferDepth)),
          ("otherSideClearance", mm(wc.otherSideClearance)),
        ]
      case .washbasin(let basin):
        [
          ("height", mm(basin.height)), ("kneeClearanceHeight", mm(basin.kneeClearanceHeight)),
          ("kneeClearanceDepth", mm(basin.kneeClearanceDepth)),
          ("legSpaceWidth", mm(basin.legSpaceWidth)),
        ]
      case .shower(let shower):
        [("step", mm(shower.step)), ("width", mm(shower.width)), ("depth", mm(shower.depth))]
      case .bathtub(let tub):
        [
          ("entryHeight", mm(tub.entryHeight)), ("width", mm(tub.width)),
          ("length", mm(tub.length)),
        ]
      case .kitchenCounter(let counter):
        [("length", mm(counter.length)), ("height", mm(counter.height))]
      case .bed(let bed):
        [
          ("width", mm(bed.width)), ("length", mm(bed.length)),
          ("clearanceLeft", mm(bed.clearanceLeft)), ("clearanceRight", mm(bed.clearanceRight)),
          ("clearanceFoot", mm(bed.clearanceFoot)),
        ]
      case .window(let window):
        [("sillHeight", mm(window.sillHeight)), ("handleHeight", mm(window.handleHeight))]
      case .control(let control):
        [("height", mm(control.height)), ("cornerDistance", mm(control.cornerDistance))]
      case .furniture:
        []
      case .wheelchairSpace(let space):
        [("width", mm(space.width)), ("depth", mm(space.depth))]
      }
    plausible(kind, subject: subject, at: path, values)
    if let id = fixture.id { define(id, as: .fixture(kind), at: path, scope: &scope) }
    if let area = fixture.movementArea {
      movementArea(area, at: path + ["movementArea"], inRoom: room)
    }
  }

  /// Resolves the building's references once all its ids are known, as the
  /// reader does at the building's end tag.
  private mutating func resolve(_ scope: BuildingScope, building: String) {
    MeaningRules.resolve(
      scope.references, building: building,
      target: { ($0.id, $0.role, $0.owner) },
      kind: { scope.definitions[$0]?.kind },
      candidates: { scope.definitions.lazy.map { (id: $0.key, kind: $0.value.kind) } },
      report: { reference, message in
        error(reference.path, reference.attribute, message)
        return true
      })
  }

  // MARK: - Quarters

  mutating func check(_ quarter: Quarter, at prefix: [String], resolvingBuildings: Bool) {
    let path = prefix + [Self.named("quarter", quarter.id)]
    if !quarter.id.isEmpty {
      quarterCount += 1
      if let first = quarterNumbers[quarter.id] {
        error(
          path, "id",
          MeaningRules.duplicateQuarter(
            quarter.id, firstPosition: "quarter \(first) of the portfolio"))
      } else {
        quarterNumbers[quarter.id] = quarterCount
      }
    }
    typealias Pending = (
      place: String, owner: String, path: [String], attribute: String, buildingAttribute: String
    )
    var places: [String: Int] = [:]
    var facilities: [String: Int] = [:]
    var pendingByBuilding: [String: [Pending]] = [:]
    var quarterPlaceReferences: [Pending] = []
    func refer(
      _ reference: PlaceReference, owner: String, at path: [String], attribute: String,
      buildingAttribute: String
    ) {
      let pending = (
        place: reference.place, owner: owner, path: path, attribute: attribute,
        buildingAttribute: buildingAttribute
      )
      if let building = reference.building {
        pendingByBuilding[building, default: []].append(pending)
      } else {
        quarterPlaceReferences.append(pending)
      }
    }
    for (index, place) in quarter.places.enumerated() {
      let placePath = path + [Self.named("place", place.id)]
      checkPlace(place, at: placePath)
      if let first = places[place.id] {
        error(
          placePath, "id",
          MeaningRules.duplicateQuarterPlace(
            place.id, firstPosition: "place \(first) of the quarter"))
      } else {
        places[place.id] = index + 1
      }
    }
    for (index, facility) in quarter.facilities.enumerated() {
      let facilityPath = path + [Self.named("facility", facility.id)]
      if let first = facilities[facility.id] {
        error(
          facilityPath, "id",
          MeaningRules.duplicateFacility(
            facility.id, firstPosition: "facility \(first) of the quarter"))
      } else {
        facilities[facility.id] = index + 1
      }
      refer(
        facility.location, owner: "facility '\(facility.id)'", at: facilityPath,
        attribute: "place", buildingAttribute: "building")
    }
    for outdoorPath in quarter.outdoorPaths {
      let owner = MeaningRules.outdoorPathOwner(outdoorPath)
      let subject =
        outdoorPath.id.map { "outdoorPath '\($0)'" }
        ?? "outdoorPath from '\(outdoorPath.from.place)' to '\(outdoorPath.to.place)'"
      let pathPath = path + [outdoorPath.id.map { "outdoorPath '\($0)'" } ?? subject]
      geometry("outdoorPath", subject: subject, at: pathPath, outdoorPath.geometry)
      refer(
        outdoorPath.from, owner: owner, at: pathPath, attribute: "from",
        buildingAttribute: "fromBuilding")
      refer(
        outdoorPath.to, owner: owner, at: pathPath, attribute: "to",
        buildingAttribute: "toBuilding")
    }
    for building in quarter.buildings {
      check(building, at: path)
      guard let pending = pendingByBuilding.removeValue(forKey: building.id) else { continue }
      let placeIDs = Set(building.places.map(\.id))
      for reference in pending where !placeIDs.contains(reference.place) {
        error(
          reference.path, reference.attribute,
          MeaningRules.notAPlaceOfBuilding(
            owner: reference.owner, place: reference.place, building: building.id))
      }
    }
    for reference in quarterPlaceReferences where places[reference.place] == nil {
      error(
        reference.path, reference.attribute,
        MeaningRules.notAPlaceOfQuarter(owner: reference.owner, place: reference.place))
    }
    guard resolvingBuildings else { return }
    for building in pendingByBuilding.keys.sorted() {
      for reference in pendingByBuilding[building] ?? [] {
        error(
          reference.path, reference.buildingAttribute,
          MeaningRules.notABuildingOfQuarter(owner: reference.owner, building: building))
      }
    }
  }
}
