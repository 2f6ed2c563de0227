import BarrierFreeModel
import BarrierFreeXMLSupport

extension PortfolioReader {
  func start(_ name: ElementName, parent: ElementName?) {
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
      state.builder.building?.address = address
    case .place:
      let id = token(.id) ?? ""
      state.builder.place = Place(
        id: id, kind: enumeration(.kind) ?? .other, name: string(.name),
        storey: integer(.level), width: length(.width), length: length(.length),
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
            unlockableFromOutside: boolean(.unlockableFromOutside),
            clearWidthEstimated: boolean(.clearWidthEstimated) ?? false)))
    case .lift:
      startConnector(
        .lift(
          Lift(
            id: token(.id) ?? "", cabinWidth: length(.cabinWidth),
            cabinDepth: length(.cabinDepth), doorClearWidth: length(.doorClearWidth),
            controlHeight: length(.controlHeight))))
    case .stop:
      let place = token(.place) ?? ""
      state.builder.stop = LiftStop(place: place)
      state.buildingIndex.refer(
        to: place, role: .liftStop,
        owner: .named(kind: "lift", id: state.builder.connector?.id ?? ""),
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
      state.builder.flat = Flat(
        id: id, number: string(.number), storey: integer(.level), area: area(.area),
        entrance: entrance)
      define(id, as: .flat)
      state.buildingIndex.refer(
        to: entrance, role: .flatEntrance, owner: .named(kind: "flat", id: id),
        at: attributeLocation(.entrance))
      state.buildingIndex.openFlat(id, at: elementLocation)
    case .room:
      let id = token(.id) ?? ""
      state.builder.room = Room(
        id: id, kind: enumeration(.kind) ?? .other, name: string(.name), area: area(.area),
        width: length(.width), length: length(.length))
      define(id, as: .room)
      state.buildingIndex.addRoomToOpenFlat(id)
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
      state.builder.quarter?.facilities.append(facility)
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
      state.builder.quarter?.outdoorPaths.append(path)
      let owner = MeaningRules.outdoorPathOwner(path)
      quarterIndex.refer(to: path.from, owner: owner, at: attributeLocation(.from))
      quarterIndex.refer(to: path.to, owner: owner, at: attributeLocation(.to))
    }
  }

  func end(_ name: ElementName, parent: ElementName?) {
    switch name {
    case .portfolio, .address, .movementArea, .facility, .outdoorPath:
      break
    case .quarter:
      endQuarter()
    case .building:
      endBuilding()
    case .place:
      // take(): moved out, not copied (a copy retains every string of it).
      guard let place = state.builder.place.take() else { return }
      if parent == .quarter {
        state.builder.quarter?.places.append(place)
      } else {
        state.builder.building?.places.append(place)
      }
    case .path, .steps, .ramp, .door, .lift, .stairLift:
      guard let connector = state.builder.connector.take() else { return }
      if case .lift(let lift) = connector, let problem = MeaningRules.stopsAtOnePlace(lift) {
        report(
          .error, .meaning, at: state.builder.liftLocation ?? elementLocation, problem)
      }
      if parent == .flat {
        state.builder.flat?.connectors.append(connector)
      } else {
        state.builder.building?.connectors.append(connector)
      }
    case .stop:
      guard let stop = state.builder.stop.take() else { return }
      if case .lift(var lift) = state.builder.connector {
        state.builder.connector = nil
        lift.stops.append(stop)
        state.builder.connector = .lift(lift)
      }
    case .flat:
      guard let flat = state.builder.flat.take() else { return }
      state.builder.building?.flats.append(flat)
      state.buildingIndex.closeFlat(flat, reader: self)
    case .room:
      guard let room = state.builder.room.take() else { return }
      state.builder.flat?.rooms.append(room)
    case .wc, .washbasin, .shower, .bathtub, .kitchenCounter, .bed, .window, .control,
      .furniture, .wheelchairSpace:
      guard let fixture = state.builder.fixture.take() else { return }
      state.builder.room?.fixtures.append(fixture)
    }
  }

  // MARK: - Quarters and buildings

  func startQuarter() {
    let id = token(.id) ?? ""
    if id.isEmpty {
      // The schema reports the missing id.
    } else if let first = state.builder.quarterLines[id] {
      report(
        .error, .meaning, at: attributeLocation(.id),
        MeaningRules.duplicateQuarter(id, firstPosition: "on line \(first)"))
    } else {
      state.builder.quarterLines[id] = elementLocation.line
    }
    state.builder.quarter = Quarter(id: id, name: string(.name))
    state.builder.quarterAnnounced = false
    state.builder.quarterElements = 1
    quarterIndex = QuarterIndex()
  }

  func announceQuarter() {
    guard let quarter = state.builder.quarter, !state.builder.quarterAnnounced
    else { return }
    state.builder.quarterAnnounced = true
    emit(.quarter(quarter))
  }

  func endQuarter() {
    announceQuarter()
    quarterIndex.finish(reader: self)
    if let quarter = state.builder.quarter { emit(.endQuarter(id: quarter.id)) }
    state.builder.quarter = nil
  }

  func startBuilding() {
    announceQuarter()
    let id = token(.id) ?? ""
    if id.isEmpty {
      // The schema reports the missing id.
    } else if let first = state.builder.buildingLines[id] {
      report(
        .error, .meaning, at: attributeLocation(.id),
        MeaningRules.duplicateBuilding(id, firstPosition: "on line \(first)"))
    } else {
      state.builder.buildingLines[id] = elementLocation.line
    }
    let year = attribute(.yearBuilt).flatMap { Values.year($0) }
    state.builder.building = Building(
      id: id, name: string(.name), yearBuilt: year, storeys: integer(.storeys))
    state.builder.buildingElements = 1
    state.buildingIndex.reset()
  }

  func endBuilding() {
    guard let building = state.builder.building else { return }
    state.builder.building = nil
    state.buildingIndex.finish(building: building, reader: self)
    if state.builder.quarter != nil {
      quarterIndex.buildingEnded(building, reader: self)
    }
    emit(.building(building, quarter: state.builder.quarter?.id))
  }

  /// Checks what can only be checked at the end of the document.
  func finishDocument() {
    if state.builder.quarter != nil {
      // A truncated document: keep what was complete, and say nothing more.
      state.builder.quarter = nil
    }
  }

  // MARK: - Parts

  func startConnector(_ connector: Connector) {
    state.builder.connector = connector
    if let id = connector.id { define(id, as: .connector(connector.kindName)) }
    guard case .lift = connector else {
      let ends = connector.endpoints
      let owner = Owner.connector(
        kind: connector.kindName, id: connector.id, from: ends[0], to: ends[1])
      state.buildingIndex.refer(
        to: ends[0], role: .connectorEnd, owner: owner, at: attributeLocation(.from))
      state.buildingIndex.refer(
        to: ends[1], role: .connectorEnd, owner: owner, at: attributeLocation(.to))
      if ends[0] == ends[1] {
        report(
          .error, .meaning, at: attributeLocation(.to),
          MeaningRules.joinsItself(owner, end: ends[0]))
      }
      if state.builder.flat != nil {
        state.buildingIndex.flatConnector(
          from: ends[0], to: ends[1], owner: owner, at: elementLocation)
      }
      return
    }
    state.builder.liftLocation = elementLocation
  }

  func startFixture(_ fixture: Fixture) {
    state.builder.fixture = fixture
    if let id = fixture.id { define(id, as: .fixture(fixture.kindName)) }
  }

  func fixtureCommon() -> FixtureCommon {
    FixtureCommon(id: token(.id))
  }

  func pathGeometry() -> PathGeometry {
    PathGeometry(
      width: length(.width), length: length(.length), slope: slope(.slope),
      crossSlope: slope(.crossSlope), surface: enumeration(.surface))
  }

  func addMovementArea(to parent: ElementName?) {
    let area = MovementArea(
      width: length(.width), depth: length(.depth), side: enumeration(.side))
    switch parent {
    case .place:
      state.builder.place?.movementAreas.append(area)
    case .room:
      state.builder.room?.movementAreas.append(area)
    case .stop:
      state.builder.stop?.movementArea = area
    case .door, .ramp:
      switch state.builder.connector.take() {
      case .door(var door)?:
        door.movementAreas.append(area)
        state.builder.connector = .door(door)
      case .ramp(var ramp)?:
        ramp.movementAreas.append(area)
        state.builder.connector = .ramp(ramp)
      case let other:
        state.builder.connector = other
      }
    default:
      guard var fixture = state.builder.fixture.take() else { return }
      fixture.setMovementArea(area)
      state.builder.fixture = fixture
    }
    if (parent == .door || parent == .ramp) && area.side == nil {
      report(
        .error, .meaning, at: elementLocation,
        MeaningRules.movementAreaWithoutSide(of: parent == .door ? "door" : "ramp"))
    }
  }

  func define(_ id: String, as kind: BuildingIndex.Kind) {
    guard !id.isEmpty else { return }
    state.buildingIndex.define(
      id, kind: kind, line: elementLocation.line, at: attributeLocation(.id),
      reader: self)
  }
}
