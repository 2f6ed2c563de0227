import BarrierFreeModel

/// In a wheelchair flat the shower has horizontal grab bars (at 850 mm).
/// The reference (B21) does not say on how many sides; this rule asks for
/// at least one.
public enum ShowerGrabBarsRule: Rule {
  /// `shower.grab-bars` ("Grab bars in the shower"), citing DIN 18040-2, clause 5.5.5.
  /// On a shower it measures the grab bars in the shower area (grabBars: none, oneSide, bothSides).
  /// It takes no threshold: it checks what was recorded, not a number.
  public static let description = RuleDescription(
    id: "shower.grab-bars", aliases: ["din18040-2.shower.grab-bars"],
    title: "Grab bars in the shower",
    clause: "5.5.5", reference: ["B21"], appliesTo: [.shower],
    scopes: RuleDescription.roomScopes,
    measures: "the grab bars in the shower area (grabBars: none, oneSide, bothSides)",
    parameters: [], remedy: "fit a horizontal grab bar at 850 mm")

  /// Checks a shower; `nil` for any other element. A value the survey did not record never makes it
  /// pass: it is unknown, or a fail where the rule asks for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .fixture(.shower(let shower), _) = element else { return nil }
    switch shower.grabBars {
    case .oneSide?, .bothSides?:
      return Evaluation(.pass, message: "grab bars \(shower.grabBars?.words ?? "")")
    case Handrails.none?:
      return Evaluation(
        .fail, message: "no grab bar in the shower", remedy: "fit a horizontal grab bar at 850 mm")
    case nil:
      return Evaluation(
        .unknown, message: "grab bars in the shower not recorded", remedy: "record the grab bars")
    }
  }

  /// Examples: none: fails; one side: passes; both sides: passes; not recorded: unknown.
  public static var examples: [RuleExample] {
    func shower(_ bars: Handrails?) -> Element {
      Sample.fixture(.shower(Shower(grabBars: bars)), in: .bathroom)
    }
    return [
      RuleExample(shower(Handrails.none), profile: wheelchair, expected: .fail, note: "none"),
      RuleExample(shower(.oneSide), profile: wheelchair, expected: .pass, note: "one side"),
      RuleExample(shower(.bothSides), profile: wheelchair, expected: .pass, note: "both sides"),
      RuleExample(shower(nil), profile: wheelchair, expected: .unknown, note: "not recorded"),
    ]
  }
}
