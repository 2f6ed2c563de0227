import BarrierFreeModel

/// A bathroom or WC door must not open into the room: a person who falls
/// behind it would block it. Hinged doors open outward; sliding doors pass.
public enum BathroomDoorOpeningRule: Rule {
  /// `bathroom-door.opening` ("Bathroom door opens outward"), citing DIN 18040-2, clause
  /// 5.5.1. On a door it measures how the door opens (operation) and the side its leaf swings into
  /// (opensInto). It takes no threshold: it checks what was recorded, not a number.
  public static let description = RuleDescription(
    id: "bathroom-door.opening", aliases: ["din18040-2.bathroom-door.opening"],
    title: "Bathroom door opens outward",
    clause: "5.5.1", reference: ["D13"], appliesTo: [.door],
    scopes: [DoorRole.bathroom.rawValue],
    measures: "how the door opens (operation) and the side its leaf swings into (opensInto)",
    parameters: [], remedy: "rehang the door to open outward, or fit a sliding door")

  /// Checks a door; `nil` for any other element. A value the survey did not record never makes it
  /// pass: it is unknown, or a fail where the rule asks for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .door(let door, .bathroom, let innerSide) = element else { return nil }
    switch door.operation {
    case .sliding?, .folding?:
      return Evaluation(
        .pass, message: "\(door.operation?.rawValue ?? "") door: no swing into the room")
    case .revolving?:
      return Evaluation(
        .fail, message: "revolving door into a bathroom",
        remedy: "fit a hinged door opening outward or a sliding door")
    case .hinged?, .automatic?, nil:
      guard let opensInto = door.opensInto, let innerSide else {
        return Evaluation(
          .unknown, message: "the side the door opens into is not recorded",
          remedy: "record opensInto for the door")
      }
      if opensInto == innerSide {
        return Evaluation(
          .fail, message: "the door opens into the bathroom",
          remedy: "rehang the door to open outward, or fit a sliding door")
      }
      return Evaluation(.pass, message: "the door opens outward")
    }
  }

  /// Examples: opens into the bathroom: fails; opens into the hall: passes; sliding door: passes;
  /// swing side not recorded: unknown.
  public static var examples: [RuleExample] {
    [
      RuleExample(
        Sample.door(.bathroom) {
          $0.operation = .hinged
          $0.opensInto = .to
        }, profile: barrierFree, expected: .fail, note: "opens into the bathroom"),
      RuleExample(
        Sample.door(.bathroom) {
          $0.operation = .hinged
          $0.opensInto = .from
        }, profile: barrierFree, expected: .pass, note: "opens into the hall"),
      RuleExample(
        Sample.door(.bathroom) { $0.operation = .sliding },
        profile: barrierFree, expected: .pass, note: "sliding door"),
      RuleExample(
        Sample.door(.bathroom) { $0.operation = .hinged },
        profile: barrierFree, expected: .unknown, note: "swing side not recorded"),
    ]
  }
}

/// Boundary examples under the profiles of other standards.
extension BathroomDoorOpeningRule: ExamplesUnderOtherStandards {
  static var otherStandardExamples: [RuleExample] {
    RuleExample.reused(examples, from: barrierFree, under: [kfw])
  }
}
