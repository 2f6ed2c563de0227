import BarrierFreeModel

/// From a wheelchair a control in a corner is out of reach: at least 500 mm
/// from the room's corners.
public enum ControlCornerDistanceRule: Rule {
  /// `control.corner-distance` ("Control distance from corners"), citing DIN 18040-2,
  /// clause 4.5.2. On a control it measures the distance from the control to the nearest room
  /// corner. A profile binds its threshold `minimum` (length).
  public static let description = RuleDescription(
    id: "control.corner-distance", aliases: ["din18040-2.control.corner-distance"],
    title: "Control distance from corners",
    clause: "4.5.2", reference: ["C2"], appliesTo: [.control],
    scopes: RuleDescription.roomScopes,
    measures: "the distance from the control to the nearest room corner",
    parameters: [Parameter("minimum", .length, "smallest distance")],
    remedy: "move the control")

  /// Checks a control against the thresholds one binding gives; `nil` for any other element. A
  /// value the survey did not record never makes it pass: it is unknown, or a fail where the rule
  /// asks for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .fixture(.control(let control), _) = element else { return nil }
    let minimum = thresholds.length("minimum")
    return Check.atLeast(
      "distance from the corner", control.cornerDistance, minimum,
      remedy: "move the \(control.kind.words) \(mm(minimum)) from the corner")
  }

  /// Examples around each bound (just inside, at, just outside, and not measured): at least 500 mm
  /// in `din18040-2-r`.
  public static var examples: [RuleExample] {
    RuleExample.boundaries(profile: wheelchair, .minimum, 500) { distance in
      Sample.fixture(.control(Control(kind: .socket, cornerDistance: distance)), in: .bedroom)
    }
  }
}

/// Boundary examples under the profiles of other standards.
extension ControlCornerDistanceRule: ExamplesUnderOtherStandards {
  static var otherStandardExamples: [RuleExample] {
    let boundaries = RuleExample.boundaries(profile: ukAdaptable, .minimum, 300) { distance in
      Sample.fixture(.control(Control(kind: .socket, cornerDistance: distance)), in: .bedroom)
    }
    return boundaries
      + RuleExample.reused(boundaries + examples, from: ukAdaptable, under: ukWheelchair)
  }
}
