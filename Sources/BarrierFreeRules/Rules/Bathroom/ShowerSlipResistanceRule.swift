import BarrierFreeModel

/// The shower floor must be slip-resistant for wet bare feet: evaluation
/// group B or better of DGUV Information 207-006. The group is ordinal, so
/// the rule takes no threshold: group B is the requirement the reference
/// names (B20).
public enum ShowerSlipResistanceRule: Rule {
  /// `shower.slip-resistance` ("Slip-resistant shower floor"), citing DIN 18040-2,
  /// clause 5.5.5. On a shower it measures the DGUV 207-006 evaluation group of the shower floor
  /// (slipResistance: A, B, C). It takes no threshold: it checks what was recorded, not a number.
  public static let description = RuleDescription(
    id: "shower.slip-resistance", aliases: ["din18040-2.shower.slip-resistance"],
    title: "Slip-resistant shower floor",
    clause: "5.5.5", reference: ["B20"], appliesTo: [.shower],
    scopes: RuleDescription.roomScopes,
    measures: "the DGUV 207-006 evaluation group of the shower floor (slipResistance: A, B, C)",
    parameters: [], remedy: "lay a floor of evaluation group B or C, or treat the tiles")

  /// Checks a shower; `nil` for any other element. A value the survey did not record never makes it
  /// pass: it is unknown, or a fail where the rule asks for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .fixture(.shower(let shower), _) = element else { return nil }
    guard let group = shower.slipResistance else {
      return Evaluation(
        .unknown, message: "slip resistance not recorded; group B or C required",
        remedy: "record the floor's DGUV 207-006 evaluation group")
    }
    if group >= .b {
      return Evaluation(.pass, message: "slip resistance group \(group.rawValue); B or C required")
    }
    return Evaluation(
      .fail, message: "slip resistance group \(group.rawValue); B or C required",
      remedy: "lay a floor of evaluation group B or C, or treat the tiles")
  }

  /// Examples: group A, below B: fails; group B: passes; group C, above B: passes; not recorded:
  /// unknown.
  public static var examples: [RuleExample] {
    func shower(_ group: SlipResistance?) -> Element {
      Sample.fixture(.shower(Shower(slipResistance: group)), in: .bathroom)
    }
    return [
      RuleExample(shower(.a), profile: barrierFree, expected: .fail, note: "group A, below B"),
      RuleExample(shower(.b), profile: barrierFree, expected: .pass, note: "group B"),
      RuleExample(shower(.c), profile: barrierFree, expected: .pass, note: "group C, above B"),
      RuleExample(shower(nil), profile: barrierFree, expected: .unknown, note: "not recorded"),
    ]
  }
}

/// Boundary examples under the profiles of other standards.
extension ShowerSlipResistanceRule: ExamplesUnderOtherStandards {
  static var otherStandardExamples: [RuleExample] {
    RuleExample.reused(examples, from: barrierFree, under: [kfw])
  }
}
