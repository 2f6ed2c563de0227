import BarrierFreeModel

/// A ramp rises at most 6 m in one run; longer ramps need intermediate
/// landings of 1500 mm.
public enum RampRunRule: Rule {
  public static let description = RuleDescription(
    id: "din18040-2.ramp.runs", title: "Ramp runs and landings",
    clause: "4.3.8", reference: ["R4", "R5"], appliesTo: [.ramp],
    measures: "the longest run between landings (longestRun, or the length of a ramp without "
      + "landings) and the shortest intermediate landing (landingLength)",
    parameters: [
      Parameter("maximumRun", .length, "longest run without a landing"),
      Parameter("minimumLanding", .length, "shortest intermediate landing"),
    ],
    remedy: "add an intermediate landing")

  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .ramp(let ramp) = element else { return nil }
    let maximumRun = thresholds.length("maximumRun")
    let minimumLanding = thresholds.length("minimumLanding")
    guard let maximumRun, let minimumLanding else { return Check.missingThreshold("run") }
    // Without a recorded run, a ramp no longer than one run has no landing.
    let run = ramp.longestRun ?? ramp.length.flatMap { $0 <= maximumRun ? $0 : nil }
    let runCheck = Check.atMost(
      "longest run", run, maximumRun,
      remedy: "add a landing of \(mm(minimumLanding)) at least every \(mm(maximumRun))")
    let landing = Check.atLeast(
      "intermediate landing", ramp.landingLength, minimumLanding,
      remedy: "lengthen the intermediate landings to \(mm(minimumLanding))")
    guard let length = ramp.length else {
      // A run without the total length: landings may or may not be needed.
      if ramp.longestRun == nil { return runCheck }
      return Check.all([
        runCheck,
        ramp.landingLength == nil
          ? Evaluation(
            .unknown, message: "total length not measured: whether landings are needed is unknown",
            remedy: "measure the ramp's total length") : landing,
      ])
    }
    guard length > maximumRun else { return runCheck }
    return Check.all([runCheck, landing])
  }

  public static var examples: [RuleExample] {
    RuleExample.boundaries(profile: barrierFree, .maximum, 6000) { run in
      .ramp(Ramp(from: "a", to: "b", length: run, longestRun: run))
    }
      + RuleExample.boundaries(profile: barrierFree, .minimum, 1500) { landing in
        .ramp(
          Ramp(
            from: "a", to: "b", length: .mm(10_000), longestRun: .mm(4000), landingLength: landing))
      }
      + [
        RuleExample(
          .ramp(Ramp(from: "a", to: "b", length: .mm(4000))), profile: barrierFree,
          expected: .pass, note: "4 m, no landing needed"),
        RuleExample(
          .ramp(Ramp(from: "a", to: "b", length: .mm(9000))), profile: barrierFree,
          expected: .unknown, note: "9 m, runs not recorded"),
        RuleExample(
          .ramp(Ramp(from: "a", to: "b", longestRun: .mm(5000))), profile: barrierFree,
          expected: .unknown, note: "a 5 m run, total length not measured"),
      ]
  }
}
