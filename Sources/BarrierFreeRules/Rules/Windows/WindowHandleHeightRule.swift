import BarrierFreeModel

/// A wheelchair user must be able to open a window: its handle 850–1050 mm
/// above the floor, or a powered drive.
public enum WindowHandleHeightRule: Rule {
  public static let description = RuleDescription(
    id: "din18040-2.window.handle-height", title: "Window handle height",
    clause: "5.3.2", reference: ["W2"], appliesTo: [.window],
    scopes: RuleDescription.roomScopes,
    measures: "the height of the window handle, or whether the window is powered",
    parameters: [
      Parameter("minimum", .length, "lowest handle"),
      Parameter("maximum", .length, "highest handle"),
    ],
    remedy: "move the handle or fit a powered drive")

  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .fixture(.window(let window), _) = element else { return nil }
    let low = thresholds.length("minimum")
    let high = thresholds.length("maximum")
    if window.powered == true, low != nil, high != nil {
      return Evaluation(.pass, message: "powered window")
    }
    return Check.within(
      "handle height", window.handleHeight, low, high,
      remedy: "move the handle to \(span(low, high)) or fit a powered drive")
  }

  public static var examples: [RuleExample] {
    RuleExample.range(profile: wheelchair, 850, 1050) { height in
      Sample.fixture(.window(Window(handleHeight: height)), in: .bedroom)
    }
      + [
        RuleExample(
          Sample.fixture(.window(Window(handleHeight: .mm(1600), powered: true)), in: .bedroom),
          profile: wheelchair, expected: .pass, note: "powered, handle high")
      ]
  }
}
