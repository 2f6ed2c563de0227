import BarrierFreeModel

/// In front of the building's entrance, and wherever a wheelchair user must
/// turn, a level area of 1500 × 1500 mm.
public enum PlaceMovementAreaRule: Rule {
  /// `place.movement-area` ("Movement area at a place"), citing DIN 18040-2, clause
  /// 4.3.3. On a place of the building it measures the largest free movement area of the place
  /// (movementArea). A profile binds its thresholds `width` (length), `depth` (length).
  public static let description = RuleDescription(
    id: "place.movement-area", aliases: ["din18040-2.place.movement-area"],
    title: "Movement area at a place",
    clause: "4.3.3", reference: ["D8"], appliesTo: [.place],
    scopes: RuleDescription.placeScopes,
    measures: "the largest free movement area of the place (movementArea)",
    parameters: [
      Parameter("width", .length, "smallest width"),
      Parameter("depth", .length, "smallest depth"),
    ],
    remedy: "clear a level area")

  /// Checks a place of the building against the thresholds one binding gives; `nil` for any other
  /// element. A value the survey did not record never makes it pass: it is unknown, or a fail where
  /// the rule asks for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .place(let place) = element else { return nil }
    let width = thresholds.length("width")
    let depth = thresholds.length("depth")
    return Check.area(
      "movement area", place.movementAreas, minimumWidth: width, minimumDepth: depth,
      remedy: "clear a level area of \(size(width, depth))")
  }

  /// Examples around each bound (just inside, at, just outside, and not measured): 1500 × 1500 mm
  /// in `din18040-2`.
  public static var examples: [RuleExample] {
    RuleExample.square(profile: barrierFree, 1500) { areas in
      .place(Place(id: "entrance", kind: .entrance, movementAreas: areas))
    }
  }
}

/// Boundary examples under the profiles of other standards.
extension PlaceMovementAreaRule: ExamplesUnderOtherStandards {
  static var otherStandardExamples: [RuleExample] {
    RuleExample.reused(examples, from: barrierFree, under: [ukWheelchair])
      + RuleExample.square(profile: ukAdaptable, 1200) { areas in
        .place(Place(id: "entrance", kind: .entrance, movementAreas: areas))
      }
  }
}
