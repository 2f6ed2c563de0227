import BarrierFreeModel
import BarrierFreeXMLSupport

/// The ids and references of one building, checked when the building ends:
/// duplicate ids, references to places or rooms that do not exist, lift stops
/// that are not places, flats without an entrance door.
struct BuildingIndex {
  enum Kind {
    case place, room, flat
    case connector(String)
    case fixture(String)

    var noun: String {
      switch self {
      case .place: "place"
      case .room: "room"
      case .flat: "flat"
      case .connector(let name), .fixture(let name): name
      }
    }
  }

  enum Role {
    /// The from or to of a connector: a place or a room.
    case connectorEnd
    /// A lift stop: a place.
    case liftStop
    /// A flat's entrance: a place.
    case flatEntrance
  }

  struct Definition {
    var kind: Kind
    var line: Int
  }

  struct Reference {
    var id: String
    var role: Role
    var owner: Owner
    var location: SourceLocation
  }

  struct FlatConnector {
    var from: String
    var to: String
    var owner: Owner
    var location: SourceLocation
  }

  private var definitions: [String: Definition] = [:]
  private var references: [Reference] = []
  private var openFlat: (id: String, location: SourceLocation)?
  private var openFlatRooms: Set<String> = []
  private var openFlatConnectors: [FlatConnector] = []

  /// Empties the index for the next building, keeping its storage: the
  /// dictionary of ids otherwise grows anew, rehashing, in every building.
  /// Storage for more than a large building's ids is let go, so that one
  /// huge building does not hold memory for the rest of the file.
  mutating func reset() {
    guard definitions.capacity <= 4096 && references.capacity <= 4096 else {
      self = BuildingIndex()
      return
    }
    definitions.removeAll(keepingCapacity: true)
    references.removeAll(keepingCapacity: true)
    openFlat = nil
    openFlatRooms.removeAll(keepingCapacity: true)
    openFlatConnectors.removeAll(keepingCapacity: true)
  }

  /// Records an id; `location` is only worked out for a duplicate.
  mutating func define(
    _ id: String, kind: Kind, line: Int, at location: @autoclosure () -> SourceLocation,
    reader: PortfolioReader
  ) {
    if let first = definitions[id] {
      reader.report(
        .error, .meaning, at: location(),
        "id '\(id)' is used twice in this building: the \(first.kind.noun) on line \(first.line) has it already, and this \(kind.noun) cannot have it too"
      )
      return
    }
    definitions[id] = Definition(kind: kind, line: line)
  }

  mutating func refer(
    to id: String, role: Role, owner: Owner, at location: SourceLocation
  ) {
    guard !id.isEmpty else { return }
    references.append(Reference(id: id, role: role, owner: owner, location: location))
  }

  mutating func openFlat(_ id: String, at location: SourceLocation) {
    openFlat = (id, location)
    openFlatRooms.removeAll(keepingCapacity: true)
    openFlatConnectors.removeAll(keepingCapacity: true)
  }

  mutating func addRoomToOpenFlat(_ id: String) {
    openFlatRooms.insert(id)
  }

  mutating func flatConnector(
    from: String, to: String, owner: Owner, at location: SourceLocation
  ) {
    openFlatConnectors.append(FlatConnector(from: from, to: to, owner: owner, location: location))
  }

  mutating func closeFlat(_ flat: Flat, reader: PortfolioReader) {
    let location = openFlat?.location ?? SourceLocation(file: reader.fileName, line: 0, column: 0)
    for connector in openFlatConnectors
    where !openFlatRooms.contains(connector.from) && !openFlatRooms.contains(connector.to) {
      reader.report(
        .error, .meaning, at: connector.location,
        "\(connector.owner) is inside flat '\(flat.id)' but joins '\(connector.from)' and '\(connector.to)', neither of which is a room of this flat; move it to the flat or building it belongs to"
      )
    }
    if flat.rooms.isEmpty {
      reader.report(
        .warning, .meaning, at: location,
        "flat '\(flat.id)' has no rooms: nothing inside it can be checked")
    } else if flat.entranceDoor == nil {
      reader.report(
        .warning, .meaning, at: location,
        "flat '\(flat.id)' has no door from its entrance '\(flat.entrance)' to one of its rooms; no route can reach the flat until its entrance door is recorded"
      )
    }
    openFlat = nil
  }

  /// Resolves every reference of the building.
  func finish(building: Building, reader: PortfolioReader) {
    var suggestionsLeft = 20
    for reference in references {
      // Past the limit nothing is reported: skip the work of saying it.
      if reader.isAtErrorLimit { return }
      let definition = definitions[reference.id]
      switch (reference.role, definition?.kind) {
      case (.connectorEnd, .place), (.connectorEnd, .room), (.liftStop, .place),
        (.flatEntrance, .place):
        continue
      case (.liftStop, .room):
        reader.report(
          .error, .meaning, at: reference.location,
          "\(reference.owner): stop '\(reference.id)' is a room; a lift stops at a place of the building (a landing or lobby)"
        )
      case (.flatEntrance, .room):
        reader.report(
          .error, .meaning, at: reference.location,
          "\(reference.owner): entrance '\(reference.id)' is a room; name the place outside the flat's entrance door (a landing or corridor)"
        )
      case (_, .some(let kind)):
        reader.report(
          .error, .meaning, at: reference.location,
          "\(reference.owner): '\(reference.id)' is a \(kind.noun), not \(expected(reference.role))"
        )
      case (_, .none):
        // A suggestion compares the id with every id of the building: offer
        // one for the first few unresolved references only.
        suggestionsLeft -= 1
        let suggested =
          suggestionsLeft >= 0 ? suggestion(for: reference.id, role: reference.role) : nil
        let hint = suggested.map { "; did you mean '\($0)'?" } ?? ""
        let message =
          switch reference.role {
          case .connectorEnd:
            "'\(reference.id)' is not a place or room of building '\(building.id)'"
          case .liftStop:
            "stop '\(reference.id)' is not a place of building '\(building.id)' (a lift stops at a landing or lobby)"
          case .flatEntrance:
            "entrance '\(reference.id)' is not a place of building '\(building.id)'"
          }
        reader.report(
          .error, .meaning, at: reference.location, "\(reference.owner): \(message)\(hint)")
      }
    }
  }

  private func expected(_ role: Role) -> String {
    switch role {
    case .connectorEnd: "a place or room"
    case .liftStop, .flatEntrance: "a place"
    }
  }

  /// The defined id closest to a misspelt one, if one is close.
  private func suggestion(for id: String, role: Role) -> String? {
    var best: (id: String, distance: Int)?
    for (candidate, definition) in definitions {
      switch (role, definition.kind) {
      case (.connectorEnd, .place), (.connectorEnd, .room), (.liftStop, .place),
        (.flatEntrance, .place):
        break
      default:
        continue
      }
      let distance = DidYouMean.distance(id, candidate, limit: 2)
      guard distance <= 2 else { continue }
      if let current = best,
        distance > current.distance || (distance == current.distance && candidate >= current.id)
      {
        continue
      }
      best = (candidate, distance)
    }
    return best?.id
  }
}

/// The element that makes a reference, described only when a message needs
/// it: building the text for every connector would cost more than the check.
enum Owner: CustomStringConvertible {
  /// A connector: `door 'd1'`, or `door from 'a' to 'b'` without an id.
  case connector(kind: String, id: String?, from: String, to: String)
  /// An element with an id: `flat 'f1'`, `lift 'l1'`.
  case named(kind: String, id: String)

  var description: String {
    switch self {
    case .connector(let kind, let id, let from, let to):
      id.map { "\(kind) '\($0)'" } ?? "\(kind) from '\(from)' to '\(to)'"
    case .named(let kind, let id):
      "\(kind) '\(id)'"
    }
  }
}

/// The ids of a quarter and its references to places of its buildings,
/// resolved as each building streams past.
struct QuarterIndex {
  struct Pending {
    var place: String
    var owner: String
    var location: SourceLocation
  }

  private var places: [String: Int] = [:]
  private var facilities: [String: Int] = [:]
  private var pendingByBuilding: [String: [Pending]] = [:]
  private var quarterPlaceReferences: [Pending] = []

  mutating func definePlace(_ id: String, at location: SourceLocation, reader: PortfolioReader) {
    if let first = places[id] {
      reader.report(
        .error, .meaning, at: location,
        "place id '\(id)' is used twice in this quarter; the first is on line \(first)")
    } else {
      places[id] = location.line
    }
  }

  mutating func defineFacility(
    _ id: String, at location: SourceLocation, reader: PortfolioReader
  ) {
    if let first = facilities[id] {
      reader.report(
        .error, .meaning, at: location,
        "facility id '\(id)' is used twice in this quarter; the first is on line \(first)")
    } else {
      facilities[id] = location.line
    }
  }

  mutating func refer(to reference: PlaceReference, owner: String, at location: SourceLocation) {
    let pending = Pending(place: reference.place, owner: owner, location: location)
    if let building = reference.building {
      pendingByBuilding[building, default: []].append(pending)
    } else {
      quarterPlaceReferences.append(pending)
    }
  }

  mutating func buildingEnded(_ building: Building, reader: PortfolioReader) {
    guard let pending = pendingByBuilding.removeValue(forKey: building.id) else { return }
    let placeIDs = Set(building.places.map(\.id))
    for reference in pending where !placeIDs.contains(reference.place) {
      reader.report(
        .error, .meaning, at: reference.location,
        "\(reference.owner): '\(reference.place)' is not a place of building '\(building.id)'")
    }
  }

  mutating func finish(reader: PortfolioReader) {
    for reference in quarterPlaceReferences where places[reference.place] == nil {
      reader.report(
        .error, .meaning, at: reference.location,
        "\(reference.owner): '\(reference.place)' is not a place of this quarter; name a quarter place, or add fromBuilding/toBuilding for a place of a building"
      )
    }
    for building in pendingByBuilding.keys.sorted() {
      for reference in pendingByBuilding[building] ?? [] {
        reader.report(
          .error, .meaning, at: reference.location,
          "\(reference.owner): building '\(building)' is not a building of this quarter")
      }
    }
    pendingByBuilding = [:]
  }
}
