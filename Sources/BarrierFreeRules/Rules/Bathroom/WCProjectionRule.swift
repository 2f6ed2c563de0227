import BarrierFreeModel

/// A WC for wheelchair users projects 700 mm from the back wall to its front
/// edge, so that the chair can come alongside. The reference gives 700 mm as
/// a single value; this rule reads it as a minimum.
public enum WCProjectionRule: Rule {
  /// `wc.projection` ("WC projection"), citing DIN 18040-2, clause 5.5.3. On a WC it
  /// measures the depth from the back wall to the front edge of the WC. A profile binds its
  /// threshold `minimum` (length).
  public static let description = RuleDescription(
    id: "wc.projection", aliases: ["din18040-2.wc.projection"], title: "WC projection",
    clause: "5.5.3", reference: ["B6"], appliesTo: [.wc],
    scopes: RuleDescription.roomScopes,
    measures: "the depth from the back wall to the front edge of the WC",
    parameters: [Parameter("minimum", .length, "smallest projection")],
    remedy: "fit a deeper WC or a wall-mounted frame")

  /// Checks a WC against the thresholds one binding gives; `nil` for any other element. A value the
  /// survey did not record never makes it pass: it is unknown, or a fail where the rule asks for
  /// something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .fixture(.wc(let wc), _) = element else { return nil }
    let minimum = thresholds.length("minimum")
    return Check.atLeast(
      "projection", wc.projection, minimum,
      remedy: "fit a WC projecting \(mm(minimum)) from the wall")
  }

  /// Examples around each bound (just inside, at, just outside, and not measured): at least 700 mm
  /// in `din18040-2-r`.
  public static var examples: [RuleExample] {
    RuleExample.boundaries(profile: wheelchair, .minimum, 700) { depth in
      Sample.fixture(.wc(WC(projection: depth)), in: .bathroom)
    }
  }
}
