import BarrierFreeModel

/// A lift's cabin must be 1100 mm wide and 1400 mm deep inside (type 2 of
/// DIN EN 81-70), its door 900 mm wide, its highest button within reach.
public enum LiftCabinRule: Rule {
  /// `lift.cabin` ("Lift cabin, door and controls"), citing DIN 18040-2, clause 4.3.5.
  /// On a lift it measures the cabin's clear inner width and depth, the door's clear width, and the
  /// height of the highest button. A profile binds its thresholds `cabinWidth` (length),
  /// `cabinDepth` (length), `doorWidth` (length), `controlHeight` (length).
  public static let description = RuleDescription(
    id: "lift.cabin", aliases: ["din18040-2.lift.cabin"], title: "Lift cabin, door and controls",
    clause: "4.3.5", reference: ["I5", "I6", "I9"], appliesTo: [.lift],
    measures: "the cabin's clear inner width and depth, the door's clear width, and the height "
      + "of the highest button",
    parameters: [
      Parameter("cabinWidth", .length, "smallest clear cabin width"),
      Parameter("cabinDepth", .length, "smallest clear cabin depth"),
      Parameter("doorWidth", .length, "smallest clear door width"),
      Parameter("controlHeight", .length, "highest button"),
    ],
    remedy: "replace the lift with one of type 2 (1100 × 1400 mm, 900 mm door)")

  /// Checks a lift against the thresholds one binding gives; `nil` for any other element. A value
  /// the survey did not record never makes it pass: it is unknown, or a fail where the rule asks
  /// for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .lift(let lift) = element else { return nil }
    let width = thresholds.length("cabinWidth")
    let depth = thresholds.length("cabinDepth")
    let cabin =
      lift.cabinWidth == nil && lift.cabinDepth == nil
      ? [] : [MovementArea(width: lift.cabinWidth, depth: lift.cabinDepth)]
    let remedy = "replace the lift with one of \(size(width, depth)) inside"
    return Check.all([
      Check.area("cabin", cabin, minimumWidth: width, minimumDepth: depth, remedy: remedy),
      Check.atLeast(
        "door clear width", lift.doorClearWidth, thresholds.length("doorWidth"), remedy: remedy),
      Check.atMost(
        "highest button", lift.controlHeight, thresholds.length("controlHeight"),
        remedy: "add a lower control panel"),
    ])
  }

  /// Examples around each bound (just inside, at, just outside, and not measured): 1100 × 1400 mm
  /// in `din18040-2`; at least 900 mm in `din18040-2`; at most 1050 mm in `din18040-2`.
  public static var examples: [RuleExample] {
    func lift(
      _ cabin: [MovementArea] = [Sample.area(1100, 1400)], door: Length? = .mm(900),
      controls: Length? = .mm(1000)
    ) -> Element {
      .lift(
        Lift(
          id: "lift", cabinWidth: cabin.first?.width, cabinDepth: cabin.first?.depth,
          doorClearWidth: door, controlHeight: controls))
    }
    return RuleExample.rectangle(profile: barrierFree, 1100, 1400) { lift($0) }
      + RuleExample.boundaries(profile: barrierFree, .minimum, 900) { lift(door: $0) }
      + RuleExample.boundaries(profile: barrierFree, .maximum, 1050) { lift(controls: $0) }
  }
}

/// Boundary examples under the profiles of other standards.
extension LiftCabinRule: ExamplesUnderOtherStandards {
  static var otherStandardExamples: [RuleExample] {
    func lift(door: Length? = .mm(900), controls: Length? = .mm(1000)) -> Element {
      .lift(
        Lift(
          id: "lift", cabinWidth: .mm(1100), cabinDepth: .mm(1400), doorClearWidth: door,
          controlHeight: controls))
    }
    let boundaries =
      RuleExample.boundaries(profile: kfw, .minimum, 800) { lift(door: $0) }
      + RuleExample.boundaries(profile: ukAdaptable, .minimum, 800) { lift(door: $0) }
      + RuleExample.boundaries(profile: ukAdaptable, .maximum, 1200) { lift(controls: $0) }
    return boundaries
      + RuleExample.reused(boundaries + examples, from: ukAdaptable, under: ukWheelchair)
  }
}
