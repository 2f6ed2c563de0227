import BarrierFreeModel

/// The WC seat of a wheelchair flat must be 460–480 mm high, seat included,
/// for a transfer from the chair. DIN 18040-2 sets no height for
/// barrier-free flats (reference B11, Q11).
public enum WCSeatHeightRule: Rule {
  /// `wc.seat-height` ("WC seat height"), citing DIN 18040-2, clause 5.5.3. On a WC it
  /// measures the height of the top of the seat above the finished floor. A profile binds its
  /// thresholds `minimum` (length), `maximum` (length).
  public static let description = RuleDescription(
    id: "wc.seat-height", aliases: ["din18040-2.wc.seat-height"], title: "WC seat height",
    clause: "5.5.3", reference: ["B5"], appliesTo: [.wc],
    scopes: RuleDescription.roomScopes,
    measures: "the height of the top of the seat above the finished floor",
    parameters: [
      Parameter("minimum", .length, "lowest seat height"),
      Parameter("maximum", .length, "highest seat height"),
    ],
    remedy: "refit the WC")

  /// Checks a WC against the thresholds one binding gives; `nil` for any other element. A value the
  /// survey did not record never makes it pass: it is unknown, or a fail where the rule asks for
  /// something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .fixture(.wc(let wc), _) = element else { return nil }
    let low = thresholds.length("minimum")
    let high = thresholds.length("maximum")
    return Check.within(
      "seat height", wc.seatHeight, low, high,
      remedy: "refit the WC with its seat at \(mm(low)) to \(mm(high))")
  }

  /// Examples around each bound (just inside, at, just outside, and not measured): 460–480 mm in
  /// `din18040-2-r`.
  public static var examples: [RuleExample] {
    RuleExample.range(profile: wheelchair, 460, 480) { height in
      Sample.fixture(.wc(WC(seatHeight: height)), in: .bathroom)
    }
  }
}

/// Boundary examples under the profiles of other standards.
extension WCSeatHeightRule: ExamplesUnderOtherStandards {
  static var otherStandardExamples: [RuleExample] {
    RuleExample.range(profile: iccTypeA, inches(17), inches(19)) {
      Sample.fixture(.wc(WC(seatHeight: $0)), in: .bathroom)
    }
  }
}
