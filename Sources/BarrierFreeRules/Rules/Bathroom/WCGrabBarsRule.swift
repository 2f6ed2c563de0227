import BarrierFreeModel

/// A WC for wheelchair users has folding grab bars on both sides.
public enum WCGrabBarsRule: Rule {
  /// `wc.grab-bars` ("Grab bars on both sides of the WC"), citing DIN 18040-2, clause
  /// 5.5.3. On a WC it measures where the WC has grab bars (grabBars: none, oneSide, bothSides). It
  /// takes no threshold: it checks what was recorded, not a number.
  public static let description = RuleDescription(
    id: "wc.grab-bars", aliases: ["din18040-2.wc.grab-bars"],
    title: "Grab bars on both sides of the WC",
    clause: "5.5.3", reference: ["B8"], appliesTo: [.wc],
    scopes: RuleDescription.roomScopes,
    measures: "where the WC has grab bars (grabBars: none, oneSide, bothSides)",
    parameters: [], remedy: "fit folding grab bars on both sides")

  /// Checks a WC; `nil` for any other element. A value the survey did not record never makes it
  /// pass: it is unknown, or a fail where the rule asks for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .fixture(.wc(let wc), _) = element else { return nil }
    switch wc.grabBars {
    case .bothSides?: return Evaluation(.pass, message: "grab bars on both sides")
    case .oneSide?:
      return Evaluation(
        .fail, message: "grab bar on one side only; both sides required",
        remedy: "fit a folding grab bar on the other side")
    case Handrails.none?:
      return Evaluation(
        .fail, message: "no grab bars; both sides required",
        remedy: "fit folding grab bars on both sides")
    case nil:
      return Evaluation(
        .unknown, message: "grab bars not recorded; both sides required",
        remedy: "record the grab bars")
    }
  }

  /// Examples: both sides: passes; one side: fails; none: fails; not recorded: unknown.
  public static var examples: [RuleExample] {
    func wc(_ bars: Handrails?) -> Element {
      Sample.fixture(.wc(WC(grabBars: bars)), in: .bathroom)
    }
    return [
      RuleExample(wc(.bothSides), profile: wheelchair, expected: .pass, note: "both sides"),
      RuleExample(wc(.oneSide), profile: wheelchair, expected: .fail, note: "one side"),
      RuleExample(wc(Handrails.none), profile: wheelchair, expected: .fail, note: "none"),
      RuleExample(wc(nil), profile: wheelchair, expected: .unknown, note: "not recorded"),
    ]
  }
}
