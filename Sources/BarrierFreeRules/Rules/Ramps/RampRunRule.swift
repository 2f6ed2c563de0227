import BarrierFreeModel

/// A ramp rises at most 6 m in one run; longer ramps need intermediate
/// landings of 1500 mm.
///
/// Where a standard allows a longer run the gentler the ramp (Approved
/// Document M, Diagram 2.1: 10 m at 1:20, 5 m at 1:15, 2 m at 1:12), the
/// profile gives the runs at up to three slopes; between them the longest
/// run is interpolated linearly in N of the gradient 1:N (1:14 allows
/// 4 m), which is the stricter reading between the points. Such a profile
/// needs the ramp's slope: without it the run is unknown.
public enum RampRunRule: Rule {
  /// `ramp.runs` ("Ramp runs and landings"), citing DIN 18040-2, clause 4.3.8. On a ramp
  /// it measures the longest run between landings (longestRun, or the length of a ramp without
  /// landings) and the shortest intermediate landing (landingLength). A profile binds its
  /// thresholds `maximumRun` (length), `minimumLanding` (length), `gentleSlope` (slope),
  /// `middleSlope` (slope), `middleMaximumRun` (length), `steepSlope` (slope), `steepMaximumRun`
  /// (length).
  public static let description = RuleDescription(
    id: "ramp.runs", aliases: ["din18040-2.ramp.runs"], title: "Ramp runs and landings",
    clause: "4.3.8", reference: ["R4", "R5"], appliesTo: [.ramp],
    measures: "the longest run between landings (longestRun, or the length of a ramp without "
      + "landings) and the shortest intermediate landing (landingLength)",
    parameters: [
      Parameter("maximumRun", .length, "longest run without a landing"),
      Parameter("minimumLanding", .length, "shortest intermediate landing"),
      Parameter(
        "gentleSlope", .slope,
        "slope up to which maximumRun applies, where steeper "
          + "ramps get shorter runs (with steepSlope)", optional: true),
      Parameter(
        "middleSlope", .slope, "a slope between gentleSlope and steepSlope", optional: true),
      Parameter("middleMaximumRun", .length, "longest run at middleSlope", optional: true),
      Parameter("steepSlope", .slope, "steepest slope runs are given for", optional: true),
      Parameter(
        "steepMaximumRun", .length, "longest run at steepSlope and above", optional: true),
    ],
    remedy: "add an intermediate landing")

  /// Checks a ramp against the thresholds one binding gives; `nil` for any other element. A value
  /// the survey did not record never makes it pass: it is unknown, or a fail where the rule asks
  /// for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .ramp(let ramp) = element else { return nil }
    let maximumRun = thresholds.length("maximumRun")
    let minimumLanding = thresholds.length("minimumLanding")
    guard var maximumRun, let minimumLanding else { return Check.missingThreshold("run") }
    var what = "longest run"
    switch gradedRuns(thresholds, maximumRun: maximumRun) {
    case .none: break
    case .incomplete:
      return Evaluation(
        .unknown,
        message: "the profile's runs per slope are incomplete or out of order (each slope "
          + "needs its run, steeper slopes shorter runs)",
        remedy: "fix the profile's ramp.runs thresholds")
    case .graded(let points):
      let known = ramp.longestRun ?? ramp.length
      if let slope = ramp.slope {
        maximumRun = longestRun(at: slope, points)
        what = "longest run (slope \(slope))"
      } else if let known, let steepest = points.last, known.millimetres <= steepest.1 {
        // Short enough at the steepest slope the profile gives runs for.
        maximumRun = .mm(steepest.1)
      } else {
        return Evaluation(
          .unknown, measured: known.map(Quantity.init),
          message: "slope not measured: the longest run allowed depends on it",
          remedy: "measure the ramp's slope")
      }
    }
    // Without a recorded run, a ramp no longer than one run has no landing.
    let run = ramp.longestRun ?? ramp.length.flatMap { $0 <= maximumRun ? $0 : nil }
    let runCheck = Check.atMost(
      what, run, maximumRun,
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

  /// The runs a profile gives per slope.
  enum GradedRuns {
    /// One run for every slope.
    case none
    /// Some of the slopes or runs, not all that belong together.
    case incomplete
    /// (slope in %, run in mm), gentlest first.
    case graded([(Double, Double)])
  }

  static func gradedRuns(_ thresholds: Thresholds, maximumRun: Length) -> GradedRuns {
    let names = ["gentleSlope", "steepSlope", "steepMaximumRun", "middleSlope", "middleMaximumRun"]
    let given = names.map { thresholds[$0] }
    if given.allSatisfy({ $0 == nil }) { return .none }
    guard let gentle = given[0], let steep = given[1], let steepRun = given[2],
      (given[3] == nil) == (given[4] == nil)
    else { return .incomplete }
    var points = [(gentle, maximumRun.millimetres)]
    if let middle = given[3], let middleRun = given[4] { points.append((middle, middleRun)) }
    points.append((steep, steepRun))
    // Steeper slopes, shorter runs: anything else is a profile to fix.
    for (lower, upper) in zip(points, points.dropFirst())
    where !(lower.0 > 0 && lower.0 < upper.0 && lower.1 >= upper.1) {
      return .incomplete
    }
    return .graded(points)
  }

  /// The longest run allowed at `slope`: interpolated in N of 1:N between
  /// the points, in whole millimetres rounded down.
  static func longestRun(at slope: Slope, _ points: [(Double, Double)]) -> Length {
    guard let first = points.first, let last = points.last else { return .mm(0) }
    if slope.percent <= first.0 { return .mm(first.1) }
    if slope.percent >= last.0 { return .mm(last.1) }
    let n = 100 / slope.percent
    for (gentler, steeper) in zip(points, points.dropFirst()) where slope.percent <= steeper.0 {
      let (nGentle, nSteep) = (100 / gentler.0, 100 / steeper.0)
      let run = steeper.1 + (n - nSteep) / (nGentle - nSteep) * (gentler.1 - steeper.1)
      return .mm((run + 1e-6).rounded(.down))
    }
    return .mm(last.1)
  }

  /// Examples around each bound (just inside, at, just outside, and not measured): at most 6000 mm
  /// in `din18040-2`; at least 1500 mm in `din18040-2`; and the cases 4 m, no landing needed:
  /// passes; 9 m, runs not recorded: unknown; a 5 m run, total length not measured: unknown.
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

/// Boundary examples under the profiles of other standards.
extension RampRunRule: ExamplesUnderOtherStandards {
  static var otherStandardExamples: [RuleExample] {
    // UK M4(2), Diagram 2.1: the going allowed shrinks as the gradient
    // steepens, interpolated in N of 1:N between 1:20 (5 %), 1:15 and 1:12:
    // 1:14 allows 4 m, 6 % 6666 mm.
    let runs: [(slope: Double, run: Double)] = [
      (5.0, 10_000.0), (4.0, 10_000), (6, 6666), (100 / 15, 5000), (100 / 14, 4000),
      (100 / 12, 2000), (9, 2000),
    ]
    var result: [RuleExample] = []
    for (slope, run) in runs {
      result += RuleExample.boundaries(profile: ukAdaptable, .maximum, run) { run in
        .ramp(Ramp(from: "a", to: "b", slope: Slope(percent: slope), length: run, longestRun: run))
      }.filter { $0.expected != .unknown }
    }
    result += RuleExample.boundaries(profile: ukAdaptable, .minimum, 1200) { landing in
      .ramp(
        Ramp(
          from: "a", to: "b", slope: Slope(percent: 5), length: .mm(20_000),
          longestRun: .mm(8000), landingLength: landing))
    }.filter { $0.expected != .unknown }
    return result + [
      RuleExample(
        .ramp(Ramp(from: "a", to: "b", slope: Slope(percent: 8.33), longestRun: .mm(9000))),
        profile: ukAdaptable, expected: .fail, note: "9 m at 1:12 (allowed 2 m)"),
      RuleExample(
        .ramp(Ramp(from: "a", to: "b", length: .mm(6000))), profile: ukAdaptable,
        expected: .unknown, note: "6 m, slope not measured"),
      RuleExample(
        .ramp(Ramp(from: "a", to: "b", length: .mm(2000))), profile: ukAdaptable,
        expected: .pass, note: "2 m, slope not measured: short enough at 1:12"),
      RuleExample(
        .ramp(Ramp(from: "a", to: "b", slope: Slope(percent: 5))), profile: ukAdaptable,
        expected: .unknown, note: "1:20, run not measured"),
    ]
  }
}
