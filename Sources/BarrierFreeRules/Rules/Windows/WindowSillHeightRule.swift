import BarrierFreeModel

/// From a wheelchair a person must see out: in living rooms and bedrooms a
/// window transparent from at most 600 mm above the floor.
public enum WindowSillHeightRule: Rule {
  public static let description = RuleDescription(
    id: "din18040-2.window.sill-height", title: "View out when seated",
    clause: "5.3.2", reference: ["W1"], appliesTo: [.window],
    scopes: RuleDescription.roomScopes,
    measures: "the height above the floor from which the window is transparent (sillHeight)",
    parameters: [Parameter("maximum", .length, "highest sill")],
    remedy: "lower the parapet or fit a window with a transparent lower part")

  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .fixture(.window(let window), _) = element else { return nil }
    let maximum = thresholds.length("maximum")
    return Check.atMost(
      "sill height", window.sillHeight, maximum,
      remedy: "make the window transparent from \(mm(maximum)) above the floor")
  }

  public static var examples: [RuleExample] {
    RuleExample.boundaries(profile: wheelchair, .maximum, 600) { height in
      Sample.fixture(.window(Window(sillHeight: height)), in: .living)
    }
  }
}
