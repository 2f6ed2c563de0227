import BarrierFreeModel

/// The washbasin of a wheelchair flat must be usable seated: its front top
/// edge at most 800 mm above the floor.
public enum WashbasinHeightRule: Rule {
  /// `washbasin.height` ("Washbasin height"), citing DIN 18040-2, clause 5.5.4. On a
  /// washbasin it measures the height of the washbasin's front top edge. A profile binds its
  /// threshold `maximum` (length).
  public static let description = RuleDescription(
    id: "washbasin.height", aliases: ["din18040-2.washbasin.height"], title: "Washbasin height",
    clause: "5.5.4", reference: ["B12"], appliesTo: [.washbasin],
    scopes: RuleDescription.roomScopes,
    measures: "the height of the washbasin's front top edge",
    parameters: [Parameter("maximum", .length, "highest front edge")],
    remedy: "lower the washbasin")

  /// Checks a washbasin against the thresholds one binding gives; `nil` for any other element. A
  /// value the survey did not record never makes it pass: it is unknown, or a fail where the rule
  /// asks for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .fixture(.washbasin(let basin), _) = element else { return nil }
    let maximum = thresholds.length("maximum")
    return Check.atMost(
      "front edge height", basin.height, maximum,
      remedy: "lower the washbasin to at most \(mm(maximum))")
  }

  /// Examples around each bound (just inside, at, just outside, and not measured): at most 800 mm
  /// in `din18040-2-r`.
  public static var examples: [RuleExample] {
    RuleExample.boundaries(profile: wheelchair, .maximum, 800) { height in
      Sample.fixture(.washbasin(Washbasin(height: height)), in: .bathroom)
    }
  }
}
