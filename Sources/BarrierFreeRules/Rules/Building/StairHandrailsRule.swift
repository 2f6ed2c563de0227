import BarrierFreeModel

/// A stair of the building has handrails on both sides, their top
/// 850–900 mm above the nosing, running on 300 mm beyond the first and the
/// last step (clause 4.3.6 is about the building's stairs; stairs inside a
/// flat are for `din18040-2.flat.steps`).
public enum StairHandrailsRule: Rule {
  public static let description = RuleDescription(
    id: "din18040-2.stairs.handrails", title: "Stair handrails",
    clause: "4.3.6.3", reference: ["S1", "S2", "S3"], appliesTo: [.steps],
    measures: "where the stair has handrails, their height above the nosing, and how far they "
      + "run on beyond the first and last step",
    parameters: [
      Parameter("minimumHeight", .length, "lowest handrail top"),
      Parameter("maximumHeight", .length, "highest handrail top"),
      Parameter("extension", .length, "shortest run-on beyond the end steps"),
    ],
    remedy: "fit handrails on both sides")

  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .steps(let steps, _, inFlat: false) = element, steps.count != 0 else { return nil }
    let low = thresholds.length("minimumHeight")
    let high = thresholds.length("maximumHeight")
    let sides = Check.bothSides("handrails", steps.handrails, remedy: "fit a handrail on each side")
    return Check.all([
      sides,
      Check.within(
        "handrail height", steps.handrailHeight, low, high,
        remedy: "fit the handrails at \(span(low, high)) above the nosing"),
      Check.atLeast(
        "handrail run-on", steps.handrailExtension, thresholds.length("extension"),
        remedy: "extend the handrails \(mm(thresholds.length("extension"))) beyond the end steps"),
    ])
  }

  public static var examples: [RuleExample] {
    func stair(
      _ rails: Handrails? = .bothSides, height: Length? = .mm(880), run: Length? = .mm(300)
    ) -> Element {
      .steps(
        Steps(
          from: "l0", to: "l1", count: 16, handrails: rails, handrailHeight: height,
          handrailExtension: run), inFlat: false)
    }
    return RuleExample.range(profile: barrierFree, 850, 900) { stair(height: $0) }
      + RuleExample.boundaries(profile: barrierFree, .minimum, 300) { stair(run: $0) }
      + [RuleExample(stair(.oneSide), profile: barrierFree, expected: .fail, note: "one side")]
  }
}
