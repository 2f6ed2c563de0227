import BarrierFreeModel

/// The door rules can check a flat's entrance door only if the survey
/// recorded it: a flat without one is unknown, never passed by default.
public enum EntranceDoorRecordedRule: Rule {
  /// `flat.entrance-door` ("Entrance door recorded"), citing DIN 18040-2, clause 4.3.3.
  /// On a flat it measures whether the flat has a door from its entrance place to one of its rooms.
  /// It takes no threshold: it checks what was recorded, not a number.
  public static let description = RuleDescription(
    id: "flat.entrance-door", aliases: ["din18040-2.flat.entrance-door"],
    title: "Entrance door recorded",
    clause: "4.3.3", reference: ["D1", "D8", "D11"], appliesTo: [.flat],
    measures: "whether the flat has a door from its entrance place to one of its rooms",
    parameters: [], remedy: "record the flat's entrance door", outcomes: [.pass, .unknown])

  /// Checks a flat; `nil` for any other element. A value the survey did not record never makes it
  /// pass: it is unknown, or a fail where the rule asks for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .flat(let flat) = element else { return nil }
    if let door = flat.entranceDoor {
      return Evaluation(.pass, message: "entrance door '\(door.id ?? door.to)' recorded")
    }
    return Evaluation(
      .unknown,
      message: "no entrance door from '\(flat.entrance)' recorded: its width, threshold and "
        + "manoeuvring areas cannot be checked",
      remedy: "record the flat's entrance door")
  }

  /// Examples: recorded: passes; not recorded: unknown.
  public static var examples: [RuleExample] {
    let hall = Room(id: "hall", kind: .hallway)
    let withDoor = Flat(
      id: "W1", entrance: "landing", rooms: [hall],
      connectors: [.door(Door(from: "landing", to: "hall"))])
    let withoutDoor = Flat(id: "W1", entrance: "landing", rooms: [hall])
    return [
      RuleExample(.flat(withDoor), profile: barrierFree, expected: .pass, note: "recorded"),
      RuleExample(
        .flat(withoutDoor), profile: barrierFree, expected: .unknown, note: "not recorded"),
    ]
  }
}

/// Boundary examples under the profiles of other standards.
extension EntranceDoorRecordedRule: ExamplesUnderOtherStandards {
  static var otherStandardExamples: [RuleExample] {
    RuleExample.reused(examples, from: barrierFree, under: [kfw, ukAdaptable, iccTypeB])
  }
}
