import BarrierFreeModel

/// A ramp may rise at most 6 %.
public enum RampSlopeRule: Rule {
  public static let description = RuleDescription(
    id: "din18040-2.ramp.slope", title: "Ramp slope",
    clause: "4.3.8", reference: ["R1"], appliesTo: [.ramp],
    measures: "the slope of the steepest run of the ramp",
    parameters: [Parameter("maximum", .slope, "steepest slope allowed")],
    remedy: "lengthen the ramp")

  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .ramp(let ramp) = element else { return nil }
    guard let maximum = thresholds.slope("maximum") else {
      return Check.missingThreshold("slope")
    }
    let requirement = Requirement(maximum: maximum.percent, unit: .percent)
    guard let slope = ramp.slope else {
      return Evaluation(
        .unknown, required: requirement, text: .unmeasured("slope"),
        remedy: "measure the slope")
    }
    let met = requirement.isMet(by: slope.percent)
    return Evaluation(
      met ? .pass : .fail, measured: Quantity(slope), required: requirement,
      text: .measured("slope"),
      remedy: met ? nil : "lengthen the ramp to a slope of at most \(maximum)")
  }

  public static var examples: [RuleExample] {
    func ramp(_ percent: Double?) -> Element {
      .ramp(Ramp(from: "living", to: "terrace", slope: percent.map(Slope.init(percent:))))
    }
    return [
      RuleExample(ramp(6.1), profile: barrierFree, expected: .fail, note: "6.1 %, above 6 %"),
      RuleExample(ramp(6), profile: barrierFree, expected: .pass, note: "at 6 %"),
      RuleExample(ramp(5.9), profile: barrierFree, expected: .pass, note: "5.9 %, below 6 %"),
      RuleExample(ramp(nil), profile: barrierFree, expected: .unknown, note: "not measured"),
    ]
  }
}
