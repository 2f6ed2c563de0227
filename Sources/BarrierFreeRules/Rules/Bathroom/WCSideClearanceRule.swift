import BarrierFreeModel

/// The WC must stand clear of the wall or the next object on its narrow
/// side: 200 mm in a barrier-free flat, 300 mm in a wheelchair flat (the
/// other side is the transfer area).
public enum WCSideClearanceRule: Rule {
  /// `wc.side-clearance` ("Distance beside the WC"), citing DIN 18040-2, clause 5.5.2,
  /// 5.5.3. On a WC it measures the distance from the WC to the wall or next object on its narrow
  /// side (otherSideClearance). A profile binds its threshold `minimum` (length).
  public static let description = RuleDescription(
    id: "wc.side-clearance", aliases: ["din18040-2.wc.side-clearance"],
    title: "Distance beside the WC",
    clause: "5.5.2, 5.5.3", reference: ["B3", "B4"], appliesTo: [.wc],
    scopes: RuleDescription.roomScopes,
    measures: "the distance from the WC to the wall or next object on its narrow side "
      + "(otherSideClearance)",
    parameters: [Parameter("minimum", .length, "smallest distance")],
    remedy: "move the WC")

  /// Checks a WC against the thresholds one binding gives; `nil` for any other element. A value the
  /// survey did not record never makes it pass: it is unknown, or a fail where the rule asks for
  /// something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .fixture(.wc(let wc), _) = element else { return nil }
    let minimum = thresholds.length("minimum")
    return Check.atLeast(
      "distance on the narrow side", wc.otherSideClearance, minimum,
      remedy: "move the WC to stand \(mm(minimum)) from the wall")
  }

  /// Examples around each bound (just inside, at, just outside, and not measured): at least 200 mm
  /// in `din18040-2`; at least 300 mm in `din18040-2-r`.
  public static var examples: [RuleExample] {
    func wc(_ distance: Length?) -> Element {
      Sample.fixture(.wc(WC(otherSideClearance: distance)), in: .bathroom)
    }
    return RuleExample.boundaries(profile: barrierFree, .minimum, 200, wc)
      + RuleExample.boundaries(profile: wheelchair, .minimum, 300, wc)
  }
}
