import BarrierFreeModel

/// The kind of element a rule looks at. The engine hands each element only
/// to the rules of its kind.
public enum ElementKind: String, Sendable, Hashable, CaseIterable, Codable {
  /// A whole flat: what it must contain (an entrance door, a shower, a
  /// wheelchair space) and whether its rooms are reached.
  case flat
  /// A room of a flat: its width and movement area, the fixtures it needs.
  case room
  /// A door, of a flat or of the building, with its role.
  case door
  /// Steps or a stair flight, in a flat or in the building.
  case steps
  /// A ramp, in a flat or in the building.
  case ramp
  /// A place of the building: entrance, lobby, landing, corridor, parking.
  case place
  /// A path on the plot.
  case path
  /// A lift.
  case lift
  /// One stop of a lift, with the area in front of its door.
  case liftStop
  /// A stair lift or platform lift.
  case stairLift
  /// The best route from a public way to a flat's entrance.
  case route
  /// A WC (a fixture; the kinds from here on are fixtures in a room).
  case wc
  /// A washbasin.
  case washbasin
  /// A shower.
  case shower
  /// A bathtub.
  case bathtub
  /// The kitchen units.
  case kitchenCounter
  /// A bed.
  case bed
  /// A window.
  case window
  /// A switch, socket or other control.
  case control
  /// A piece of furniture other than a bed.
  case furniture
  /// The wheelchair space of a flat.
  case wheelchairSpace
}

extension Fixture {
  /// The element kind whose rules check the fixture.
  var elementKind: ElementKind {
    switch self {
    case .wc: .wc
    case .washbasin: .washbasin
    case .shower: .shower
    case .bathtub: .bathtub
    case .kitchenCounter: .kitchenCounter
    case .bed: .bed
    case .window: .window
    case .control: .control
    case .furniture: .furniture
    case .wheelchairSpace: .wheelchairSpace
    }
  }
}

extension ElementKind {
  // Kept (and tested against allCases) for the figure: hashed look-ups per
  // element were 150 M of 2.66 G instructions (check -q, 150 buildings).
  /// The case's position in `allCases`, for tables indexed by kind (a
  /// switch, where a dictionary would hash the kind for every element).
  var ordinal: Int {
    switch self {
    case .flat: 0
    case .room: 1
    case .door: 2
    case .steps: 3
    case .ramp: 4
    case .place: 5
    case .path: 6
    case .lift: 7
    case .liftStop: 8
    case .stairLift: 9
    case .route: 10
    case .wc: 11
    case .washbasin: 12
    case .shower: 13
    case .bathtub: 14
    case .kitchenCounter: 15
    case .bed: 16
    case .window: 17
    case .control: 18
    case .furniture: 19
    case .wheelchairSpace: 20
    }
  }
}

/// What a door of a flat is for; a profile can bind a rule to some roles
/// only (doors inside a barrier-free flat may be 800 mm wide, its entrance
/// door must be 900 mm).
public enum DoorRole: String, Sendable, Hashable, CaseIterable, Codable {
  /// The flat's entrance door.
  case flatEntrance
  /// A door into a bathroom or WC.
  case bathroom
  /// A door onto a balcony or terrace.
  case outdoor
  /// Any other door inside the flat.
  case interior
  /// A door of the building: the entrance, doors of corridors and lobbies.
  case common
}

/// One element handed to the rules, with what they need to know about its
/// surroundings.
public enum Element: Sendable, Hashable {
  /// A whole flat (rules about what a flat must contain).
  case flat(Flat)
  /// A room of a flat.
  case room(Room)
  /// A door of a flat. `innerSide` is the side of the door inside: the
  /// flat's side of its entrance door, the bathroom's or WC's side of a door
  /// into one.
  case door(Door, role: DoorRole, innerSide: Side? = nil)
  /// A fixture in a room.
  case fixture(Fixture, room: Room)
  /// Steps inside a flat (`inFlat`) or in the building, with the stair lift
  /// that serves the same two places, if there is one.
  case steps(Steps, stairLift: StairLift? = nil, inFlat: Bool = true)
  /// A ramp, in a flat or in the building.
  case ramp(Ramp)
  /// A place of the building.
  case place(Place)
  /// A path on the plot.
  case path(Path)
  /// A lift.
  case lift(Lift)
  /// One stop of a lift.
  case liftStop(LiftStop, lift: Lift)
  /// A stair lift or platform lift, in a flat or in the building.
  case stairLift(StairLift)
  /// The best route from a public way to a flat's entrance, as the route
  /// analysis found it.
  case route(RouteSummary)

  /// The kind of element, for dispatch to rules.
  public var kind: ElementKind {
    switch self {
    case .flat: .flat
    case .room: .room
    case .door: .door
    case .steps: .steps
    case .ramp: .ramp
    case .place: .place
    case .path: .path
    case .lift: .lift
    case .liftStop: .liftStop
    case .stairLift: .stairLift
    case .route: .route
    case .fixture(let fixture, _): fixture.elementKind
    }
  }

  /// The token a profile's `scope` matches: the door's role, the room's
  /// kind, or the kind of room a fixture is in.
  public var scopeToken: String? {
    switch self {
    case .flat, .steps, .ramp, .path, .lift, .liftStop, .stairLift, .route: nil
    case .place(let place): place.kind.rawValue
    case .room(let room): room.kind.rawValue
    case .door(_, let role, _): role.rawValue
    case .fixture(_, let room): room.kind.rawValue
    }
  }
}

/// The physical dimension of a threshold.
public enum ParameterKind: String, Sendable, Hashable, Codable {
  /// A length; profiles give it in mm, cm, m or in.
  case length
  /// A slope in percent.
  case slope
  /// An area in m².
  case area

  /// The unit a value of this kind is stored and reported in.
  public var unit: MeasureUnit {
    switch self {
    case .length: .millimetre
    case .slope: .percent
    case .area: .squareMetre
    }
  }
}

/// A threshold a rule needs from the profile.
public struct Parameter: Sendable, Hashable {
  /// Its name in a profile: `minimum`, `openingSideDepth`.
  public var name: String
  /// Length, slope or area.
  public var kind: ParameterKind
  /// What it means, for `explain` and the profile documentation.
  public var summary: String
  /// Whether a profile may leave it out.
  public var optional: Bool

  /// Creates a parameter.
  public init(
    _ name: String, _ kind: ParameterKind = .length, _ summary: String,
    optional: Bool = false
  ) {
    self.name = name
    self.kind = kind
    self.summary = summary
    self.optional = optional
  }
}

/// Everything about a rule but its check: the data `rules` and `explain`
/// print and reports cite.
public struct RuleDescription: Sendable {
  /// Stable id: `door.clear-width`. It says what is checked; the profile's
  /// binding says which standard and clause require it, so an id names no
  /// standard.
  public var id: String
  /// Former ids, still accepted wherever an id is read (profile files,
  /// `explain`, ``rule(withID:)``): `din18040-2.door.clear-width`.
  /// Reports always show ``id``.
  public var aliases: [String]
  /// A short title: "Door clear width".
  public var title: String
  /// The standard the rule was written from, with its edition.
  public var standard: String
  /// The clause in that standard (approximate where marked so in the
  /// reference table).
  public var clause: String
  /// The rows of shared/reference/din18040-2.md the rule implements.
  public var reference: [String]
  /// The kinds of element it checks.
  public var appliesTo: [ElementKind]
  /// The scope tokens a profile may restrict it to (door roles, room kinds).
  public var scopes: [String]
  /// What is measured, in a surveyor's words.
  public var measures: String
  /// The thresholds a profile must give.
  public var parameters: [Parameter]
  /// What usually fixes a fail.
  public var remedy: String
  /// The statuses the rule can give (besides not applicable): a rule that
  /// only checks that something was recorded never fails; one about the
  /// presence of steps is never unknown.
  public var outcomes: Set<FindingStatus>

  /// Creates a description.
  public init(
    id: String, aliases: [String] = [], title: String,
    standard: String = RuleDescription.din18040Part2,
    clause: String, reference: [String], appliesTo: [ElementKind],
    scopes: [String] = [], measures: String, parameters: [Parameter],
    remedy: String, outcomes: Set<FindingStatus> = [.pass, .fail, .unknown]
  ) {
    self.outcomes = outcomes
    self.id = id
    self.aliases = aliases
    self.title = title
    self.standard = standard
    self.clause = clause
    self.reference = reference
    self.appliesTo = appliesTo
    self.scopes = scopes
    self.measures = measures
    self.parameters = parameters
    self.remedy = remedy
  }

  /// The edition of DIN 18040-2 the rules were written from.
  public static let din18040Part2 = "DIN 18040-2:2011-09"

  /// Door roles as scope tokens.
  public static let doorScopes = DoorRole.allCases.map(\.rawValue)
  /// Room kinds as scope tokens.
  public static let roomScopes = RoomKind.allCases.map(\.rawValue)
  /// Place kinds as scope tokens.
  public static let placeScopes = PlaceKind.allCases.map(\.rawValue)
}

/// A rule: one requirement, checked on one kind of element.
///
/// A rule holds no numbers: the thresholds come from the profile. Its
/// `evaluate` is pure and returns `nil` for an element it does not look at.
public protocol Rule: Sendable {
  /// The rule's metadata.
  static var description: RuleDescription { get }
  /// Checks one element against the profile's thresholds.
  static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation?
  /// Boundary examples (just below, at and above each threshold, and with
  /// the measurement missing), run by one test for every rule.
  static var examples: [RuleExample] { get }
}

/// The thresholds a profile binds to one rule, in canonical units (mm, %,
/// m²).
///
/// A rule reads a few of them (up to seven) on every element it checks, so
/// they are kept as a short list sorted by name and found by comparing
/// names, which costs a fraction of hashing the name for a dictionary.
public struct Thresholds: Sendable, Hashable {
  private struct Entry: Sendable, Hashable {
    var name: String
    var value: Double
    /// The slope as the profile states it, where it is a ratio; `value`
    /// is then its percentage.
    var gradient: Gradient? = nil
  }

  private var entries: [Entry]

  /// Creates thresholds: `values` in canonical units, and slopes given as
  /// ratios (`gradients`), which take the place of a value of the same name.
  public init(_ values: [String: Double] = [:], gradients: [String: Gradient] = [:]) {
    var entries = values.filter { gradients[$0.key] == nil }.map {
      Entry(name: $0.key, value: $0.value)
    }
    entries += gradients.map {
      Entry(name: $0.key, value: $0.value.slope.percent, gradient: $0.value)
    }
    self.entries = entries.sorted { $0.name < $1.name }
  }

  /// Values by parameter name, slopes given as ratios as their percentage.
  /// Setting them drops the ratios.
  public var values: [String: Double] {
    get { Dictionary(uniqueKeysWithValues: entries.map { ($0.name, $0.value) }) }
    set { self = Thresholds(newValue) }
  }

  /// The slopes given as ratios, by parameter name.
  public var gradients: [String: Gradient] {
    Dictionary(
      uniqueKeysWithValues: entries.compactMap { entry in entry.gradient.map { (entry.name, $0) } })
  }

  /// The slope named `name` as the ratio the profile gives, if it gives one.
  public func gradient(_ name: String) -> Gradient? {
    for entry in entries where entry.name == name { return entry.gradient }
    return nil
  }

  /// A slope threshold, with the ratio it was given as, if it was.
  public func slopeLimit(_ name: String) -> SlopeLimit? {
    for entry in entries where entry.name == name {
      return SlopeLimit(slope: Slope(percent: entry.value), gradient: entry.gradient)
    }
    return nil
  }

  /// The names that have a value, sorted.
  public var names: [String] { entries.map(\.name) }

  /// The value named `name`, in canonical units.
  public subscript(name: String) -> Double? {
    for entry in entries where entry.name == name { return entry.value }
    return nil
  }

  /// A length threshold.
  public func length(_ name: String) -> Length? {
    self[name].map(Length.init(millimetres:))
  }

  /// A slope threshold.
  public func slope(_ name: String) -> Slope? {
    self[name].map(Slope.init(percent:))
  }

  /// A copy whose names share no storage with this one's, for an assessor
  /// of its own on another thread.
  func unshared() -> Thresholds {
    var copy = self
    copy.entries = entries.map {
      Entry(name: $0.name.unshared, value: $0.value, gradient: $0.gradient)
    }
    return copy
  }
}

/// A slope threshold: a percentage, or a ratio a standard states (1:12),
/// which is compared as the ratio and shown as it.
public struct SlopeLimit: Sendable, Hashable {
  /// The limit as a slope (for a ratio, its percentage).
  public var slope: Slope
  /// The ratio the profile gives, if it gives one.
  public var gradient: Gradient?

  /// Creates a limit.
  public init(slope: Slope, gradient: Gradient? = nil) {
    self.slope = slope
    self.gradient = gradient
  }

  /// Whether `measured` is no steeper than the limit.
  public func admits(_ measured: Slope) -> Bool {
    gradient.map { $0.admits(measured) } ?? (measured <= slope)
  }

  /// At most this slope.
  public var requirement: Requirement {
    Requirement(maximum: slope.percent, unit: .percent, gradient: gradient)
  }
}

extension SlopeLimit: CustomStringConvertible {
  /// `1:12` for a ratio, else `6 %`.
  public var description: String { gradient.map { "\($0)" } ?? slope.description }
}
