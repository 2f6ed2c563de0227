/// A flat (dwelling): its rooms and the connectors between them.
///
/// The flat's entrance door is the door in ``connectors`` that joins the
/// building place named by ``entrance`` to one of the flat's rooms.
public struct Flat: Sendable, Hashable, Identifiable {
  /// Identifier, unique within the building.
  public var id: String
  /// The flat number as the housing company uses it.
  public var number: String?
  /// The storey of the flat's entrance (the format's `level` attribute).
  public var storey: Int?
  /// Living area.
  public var area: Area?
  /// The building place in front of the flat's entrance door.
  public var entrance: String
  /// The rooms.
  public var rooms: [Room]
  /// Doors, steps, ramps and stair lifts of the flat, the entrance door
  /// included, in file order.
  public var connectors: [Connector]

  /// Creates a flat.
  public init(
    id: String, number: String? = nil, storey: Int? = nil, area: Area? = nil,
    entrance: String, rooms: [Room] = [], connectors: [Connector] = []
  ) {
    self.id = id
    self.number = number
    self.storey = storey
    self.area = area
    self.entrance = entrance
    self.rooms = rooms
    self.connectors = connectors
  }

  /// The doors among the connectors.
  public var doors: [Door] {
    connectors.compactMap {
      if case .door(let door) = $0 { door } else { nil }
    }
  }

  /// The flat's entrance door: the first door between the entrance place and
  /// a room of the flat.
  public var entranceDoor: Door? {
    // Called by several rules per flat: a plain scan, no set of room ids.
    func isRoom(_ id: String) -> Bool { rooms.contains { $0.id == id } }
    for connector in connectors {
      guard case .door(let door) = connector else { continue }
      if (door.from == entrance && isRoom(door.to)) || (door.to == entrance && isRoom(door.from)) {
        return door
      }
    }
    return nil
  }
}

extension Flat {
  /// The storey of the flat's entrance.
  @available(*, deprecated, renamed: "storey")
  public var level: Int? {
    get { storey }
    set { storey = newValue }
  }

  /// Creates a flat.
  @available(*, deprecated, renamed: "init(id:number:storey:area:entrance:rooms:connectors:)")
  public init(
    id: String, number: String? = nil, level: Int?, area: Area? = nil,
    entrance: String, rooms: [Room] = [], connectors: [Connector] = []
  ) {
    self.init(
      id: id, number: number, storey: level, area: area, entrance: entrance, rooms: rooms,
      connectors: connectors)
  }
}

/// The use of a room.
public enum RoomKind: String, Sendable, Hashable, CaseIterable, Codable {
  /// A hall or corridor inside the flat; its width is checked.
  case hallway
  /// A living room; it needs a window to see out of.
  case living
  /// A bedroom; it needs a bed with space beside it.
  case bedroom
  /// A kitchen or kitchen area; it needs kitchen units.
  case kitchen
  /// A room with a shower or bathtub.
  case bathroom
  /// A room with a toilet only.
  case wc
  /// A storeroom or utility room.
  case storage
  /// A balcony; the door onto it is an outdoor door.
  case balcony
  /// A terrace; the door onto it is an outdoor door.
  case terrace
  /// Any other room (a study, a box room).
  case other
}

/// A room of a flat: a place of the access graph with its fixtures.
public struct Room: Sendable, Hashable, Identifiable {
  /// Identifier, unique within the building.
  public var id: String
  /// The use of the room.
  public var kind: RoomKind
  /// A name for people.
  public var name: String?
  /// Floor area.
  public var area: Area?
  /// Narrowest clear width between walls.
  public var width: Length?
  /// Clear length.
  public var length: Length?
  /// The free movement areas of the room (the largest first, by convention).
  public var movementAreas: [MovementArea]
  /// Fixtures and furniture, in file order.
  public var fixtures: [Fixture]

  /// Creates a room.
  public init(
    id: String, kind: RoomKind, name: String? = nil, area: Area? = nil,
    width: Length? = nil, length: Length? = nil,
    movementAreas: [MovementArea] = [], fixtures: [Fixture] = []
  ) {
    self.id = id
    self.kind = kind
    self.name = name
    self.area = area
    self.width = width
    self.length = length
    self.movementAreas = movementAreas
    self.fixtures = fixtures
  }
}

extension Room {
  /// The room's windows.
  public var windows: [Window] {
    fixtures.compactMap { if case .window(let window) = $0 { window } else { nil } }
  }

  /// The room's beds.
  public var beds: [Bed] {
    fixtures.compactMap { if case .bed(let bed) = $0 { bed } else { nil } }
  }
}

/// A fixture or piece of furniture in a room.
public enum Fixture: Sendable, Hashable {
  /// A toilet, with its seat height, projection, grab bars and the areas beside it.
  case wc(WC)
  /// A washbasin, with its height and the knee space under it.
  case washbasin(Washbasin)
  /// A shower, with its size, step, slip resistance and grab bars.
  case shower(Shower)
  /// A bathtub; a flat with only a bathtub has no floor-level shower.
  case bathtub(Bathtub)
  /// The kitchen units, with the free depth in front of them.
  case kitchenCounter(KitchenCounter)
  /// A bed, with the free space along each long side.
  case bed(Bed)
  /// A window, with its sill and handle heights.
  case window(Window)
  /// A switch, socket, intercom or other control, with its height and distance from the corner.
  case control(Control)
  /// A piece of furniture other than a bed, with the free depth in front of it.
  case furniture(Furniture)
  /// The place to park and charge a wheelchair, which a wheelchair flat needs.
  case wheelchairSpace(WheelchairSpace)

  /// The element name the format uses for this kind of fixture.
  public var kindName: String {
    switch self {
    case .wc: "wc"
    case .washbasin: "washbasin"
    case .shower: "shower"
    case .bathtub: "bathtub"
    case .kitchenCounter: "kitchenCounter"
    case .bed: "bed"
    case .window: "window"
    case .control: "control"
    case .furniture: "furniture"
    case .wheelchairSpace: "wheelchairSpace"
    }
  }

  /// The fixture's identifier, where it has one.
  public var id: String? { common.id }

  /// The free movement area in front of the fixture, where measured.
  public var movementArea: MovementArea? { common.movementArea }

  /// What every fixture has: an optional id and the area in front of it.
  public var common: FixtureCommon {
    switch self {
    case .wc(let fixture): fixture.common
    case .washbasin(let fixture): fixture.common
    case .shower(let fixture): fixture.common
    case .bathtub(let fixture): fixture.common
    case .kitchenCounter(let fixture): fixture.common
    case .bed(let fixture): fixture.common
    case .window(let fixture): fixture.common
    case .control(let fixture): fixture.common
    case .furniture(let fixture): fixture.common
    case .wheelchairSpace(let fixture): fixture.common
    }
  }
}

/// What every fixture has: an optional identifier and the free movement area
/// in front of it.
public struct FixtureCommon: Sendable, Hashable {
  /// Optional identifier, unique within the building.
  public var id: String?
  /// The free movement area in front of the fixture.
  public var movementArea: MovementArea?

  /// Creates the common part of a fixture.
  public init(id: String? = nil, movementArea: MovementArea? = nil) {
    self.id = id
    self.movementArea = movementArea
  }
}

/// A toilet.
public struct WC: Sendable, Hashable {
  /// Id and the area in front.
  public var common: FixtureCommon
  /// Seat height above the floor.
  public var seatHeight: Length?
  /// Depth from the back wall to the front edge.
  public var projection: Length?
  /// Width of the transfer area on the wider side.
  public var transferWidth: Length?
  /// Depth of that transfer area.
  public var transferDepth: Length?
  /// Distance to the wall or next object on the other side.
  public var otherSideClearance: Length?
  /// Folding grab bars.
  public var grabBars: Handrails?
  /// Whether a backrest is fitted.
  public var backrest: Bool?

  /// Creates a WC.
  public init(
    common: FixtureCommon = FixtureCommon(), seatHeight: Length? = nil,
    projection: Length? = nil, transferWidth: Length? = nil,
    transferDepth: Length? = nil, otherSideClearance: Length? = nil,
    grabBars: Handrails? = nil, backrest: Bool? = nil
  ) {
    self.common = common
    self.seatHeight = seatHeight
    self.projection = projection
    self.transferWidth = transferWidth
    self.transferDepth = transferDepth
    self.otherSideClearance = otherSideClearance
    self.grabBars = grabBars
    self.backrest = backrest
  }
}

/// A washbasin.
public struct Washbasin: Sendable, Hashable {
  /// Id and the area in front.
  public var common: FixtureCommon
  /// Height of the front top edge.
  public var height: Length?
  /// Free knee height 300 mm behind the front edge.
  public var kneeClearanceHeight: Length?
  /// Free leg depth.
  public var kneeClearanceDepth: Length?
  /// Free leg width.
  public var legSpaceWidth: Length?

  /// Creates a washbasin.
  public init(
    common: FixtureCommon = FixtureCommon(), height: Length? = nil,
    kneeClearanceHeight: Length? = nil, kneeClearanceDepth: Length? = nil,
    legSpaceWidth: Length? = nil
  ) {
    self.common = common
    self.height = height
    self.kneeClearanceHeight = kneeClearanceHeight
    self.kneeClearanceDepth = kneeClearanceDepth
    self.legSpaceWidth = legSpaceWidth
  }
}

/// A shower place.
public struct Shower: Sendable, Hashable {
  /// Id and the area in front.
  public var common: FixtureCommon
  /// Whether the shower floor is level with the room floor.
  public var floorLevel: Bool?
  /// Edge or lowering between room floor and shower floor; zero for none.
  public var step: Length?
  /// Width of the shower area.
  public var width: Length?
  /// Depth of the shower area.
  public var depth: Length?
  /// Slip resistance of the floor (DGUV 207-006 evaluation group).
  public var slipResistance: SlipResistance?
  /// Horizontal grab bars in the shower area.
  public var grabBars: Handrails?

  /// Creates a shower.
  public init(
    common: FixtureCommon = FixtureCommon(), floorLevel: Bool? = nil,
    step: Length? = nil, width: Length? = nil, depth: Length? = nil,
    slipResistance: SlipResistance? = nil, grabBars: Handrails? = nil
  ) {
    self.common = common
    self.floorLevel = floorLevel
    self.step = step
    self.width = width
    self.depth = depth
    self.slipResistance = slipResistance
    self.grabBars = grabBars
  }
}

/// The slip resistance of a wet barefoot floor: an evaluation group of DGUV
/// Information 207-006, from A (lowest) to C.
public enum SlipResistance: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
  /// Group A, the lowest: at least 12° on the inclined-plane test.
  case a = "A"
  /// Group B: at least 18°; what DIN 18040-2 asks of a floor-level shower.
  case b = "B"
  /// Group C, the highest: at least 24°.
  case c = "C"

  /// Whether `lhs` is the lower group (A below B below C).
  public static func < (lhs: SlipResistance, rhs: SlipResistance) -> Bool {
    lhs.rawValue < rhs.rawValue
  }
}

/// A space to park and change a wheelchair, with the area in front of it.
public struct WheelchairSpace: Sendable, Hashable {
  /// Id and the area in front.
  public var common: FixtureCommon
  /// Width along the wall.
  public var width: Length?
  /// Depth.
  public var depth: Length?
  /// Whether a socket for charging is at the space.
  public var socket: Bool?

  /// Creates a wheelchair space.
  public init(
    common: FixtureCommon = FixtureCommon(), width: Length? = nil, depth: Length? = nil,
    socket: Bool? = nil
  ) {
    self.common = common
    self.width = width
    self.depth = depth
    self.socket = socket
  }
}

/// A bathtub.
public struct Bathtub: Sendable, Hashable {
  /// Id and the area in front.
  public var common: FixtureCommon
  /// Height of the rim above the floor.
  public var entryHeight: Length?
  /// Outer width.
  public var width: Length?
  /// Outer length.
  public var length: Length?

  /// Creates a bathtub.
  public init(
    common: FixtureCommon = FixtureCommon(), entryHeight: Length? = nil,
    width: Length? = nil, length: Length? = nil
  ) {
    self.common = common
    self.entryHeight = entryHeight
    self.width = width
    self.length = length
  }
}

/// A run of kitchen units.
public struct KitchenCounter: Sendable, Hashable {
  /// Id and the area in front.
  public var common: FixtureCommon
  /// Length of the run.
  public var length: Length?
  /// Worktop height.
  public var height: Length?
  /// Whether it can be used seated.
  public var kneeSpace: Bool?

  /// Creates a kitchen counter.
  public init(
    common: FixtureCommon = FixtureCommon(), length: Length? = nil,
    height: Length? = nil, kneeSpace: Bool? = nil
  ) {
    self.common = common
    self.length = length
    self.height = height
    self.kneeSpace = kneeSpace
  }
}

/// A bed (its planned position).
public struct Bed: Sendable, Hashable {
  /// Id and the area in front.
  public var common: FixtureCommon
  /// Width of the bed.
  public var width: Length?
  /// Length of the bed.
  public var length: Length?
  /// Free depth along the left long side (seen from the foot).
  public var clearanceLeft: Length?
  /// Free depth along the right long side.
  public var clearanceRight: Length?
  /// Free depth at the foot.
  public var clearanceFoot: Length?

  /// Creates a bed.
  public init(
    common: FixtureCommon = FixtureCommon(), width: Length? = nil,
    length: Length? = nil, clearanceLeft: Length? = nil,
    clearanceRight: Length? = nil, clearanceFoot: Length? = nil
  ) {
    self.common = common
    self.width = width
    self.length = length
    self.clearanceLeft = clearanceLeft
    self.clearanceRight = clearanceRight
    self.clearanceFoot = clearanceFoot
  }
}

/// A window.
public struct Window: Sendable, Hashable {
  /// Id and the area in front.
  public var common: FixtureCommon
  /// Height above the floor from which the window is transparent.
  public var sillHeight: Length?
  /// Height of the handle.
  public var handleHeight: Length?
  /// Whether it opens by a powered drive.
  public var powered: Bool?

  /// Creates a window.
  public init(
    common: FixtureCommon = FixtureCommon(), sillHeight: Length? = nil,
    handleHeight: Length? = nil, powered: Bool? = nil
  ) {
    self.common = common
    self.sillHeight = sillHeight
    self.handleHeight = handleHeight
    self.powered = powered
  }
}

/// What a control is.
public enum ControlKind: String, Sendable, Hashable, CaseIterable, Codable {
  /// A light or other switch; its height is checked.
  case `switch`
  /// A socket; its height is not checked, its distance from the corner is.
  case socket
  /// An intercom; its height is checked.
  case intercom
  /// A door opener; its height is checked.
  case doorOpener
  /// A bell push; its height is checked.
  case bell
  /// A thermostat or radiator valve; its height is not checked.
  case thermostat
  /// Any other control; its height is not checked.
  case other
}

/// A control: switch, socket, intercom, door opener, bell, thermostat.
public struct Control: Sendable, Hashable {
  /// Id and the area in front.
  public var common: FixtureCommon
  /// What the control is.
  public var kind: ControlKind
  /// Height of the control's axis.
  public var height: Length?
  /// Distance from the nearest room corner.
  public var cornerDistance: Length?

  /// Creates a control.
  public init(
    common: FixtureCommon = FixtureCommon(), kind: ControlKind,
    height: Length? = nil, cornerDistance: Length? = nil
  ) {
    self.common = common
    self.kind = kind
    self.height = height
    self.cornerDistance = cornerDistance
  }
}

/// What a piece of furniture is.
public enum FurnitureKind: String, Sendable, Hashable, CaseIterable, Codable {
  /// A wardrobe.
  case wardrobe
  /// A table.
  case table
  /// A sofa or armchair.
  case sofa
  /// A desk.
  case desk
  /// A shelf or chest of drawers.
  case shelf
  /// Any other piece of furniture.
  case other
}

/// A piece of furniture whose movement area matters.
public struct Furniture: Sendable, Hashable {
  /// Id and the area in front.
  public var common: FixtureCommon
  /// What the furniture is.
  public var kind: FurnitureKind

  /// Creates a piece of furniture.
  public init(common: FixtureCommon = FixtureCommon(), kind: FurnitureKind) {
    self.common = common
    self.kind = kind
  }
}
