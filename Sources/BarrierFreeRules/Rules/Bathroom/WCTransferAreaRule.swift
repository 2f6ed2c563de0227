import BarrierFreeModel

/// Beside the WC of a wheelchair flat there must be a transfer area of
/// 900 mm wide and 700 mm deep on one side.
public enum WCTransferAreaRule: Rule {
  /// `wc.transfer-area` ("Transfer area beside the WC"), citing DIN 18040-2, clause
  /// 5.5.3. On a WC it measures the free area beside the WC on its wider side (transferWidth ×
  /// transferDepth). A profile binds its thresholds `width` (length), `depth` (length).
  public static let description = RuleDescription(
    id: "wc.transfer-area", aliases: ["din18040-2.wc.transfer-area"],
    title: "Transfer area beside the WC",
    clause: "5.5.3", reference: ["B4"], appliesTo: [.wc],
    scopes: RuleDescription.roomScopes,
    measures: "the free area beside the WC on its wider side (transferWidth × transferDepth)",
    parameters: [
      Parameter("width", .length, "smallest width of the transfer area"),
      Parameter("depth", .length, "smallest depth of the transfer area"),
    ],
    remedy: "move the WC or what stands beside it")

  /// Checks a WC against the thresholds one binding gives; `nil` for any other element. A value the
  /// survey did not record never makes it pass: it is unknown, or a fail where the rule asks for
  /// something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .fixture(.wc(let wc), _) = element else { return nil }
    let width = thresholds.length("width")
    let depth = thresholds.length("depth")
    let area = MovementArea(width: wc.transferWidth, depth: wc.transferDepth)
    let measured = wc.transferWidth == nil && wc.transferDepth == nil ? [] : [area]
    return Check.area(
      "transfer area", measured, minimumWidth: width, minimumDepth: depth,
      remedy: "free \(size(width, depth)) beside the WC")
  }

  /// Examples around each bound (just inside, at, just outside, and not measured): 900 × 700 mm in
  /// `din18040-2-r`.
  public static var examples: [RuleExample] {
    RuleExample.rectangle(profile: wheelchair, 900, 700) { areas in
      Sample.fixture(
        .wc(WC(transferWidth: areas.first?.width, transferDepth: areas.first?.depth)),
        in: .bathroom)
    }
  }
}
