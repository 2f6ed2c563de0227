import BarrierFreeModel

/// Small elements for rule examples: a door of each role, a room, a fixture
/// in a room, each changed by the example.
enum Sample {
  /// A door of `role` between typical rooms, changed by `edit`.
  static func door(_ role: DoorRole, _ edit: (inout Door) -> Void) -> Element {
    var door: Door
    switch role {
    case .flatEntrance: door = Door(from: "landing", to: "hall")
    case .bathroom: door = Door(from: "hall", to: "bath")
    case .outdoor: door = Door(from: "living", to: "balcony")
    case .interior: door = Door(from: "hall", to: "living")
    case .common: door = Door(from: "entrance", to: "lobby")
    }
    edit(&door)
    let inner: Side? =
      switch role {
      case .bathroom, .flatEntrance: .to
      case .interior, .outdoor, .common: nil
      }
    return .door(door, role: role, innerSide: inner)
  }

  /// A room of `kind`, changed by `edit`.
  static func room(_ kind: RoomKind, _ edit: (inout Room) -> Void = { _ in }) -> Element {
    var room = Room(id: kind.rawValue, kind: kind)
    edit(&room)
    return .room(room)
  }

  /// `fixture` in a room of `kind`.
  static func fixture(_ fixture: Fixture, in kind: RoomKind) -> Element {
    .fixture(fixture, room: Room(id: kind.rawValue, kind: kind, fixtures: [fixture]))
  }

  /// A flat with `rooms`.
  static func flat(_ rooms: [Room]) -> Element {
    .flat(Flat(id: "W1", entrance: "landing", rooms: rooms))
  }

  /// An area of `width` × `depth` mm.
  static func area(_ width: Double?, _ depth: Double?) -> MovementArea {
    MovementArea(width: width.map(Length.mm), depth: depth.map(Length.mm))
  }
}

/// The two built-in profiles the examples use.
let barrierFree = "din18040-2"
let wheelchair = "din18040-2-r"
