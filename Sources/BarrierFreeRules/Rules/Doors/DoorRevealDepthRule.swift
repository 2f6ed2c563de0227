import BarrierFreeModel

/// A deep reveal keeps a wheelchair user from reaching the handle from the
/// side: at most 260 mm where a lateral approach is needed.
public enum DoorRevealDepthRule: Rule {
  /// `door.reveal-depth` ("Door reveal depth"), citing DIN 18040-2, clause 4.3.3, Table
  /// 1. On a door it measures the depth of the reveal on the side the door is approached from. A
  /// profile binds its threshold `maximum` (length).
  public static let description = RuleDescription(
    id: "door.reveal-depth", aliases: ["din18040-2.door.reveal-depth"], title: "Door reveal depth",
    clause: "4.3.3, Table 1", reference: ["D5"], appliesTo: [.door],
    scopes: RuleDescription.doorScopes,
    measures: "the depth of the reveal on the side the door is approached from",
    parameters: [Parameter("maximum", .length, "deepest reveal allowed")],
    remedy: "reduce the reveal")

  /// Checks a door against the thresholds one binding gives; `nil` for any other element. A value
  /// the survey did not record never makes it pass: it is unknown, or a fail where the rule asks
  /// for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .door(let door, _, _) = element else { return nil }
    let maximum = thresholds.length("maximum")
    return Check.atMost(
      "reveal depth", door.revealDepth, maximum,
      remedy: "reduce the reveal to \(mm(maximum)) or fit a powered opener")
  }

  /// Examples around each bound (just inside, at, just outside, and not measured): at most 260 mm
  /// in `din18040-2-r`; at most 260 mm in `din18040-2`.
  public static var examples: [RuleExample] {
    RuleExample.boundaries(profile: wheelchair, .maximum, 260) { depth in
      Sample.door(.interior) { $0.revealDepth = depth }
    }
      + RuleExample.boundaries(profile: barrierFree, .maximum, 260) { depth in
        Sample.door(.flatEntrance) { $0.revealDepth = depth }
      }
  }
}

/// Boundary examples under the profiles of other standards.
extension DoorRevealDepthRule: ExamplesUnderOtherStandards {
  static var otherStandardExamples: [RuleExample] {
    RuleExample.boundaries(profile: ukAdaptable, .maximum, 200) { depth in
      Sample.door(.common) { $0.revealDepth = depth }
    }
  }
}
