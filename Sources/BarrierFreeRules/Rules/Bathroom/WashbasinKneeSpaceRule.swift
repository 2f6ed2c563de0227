import BarrierFreeModel

/// Under the washbasin of a wheelchair flat there must be room for the
/// knees: 670 mm high 300 mm behind the front edge, 550 mm deep and 900 mm
/// wide.
public enum WashbasinKneeSpaceRule: Rule {
  /// `washbasin.knee-space` ("Knee space under the washbasin"), citing DIN 18040-2,
  /// clause 5.5.4. On a washbasin it measures the free knee height, leg depth and leg width under
  /// the washbasin. A profile binds its thresholds `height` (length), `depth` (length), `width`
  /// (length).
  public static let description = RuleDescription(
    id: "washbasin.knee-space", aliases: ["din18040-2.washbasin.knee-space"],
    title: "Knee space under the washbasin",
    clause: "5.5.4", reference: ["B13"], appliesTo: [.washbasin],
    scopes: RuleDescription.roomScopes,
    measures: "the free knee height, leg depth and leg width under the washbasin",
    parameters: [
      Parameter("height", .length, "smallest knee height 300 mm behind the front edge"),
      Parameter("depth", .length, "smallest free leg depth"),
      Parameter("width", .length, "smallest free leg width"),
    ],
    remedy: "fit a washbasin with a flat siphon and no cabinet below")

  /// Checks a washbasin against the thresholds one binding gives; `nil` for any other element. A
  /// value the survey did not record never makes it pass: it is unknown, or a fail where the rule
  /// asks for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .fixture(.washbasin(let basin), _) = element else { return nil }
    let remedy = "fit a washbasin with a flat or concealed siphon and no cabinet below"
    return Check.all([
      Check.atLeast(
        "knee height", basin.kneeClearanceHeight, thresholds.length("height"), remedy: remedy),
      Check.atLeast(
        "leg depth", basin.kneeClearanceDepth, thresholds.length("depth"), remedy: remedy),
      Check.atLeast(
        "leg width", basin.legSpaceWidth, thresholds.length("width"), remedy: remedy),
    ])
  }

  /// Examples around each bound (just inside, at, just outside, and not measured): at least 670 mm
  /// in `din18040-2-r`; at least 550 mm in `din18040-2-r`; at least 900 mm in `din18040-2-r`.
  public static var examples: [RuleExample] {
    func basin(height: Length? = .mm(670), depth: Length? = .mm(550), width: Length? = .mm(900))
      -> Element
    {
      Sample.fixture(
        .washbasin(
          Washbasin(kneeClearanceHeight: height, kneeClearanceDepth: depth, legSpaceWidth: width)),
        in: .bathroom)
    }
    return RuleExample.boundaries(profile: wheelchair, .minimum, 670) { basin(height: $0) }
      + RuleExample.boundaries(profile: wheelchair, .minimum, 550) { basin(depth: $0) }
      + RuleExample.boundaries(profile: wheelchair, .minimum, 900) { basin(width: $0) }
  }
}
