import BarrierFreeModel

/// A ramp must be 1200 mm wide between its handrails or kerbs.
public enum RampWidthRule: Rule {
  /// `ramp.clear-width` ("Ramp clear width"), citing DIN 18040-2, clause 4.3.8. On a
  /// ramp it measures the clear width of the ramp between handrails or kerbs. A profile binds its
  /// threshold `minimum` (length).
  public static let description = RuleDescription(
    id: "ramp.clear-width", aliases: ["din18040-2.ramp.clear-width"], title: "Ramp clear width",
    clause: "4.3.8", reference: ["R3"], appliesTo: [.ramp],
    measures: "the clear width of the ramp between handrails or kerbs",
    parameters: [Parameter("minimum", .length, "smallest clear width")],
    remedy: "widen the ramp")

  /// Checks a ramp against the thresholds one binding gives; `nil` for any other element. A value
  /// the survey did not record never makes it pass: it is unknown, or a fail where the rule asks
  /// for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .ramp(let ramp) = element else { return nil }
    let minimum = thresholds.length("minimum")
    return Check.atLeast(
      "clear width", ramp.clearWidth, minimum, remedy: "widen the ramp to \(mm(minimum))")
  }

  /// Examples around each bound (just inside, at, just outside, and not measured): at least 1200 mm
  /// in `din18040-2`.
  public static var examples: [RuleExample] {
    RuleExample.boundaries(profile: barrierFree, .minimum, 1200) { width in
      .ramp(Ramp(from: "a", to: "b", clearWidth: width))
    }
  }
}

/// Boundary examples under the profiles of other standards.
extension RampWidthRule: ExamplesUnderOtherStandards {
  static var otherStandardExamples: [RuleExample] {
    RuleExample.reused(examples, from: barrierFree, under: [ukWheelchair])
      + RuleExample.boundaries(profile: ukAdaptable, .minimum, 900) {
        .ramp(Ramp(from: "a", to: "b", clearWidth: $0))
      }
      + RuleExample.boundaries(profile: iccTypeB, .minimum, inches(36)) {
        .ramp(Ramp(from: "a", to: "b", clearWidth: $0))
      }
  }
}
