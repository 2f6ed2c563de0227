import BarrierFreeModel

/// A bathroom or WC door must be unlockable from outside, so that help can
/// get in.
public enum BathroomDoorUnlockableRule: Rule {
  /// `bathroom-door.unlockable` ("Bathroom door unlockable from outside"), citing DIN
  /// 18040-2, clause 5.5.1. On a door it measures whether the lock can be opened from outside
  /// (unlockableFromOutside). It takes no threshold: it checks what was recorded, not a number.
  public static let description = RuleDescription(
    id: "bathroom-door.unlockable", aliases: ["din18040-2.bathroom-door.unlockable"],
    title: "Bathroom door unlockable from outside",
    clause: "5.5.1", reference: ["D13"], appliesTo: [.door],
    scopes: [DoorRole.bathroom.rawValue],
    measures: "whether the lock can be opened from outside (unlockableFromOutside)",
    parameters: [], remedy: "fit a lock with an emergency release")

  /// Checks a door; `nil` for any other element. A value the survey did not record never makes it
  /// pass: it is unknown, or a fail where the rule asks for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .door(let door, .bathroom, _) = element else { return nil }
    return Check.flag(
      door.unlockableFromOutside, passes: "the lock opens from outside",
      fails: "the lock cannot be opened from outside",
      unmeasured: "not recorded whether the lock opens from outside",
      remedy: "fit a lock with an emergency release")
  }

  /// Examples: emergency release: passes; no emergency release: fails; not recorded: unknown.
  public static var examples: [RuleExample] {
    [
      RuleExample(
        Sample.door(.bathroom) { $0.unlockableFromOutside = true },
        profile: barrierFree, expected: .pass, note: "emergency release"),
      RuleExample(
        Sample.door(.bathroom) { $0.unlockableFromOutside = false },
        profile: barrierFree, expected: .fail, note: "no emergency release"),
      RuleExample(
        Sample.door(.bathroom) { _ in }, profile: barrierFree, expected: .unknown,
        note: "not recorded"),
    ]
  }
}

/// Boundary examples under the profiles of other standards.
extension BathroomDoorUnlockableRule: ExamplesUnderOtherStandards {
  static var otherStandardExamples: [RuleExample] {
    RuleExample.reused(examples, from: barrierFree, under: [kfw])
  }
}
