import BarrierFreeModel

/// At the start and the end of a ramp there must be a level area of
/// 1500 × 1500 mm.
public enum RampLandingAreaRule: Rule {
  /// `ramp.movement-areas` ("Movement areas at the ends of a ramp"), citing DIN 18040-2,
  /// clause 4.3.8. On a ramp it measures the level areas at the start and end of the ramp
  /// (movementArea with side). A profile binds its thresholds `width` (length), `depth` (length).
  public static let description = RuleDescription(
    id: "ramp.movement-areas", aliases: ["din18040-2.ramp.movement-areas"],
    title: "Movement areas at the ends of a ramp",
    clause: "4.3.8", reference: ["R6"], appliesTo: [.ramp],
    measures: "the level areas at the start and end of the ramp (movementArea with side)",
    parameters: [
      Parameter("width", .length, "smallest width of each area"),
      Parameter("depth", .length, "smallest depth of each area"),
    ],
    remedy: "clear a level area at both ends of the ramp")

  /// Checks a ramp against the thresholds one binding gives; `nil` for any other element. A value
  /// the survey did not record never makes it pass: it is unknown, or a fail where the rule asks
  /// for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .ramp(let ramp) = element else { return nil }
    let width = thresholds.length("width")
    let depth = thresholds.length("depth")
    // Each end named by the place or room it leads to, as the survey
    // names it: `from` and `to` are the format's words, not a surveyor's.
    return Check.all(
      Side.allCases.map { side in
        let end = side == .from ? ramp.from : ramp.to
        return Check.area(
          "area at the '\(end)' end", ramp.movementAreas.filter { $0.side == side },
          minimumWidth: width, minimumDepth: depth,
          remedy: "clear \(size(width, depth)) at the '\(end)' end of the ramp")
      })
  }

  /// Examples around each bound (just inside, at, just outside, and not measured): 1500 × 1500 mm
  /// in `din18040-2`.
  public static var examples: [RuleExample] {
    RuleExample.square(profile: barrierFree, 1500) { areas in
      .ramp(
        Ramp(
          from: "a", to: "b",
          movementAreas: areas.map { MovementArea(width: $0.width, depth: $0.depth, side: .from) }
            + [MovementArea(width: .mm(1500), depth: .mm(1500), side: .to)]))
    }
  }
}
