import BarrierFreeModel

/// A stair of the building has handrails on both sides, their top
/// 850–900 mm above the nosing, running on 300 mm beyond the first and the
/// last step (clause 4.3.6 is about the building's stairs; stairs inside a
/// flat are for `flat.steps`).
public enum StairHandrailsRule: Rule {
  /// `stairs.handrails` ("Stair handrails"), citing DIN 18040-2, clause 4.3.6.3. On a
  /// flight of steps it measures where the stair has handrails, their height above the nosing, and
  /// how far they run on beyond the first and last step. A profile binds its thresholds
  /// `minimumHeight` (length), `maximumHeight` (length), `extension` (length).
  public static let description = RuleDescription(
    id: "stairs.handrails", aliases: ["din18040-2.stairs.handrails"], title: "Stair handrails",
    clause: "4.3.6.3", reference: ["S1", "S2", "S3"], appliesTo: [.steps],
    measures: "where the stair has handrails, their height above the nosing, and how far they "
      + "run on beyond the first and last step",
    parameters: [
      Parameter("minimumHeight", .length, "lowest handrail top"),
      Parameter("maximumHeight", .length, "highest handrail top"),
      Parameter("extension", .length, "shortest run-on beyond the end steps"),
    ],
    remedy: "fit handrails on both sides")

  /// Checks a flight of steps against the thresholds one binding gives; `nil` for any other
  /// element. A value the survey did not record never makes it pass: it is unknown, or a fail where
  /// the rule asks for something to be absent.
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

  /// Examples around each bound (just inside, at, just outside, and not measured): 850–900 mm in
  /// `din18040-2`; at least 300 mm in `din18040-2`; and the cases one side: fails.
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
