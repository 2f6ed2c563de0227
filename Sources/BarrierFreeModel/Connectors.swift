/// An edge of a building's access graph.
///
/// All connectors but a lift join two places (or rooms) named by `from` and
/// `to`; a lift joins every pair of its stops.
public enum Connector: Sendable, Hashable {
  /// A path on the plot between two places.
  case path(Path)
  /// Steps or a flight of stairs between two places or rooms.
  case steps(Steps)
  /// A ramp between two places or rooms.
  case ramp(Ramp)
  /// A door between two places or rooms.
  case door(Door)
  /// A lift, which joins all the places it stops at.
  case lift(Lift)
  /// A stair lift or platform lift beside a flight of steps.
  case stairLift(StairLift)

  /// The connector's identifier, where it has one.
  public var id: String? {
    switch self {
    case .path(let path): path.id
    case .steps(let steps): steps.id
    case .ramp(let ramp): ramp.id
    case .door(let door): door.id
    case .lift(let lift): lift.id
    case .stairLift(let stairLift): stairLift.id
    }
  }

  /// The element name the format uses for this kind of connector.
  public var kindName: String {
    switch self {
    case .path: "path"
    case .steps: "steps"
    case .ramp: "ramp"
    case .door: "door"
    case .lift: "lift"
    case .stairLift: "stairLift"
    }
  }

  /// The places this connector joins: `from` and `to`, or a lift's stops.
  public var endpoints: [String] {
    switch self {
    case .path(let path): [path.from, path.to]
    case .steps(let steps): [steps.from, steps.to]
    case .ramp(let ramp): [ramp.from, ramp.to]
    case .door(let door): [door.from, door.to]
    case .lift(let lift): lift.stops.map(\.place)
    case .stairLift(let stairLift): [stairLift.from, stairLift.to]
    }
  }
}

/// Where handrails (or grab bars) are.
public enum Handrails: String, Sendable, Hashable, CaseIterable, Codable {
  /// No handrail (or grab bar) at all.
  case none
  /// A handrail (or grab bar) on one side only.
  case oneSide
  /// Handrails (or grab bars) on both sides.
  case bothSides
}

/// The walking surface of a path.
public enum Surface: String, Sendable, Hashable, CaseIterable, Codable {
  /// Asphalt: firm and even, passes.
  case asphalt
  /// Concrete: firm and even, passes.
  case concrete
  /// Paving slabs or blocks: passes.
  case paving
  /// Cobblestones: too uneven for wheels, fails.
  case cobblestones
  /// Gravel: too loose for wheels, fails.
  case gravel
  /// Grass or grass pavers: too soft for wheels, fails.
  case grass
  /// Timber decking: passes.
  case timber
  /// Any other surface: unknown until someone judges it.
  case other
}

/// The measurements a path and an outdoor path share.
public struct PathGeometry: Sendable, Hashable {
  /// Usable width.
  public var width: Length?
  /// Length.
  public var length: Length?
  /// Steepest longitudinal slope.
  public var slope: Slope?
  /// Cross slope.
  public var crossSlope: Slope?
  /// Walking surface.
  public var surface: Surface?

  /// Creates path measurements.
  public init(
    width: Length? = nil, length: Length? = nil, slope: Slope? = nil,
    crossSlope: Slope? = nil, surface: Surface? = nil
  ) {
    self.width = width
    self.length = length
    self.slope = slope
    self.crossSlope = crossSlope
    self.surface = surface
  }
}

/// A path between two places of a building's plot.
public struct Path: Sendable, Hashable {
  /// Optional identifier.
  public var id: String?
  /// One end.
  public var from: String
  /// The other end.
  public var to: String
  /// Width, length, slopes and surface.
  public var geometry: PathGeometry

  /// Creates a path.
  public init(
    id: String? = nil, from: String, to: String,
    geometry: PathGeometry = PathGeometry()
  ) {
    self.id = id
    self.from = from
    self.to = to
    self.geometry = geometry
  }
}

/// Steps or a stair flight between two places.
public struct Steps: Sendable, Hashable {
  /// Optional identifier.
  public var id: String?
  /// One end.
  public var from: String
  /// The other end.
  public var to: String
  /// Number of risers.
  public var count: Int?
  /// Height of one riser.
  public var riserHeight: Length?
  /// Depth of one tread.
  public var treadDepth: Length?
  /// Usable width of the flight.
  public var width: Length?
  /// Where the handrails are.
  public var handrails: Handrails?
  /// Height of the handrail above the nosing.
  public var handrailHeight: Length?
  /// How far the handrail runs on beyond the first and last step.
  public var handrailExtension: Length?

  /// Creates steps.
  public init(
    id: String? = nil, from: String, to: String, count: Int? = nil,
    riserHeight: Length? = nil, treadDepth: Length? = nil, width: Length? = nil,
    handrails: Handrails? = nil, handrailHeight: Length? = nil,
    handrailExtension: Length? = nil
  ) {
    self.id = id
    self.from = from
    self.to = to
    self.count = count
    self.riserHeight = riserHeight
    self.treadDepth = treadDepth
    self.width = width
    self.handrails = handrails
    self.handrailHeight = handrailHeight
    self.handrailExtension = handrailExtension
  }
}

/// A ramp between two places.
public struct Ramp: Sendable, Hashable {
  /// Optional identifier.
  public var id: String?
  /// One end.
  public var from: String
  /// The other end.
  public var to: String
  /// Slope of the steepest run.
  public var slope: Slope?
  /// Cross slope.
  public var crossSlope: Slope?
  /// Total horizontal length, landings included.
  public var length: Length?
  /// Longest run between two landings.
  public var longestRun: Length?
  /// Shortest intermediate landing.
  public var landingLength: Length?
  /// Clear width between handrails or kerbs.
  public var clearWidth: Length?
  /// Where the handrails are.
  public var handrails: Handrails?
  /// Height of the top of the handrail.
  public var handrailHeight: Length?
  /// Whether both sides have wheel guards or walls.
  public var wheelGuards: Bool?
  /// The level areas at the start and end.
  public var movementAreas: [MovementArea]

  /// Creates a ramp.
  public init(
    id: String? = nil, from: String, to: String, slope: Slope? = nil,
    crossSlope: Slope? = nil, length: Length? = nil, longestRun: Length? = nil,
    landingLength: Length? = nil, clearWidth: Length? = nil,
    handrails: Handrails? = nil, handrailHeight: Length? = nil,
    wheelGuards: Bool? = nil, movementAreas: [MovementArea] = []
  ) {
    self.id = id
    self.from = from
    self.to = to
    self.slope = slope
    self.crossSlope = crossSlope
    self.length = length
    self.longestRun = longestRun
    self.landingLength = landingLength
    self.clearWidth = clearWidth
    self.handrails = handrails
    self.handrailHeight = handrailHeight
    self.wheelGuards = wheelGuards
    self.movementAreas = movementAreas
  }
}

/// How a door opens.
public enum DoorOperation: String, Sendable, Hashable, CaseIterable, Codable {
  /// A hinged door: its leaf swings into one side (see `Door/opensInto`).
  case hinged
  /// A sliding door: no leaf swings into either side.
  case sliding
  /// A folding door: treated like a sliding door.
  case folding
  /// A revolving door: a bathroom may not have one.
  case revolving
  /// A powered door: its handle need not be reached; where it swings is still recorded in
  /// `opensInto`.
  case automatic
}

/// A door between two places or rooms.
public struct Door: Sendable, Hashable {
  /// Optional identifier.
  public var id: String?
  /// One side.
  public var from: String
  /// The other side.
  public var to: String
  /// Clear passage width.
  public var clearWidth: Length?
  /// Whether ``clearWidth`` is an estimate from a building model (an IFC
  /// door's overall width less lining and leaf), not a measurement: a
  /// check fails it when too small and leaves it unknown when wide enough.
  public var clearWidthEstimated = false
  /// Clear passage height.
  public var clearHeight: Length?
  /// Height of the threshold or lower door stop; zero for none.
  public var threshold: Length?
  /// How the door opens.
  public var operation: DoorOperation?
  /// For a hinged door: the side its leaf swings into.
  public var opensInto: Side?
  /// Height of the handle axis.
  public var handleHeight: Length?
  /// Free wall beside the handle.
  public var handleSideClearance: Length?
  /// Depth of the reveal.
  public var revealDepth: Length?
  /// Whether a bathroom or WC door can be unlocked from outside.
  public var unlockableFromOutside: Bool?
  /// Manoeuvring areas on either side.
  public var movementAreas: [MovementArea]

  /// Creates a door.
  public init(
    id: String? = nil, from: String, to: String, clearWidth: Length? = nil,
    clearHeight: Length? = nil, threshold: Length? = nil,
    operation: DoorOperation? = nil, opensInto: Side? = nil,
    handleHeight: Length? = nil, handleSideClearance: Length? = nil,
    revealDepth: Length? = nil, unlockableFromOutside: Bool? = nil,
    movementAreas: [MovementArea] = [], clearWidthEstimated: Bool = false
  ) {
    self.clearWidthEstimated = clearWidthEstimated
    self.id = id
    self.from = from
    self.to = to
    self.clearWidth = clearWidth
    self.clearHeight = clearHeight
    self.threshold = threshold
    self.operation = operation
    self.opensInto = opensInto
    self.handleHeight = handleHeight
    self.handleSideClearance = handleSideClearance
    self.revealDepth = revealDepth
    self.unlockableFromOutside = unlockableFromOutside
    self.movementAreas = movementAreas
  }

  /// The manoeuvring area on one side, where one was measured.
  public func movementArea(on side: Side) -> MovementArea? {
    movementAreas.first { $0.side == side }
  }
}

/// A passenger lift.
public struct Lift: Sendable, Hashable {
  /// Identifier.
  public var id: String
  /// Clear inner width of the cabin.
  public var cabinWidth: Length?
  /// Clear inner depth of the cabin.
  public var cabinDepth: Length?
  /// Clear width of the lift door.
  public var doorClearWidth: Length?
  /// Height of the highest control button.
  public var controlHeight: Length?
  /// The places it stops at.
  public var stops: [LiftStop]

  /// Creates a lift.
  public init(
    id: String, cabinWidth: Length? = nil, cabinDepth: Length? = nil,
    doorClearWidth: Length? = nil, controlHeight: Length? = nil,
    stops: [LiftStop] = []
  ) {
    self.id = id
    self.cabinWidth = cabinWidth
    self.cabinDepth = cabinDepth
    self.doorClearWidth = doorClearWidth
    self.controlHeight = controlHeight
    self.stops = stops
  }
}

/// A stop of a lift.
public struct LiftStop: Sendable, Hashable {
  /// The place the lift door opens onto.
  public var place: String
  /// The free area in front of the lift door there.
  public var movementArea: MovementArea?

  /// Creates a stop.
  public init(place: String, movementArea: MovementArea? = nil) {
    self.place = place
    self.movementArea = movementArea
  }
}

/// Whether a stair lift carries a seated person or a wheelchair.
public enum StairLiftKind: String, Sendable, Hashable, CaseIterable, Codable {
  /// A seat stair lift: not usable in a wheelchair.
  case seat
  /// A platform lift that carries a wheelchair.
  case platform
}

/// A stair lift or platform lift between two places.
public struct StairLift: Sendable, Hashable {
  /// Optional identifier.
  public var id: String?
  /// One end.
  public var from: String
  /// The other end.
  public var to: String
  /// Seat or platform.
  public var kind: StairLiftKind
  /// Usable platform width.
  public var platformWidth: Length?
  /// Usable platform depth.
  public var platformDepth: Length?

  /// Creates a stair lift.
  public init(
    id: String? = nil, from: String, to: String, kind: StairLiftKind,
    platformWidth: Length? = nil, platformDepth: Length? = nil
  ) {
    self.id = id
    self.from = from
    self.to = to
    self.kind = kind
    self.platformWidth = platformWidth
    self.platformDepth = platformDepth
  }
}
