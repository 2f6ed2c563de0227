import BarrierFreeModel

/// A door must be at least 2050 mm high in the clear.
public enum DoorClearHeightRule: Rule {
  /// `door.clear-height` ("Door clear height"), citing DIN 18040-2, clause 4.3.3.2,
  /// 5.3.1. On a door it measures the clear passage height from the finished floor to the head. A
  /// profile binds its threshold `minimum` (length).
  public static let description = RuleDescription(
    id: "door.clear-height", aliases: ["din18040-2.door.clear-height"], title: "Door clear height",
    clause: "4.3.3.2, 5.3.1", reference: ["D4"], appliesTo: [.door],
    scopes: RuleDescription.doorScopes,
    measures: "the clear passage height from the finished floor to the head",
    parameters: [Parameter("minimum", .length, "smallest clear height")],
    remedy: "raise the door head")

  /// Checks a door against the thresholds one binding gives; `nil` for any other element. A value
  /// the survey did not record never makes it pass: it is unknown, or a fail where the rule asks
  /// for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .door(let door, _, _) = element else { return nil }
    let minimum = thresholds.length("minimum")
    return Check.atLeast(
      "clear height", door.clearHeight, minimum,
      remedy: "raise the door to a clear height of at least \(mm(minimum))")
  }

  /// Examples around each bound (just inside, at, just outside, and not measured): at least 2050 mm
  /// in `din18040-2`.
  public static var examples: [RuleExample] {
    RuleExample.boundaries(profile: barrierFree, .minimum, 2050) { height in
      Sample.door(.interior) { $0.clearHeight = height }
    }
  }
}
