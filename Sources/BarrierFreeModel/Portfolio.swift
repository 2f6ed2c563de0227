/// A housing portfolio: quarters and the buildings that belong to none.
///
/// A whole `Portfolio` value holds every building in memory; it is what small
/// files, tests and the writer use. Large files are read one building at a time
/// with `PortfolioReader` (module BarrierFreeXML) and never become one value.
public struct Portfolio: Sendable, Hashable {
  /// The name of the portfolio or of its owner.
  public var name: String?
  /// The quarters and free-standing buildings, in file order.
  public var members: [Member]

  /// Creates a portfolio.
  public init(name: String? = nil, members: [Member] = []) {
    self.name = name
    self.members = members
  }

  /// A member of a portfolio: a quarter with its buildings, or a building that
  /// belongs to no quarter.
  public enum Member: Sendable, Hashable {
    /// A quarter, with its buildings.
    case quarter(Quarter)
    /// A building that belongs to no quarter.
    case building(Building)
  }

  /// Every building of the portfolio, those of quarters included, in file
  /// order.
  public var allBuildings: [Building] {
    members.flatMap { member -> [Building] in
      switch member {
      case .quarter(let quarter): quarter.buildings
      case .building(let building): [building]
      }
    }
  }

  /// The number of flats in all buildings.
  public var flatCount: Int {
    allBuildings.reduce(0) { $0 + $1.flats.count }
  }
}

/// A quarter (neighbourhood): buildings with shared places, facilities and the
/// outdoor paths between them — the unit of the Bielefeld model.
public struct Quarter: Sendable, Hashable, Identifiable {
  /// Identifier, unique within the file.
  public var id: String
  /// A name for people.
  public var name: String?
  /// Places of the quarter outside its buildings: the street, a bus stop.
  public var places: [Place]
  /// Shared facilities: café, care base, common room.
  public var facilities: [Facility]
  /// Outdoor paths joining the quarter's places and its buildings.
  public var outdoorPaths: [OutdoorPath]
  /// The buildings of the quarter.
  public var buildings: [Building]

  /// Creates a quarter.
  public init(
    id: String, name: String? = nil, places: [Place] = [],
    facilities: [Facility] = [], outdoorPaths: [OutdoorPath] = [],
    buildings: [Building] = []
  ) {
    self.id = id
    self.name = name
    self.places = places
    self.facilities = facilities
    self.outdoorPaths = outdoorPaths
    self.buildings = buildings
  }

  /// The quarter without its buildings: what a streaming reader hands out
  /// before the buildings follow one by one.
  public var header: Quarter {
    var copy = self
    copy.buildings = []
    return copy
  }
}

/// The kind of a shared facility of a quarter.
public enum FacilityKind: String, Sendable, Hashable, CaseIterable, Codable {
  /// A neighbourhood café open to all.
  case cafe
  /// A meeting place.
  case meetingPlace
  /// The base of a care service on call.
  case careBase
  /// A common room for residents.
  case commonRoom
}

/// A shared facility of a quarter, located at a place of one of its buildings.
public struct Facility: Sendable, Hashable, Identifiable {
  /// Identifier, unique within the quarter.
  public var id: String
  /// What the facility is.
  public var kind: FacilityKind
  /// Its name.
  public var name: String?
  /// Where it is entered.
  public var location: PlaceReference
  /// Whether it is staffed or on call around the clock.
  public var open24h: Bool?

  /// Creates a facility.
  public init(
    id: String, kind: FacilityKind, name: String? = nil,
    location: PlaceReference, open24h: Bool? = nil
  ) {
    self.id = id
    self.kind = kind
    self.name = name
    self.location = location
    self.open24h = open24h
  }
}

/// A place named from the quarter: a place of one of its buildings, or (with
/// no building) a place of the quarter itself.
public struct PlaceReference: Sendable, Hashable {
  /// The building of the place; nil for a place of the quarter.
  public var building: String?
  /// The place's id within that building or the quarter.
  public var place: String

  /// Creates a reference.
  public init(building: String? = nil, place: String) {
    self.building = building
    self.place = place
  }
}

extension PlaceReference: CustomStringConvertible {
  /// `b1/entrance`, or `street` for a quarter place.
  public var description: String {
    building.map { "\($0)/\(place)" } ?? place
  }
}

/// An outdoor path of a quarter between two places.
public struct OutdoorPath: Sendable, Hashable {
  /// Optional identifier, unique within the quarter.
  public var id: String?
  /// One end.
  public var from: PlaceReference
  /// The other end.
  public var to: PlaceReference
  /// Width, length, slopes and surface.
  public var geometry: PathGeometry

  /// Creates an outdoor path.
  public init(
    id: String? = nil, from: PlaceReference, to: PlaceReference,
    geometry: PathGeometry = PathGeometry()
  ) {
    self.id = id
    self.from = from
    self.to = to
    self.geometry = geometry
  }
}
