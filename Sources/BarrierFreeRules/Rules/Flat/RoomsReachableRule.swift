import BarrierFreeModel

/// Past the flat's entrance door, the rooms a person needs must be reached
/// over the flat's doors (and steps, ramps, stair lifts): the living room, a
/// bedroom, the kitchen, the bathroom, and the balcony or terrace where there
/// is one. Whether each door and step on the way passes is for their own
/// rules; this rule asks whether a way is recorded at all. A room with no
/// recorded door to it is unknown (an open passage leaves no door in a
/// survey), never passed.
public enum RoomsReachableRule: Rule {
  /// `flat.rooms-reachable` ("The rooms a person needs are reached"), citing DIN
  /// 18040-2, clause 5.1. On a flat it measures whether the flat's connectors join its entrance
  /// door to a living room, a bedroom, the kitchen, the bathroom and any balcony or terrace. It
  /// takes no threshold: it checks what was recorded, not a number.
  public static let description = RuleDescription(
    id: "flat.rooms-reachable", aliases: ["din18040-2.flat.rooms-reachable"],
    title: "The rooms a person needs are reached",
    clause: "5.1", reference: ["MBO § 50 (1)", "A7"], appliesTo: [.flat],
    measures: "whether the flat's connectors join its entrance door to a living room, a bedroom, "
      + "the kitchen, the bathroom and any balcony or terrace",
    parameters: [], remedy: "record the doors between the rooms", outcomes: [.pass, .unknown])

  /// The kinds of room that must be reached, one of each where present.
  static let needed: [[RoomKind]] = [
    [.living], [.bedroom], [.kitchen], [.bathroom], [.balcony, .terrace],
  ]

  /// Checks a flat; `nil` for any other element. A value the survey did not record never makes it
  /// pass: it is unknown, or a fail where the rule asks for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .flat(let flat) = element else { return nil }
    guard let door = flat.entranceDoor else {
      return Evaluation(
        .unknown, message: "no entrance door recorded", remedy: "record the entrance door")
    }
    // A breadth-first search over a flat's dozen rooms. SwiftGraph's
    // Dijkstra did the same job, but its generic code, unspecialised across
    // modules, made this rule 15 % of a whole check (callgrind).
    var index: [String: Int] = [:]
    for room in flat.rooms where index[room.id] == nil { index[room.id] = index.count }
    var neighbours = Array(repeating: [Int](), count: index.count)
    for connector in flat.connectors {
      let ends = connector.endpoints
      guard ends.count == 2, let a = index[ends[0]], let b = index[ends[1]] else { continue }
      neighbours[a].append(b)
      neighbours[b].append(a)
    }
    let inner = index[door.to] != nil ? door.to : door.from
    guard let start = index[inner] else {
      return Evaluation(.unknown, message: "the entrance door leads to no room of the flat")
    }
    var reachedRooms = Array(repeating: false, count: index.count)
    reachedRooms[start] = true
    var queue = [start]
    var next = 0
    while next < queue.count {
      for neighbour in neighbours[queue[next]] where !reachedRooms[neighbour] {
        reachedRooms[neighbour] = true
        queue.append(neighbour)
      }
      next += 1
    }
    var missing: [String] = []
    for kinds in needed {
      let rooms = flat.rooms.filter { kinds.contains($0.kind) }
      guard !rooms.isEmpty else { continue }
      let reached = rooms.contains { room in
        index[room.id].map { reachedRooms[$0] } ?? false
      }
      if !reached { missing += rooms.map(\.id) }
    }
    if missing.isEmpty {
      return Evaluation(.pass, message: "every room needed is reached from the entrance door")
    }
    return Evaluation(
      .unknown,
      message: "no recorded way from the entrance door to "
        + missing.map { "'\($0)'" }
        .joined(separator: ", "),
      remedy: "record the doors (or open passages) to these rooms")
  }

  /// Examples: all reached: passes; no door to bath: unknown.
  public static var examples: [RuleExample] {
    let rooms = [
      Room(id: "hall", kind: .hallway), Room(id: "living", kind: .living),
      Room(id: "bath", kind: .bathroom),
    ]
    let entrance = Connector.door(Door(from: "landing", to: "hall"))
    let complete = Flat(
      id: "W1", entrance: "landing", rooms: rooms,
      connectors: [
        entrance, .door(Door(from: "hall", to: "living")), .door(Door(from: "hall", to: "bath")),
      ])
    var gap = complete
    gap.connectors.removeLast()
    return [
      RuleExample(.flat(complete), profile: barrierFree, expected: .pass, note: "all reached"),
      RuleExample(.flat(gap), profile: barrierFree, expected: .unknown, note: "no door to bath"),
    ]
  }
}

/// Boundary examples under the profiles of other standards.
extension RoomsReachableRule: ExamplesUnderOtherStandards {
  static var otherStandardExamples: [RuleExample] {
    RuleExample.reused(examples, from: barrierFree, under: [kfw, ukAdaptable, iccTypeB])
  }
}
