import BarrierFreeModel

/// A platform stair lift carries a wheelchair only if its platform is large
/// enough. The reference table has no number for it: the built-in profiles
/// use 800 × 1250 mm, the size commonly cited from DIN EN 81-40 for
/// wheelchair platforms (doubtful until checked against that standard). A
/// seat stair lift is not applicable here: it blocks the steps it serves.
public enum PlatformLiftRule: Rule {
  /// `stair-lift.platform` ("Platform lift size"), citing DIN EN 81-40, platform
  /// dimensions. On a stair lift or platform lift it measures the usable width and depth of a
  /// platform stair lift's platform. A profile binds its thresholds `width` (length), `depth`
  /// (length).
  public static let description = RuleDescription(
    id: "stair-lift.platform", aliases: ["din18040-2.stair-lift.platform"],
    title: "Platform lift size",
    standard: "DIN EN 81-40", clause: "platform dimensions", reference: ["none (doubtful)"],
    appliesTo: [.stairLift],
    measures: "the usable width and depth of a platform stair lift's platform",
    parameters: [
      Parameter("width", .length, "smallest platform width"),
      Parameter("depth", .length, "smallest platform depth"),
    ],
    remedy: "replace the platform lift with one for a wheelchair")

  /// Checks a stair lift or platform lift against the thresholds one binding gives; `nil` for any
  /// other element. A value the survey did not record never makes it pass: it is unknown, or a fail
  /// where the rule asks for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .stairLift(let lift) = element else { return nil }
    guard lift.kind == .platform else {
      return Evaluation(
        .notApplicable, message: "a seat stair lift carries no wheelchair; its steps block")
    }
    let width = thresholds.length("width")
    let depth = thresholds.length("depth")
    let measured =
      lift.platformWidth == nil && lift.platformDepth == nil
      ? [] : [MovementArea(width: lift.platformWidth, depth: lift.platformDepth)]
    return Check.area(
      "platform", measured, minimumWidth: width, minimumDepth: depth,
      remedy: "fit a platform lift of \(size(width, depth))")
  }

  /// Examples around each bound (just inside, at, just outside, and not measured): 800 × 1250 mm in
  /// `din18040-2`; and the cases seat lift: not applicable.
  public static var examples: [RuleExample] {
    RuleExample.rectangle(profile: barrierFree, 800, 1250) { areas in
      .stairLift(
        StairLift(
          from: "l0", to: "l1", kind: .platform, platformWidth: areas.first?.width,
          platformDepth: areas.first?.depth))
    }
      + [
        RuleExample(
          .stairLift(StairLift(from: "l0", to: "l1", kind: .seat)), profile: barrierFree,
          expected: .notApplicable, note: "seat lift")
      ]
  }
}
