import BarrierFreeModel

/// A ramp must not fall sideways.
public enum RampCrossSlopeRule: Rule {
  /// `ramp.cross-slope` ("Ramp cross slope"), citing DIN 18040-2, clause 4.3.8. On a
  /// ramp it measures the cross slope of the ramp. A profile binds its threshold `maximum` (slope).
  public static let description = RuleDescription(
    id: "ramp.cross-slope", aliases: ["din18040-2.ramp.cross-slope"], title: "Ramp cross slope",
    clause: "4.3.8", reference: ["R2"], appliesTo: [.ramp],
    measures: "the cross slope of the ramp",
    parameters: [Parameter("maximum", .slope, "steepest cross slope (0: none)")],
    remedy: "rebuild the ramp level across")

  /// Checks a ramp against the thresholds one binding gives; `nil` for any other element. A value
  /// the survey did not record never makes it pass: it is unknown, or a fail where the rule asks
  /// for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .ramp(let ramp) = element else { return nil }
    return Check.slopeAtMost(
      "cross slope", ramp.crossSlope, thresholds.slopeLimit("maximum"),
      remedy: "rebuild the ramp level across")
  }

  /// Examples: at 0 %: passes; 0.1 %, just above 0: fails; not measured: unknown.
  public static var examples: [RuleExample] {
    [
      RuleExample(
        .ramp(Ramp(from: "a", to: "b", crossSlope: .percent(0))), profile: barrierFree,
        expected: .pass, note: "at 0 %"),
      RuleExample(
        .ramp(Ramp(from: "a", to: "b", crossSlope: .percent(0.1))), profile: barrierFree,
        expected: .fail, note: "0.1 %, just above 0"),
      RuleExample(
        .ramp(Ramp(from: "a", to: "b")), profile: barrierFree, expected: .unknown,
        note: "not measured"),
    ]
  }
}

/// Boundary examples under the profiles of other standards.
extension RampCrossSlopeRule: ExamplesUnderOtherStandards {
  static var otherStandardExamples: [RuleExample] {
    RuleExample.ratio(profile: iccTypeB, 1, 48) {
      .ramp(Ramp(from: "a", to: "b", crossSlope: $0))
    }
  }
}
