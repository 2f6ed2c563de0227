import BarrierFreeModel
import BarrierFreeXMLSupport

/// The ids and references of one building, checked when the building ends:
/// duplicate ids, references to places or rooms that do not exist, lift stops
/// that are not places, flats without an entrance door. What is valid and the
/// words for what is not are ``MeaningRules``' (shared with the validation of
/// a model built in code); this is the streaming driver that applies them.
struct BuildingIndex {
  typealias Kind = MeaningRules.IdentifiedKind
  typealias Role = MeaningRules.ReferenceRole

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
        MeaningRules.duplicateID(
          id, first: first.kind, firstPosition: "on line \(first.line)", second: kind))
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
        MeaningRules.connectorOutsideFlat(
          connector.owner, flat: flat.id, from: connector.from, to: connector.to))
    }
    if let warning = MeaningRules.flatWarning(flat) {
      reader.report(.warning, .meaning, at: location, warning)
    }
    openFlat = nil
  }

  /// Resolves every reference of the building.
  func finish(building: Building, reader: PortfolioReader) {
    // Past the error limit nothing is reported: skip the work of saying it.
    if reader.isAtErrorLimit { return }
    MeaningRules.resolve(
      references, building: building.id,
      target: { ($0.id, $0.role, $0.owner) },
      kind: { definitions[$0]?.kind },
      candidates: { definitions.lazy.map { (id: $0.key, kind: $0.value.kind) } },
      report: { reference, message in
        reader.report(.error, .meaning, at: reference.location, message)
        return !reader.isAtErrorLimit
      })
  }
}

/// The element that makes a reference (see ``MeaningRules/Owner``).
typealias Owner = MeaningRules.Owner

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
        MeaningRules.duplicateQuarterPlace(id, firstPosition: "on line \(first)"))
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
        MeaningRules.duplicateFacility(id, firstPosition: "on line \(first)"))
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
        MeaningRules.notAPlaceOfBuilding(
          owner: reference.owner, place: reference.place, building: building.id))
    }
  }

  mutating func finish(reader: PortfolioReader) {
    for reference in quarterPlaceReferences where places[reference.place] == nil {
      reader.report(
        .error, .meaning, at: reference.location,
        MeaningRules.notAPlaceOfQuarter(owner: reference.owner, place: reference.place))
    }
    for building in pendingByBuilding.keys.sorted() {
      for reference in pendingByBuilding[building] ?? [] {
        reader.report(
          .error, .meaning, at: reference.location,
          MeaningRules.notABuildingOfQuarter(owner: reference.owner, building: building))
      }
    }
    pendingByBuilding = [:]
  }
}
