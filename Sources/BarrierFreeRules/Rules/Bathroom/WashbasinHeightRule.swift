import BarrierFreeModel

/// The washbasin of a wheelchair flat must be usable seated: its front top
/// edge at most 800 mm above the floor.
public enum WashbasinHeightRule: Rule {
  public static let description = RuleDescription(
    id: "din18040-2.washbasin.height", title: "Washbasin height",
    clause: "5.5.4", reference: ["B12"], appliesTo: [.washbasin],
    scopes: RuleDescription.roomScopes,
    measures: "the height of the washbasin's front top edge",
    parameters: [Parameter("maximum", .length, "highest front edge")],
    remedy: "lower the washbasin")

  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .fixture(.washbasin(let basin), _) = element else { return nil }
    let maximum = thresholds.length("maximum")
    return Check.atMost(
      "front edge height", basin.height, maximum,
      remedy: "lower the washbasin to at most \(mm(maximum))")
  }

  public static var examples: [RuleExample] {
    RuleExample.boundaries(profile: wheelchair, .maximum, 800) { height in
      Sample.fixture(.washbasin(Washbasin(height: height)), in: .bathroom)
    }
  }
}
