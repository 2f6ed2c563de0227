/// A residential building: its address, its access graph and its flats.
///
/// The access graph's nodes are the building's ``places`` and the rooms of its
/// ``flats``; its edges are the ``connectors`` (paths, steps, ramps, doors,
/// lifts, stair lifts) and the connectors inside each flat.
public struct Building: Sendable, Hashable, Identifiable {
  /// Identifier, unique within the file.
  public var id: String
  /// A name for people.
  public var name: String?
  /// Year of construction or of the last full conversion.
  public var yearBuilt: Int?
  /// Number of full storeys above ground.
  public var storeys: Int?
  /// Postal address.
  public var address: Address?
  /// Places outside the flats.
  public var places: [Place]
  /// Connectors between places outside the flats, in file order.
  public var connectors: [Connector]
  /// The flats.
  public var flats: [Flat]

  /// Creates a building.
  public init(
    id: String, name: String? = nil, yearBuilt: Int? = nil,
    storeys: Int? = nil, address: Address? = nil, places: [Place] = [],
    connectors: [Connector] = [], flats: [Flat] = []
  ) {
    self.id = id
    self.name = name
    self.yearBuilt = yearBuilt
    self.storeys = storeys
    self.address = address
    self.places = places
    self.connectors = connectors
    self.flats = flats
  }

  /// The lifts among the connectors.
  public var lifts: [Lift] {
    connectors.compactMap {
      if case .lift(let lift) = $0 { lift } else { nil }
    }
  }
}

/// A postal address. Every part is optional.
public struct Address: Sendable, Hashable {
  /// Street name.
  public var street: String?
  /// House number with any letter.
  public var houseNumber: String?
  /// Postcode.
  public var postcode: String?
  /// City or municipality.
  public var city: String?
  /// ISO 3166-1 alpha-2 country code.
  public var country: String?

  /// Creates an address.
  public init(
    street: String? = nil, houseNumber: String? = nil, postcode: String? = nil,
    city: String? = nil, country: String? = nil
  ) {
    self.street = street
    self.houseNumber = houseNumber
    self.postcode = postcode
    self.city = city
    self.country = country
  }
}

extension Address: CustomStringConvertible {
  /// `Meisenstraße 12, 33607 Bielefeld`.
  public var description: String {
    let line1 = [street, houseNumber].compactMap { $0 }.joined(separator: " ")
    let line2 = [postcode, city].compactMap { $0 }.joined(separator: " ")
    return [line1, line2].filter { !$0.isEmpty }.joined(separator: ", ")
  }
}

/// What a place of the access graph is.
public enum PlaceKind: String, Sendable, Hashable, CaseIterable, Codable {
  /// The street or pavement a route starts from.
  case publicWay
  /// A car parking space.
  case parkingSpace
  /// The area in front of a building entrance door.
  case entrance
  /// An entrance hall inside the building.
  case lobby
  /// A stair or lift landing on a level.
  case landing
  /// A common corridor.
  case corridor
  /// A yard, court or garden area.
  case outdoor
  /// Anything else.
  case other
}

/// A place of the access graph outside the flats.
public struct Place: Sendable, Hashable, Identifiable {
  /// Identifier, unique within its building or quarter.
  public var id: String
  /// What the place is.
  public var kind: PlaceKind
  /// A name for people.
  public var name: String?
  /// The storey the place is on (the format's `level` attribute).
  public var storey: Int?
  /// Width of a parking space or corridor.
  public var width: Length?
  /// Length of a parking space or corridor.
  public var length: Length?
  /// Whether a parking space is reserved for wheelchair users.
  public var accessible: Bool?
  /// The free movement areas at this place.
  public var movementAreas: [MovementArea]

  /// Creates a place.
  public init(
    id: String, kind: PlaceKind, name: String? = nil, storey: Int? = nil,
    width: Length? = nil, length: Length? = nil, accessible: Bool? = nil,
    movementAreas: [MovementArea] = []
  ) {
    self.id = id
    self.kind = kind
    self.name = name
    self.storey = storey
    self.width = width
    self.length = length
    self.accessible = accessible
    self.movementAreas = movementAreas
  }
}

extension Place {
  /// The storey the place is on.
  @available(*, deprecated, renamed: "storey")
  public var level: Int? {
    get { storey }
    set { storey = newValue }
  }

  /// Creates a place.
  @available(
    *, deprecated,
    renamed: "init(id:kind:name:storey:width:length:accessible:movementAreas:)"
  )
  public init(
    id: String, kind: PlaceKind, name: String? = nil, level: Int?,
    width: Length? = nil, length: Length? = nil, accessible: Bool? = nil,
    movementAreas: [MovementArea] = []
  ) {
    self.init(
      id: id, kind: kind, name: name, storey: level, width: width, length: length,
      accessible: accessible, movementAreas: movementAreas)
  }
}

/// One side of a connector: the side of its `from` place or of its `to` place.
public enum Side: String, Sendable, Hashable, CaseIterable, Codable {
  /// The side of the connector's `from` place.
  case from
  /// The side of the connector's `to` place.
  case to
}

/// A free movement area: a level rectangle free of obstacles.
public struct MovementArea: Sendable, Hashable {
  /// Width (along the wall, fixture or door).
  public var width: Length?
  /// Depth (away from the wall, fixture or door).
  public var depth: Length?
  /// On doors and ramps: the side the area lies on.
  public var side: Side?

  /// Creates a movement area.
  public init(width: Length? = nil, depth: Length? = nil, side: Side? = nil) {
    self.width = width
    self.depth = depth
    self.side = side
  }
}
