import BarrierFreeModel

/// A door handle must be within reach seated and standing: its axis 850 mm
/// above the floor, 850–1050 mm where the user needs it so.
public enum DoorHandleHeightRule: Rule {
  /// `door.handle-height` ("Door handle height"), citing DIN 18040-2, clause 4.3.3,
  /// 4.5.2. On a door it measures the height of the handle's axis above the finished floor. A
  /// profile binds its thresholds `minimum` (length), `maximum` (length).
  public static let description = RuleDescription(
    id: "door.handle-height", aliases: ["din18040-2.door.handle-height"],
    title: "Door handle height",
    clause: "4.3.3, 4.5.2", reference: ["D6"], appliesTo: [.door],
    scopes: RuleDescription.doorScopes,
    measures: "the height of the handle's axis above the finished floor",
    parameters: [
      Parameter("minimum", .length, "lowest handle axis"),
      Parameter("maximum", .length, "highest handle axis"),
    ],
    remedy: "move the handle")

  /// Checks a door against the thresholds one binding gives; `nil` for any other element. A value
  /// the survey did not record never makes it pass: it is unknown, or a fail where the rule asks
  /// for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .door(let door, _, _) = element else { return nil }
    if door.operation == .automatic {
      return Evaluation(.notApplicable, message: "automatic door: no handle to reach")
    }
    let low = thresholds.length("minimum")
    let high = thresholds.length("maximum")
    return Check.within(
      "handle height", door.handleHeight, low, high,
      remedy: "refit the handle at \(mm(low)) to \(mm(high)) above the floor")
  }

  /// Examples around each bound (just inside, at, just outside, and not measured): 850–1050 mm in
  /// `din18040-2`; and the cases automatic door, handle out of reach: not applicable.
  public static var examples: [RuleExample] {
    RuleExample.range(profile: barrierFree, 850, 1050) { height in
      Sample.door(.interior) { $0.handleHeight = height }
    }
      + [
        RuleExample(
          Sample.door(.flatEntrance) {
            $0.operation = .automatic
            $0.handleHeight = .mm(1200)
          }, profile: barrierFree, expected: .notApplicable,
          note: "automatic door, handle out of reach")
      ]
  }
}
