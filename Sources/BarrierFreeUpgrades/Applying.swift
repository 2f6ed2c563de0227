import BarrierFreeModel
import BarrierFreeRules

/// Why a measure's change could not be applied to a model.
public struct ChangeError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What went wrong, naming the element and the attribute.
  public var message: String

  /// Creates an error.
  public init(_ message: String) {
    self.message = message
  }

  /// The message.
  public var description: String { message }
}

/// A ``ChangeValue`` made concrete for one finding: the failing rule's
/// required value, or the catalogue's fixed one.
enum ResolvedValue {
  /// A rule's bounds: the value moves into them, and one already inside
  /// stays (a 1500 mm shower is not shrunk to the 1200 mm a rule asks).
  case within(minimum: Double?, maximum: Double?)
  case number(Double)
  case word(String)

  init?(_ value: ChangeValue, required: Requirement?) {
    switch value {
    case .required, .requiredBy:
      guard let required, required.minimum != nil || required.maximum != nil else { return nil }
      self = .within(minimum: required.minimum, maximum: required.maximum)
    case .number(let number): self = .number(number)
    case .word(let word): self = .word(word)
    }
  }

  /// The value for a field holding `current` (in the format's unit).
  func number(_ current: Double?) -> Double? {
    switch self {
    case .number(let number): return number
    case .word: return nil
    // Nothing recorded: the least change that clears the rule, the lower
    // end of a range, the maximum itself.
    case .within(let minimum, let maximum):
      guard let current else { return minimum ?? maximum }
      if let minimum, current < minimum { return minimum }
      if let maximum, current > maximum { return maximum }
      return current
    }
  }

  func length(_ current: Length?) -> Length? {
    number(current?.millimetres).map(Length.mm)
  }

  func slope(_ current: Slope?) -> Slope? {
    number(current?.percent).map(Slope.percent)
  }

  var flag: Bool? {
    if case .word(let word) = self { ["true": true, "false": false][word] } else { nil }
  }

  func word<Word: RawRepresentable<String>>(_: Word.Type = Word.self) -> Word? {
    if case .word(let word) = self { Word(rawValue: word) } else { nil }
  }
}

/// An element whose attributes a measure can set, by their names in the
/// portfolio format.
protocol SettableAttributes {
  /// Sets `attribute` to `value`; false when the element has no such
  /// attribute or the value does not fit it.
  mutating func set(_ attribute: String, to value: ResolvedValue) -> Bool
}

/// Sets an optional field when the value fits; whether it did.
private func assign<Value>(_ field: inout Value?, _ value: Value?) -> Bool {
  guard let value else { return false }
  field = value
  return true
}

extension Door: SettableAttributes {
  mutating func set(_ attribute: String, to value: ResolvedValue) -> Bool {
    // A widened door is built to its new width: no longer an estimate.
    if attribute == "clearWidth" { clearWidthEstimated = false }
    return switch attribute {
    case "clearWidth": assign(&clearWidth, value.length(clearWidth))
    case "clearHeight": assign(&clearHeight, value.length(clearHeight))
    case "threshold": assign(&threshold, value.length(threshold))
    case "handleHeight": assign(&handleHeight, value.length(handleHeight))
    case "handleSideClearance": assign(&handleSideClearance, value.length(handleSideClearance))
    case "revealDepth": assign(&revealDepth, value.length(revealDepth))
    case "operation": assign(&operation, value.word())
    case "opensInto": assign(&opensInto, value.word())
    case "unlockableFromOutside": assign(&unlockableFromOutside, value.flag)
    default: false
    }
  }
}

extension Steps: SettableAttributes {
  mutating func set(_ attribute: String, to value: ResolvedValue) -> Bool {
    switch attribute {
    case "handrails": assign(&handrails, value.word())
    case "handrailHeight": assign(&handrailHeight, value.length(handrailHeight))
    case "handrailExtension": assign(&handrailExtension, value.length(handrailExtension))
    default: false
    }
  }
}

extension Ramp: SettableAttributes {
  mutating func set(_ attribute: String, to value: ResolvedValue) -> Bool {
    switch attribute {
    case "slope": assign(&slope, value.slope(slope))
    case "crossSlope": assign(&crossSlope, value.slope(crossSlope))
    case "clearWidth": assign(&clearWidth, value.length(clearWidth))
    case "longestRun": assign(&longestRun, value.length(longestRun))
    case "landingLength": assign(&landingLength, value.length(landingLength))
    case "handrails": assign(&handrails, value.word())
    case "handrailHeight": assign(&handrailHeight, value.length(handrailHeight))
    case "wheelGuards": assign(&wheelGuards, value.flag)
    default: false
    }
  }
}

extension Path: SettableAttributes {
  mutating func set(_ attribute: String, to value: ResolvedValue) -> Bool {
    switch attribute {
    case "width": assign(&geometry.width, value.length(geometry.width))
    case "slope": assign(&geometry.slope, value.slope(geometry.slope))
    case "crossSlope": assign(&geometry.crossSlope, value.slope(geometry.crossSlope))
    case "surface": assign(&geometry.surface, value.word())
    default: false
    }
  }
}

extension Lift: SettableAttributes {
  mutating func set(_ attribute: String, to value: ResolvedValue) -> Bool {
    switch attribute {
    case "cabinWidth": assign(&cabinWidth, value.length(cabinWidth))
    case "cabinDepth": assign(&cabinDepth, value.length(cabinDepth))
    case "doorClearWidth": assign(&doorClearWidth, value.length(doorClearWidth))
    case "controlHeight": assign(&controlHeight, value.length(controlHeight))
    default: false
    }
  }
}

extension Fixture: SettableAttributes {
  mutating func set(_ attribute: String, to value: ResolvedValue) -> Bool {
    switch self {
    case .wc(var wc):
      let done =
        switch attribute {
        case "seatHeight": assign(&wc.seatHeight, value.length(wc.seatHeight))
        case "projection": assign(&wc.projection, value.length(wc.projection))
        case "grabBars": assign(&wc.grabBars, value.word())
        case "backrest": assign(&wc.backrest, value.flag)
        default: false
        }
      self = .wc(wc)
      return done
    case .washbasin(var basin):
      let done =
        switch attribute {
        case "height": assign(&basin.height, value.length(basin.height))
        case "kneeClearanceHeight":
          assign(&basin.kneeClearanceHeight, value.length(basin.kneeClearanceHeight))
        case "kneeClearanceDepth":
          assign(&basin.kneeClearanceDepth, value.length(basin.kneeClearanceDepth))
        case "legSpaceWidth": assign(&basin.legSpaceWidth, value.length(basin.legSpaceWidth))
        default: false
        }
      self = .washbasin(basin)
      return done
    case .shower(var shower):
      let done =
        switch attribute {
        case "floorLevel": assign(&shower.floorLevel, value.flag)
        case "step": assign(&shower.step, value.length(shower.step))
        case "width": assign(&shower.width, value.length(shower.width))
        case "depth": assign(&shower.depth, value.length(shower.depth))
        case "slipResistance": assign(&shower.slipResistance, value.word())
        case "grabBars": assign(&shower.grabBars, value.word())
        default: false
        }
      self = .shower(shower)
      return done
    case .window(var window):
      let done =
        switch attribute {
        case "sillHeight": assign(&window.sillHeight, value.length(window.sillHeight))
        case "handleHeight": assign(&window.handleHeight, value.length(window.handleHeight))
        case "powered": assign(&window.powered, value.flag)
        default: false
        }
      self = .window(window)
      return done
    case .control(var control):
      let done =
        switch attribute {
        case "height": assign(&control.height, value.length(control.height))
        case "cornerDistance": assign(&control.cornerDistance, value.length(control.cornerDistance))
        default: false
        }
      self = .control(control)
      return done
    case .kitchenCounter(var counter):
      let done =
        switch attribute {
        case "height": assign(&counter.height, value.length(counter.height))
        case "kneeSpace": assign(&counter.kneeSpace, value.flag)
        default: false
        }
      self = .kitchenCounter(counter)
      return done
    case .bathtub, .bed, .furniture, .wheelchairSpace:
      return false
    }
  }
}

extension Connector: SettableAttributes {
  mutating func set(_ attribute: String, to value: ResolvedValue) -> Bool {
    func change<Element: SettableAttributes>(
      _ element: Element, _ wrap: (Element) -> Connector
    ) -> Bool {
      var element = element
      guard element.set(attribute, to: value) else { return false }
      self = wrap(element)
      return true
    }
    return switch self {
    case .door(let door): change(door, Connector.door)
    case .steps(let steps): change(steps, Connector.steps)
    case .ramp(let ramp): change(ramp, Connector.ramp)
    case .path(let path): change(path, Connector.path)
    case .lift(let lift): change(lift, Connector.lift)
    case .stairLift: false
    }
  }
}

extension Building {
  /// The building with `attribute` of the element at `path` (a finding's
  /// path, starting at this building) set to `value`; `required` is what
  /// the rule asks for, used when `value` is ``ChangeValue/required`` or
  /// ``ChangeValue/requiredBy(_:)``: a value outside its bounds moves to the
  /// nearest bound, one inside stays.
  ///
  /// Attributes are named as in the portfolio format. Throws when the path
  /// names no element of the building, the element has no such attribute,
  /// or the value does not fit it: each is a catalogue error, not a user's.
  public func setting(
    _ attribute: String, to value: ChangeValue, at path: ElementPath, required: Requirement?
  ) throws(ChangeError) -> Building {
    guard let resolved = ResolvedValue(value, required: required) else {
      throw ChangeError("\(path): the rule states no required value to set \(attribute) to")
    }
    var building = self
    var steps = path.steps[...]
    guard steps.first?.kind == "building", steps.first?.name == id else {
      throw ChangeError("\(path) is not in building '\(id)'")
    }
    steps = steps.dropFirst()
    let done: Bool
    if steps.first?.kind == "flat", let flatStep = steps.first,
      let flat = building.flats.firstIndex(where: { $0.id == flatStep.name })
    {
      done = building.flats[flat].set(attribute, to: resolved, at: steps.dropFirst())
    } else {
      done = Self.set(attribute, to: resolved, at: steps, in: &building.connectors)
    }
    guard done else {
      throw ChangeError("\(path): no element there with an attribute '\(attribute)' to set")
    }
    return building
  }

  /// The connector at `path` (a finding's path: `building b › door d`, or
  /// one of a flat's), if there is one.
  public func connector(at path: ElementPath) -> Connector? {
    var steps = path.steps.dropFirst()
    var connectors = self.connectors
    if steps.first?.kind == "flat", let flat = flats.first(where: { $0.id == steps.first?.name }) {
      connectors = flat.connectors
      steps = steps.dropFirst()
    }
    guard steps.count == 1, let step = steps.first, let index = connectors.index(named: step) else {
      return nil
    }
    return connectors[index]
  }

  /// The token a profile's scope (and a catalogue's) matches for the
  /// element at `path`: a door's role, a room's kind, the kind of the room
  /// a fixture is in, a place's kind; nil for other elements.
  public func scopeToken(at path: ElementPath) -> String? {
    let steps = Array(path.steps.dropFirst())
    guard let first = steps.first else { return nil }
    if first.kind == "place" { return places.first { $0.id == first.name }?.kind.rawValue }
    guard first.kind == "flat", let flat = flats.first(where: { $0.id == first.name }),
      steps.count >= 2
    else {
      return first.kind == "door" && steps.count == 1 ? DoorRole.common.rawValue : nil
    }
    if steps[1].kind == "room" {
      return flat.rooms.first { $0.id == steps[1].name }?.kind.rawValue
    }
    if case .door(let door)? = connector(at: path) {
      return Assessor.scopeToken(ofDoor: door, in: flat)
    }
    return nil
  }

  /// Sets `attribute` of the connector that `steps` name (`door d1`, `ramp
  /// #2`) among `connectors`.
  static func set(
    _ attribute: String, to value: ResolvedValue, at steps: ArraySlice<PathStep>,
    in connectors: inout [Connector]
  ) -> Bool {
    guard steps.count == 1, let step = steps.first,
      let index = connectors.index(named: step)
    else { return false }
    return connectors[index].set(attribute, to: value)
  }
}

extension Flat {
  /// Sets `attribute` of the element below this flat that `steps` name: a
  /// connector, or a fixture in a room.
  mutating func set(
    _ attribute: String, to value: ResolvedValue, at steps: ArraySlice<PathStep>
  ) -> Bool {
    guard let first = steps.first else { return false }
    guard first.kind == "room" else {
      return Building.set(attribute, to: value, at: steps, in: &connectors)
    }
    guard let room = rooms.firstIndex(where: { $0.id == first.name }), steps.count == 2,
      let step = steps.last
    else { return false }
    guard let fixture = rooms[room].fixtures.index(named: step) else { return false }
    return rooms[room].fixtures[fixture].set(attribute, to: value)
  }
}

extension Array where Element == Connector {
  /// The index of the connector a path step names: by id, or `#n`, the
  /// n-th of its kind (as the assessor numbers connectors without an id).
  func index(named step: PathStep) -> Int? {
    if let ordinal = step.ordinal {
      return indices.filter { self[$0].kindName == step.kind }.dropFirst(ordinal - 1).first
    }
    return firstIndex { $0.kindName == step.kind && $0.id == step.name }
  }
}

extension Array where Element == Fixture {
  /// The index of the fixture a path step names: by id, or `#n`, the n-th
  /// of its kind in the room.
  func index(named step: PathStep) -> Int? {
    if let ordinal = step.ordinal {
      return indices.filter { self[$0].kindName == step.kind }.dropFirst(ordinal - 1).first
    }
    return firstIndex { $0.kindName == step.kind && $0.id == step.name }
  }
}

extension PathStep {
  /// `n` for a step named `#n` (an element without an id); nil otherwise.
  var ordinal: Int? {
    guard name.hasPrefix("#"), let number = Int(name.dropFirst()), number >= 1 else { return nil }
    return number
  }
}
