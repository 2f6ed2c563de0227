import BarrierFreeModel

/// The shower must be floor-level: no tray edge, a lowering of at most 20 mm
/// with bevelled transitions. A shower recorded as floor-level with no step
/// measured counts as 0 mm; one recorded as not floor-level and no step
/// measured fails.
public enum ShowerStepRule: Rule {
  /// `shower.step` ("Floor-level shower"), citing DIN 18040-2, clause 5.5.5. On a shower
  /// it measures the edge or lowering between the room floor and the shower floor (step), or
  /// whether the shower is floor-level (floorLevel). A profile binds its threshold `maximum`
  /// (length).
  public static let description = RuleDescription(
    id: "shower.step", aliases: ["din18040-2.shower.step"], title: "Floor-level shower",
    clause: "5.5.5", reference: ["B16"], appliesTo: [.shower],
    scopes: RuleDescription.roomScopes,
    measures: "the edge or lowering between the room floor and the shower floor (step), "
      + "or whether the shower is floor-level (floorLevel)",
    parameters: [Parameter("maximum", .length, "highest step allowed")],
    remedy: "rebuild the shower floor-level")

  /// Checks a shower against the thresholds one binding gives; `nil` for any other element. A value
  /// the survey did not record never makes it pass: it is unknown, or a fail where the rule asks
  /// for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .fixture(.shower(let shower), _) = element else { return nil }
    guard let maximum = thresholds.length("maximum") else {
      return Check.missingThreshold("step into the shower")
    }
    let remedy = "rebuild the shower floor-level (at most \(mm(maximum)), bevelled)"
    if shower.step == nil, let floorLevel = shower.floorLevel {
      return floorLevel
        ? Evaluation(.pass, required: .atMost(maximum), message: "floor-level shower")
        : Evaluation(
          .fail, required: .atMost(maximum),
          message: "shower tray with an edge; floor-level required", remedy: remedy)
    }
    return Check.atMost("step into the shower", shower.step, maximum, remedy: remedy)
  }

  /// Examples around each bound (just inside, at, just outside, and not measured): at most 20 mm in
  /// `din18040-2`; and the cases floor-level, no step measured: passes; tray, no step measured:
  /// fails.
  public static var examples: [RuleExample] {
    func shower(_ step: Length?, floorLevel: Bool? = nil) -> Element {
      Sample.fixture(.shower(Shower(floorLevel: floorLevel, step: step)), in: .bathroom)
    }
    return RuleExample.boundaries(profile: barrierFree, .maximum, 20) { shower($0) }
      + [
        RuleExample(
          shower(nil, floorLevel: true), profile: barrierFree, expected: .pass,
          note: "floor-level, no step measured"),
        RuleExample(
          shower(nil, floorLevel: false), profile: barrierFree, expected: .fail,
          note: "tray, no step measured"),
      ]
  }
}

/// Boundary examples under the profiles of other standards.
extension ShowerStepRule: ExamplesUnderOtherStandards {
  static var otherStandardExamples: [RuleExample] {
    RuleExample.reused(examples, from: barrierFree, under: [kfw])
  }
}
