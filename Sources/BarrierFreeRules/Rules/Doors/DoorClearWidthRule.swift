import BarrierFreeModel

/// A door must be wide enough to pass in a wheelchair or with a rollator:
/// 900 mm for the flat's entrance door and, in a wheelchair flat, for every
/// door; 800 mm for doors inside a barrier-free flat.
public enum DoorClearWidthRule: Rule {
  /// `door.clear-width` ("Door clear width"), citing DIN 18040-2, clause 4.3.3.2, 5.3.1.
  /// On a door it measures the clear passage width of the open door, between the stops. A profile
  /// binds its threshold `minimum` (length).
  public static let description = RuleDescription(
    id: "door.clear-width", aliases: ["din18040-2.door.clear-width"], title: "Door clear width",
    clause: "4.3.3.2, 5.3.1", reference: ["D1", "D2", "D3"], appliesTo: [.door],
    scopes: RuleDescription.doorScopes,
    measures: "the clear passage width of the open door, between the stops",
    parameters: [Parameter("minimum", .length, "smallest clear width")],
    remedy: "widen the door opening")

  /// Checks a door against the thresholds one binding gives; `nil` for any other element. A value
  /// the survey did not record never makes it pass: it is unknown, or a fail where the rule asks
  /// for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .door(let door, _, _) = element else { return nil }
    let minimum = thresholds.length("minimum")
    let evaluation = Check.atLeast(
      "clear width", door.clearWidth, minimum,
      remedy: "widen the door to a clear width of at least \(mm(minimum))")
    guard door.clearWidthEstimated, door.clearWidth != nil else { return evaluation }
    // An estimate from a building model: too narrow is a fail (the model
    // would have to be wrong by its lining and leaf), wide enough is not
    // yet a pass.
    return evaluation.estimated("clear width")
  }

  /// Examples around each bound (just inside, at, just outside, and not measured): at least 800 mm
  /// in `din18040-2`; at least 900 mm in `din18040-2`; at least 900 mm in `din18040-2-r`.
  public static var examples: [RuleExample] {
    RuleExample.boundaries(profile: barrierFree, .minimum, 800) { width in
      Sample.door(.interior) { $0.clearWidth = width }
    }
      + RuleExample.boundaries(profile: barrierFree, .minimum, 900) { width in
        Sample.door(.flatEntrance) { $0.clearWidth = width }
      }
      + RuleExample.boundaries(profile: wheelchair, .minimum, 900) { width in
        Sample.door(.bathroom) { $0.clearWidth = width }
      }
  }
}

/// Boundary examples under the profiles of other standards.
extension DoorClearWidthRule: ExamplesUnderOtherStandards {
  static var otherStandardExamples: [RuleExample] {
    func door(_ role: DoorRole) -> (Length?) -> Element {
      { value in Sample.door(role) { $0.clearWidth = value } }
    }
    return RuleExample.reused(examples, from: barrierFree, under: [kfw])
      + RuleExample.boundaries(profile: ukAdaptable, .minimum, 850, door(.flatEntrance))
      + RuleExample.boundaries(profile: ukAdaptable, .minimum, 850, door(.outdoor))
      + RuleExample.boundaries(profile: ukAdaptable, .minimum, 750, door(.interior))
      + RuleExample.boundaries(profile: ukWheelchair, .minimum, 850, door(.interior))
      + RuleExample.boundaries(profile: iccTypeB, .minimum, inches(32), door(.flatEntrance))
      + RuleExample.boundaries(profile: iccTypeB, .minimum, inches(31.75), door(.interior))
      + RuleExample.boundaries(profile: iccTypeA, .minimum, inches(32), door(.bathroom))
  }
}
