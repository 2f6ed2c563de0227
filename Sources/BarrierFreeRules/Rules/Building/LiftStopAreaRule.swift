import BarrierFreeModel

/// In front of the lift door at every stop there must be a free area of
/// 1500 × 1500 mm (in housing it may overlap the circulation area).
public enum LiftStopAreaRule: Rule {
  /// `lift.stop-area` ("Area in front of the lift"), citing DIN 18040-2, clause 4.3.5.
  /// On a lift stop it measures the free area in front of the lift door at a stop (stop's
  /// movementArea). A profile binds its thresholds `width` (length), `depth` (length).
  public static let description = RuleDescription(
    id: "lift.stop-area", aliases: ["din18040-2.lift.stop-area"],
    title: "Area in front of the lift",
    clause: "4.3.5", reference: ["I7"], appliesTo: [.liftStop],
    measures: "the free area in front of the lift door at a stop (stop's movementArea)",
    parameters: [
      Parameter("width", .length, "smallest width"),
      Parameter("depth", .length, "smallest depth"),
    ],
    remedy: "clear the area in front of the lift door")

  /// Checks a lift stop against the thresholds one binding gives; `nil` for any other element. A
  /// value the survey did not record never makes it pass: it is unknown, or a fail where the rule
  /// asks for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .liftStop(let stop, _) = element else { return nil }
    let width = thresholds.length("width")
    let depth = thresholds.length("depth")
    return Check.area(
      "area in front of the lift door", stop.movementArea.map { [$0] } ?? [],
      minimumWidth: width, minimumDepth: depth,
      remedy: "clear \(size(width, depth)) in front of the lift door at '\(stop.place)'")
  }

  /// Examples around each bound (just inside, at, just outside, and not measured): 1500 × 1500 mm
  /// in `din18040-2`.
  public static var examples: [RuleExample] {
    RuleExample.square(profile: barrierFree, 1500) { areas in
      .liftStop(LiftStop(place: "landing", movementArea: areas.first), lift: Lift(id: "lift"))
    }
  }
}

/// Boundary examples under the profiles of other standards.
extension LiftStopAreaRule: ExamplesUnderOtherStandards {
  static var otherStandardExamples: [RuleExample] {
    RuleExample.reused(examples, from: barrierFree, under: [ukAdaptable, ukWheelchair])
  }
}
