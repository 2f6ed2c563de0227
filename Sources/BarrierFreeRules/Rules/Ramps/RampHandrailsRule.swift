import BarrierFreeModel

/// A ramp has handrails on both sides, their top 850–900 mm above it, and
/// wheel guards (or walls) on both sides.
public enum RampHandrailsRule: Rule {
  /// `ramp.handrails` ("Ramp handrails and wheel guards"), citing DIN 18040-2, clause
  /// 4.3.8. On a ramp it measures where the ramp has handrails, their height, and whether it has
  /// wheel guards. A profile binds its thresholds `minimumHeight` (length), `maximumHeight`
  /// (length).
  public static let description = RuleDescription(
    id: "ramp.handrails", aliases: ["din18040-2.ramp.handrails"],
    title: "Ramp handrails and wheel guards",
    clause: "4.3.8", reference: ["R7", "R8"], appliesTo: [.ramp],
    measures: "where the ramp has handrails, their height, and whether it has wheel guards",
    parameters: [
      Parameter("minimumHeight", .length, "lowest handrail top"),
      Parameter("maximumHeight", .length, "highest handrail top"),
    ],
    remedy: "fit handrails on both sides and wheel guards")

  /// Checks a ramp against the thresholds one binding gives; `nil` for any other element. A value
  /// the survey did not record never makes it pass: it is unknown, or a fail where the rule asks
  /// for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .ramp(let ramp) = element else { return nil }
    let low = thresholds.length("minimumHeight")
    let high = thresholds.length("maximumHeight")
    let sides = Check.bothSides("handrails", ramp.handrails, remedy: "fit handrails on both sides")
    return Check.all([
      sides,
      Check.within(
        "handrail height", ramp.handrailHeight, low, high,
        remedy: "fit the handrails at \(span(low, high))"),
      Check.flag(
        ramp.wheelGuards, passes: "wheel guards on both sides",
        fails: "no wheel guards", unmeasured: "wheel guards not recorded",
        remedy: "fit 100 mm wheel guards on both sides"),
    ])
  }

  /// Examples around each bound (just inside, at, just outside, and not measured): 850–900 mm in
  /// `din18040-2`; and the cases one side: fails; not recorded: unknown; no guards: fails.
  public static var examples: [RuleExample] {
    func ramp(_ rails: Handrails? = .bothSides, height: Length? = .mm(870), guards: Bool? = true)
      -> Element
    {
      .ramp(
        Ramp(from: "a", to: "b", handrails: rails, handrailHeight: height, wheelGuards: guards))
    }
    return RuleExample.range(profile: barrierFree, 850, 900) { ramp(height: $0) }
      + [
        RuleExample(ramp(.oneSide), profile: barrierFree, expected: .fail, note: "one side"),
        RuleExample(ramp(nil), profile: barrierFree, expected: .unknown, note: "not recorded"),
        RuleExample(ramp(guards: false), profile: barrierFree, expected: .fail, note: "no guards"),
      ]
  }
}
