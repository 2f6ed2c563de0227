import BarrierFreeModel

/// A ramp may rise at most 6 %, in a flat or on the way to it.
public enum RampSlopeRule: Rule {
  /// `ramp.slope` ("Ramp slope"), citing DIN 18040-2, clause 4.3.8. On a ramp it
  /// measures the slope of the steepest run of the ramp. A profile binds its threshold `maximum`
  /// (slope).
  public static let description = RuleDescription(
    id: "ramp.slope", aliases: ["din18040-2.ramp.slope"], title: "Ramp slope",
    clause: "4.3.8", reference: ["R1"], appliesTo: [.ramp],
    measures: "the slope of the steepest run of the ramp",
    parameters: [Parameter("maximum", .slope, "steepest slope allowed")],
    remedy: "lengthen the ramp")

  /// Checks a ramp against the thresholds one binding gives; `nil` for any other element. A value
  /// the survey did not record never makes it pass: it is unknown, or a fail where the rule asks
  /// for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .ramp(let ramp) = element else { return nil }
    let maximum = thresholds.slopeLimit("maximum")
    return Check.slopeAtMost(
      "slope", ramp.slope, maximum,
      remedy: "lengthen the ramp to a slope of at most \(maximum.map { "\($0)" } ?? "the maximum")")
  }

  /// Examples around each bound (just inside, at, just outside, and not measured): at most 6 % in
  /// `din18040-2`.
  public static var examples: [RuleExample] {
    RuleExample.slopes(profile: barrierFree, maximum: 6) { slope in
      .ramp(Ramp(from: "street", to: "entrance", slope: slope))
    }
  }
}

/// Boundary examples under the profiles of other standards.
extension RampSlopeRule: ExamplesUnderOtherStandards {
  static var otherStandardExamples: [RuleExample] {
    let boundaries = RuleExample.ratio(profile: ukAdaptable, 1, 12) {
      .ramp(Ramp(from: "street", to: "entrance", slope: $0))
    }
    return RuleExample.reused(examples, from: barrierFree, under: [kfw])
      + RuleExample.reused(boundaries + examples, from: ukAdaptable, under: iccTypeB)
      + boundaries
  }
}
