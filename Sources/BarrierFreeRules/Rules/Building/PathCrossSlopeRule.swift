import BarrierFreeModel

/// A path may fall sideways at most 2 %, or 2.5 % where it has no
/// longitudinal slope.
public enum PathCrossSlopeRule: Rule {
  /// `path.cross-slope` ("Path cross slope"), citing DIN 18040-2, clause 4.2.1. On a
  /// path it measures the cross slope of a path. A profile binds its thresholds `maximum` (slope),
  /// `maximumWhenLevel` (slope).
  public static let description = RuleDescription(
    id: "path.cross-slope", aliases: ["din18040-2.path.cross-slope"], title: "Path cross slope",
    clause: "4.2.1", reference: ["A5"], appliesTo: [.path],
    measures: "the cross slope of a path",
    parameters: [
      Parameter("maximum", .slope, "steepest cross slope"),
      Parameter("maximumWhenLevel", .slope, "steepest cross slope on a path with no slope"),
    ],
    remedy: "relay the path")

  /// Checks a path against the thresholds one binding gives; `nil` for any other element. A value
  /// the survey did not record never makes it pass: it is unknown, or a fail where the rule asks
  /// for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .path(let path) = element else { return nil }
    let level = path.geometry.slope.map { $0.percent == 0 } ?? false
    return Check.slopeAtMost(
      "cross slope", path.geometry.crossSlope,
      thresholds.slopeLimit(level ? "maximumWhenLevel" : "maximum"),
      remedy: "relay the path with less cross slope")
  }

  /// Examples around each bound (just inside, at, just outside, and not measured): at most 2 % in
  /// `din18040-2`; at most 2.5 % in `din18040-2`.
  public static var examples: [RuleExample] {
    RuleExample.slopes(profile: barrierFree, maximum: 2) { slope in
      .path(
        Path(
          from: "street", to: "entrance",
          geometry: PathGeometry(slope: .percent(1), crossSlope: slope)))
    }
      + RuleExample.slopes(profile: barrierFree, maximum: 2.5) { slope in
        .path(
          Path(
            from: "street", to: "entrance",
            geometry: PathGeometry(slope: .percent(0), crossSlope: slope)))
      }
  }
}

/// Boundary examples under the profiles of other standards.
extension PathCrossSlopeRule: ExamplesUnderOtherStandards {
  static var otherStandardExamples: [RuleExample] {
    func path(_ crossSlope: Slope?) -> Element {
      .path(
        Path(
          from: "street", to: "entrance",
          geometry: PathGeometry(slope: .percent(1), crossSlope: crossSlope)))
    }
    return RuleExample.ratio(profile: ukAdaptable, 1, 40, path)
      + RuleExample.ratio(profile: iccTypeB, 1, 48, path)
  }
}
