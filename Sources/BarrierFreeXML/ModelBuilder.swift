import BarrierFreeModel
import BarrierFreeXMLSupport
internal import CLibXML2

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An element whose end tag has not been read yet.
struct OpenElement {
  /// nil for an element outside the format (already reported).
  var name: ElementName?
}

/// The model under construction while a document streams: at most one
/// building, its open flat, room, place, connector and fixture.
struct ModelBuilder {
  /// Deeper nesting is refused.
  static let maximumDepth = 64

  var open: [OpenElement] = []
  var quarter: Quarter?
  var quarterAnnounced = false
  var building: Building?
  var flat: Flat?
  var room: Room?
  var place: Place?
  var connector: Connector?
  var stop: LiftStop?
  /// Where the open lift's start tag is.
  var liftLocation: SourceLocation?
  var fixture: Fixture?

  /// Every building id of the file with the line of its first use. The only
  /// structure that grows with the file: a few dozen bytes per building.
  var buildingLines: [String: Int] = [:]
  var quarterLines: [String: Int] = [:]
  /// Elements in the open building, and in the open quarter outside its
  /// buildings (see ``ReaderOptions/maxElementsPerBuilding``).
  var buildingElements = 0
  var quarterElements = 0
  var rootSeen = false

  // The element being started (its attributes are the reader's
  // `attributeTable`).
  var element: ElementName = .portfolio
}

private let namespaceBytes: [CChar] = Array(PortfolioSchema.namespace.utf8CString)

extension PortfolioReader {
  // MARK: - Start and end of elements

  func startElement(
    localName: UnsafePointer<xmlChar>, uri: UnsafePointer<xmlChar>?,
    attributeCount: Int, defaultedCount: Int,
    attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
  ) {
    guard let names else { return }
    forgetElementTag()
    attributeTable.clear()
    flushDeferred()
    if pendingText != nil { reportPendingText(at: elementTag) }
    if atEndOfInput && !parserStopped && !startTagIsWhole() {
      // At the end of the input libxml2 hands over a start tag cut short
      // (`<room id="r1" wid`): not an element to check. The error that the
      // file ends is reported next.
      sawTruncatedTag = true
      builder.open.append(OpenElement(name: nil))
      return
    }
    // Reporting may have reached the error limit and stopped the parser,
    // which frees the buffer this element's attributes point into (fuzzer:
    // heap-use-after-free).
    if parserStopped { return }
    if builder.open.isEmpty && sawDoctype {
      refuseDoctypeIfSeen()
      return
    }
    // The format nests 7 deep at most; libxml2's push parser in 2.9 does not
    // enforce its own depth limit, so stop here rather than grow a stack.
    if builder.open.count >= ModelBuilder.maximumDepth {
      let tag = currentTag()
      report(
        .error, .syntax,
        at: SourceLocation(file: fileName, line: tag?.line ?? 0, column: tag?.column ?? 0),
        "elements are nested more than \(ModelBuilder.maximumDepth) deep; the format never nests more than 7 levels"
      )
      stopParser()
      return
    }
    let inNamespace =
      uri.map { uri in
        namespaceBytes.withUnsafeBufferPointer { expected in
          guard let expected = expected.baseAddress else { return false }
          return strcmp(UnsafeRawPointer(uri).assumingMemoryBound(to: CChar.self), expected) == 0
        }
      } ?? false
    let parent = builder.open.last
    let name = inNamespace ? names.element(localName) : nil
    guard let name, parent == nil || parent?.name != nil, allowed(name, under: parent?.name)
    else {
      builder.open.append(OpenElement(name: nil))
      if parent?.name != nil && builder.rootSeen {
        let tag = currentTag()
        let elementName = String(
          cString: UnsafeRawPointer(localName).assumingMemoryBound(to: CChar.self))
        reportUnlessSchemaDoes(
          .meaning,
          at: SourceLocation(file: fileName, line: tag?.line ?? 0, column: tag?.column ?? 0),
          "<\(elementName)> is not expected here")
      }
      builder.rootSeen = true
      return
    }
    builder.rootSeen = true
    // Values the embedded schema leaves to the reader, in attribute order.
    var suspect: [(AttributeName, ValueCheck)] = []
    if let attributes {
      // Attributes defaulted from a DTD come last; never take them (a
      // DOCTYPE is refused anyway, and a missing value means "not measured").
      for index in 0..<max(0, attributeCount - defaultedCount) {
        let base = attributes + 5 * index
        guard let attributeName = base[0], base[2] == nil,
          let known = names.attribute(attributeName), let start = base[3], let end = base[4]
        else { continue }
        let value = UnsafeBufferPointer(start: start, count: end - start)
        attributeTable.set(known, value)
        if known.isNonNegativeDecimal && Values.isNegative(value) {
          suspect.append((known, .belowZero))
        }
        // A character takes at least one byte.
        if let limit = known.maximumCharacters, value.count > limit {
          suspect.append((known, .tooLong(limit)))
        }
        if let allowed = known.allowedValues(on: name), !allowed.contains(value) {
          suspect.append((known, .unlisted(allowed)))
        }
      }
    }
    if isOversized(adding: name) { return }
    builder.element = name
    for (attribute, check) in suspect { refuse(attribute, check) }
    // The tag's text and place are found when a check asks for them (a
    // definition's line, a problem's place), not for every element:
    // scanning back for the '<' was a tenth of reading a file.
    builder.open.append(OpenElement(name: name))
    start(name, parent: parent?.name)
  }

  /// Counts `name` into the building (or the quarter's own data) it stands
  /// in, and refuses it and stops the read past
  /// ``ReaderOptions/maxElementsPerBuilding``: a building and a quarter's
  /// places and paths are held whole until their end tag, so without a
  /// bound one hostile building could take all memory (a million doors
  /// took 5 GB).
  private func isOversized(adding name: ElementName) -> Bool {
    let kind: String
    let id: String?
    let count: Int
    if let building = builder.building {
      builder.buildingElements += 1
      (kind, id, count) = ("building", building.id, builder.buildingElements)
    } else if let quarter = builder.quarter, name != .building {
      builder.quarterElements += 1
      (kind, id, count) = ("quarter", quarter.id, builder.quarterElements)
    } else {
      return false
    }
    let limit = options.maxElementsPerBuilding
    guard count > limit else { return false }
    let tag = currentTag()
    let named = id.map { $0.isEmpty ? "" : " '\($0)'" } ?? ""
    report(
      .error, .security,
      at: SourceLocation(file: fileName, line: tag?.line ?? 0, column: tag?.column ?? 0),
      "\(kind)\(named) has more than \(limit) elements, the limit for one \(kind); the rest of the file is not read (a real building has a few thousand; raise the limit with --max-building-elements if this one is real)"
    )
    stopParser()
    return true
  }

  /// What the published schema checks and the reader's copy leaves to the
  /// reader (see `PortfolioSchema.readerXSD`): libxml2 built a value for each
  /// attribute to check these.
  enum ValueCheck {
    /// A length, slope or area below 0.
    case belowZero
    /// An identifier or name of more characters than this.
    case tooLong(Int)
    /// A value of an enumerated attribute the schema does not list.
    case unlisted(AllowedValues)
  }

  /// Reports a value that fails `check`, as the schema's error would be and
  /// in the words its message was rewritten into, unless the validator
  /// reports the same attribute. Characters are counted and
  /// values compared as the schema does: an identifier's and an enumerated
  /// value's white space collapsed first.
  private func refuse(_ name: AttributeName, _ check: ValueCheck) {
    guard let bytes = attribute(name) else { return }
    let problem: String
    switch check {
    case .belowZero:
      problem =
        "is \(Values.token(bytes)), below the smallest allowed value 0; measurements cannot be negative"
    case .tooLong(let limit):
      let characters =
        name.isIdentifier
        ? Values.token(bytes).unicodeScalars.count
        : String(decoding: bytes, as: UTF8.self).unicodeScalars.count
      guard characters > limit else { return }
      problem = "is too long (\(characters) characters; at most \(limit))"
    case .unlisted(let allowed):
      let value = Values.token(bytes)
      guard !allowed.texts.contains(value) else { return }
      let hint =
        SchemaMessages.closest(to: value, among: allowed.texts).map { "; did you mean '\($0)'?" }
        ?? ""
      problem =
        "'\(value)' is not one of the allowed values: \(allowed.texts.joined(separator: ", "))\(hint)"
    }
    let subject = SchemaMessages.describe(element: builder.element.text, tag: elementTag)
    // Deferred to the element's next event: if the validator reports the
    // attribute itself (not allowed on this element, not a number at all),
    // its message stands alone, as before the check moved here.
    reportUnlessSchemaDoes(
      .schema, attribute: name.text, at: attributeLocation(name),
      "\(subject): \(name.text) \(problem)")
  }

  func endElement(localName: UnsafePointer<xmlChar>, uri: UnsafePointer<xmlChar>?) {
    forgetElementTag()
    // The start tag's values may have moved in libxml2's buffer.
    attributeTable.clear()
    flushDeferred()
    if pendingText != nil { reportPendingText(at: currentTag()) }
    if parserStopped { return }
    guard let closed = builder.open.popLast(), let name = closed.name else { return }
    let parent = builder.open.last?.name
    end(name, parent: parent)
  }

  /// The id of the innermost open element, from the model being built:
  /// its start tag may have left libxml2's buffer.
  func openElementID() -> String? {
    let id: String? =
      switch builder.open.last?.name {
      case .quarter?: builder.quarter?.id
      case .building?: builder.building?.id
      case .place?: builder.place?.id
      case .path?, .steps?, .ramp?, .door?, .lift?, .stairLift?: builder.connector?.id
      case .flat?: builder.flat?.id
      case .room?: builder.room?.id
      case .wc?, .washbasin?, .shower?, .bathtub?, .kitchenCounter?, .bed?, .window?,
        .control?, .furniture?, .wheelchairSpace?:
        builder.fixture?.id
      default: nil
      }
    return id?.isEmpty == false ? id : nil
  }

  /// Where each element may stand; anything else the schema has reported.
  private func allowed(_ name: ElementName, under parent: ElementName?) -> Bool {
    switch name {
    case .portfolio: parent == nil
    case .quarter: parent == .portfolio
    case .building: parent == .portfolio || parent == .quarter
    case .address, .flat: parent == .building
    case .place: parent == .building || parent == .quarter
    case .path, .lift: parent == .building
    case .steps, .ramp, .door, .stairLift: parent == .building || parent == .flat
    case .stop: parent == .lift
    case .room: parent == .flat
    case .wc, .washbasin, .shower, .bathtub, .kitchenCounter, .bed, .window, .control,
      .furniture, .wheelchairSpace:
      parent == .room
    case .movementArea:
      switch parent {
      case .place, .ramp, .door, .stop, .room, .wc, .washbasin, .shower, .bathtub,
        .kitchenCounter, .bed, .window, .control, .furniture, .wheelchairSpace:
        true
      default: false
      }
    case .facility, .outdoorPath: parent == .quarter
    }
  }

  private func start(_ name: ElementName, parent: ElementName?) {
    switch name {
    case .portfolio:
      emit(.portfolio(name: string(.name)))
    case .quarter:
      startQuarter()
    case .building:
      startBuilding()
    case .address:
      // Evaluate before the assignment: `a?.b = c` opens `a` before `c`.
      let address = Address(
        street: string(.street), houseNumber: string(.houseNumber),
        postcode: string(.postcode), city: string(.city), country: string(.country))
      builder.building?.address = address
    case .place:
      let id = token(.id) ?? ""
      builder.place = Place(
        id: id, kind: enumeration(.kind) ?? .other, name: string(.name),
        level: integer(.level), width: length(.width), length: length(.length),
        accessible: boolean(.accessible))
      if parent == .quarter {
        quarterIndex.definePlace(id, at: elementLocation, reader: self)
      } else {
        define(id, as: .place)
      }
    case .movementArea:
      addMovementArea(to: parent)
    case .path:
      let path = Path(
        id: token(.id), from: token(.from) ?? "", to: token(.to) ?? "",
        geometry: pathGeometry())
      startConnector(.path(path))
    case .steps:
      startConnector(
        .steps(
          Steps(
            id: token(.id), from: token(.from) ?? "", to: token(.to) ?? "",
            count: integer(.count), riserHeight: length(.riserHeight),
            treadDepth: length(.treadDepth), width: length(.width),
            handrails: enumeration(.handrails), handrailHeight: length(.handrailHeight),
            handrailExtension: length(.handrailExtension))))
    case .ramp:
      startConnector(
        .ramp(
          Ramp(
            id: token(.id), from: token(.from) ?? "", to: token(.to) ?? "",
            slope: slope(.slope), crossSlope: slope(.crossSlope), length: length(.length),
            longestRun: length(.longestRun), landingLength: length(.landingLength),
            clearWidth: length(.clearWidth), handrails: enumeration(.handrails),
            handrailHeight: length(.handrailHeight), wheelGuards: boolean(.wheelGuards))))
    case .door:
      startConnector(
        .door(
          Door(
            id: token(.id), from: token(.from) ?? "", to: token(.to) ?? "",
            clearWidth: length(.clearWidth), clearHeight: length(.clearHeight),
            threshold: length(.threshold), operation: enumeration(.operation),
            opensInto: enumeration(.opensInto), handleHeight: length(.handleHeight),
            handleSideClearance: length(.handleSideClearance),
            revealDepth: length(.revealDepth),
            unlockableFromOutside: boolean(.unlockableFromOutside))))
    case .lift:
      startConnector(
        .lift(
          Lift(
            id: token(.id) ?? "", cabinWidth: length(.cabinWidth),
            cabinDepth: length(.cabinDepth), doorClearWidth: length(.doorClearWidth),
            controlHeight: length(.controlHeight))))
    case .stop:
      let place = token(.place) ?? ""
      builder.stop = LiftStop(place: place)
      buildingIndex.refer(
        to: place, role: .liftStop, owner: .named(kind: "lift", id: builder.connector?.id ?? ""),
        at: attributeLocation(.place))
    case .stairLift:
      startConnector(
        .stairLift(
          StairLift(
            id: token(.id), from: token(.from) ?? "", to: token(.to) ?? "",
            kind: enumeration(.kind) ?? .seat, platformWidth: length(.platformWidth),
            platformDepth: length(.platformDepth))))
    case .flat:
      let id = token(.id) ?? ""
      let entrance = token(.entrance) ?? ""
      builder.flat = Flat(
        id: id, number: string(.number), level: integer(.level), area: area(.area),
        entrance: entrance)
      define(id, as: .flat)
      buildingIndex.refer(
        to: entrance, role: .flatEntrance, owner: .named(kind: "flat", id: id),
        at: attributeLocation(.entrance))
      buildingIndex.openFlat(id, at: elementLocation)
    case .room:
      let id = token(.id) ?? ""
      builder.room = Room(
        id: id, kind: enumeration(.kind) ?? .other, name: string(.name), area: area(.area),
        width: length(.width), length: length(.length))
      define(id, as: .room)
      buildingIndex.addRoomToOpenFlat(id)
    case .wc:
      startFixture(
        .wc(
          WC(
            common: fixtureCommon(), seatHeight: length(.seatHeight),
            projection: length(.projection), transferWidth: length(.transferWidth),
            transferDepth: length(.transferDepth),
            otherSideClearance: length(.otherSideClearance), grabBars: enumeration(.grabBars),
            backrest: boolean(.backrest))))
    case .washbasin:
      startFixture(
        .washbasin(
          Washbasin(
            common: fixtureCommon(), height: length(.height),
            kneeClearanceHeight: length(.kneeClearanceHeight),
            kneeClearanceDepth: length(.kneeClearanceDepth),
            legSpaceWidth: length(.legSpaceWidth))))
    case .shower:
      startFixture(
        .shower(
          Shower(
            common: fixtureCommon(), floorLevel: boolean(.floorLevel), step: length(.step),
            width: length(.width), depth: length(.depth),
            slipResistance: enumeration(.slipResistance), grabBars: enumeration(.grabBars))))
    case .bathtub:
      startFixture(
        .bathtub(
          Bathtub(
            common: fixtureCommon(), entryHeight: length(.entryHeight), width: length(.width),
            length: length(.length))))
    case .kitchenCounter:
      startFixture(
        .kitchenCounter(
          KitchenCounter(
            common: fixtureCommon(), length: length(.length), height: length(.height),
            kneeSpace: boolean(.kneeSpace))))
    case .bed:
      startFixture(
        .bed(
          Bed(
            common: fixtureCommon(), width: length(.width), length: length(.length),
            clearanceLeft: length(.clearanceLeft), clearanceRight: length(.clearanceRight),
            clearanceFoot: length(.clearanceFoot))))
    case .window:
      startFixture(
        .window(
          Window(
            common: fixtureCommon(), sillHeight: length(.sillHeight),
            handleHeight: length(.handleHeight), powered: boolean(.powered))))
    case .control:
      startFixture(
        .control(
          Control(
            common: fixtureCommon(), kind: enumeration(.kind) ?? .other,
            height: length(.height), cornerDistance: length(.cornerDistance))))
    case .furniture:
      startFixture(
        .furniture(Furniture(common: fixtureCommon(), kind: enumeration(.kind) ?? .other)))
    case .wheelchairSpace:
      startFixture(
        .wheelchairSpace(
          WheelchairSpace(
            common: fixtureCommon(), width: length(.width), depth: length(.depth),
            socket: boolean(.socket))))
    case .facility:
      let facility = Facility(
        id: token(.id) ?? "", kind: enumeration(.kind) ?? .commonRoom, name: string(.name),
        location: PlaceReference(building: token(.building), place: token(.place) ?? ""),
        open24h: boolean(.open24h))
      builder.quarter?.facilities.append(facility)
      quarterIndex.defineFacility(facility.id, at: elementLocation, reader: self)
      quarterIndex.refer(
        to: facility.location, owner: "facility '\(facility.id)'",
        at: attributeLocation(.place))
    case .outdoorPath:
      let path = OutdoorPath(
        id: token(.id),
        from: PlaceReference(building: token(.fromBuilding), place: token(.from) ?? ""),
        to: PlaceReference(building: token(.toBuilding), place: token(.to) ?? ""),
        geometry: pathGeometry())
      builder.quarter?.outdoorPaths.append(path)
      let owner = MeaningRules.outdoorPathOwner(path)
      quarterIndex.refer(to: path.from, owner: owner, at: attributeLocation(.from))
      quarterIndex.refer(to: path.to, owner: owner, at: attributeLocation(.to))
    }
  }

  private func end(_ name: ElementName, parent: ElementName?) {
    switch name {
    case .portfolio, .address, .movementArea, .facility, .outdoorPath:
      break
    case .quarter:
      endQuarter()
    case .building:
      endBuilding()
    case .place:
      // take(): moved out, not copied (a copy retains every string of it).
      guard let place = builder.place.take() else { return }
      if parent == .quarter {
        builder.quarter?.places.append(place)
      } else {
        builder.building?.places.append(place)
      }
    case .path, .steps, .ramp, .door, .lift, .stairLift:
      guard let connector = builder.connector.take() else { return }
      if case .lift(let lift) = connector, let problem = MeaningRules.stopsAtOnePlace(lift) {
        report(.error, .meaning, at: builder.liftLocation ?? elementLocation, problem)
      }
      if parent == .flat {
        builder.flat?.connectors.append(connector)
      } else {
        builder.building?.connectors.append(connector)
      }
    case .stop:
      guard let stop = builder.stop.take() else { return }
      if case .lift(var lift) = builder.connector {
        builder.connector = nil
        lift.stops.append(stop)
        builder.connector = .lift(lift)
      }
    case .flat:
      guard let flat = builder.flat.take() else { return }
      builder.building?.flats.append(flat)
      buildingIndex.closeFlat(flat, reader: self)
    case .room:
      guard let room = builder.room.take() else { return }
      builder.flat?.rooms.append(room)
    case .wc, .washbasin, .shower, .bathtub, .kitchenCounter, .bed, .window, .control,
      .furniture, .wheelchairSpace:
      guard let fixture = builder.fixture.take() else { return }
      builder.room?.fixtures.append(fixture)
    }
  }

  // MARK: - Quarters and buildings

  private func startQuarter() {
    let id = token(.id) ?? ""
    if id.isEmpty {
      // The schema reports the missing id.
    } else if let first = builder.quarterLines[id] {
      report(
        .error, .meaning, at: attributeLocation(.id),
        MeaningRules.duplicateQuarter(id, firstPosition: "on line \(first)"))
    } else {
      builder.quarterLines[id] = elementLocation.line
    }
    builder.quarter = Quarter(id: id, name: string(.name))
    builder.quarterAnnounced = false
    builder.quarterElements = 1
    quarterIndex = QuarterIndex()
  }

  private func announceQuarter() {
    guard let quarter = builder.quarter, !builder.quarterAnnounced else { return }
    builder.quarterAnnounced = true
    emit(.quarter(quarter))
  }

  private func endQuarter() {
    announceQuarter()
    quarterIndex.finish(reader: self)
    if let quarter = builder.quarter { emit(.endQuarter(id: quarter.id)) }
    builder.quarter = nil
  }

  private func startBuilding() {
    announceQuarter()
    let id = token(.id) ?? ""
    if id.isEmpty {
      // The schema reports the missing id.
    } else if let first = builder.buildingLines[id] {
      report(
        .error, .meaning, at: attributeLocation(.id),
        MeaningRules.duplicateBuilding(id, firstPosition: "on line \(first)"))
    } else {
      builder.buildingLines[id] = elementLocation.line
    }
    let year = attribute(.yearBuilt).flatMap { Values.year($0) }
    builder.building = Building(
      id: id, name: string(.name), yearBuilt: year, storeys: integer(.storeys))
    builder.buildingElements = 1
    buildingIndex.reset()
  }

  private func endBuilding() {
    guard let building = builder.building else { return }
    builder.building = nil
    buildingIndex.finish(building: building, reader: self)
    if builder.quarter != nil {
      quarterIndex.buildingEnded(building, reader: self)
    }
    emit(.building(building, quarter: builder.quarter?.id))
  }

  /// Checks what can only be checked at the end of the document.
  func finishDocument() {
    if builder.quarter != nil {
      // A truncated document: keep what was complete, and say nothing more.
      builder.quarter = nil
    }
  }

  // MARK: - Parts

  private func startConnector(_ connector: Connector) {
    builder.connector = connector
    if let id = connector.id { define(id, as: .connector(connector.kindName)) }
    guard case .lift = connector else {
      let ends = connector.endpoints
      let owner = Owner.connector(
        kind: connector.kindName, id: connector.id, from: ends[0], to: ends[1])
      buildingIndex.refer(
        to: ends[0], role: .connectorEnd, owner: owner, at: attributeLocation(.from))
      buildingIndex.refer(
        to: ends[1], role: .connectorEnd, owner: owner, at: attributeLocation(.to))
      if ends[0] == ends[1] {
        report(
          .error, .meaning, at: attributeLocation(.to),
          MeaningRules.joinsItself(owner, end: ends[0]))
      }
      if builder.flat != nil {
        buildingIndex.flatConnector(
          from: ends[0], to: ends[1], owner: owner, at: elementLocation)
      }
      return
    }
    builder.liftLocation = elementLocation
  }

  private func startFixture(_ fixture: Fixture) {
    builder.fixture = fixture
    if let id = fixture.id { define(id, as: .fixture(fixture.kindName)) }
  }

  private func fixtureCommon() -> FixtureCommon {
    FixtureCommon(id: token(.id))
  }

  private func pathGeometry() -> PathGeometry {
    PathGeometry(
      width: length(.width), length: length(.length), slope: slope(.slope),
      crossSlope: slope(.crossSlope), surface: enumeration(.surface))
  }

  private func addMovementArea(to parent: ElementName?) {
    let area = MovementArea(
      width: length(.width), depth: length(.depth), side: enumeration(.side))
    switch parent {
    case .place:
      builder.place?.movementAreas.append(area)
    case .room:
      builder.room?.movementAreas.append(area)
    case .stop:
      builder.stop?.movementArea = area
    case .door, .ramp:
      switch builder.connector.take() {
      case .door(var door)?:
        door.movementAreas.append(area)
        builder.connector = .door(door)
      case .ramp(var ramp)?:
        ramp.movementAreas.append(area)
        builder.connector = .ramp(ramp)
      case let other:
        builder.connector = other
      }
    default:
      guard var fixture = builder.fixture.take() else { return }
      fixture.setMovementArea(area)
      builder.fixture = fixture
    }
    if (parent == .door || parent == .ramp) && area.side == nil {
      report(
        .error, .meaning, at: elementLocation,
        MeaningRules.movementAreaWithoutSide(of: parent == .door ? "door" : "ramp"))
    }
  }

  private func define(_ id: String, as kind: BuildingIndex.Kind) {
    guard !id.isEmpty else { return }
    buildingIndex.define(
      id, kind: kind, line: elementLocation.line, at: attributeLocation(.id),
      reader: self)
  }

  // MARK: - Descriptions for messages

  /// `door 'd1'` for the element being started.
  private func describeElement() -> String {
    if let id = token(.id) { return "\(builder.element.text) '\(id)'" }
    if let from = token(.from), let to = token(.to) {
      return "\(builder.element.text) from '\(from)' to '\(to)'"
    }
    if let room = builder.room { return "\(builder.element.text) in room '\(room.id)'" }
    return builder.element.text
  }

  // MARK: - Attribute values

  private func attribute(_ name: AttributeName) -> UnsafeBufferPointer<UInt8>? {
    attributeTable[name]
  }

  /// The location of an attribute of the element being started (the element's
  /// own location when the attribute is absent).
  func attributeLocation(_ name: AttributeName) -> SourceLocation {
    guard let tag = elementTag,
      let position = tag.position(ofAttribute: name.text, value: attribute(name))
    else { return elementLocation }
    return SourceLocation(file: fileName, line: position.line, column: position.column)
  }

  private func string(_ name: AttributeName) -> String? {
    attribute(name).map(Values.string)
  }

  private func token(_ name: AttributeName) -> String? {
    guard let bytes = attribute(name) else { return nil }
    // Most identifiers are plain ASCII: checked on the bytes, the string
    // only for the rest. Such an identifier has no white space to collapse.
    if name.isIdentifier && Values.isASCIIIdentifier(bytes) {
      return String(decoding: bytes, as: UTF8.self)
    }
    let value = Values.token(bytes)
    if name.isIdentifier && !Values.isIdentifier(value) {
      report(
        .error, .schema, at: attributeLocation(name),
        "\(builder.element.text): \(name.text) '\(value)' is not a valid identifier; use letters, digits, '_', '-' and '.', starting with a letter, digit or '_'"
      )
    } else if name.isIdentifier, let composed = Values.composedForm(of: value) {
      // Strings compare by canonical equivalence, ids must by their bytes:
      // with every id in composed form the two agree, here and in every
      // graph built from the model.
      report(
        .error, .meaning, at: attributeLocation(name),
        "\(builder.element.text): \(name.text) '\(value)' (\(Values.codePoints(value))) is not in Unicode composed form (NFC); ids are compared by their bytes, and Unicode counts it the same as '\(composed)' (\(Values.codePoints(composed))): write that"
      )
    }
    return value
  }

  private func integer(_ name: AttributeName) -> Int? {
    guard let bytes = attribute(name) else { return nil }
    if let value = Values.integer(bytes) { return value }
    invalid(name, bytes, expected: "a whole number of a plausible size")
    return nil
  }

  private func boolean(_ name: AttributeName) -> Bool? {
    guard let bytes = attribute(name) else { return nil }
    if let value = Values.boolean(bytes) { return value }
    invalid(name, bytes, expected: "true or false")
    return nil
  }

  private func enumeration<Value: RawRepresentable>(_ name: AttributeName) -> Value?
  where Value.RawValue == String {
    guard let bytes = attribute(name) else { return nil }
    if let value = Value(rawValue: Values.token(bytes)) { return value }
    // Where the schema lists the values, `refuse` has reported it with them.
    if name.allowedValues(on: builder.element) == nil {
      invalid(name, bytes, expected: "one of the values the schema lists")
    }
    return nil
  }

  private func decimal(_ name: AttributeName, unit: String) -> Double? {
    guard let bytes = attribute(name) else { return nil }
    guard let value = Values.decimal(bytes), value.isFinite else {
      invalid(name, bytes, expected: "a number (\(unit))")
      return nil
    }
    // A negative length, slope or area is refused as the schema would.
    if !(value < 0 && name.isNonNegativeDecimal),
      let limit = Plausibility.limit(element: builder.element, attribute: name),
      !limit.range.contains(value)
    {
      // Deferred: a negative value is the schema's to report.
      reportUnlessSchemaDoes(
        .meaning, attribute: name.text, at: attributeLocation(name),
        PlausibleValues.message(
          subject: describeElement(), element: builder.element.text, attribute: name.text,
          value: value, limit: limit))
    }
    return value == 0 ? 0 : value  // no negative zero in the model
  }

  private func length(_ name: AttributeName) -> Length? {
    decimal(name, unit: "mm").map(Length.init(millimetres:))
  }

  private func slope(_ name: AttributeName) -> Slope? {
    decimal(name, unit: "%").map(Slope.init(percent:))
  }

  private func area(_ name: AttributeName) -> Area? {
    decimal(name, unit: "m²").map(Area.init(squareMetres:))
  }

  /// A value the schema should have refused; reported only when it did not,
  /// so that no bad value is dropped in silence.
  private func invalid(
    _ name: AttributeName, _ bytes: UnsafeBufferPointer<UInt8>, expected: String
  ) {
    reportUnlessSchemaDoes(
      .meaning, attribute: name.text, at: attributeLocation(name),
      "\(describeElement()): \(name.text) '\(Values.string(bytes))' is not \(expected)")
  }
}

extension Fixture {
  /// Sets the movement area in front of the fixture.
  mutating func setMovementArea(_ area: MovementArea) {
    switch self {
    case .wc(var value):
      value.common.movementArea = area
      self = .wc(value)
    case .washbasin(var value):
      value.common.movementArea = area
      self = .washbasin(value)
    case .shower(var value):
      value.common.movementArea = area
      self = .shower(value)
    case .bathtub(var value):
      value.common.movementArea = area
      self = .bathtub(value)
    case .kitchenCounter(var value):
      value.common.movementArea = area
      self = .kitchenCounter(value)
    case .bed(var value):
      value.common.movementArea = area
      self = .bed(value)
    case .window(var value):
      value.common.movementArea = area
      self = .window(value)
    case .control(var value):
      value.common.movementArea = area
      self = .control(value)
    case .furniture(var value):
      value.common.movementArea = area
      self = .furniture(value)
    case .wheelchairSpace(var value):
      value.common.movementArea = area
      self = .wheelchairSpace(value)
    }
  }
}
