import BarrierFreeModel

/// A path may slope 3 %; up to 6 % with level landings at most every 10 m.
/// The format records no landings on paths: a path between the two limits is
/// known to pass only when it is no longer than one landing interval.
public enum PathSlopeRule: Rule {
  /// `path.slope` ("Path slope"), citing DIN 18040-2, clause 4.2.1. On a path it
  /// measures the steepest longitudinal slope of a path, with its length. A profile binds its
  /// thresholds `maximum` (slope), `maximumWithLandings` (slope), `landingInterval` (length).
  public static let description = RuleDescription(
    id: "path.slope", aliases: ["din18040-2.path.slope"], title: "Path slope",
    clause: "4.2.1", reference: ["A4", "R11"], appliesTo: [.path],
    measures: "the steepest longitudinal slope of a path, with its length",
    parameters: [
      Parameter("maximum", .slope, "steepest slope without landings"),
      Parameter("maximumWithLandings", .slope, "steepest slope with landings"),
      Parameter("landingInterval", .length, "longest run between landings"),
    ],
    remedy: "flatten the path, or build it as a ramp")

  /// Checks a path against the thresholds one binding gives; `nil` for any other element. A value
  /// the survey did not record never makes it pass: it is unknown, or a fail where the rule asks
  /// for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .path(let path) = element else { return nil }
    guard let maximum = thresholds.slopeLimit("maximum"),
      let steep = thresholds.slopeLimit("maximumWithLandings"),
      let interval = thresholds.length("landingInterval")
    else { return Check.missingThreshold("slope") }
    let requirement = maximum.requirement
    guard let slope = path.geometry.slope else {
      return Evaluation(
        .unknown, required: requirement, text: .unmeasured("slope"), remedy: "measure the slope")
    }
    let measured = Quantity(slope)
    if maximum.admits(slope) {
      return Evaluation(.pass, measured: measured, required: requirement, text: .measured("slope"))
    }
    if !steep.admits(slope) {
      return Evaluation(
        .fail, measured: measured, required: steep.requirement,
        text: .measured("slope"), remedy: "flatten the path to \(steep), or build a ramp")
    }
    if let length = path.geometry.length, length <= interval {
      return Evaluation(
        .pass, measured: measured, required: steep.requirement,
        message: "slope \(slope) on \(mm(length)); up to \(steep) allowed on \(mm(interval))")
    }
    return Evaluation(
      .unknown, measured: measured, required: requirement,
      message: "slope \(slope): above \(maximum), allowed up to \(steep) only with landings "
        + "every \(mm(interval)), which are not recorded",
      remedy: "record the path's length and landings")
  }

  /// Examples: 2.9 %: passes; at 3 %: passes; 3.1 %, 20 m long: unknown; 3.1 % on 10 m: passes; at
  /// 6 %, 20 m: unknown; 6.1 %: fails; not measured: unknown.
  public static var examples: [RuleExample] {
    func path(_ slope: Double?, length: Double? = 20_000) -> Element {
      .path(
        Path(
          from: "street", to: "entrance",
          geometry: PathGeometry(
            length: length.map(Length.mm), slope: slope.map(Slope.init(percent:)))))
    }
    return [
      RuleExample(path(2.9), profile: barrierFree, expected: .pass, note: "2.9 %"),
      RuleExample(path(3), profile: barrierFree, expected: .pass, note: "at 3 %"),
      RuleExample(path(3.1), profile: barrierFree, expected: .unknown, note: "3.1 %, 20 m long"),
      RuleExample(
        path(3.1, length: 10_000), profile: barrierFree, expected: .pass,
        note: "3.1 % on 10 m"),
      RuleExample(path(6), profile: barrierFree, expected: .unknown, note: "at 6 %, 20 m"),
      RuleExample(path(6.1), profile: barrierFree, expected: .fail, note: "6.1 %"),
      RuleExample(path(nil), profile: barrierFree, expected: .unknown, note: "not measured"),
    ]
  }
}

/// Boundary examples under the profiles of other standards.
extension PathSlopeRule: ExamplesUnderOtherStandards {
  static var otherStandardExamples: [RuleExample] {
    let boundaries = RuleExample.ratio(profile: ukAdaptable, 1, 20) { slope in
      .path(
        Path(
          from: "street", to: "entrance",
          geometry: PathGeometry(length: .mm(20_000), slope: slope)))
    }
    return boundaries
      + RuleExample.reused(boundaries + examples, from: ukAdaptable, under: iccTypeB)
  }
}
