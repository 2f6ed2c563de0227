import BarrierFreeModel

/// A path to the building must be 1500 mm wide (main paths; the format does
/// not tell main from secondary paths, which may be 1200 mm).
public enum PathWidthRule: Rule {
  /// `path.width` ("Path width"), citing DIN 18040-2, clause 4.2.1. On a path it
  /// measures the usable width of a path on the plot. A profile binds its threshold `minimum`
  /// (length).
  public static let description = RuleDescription(
    id: "path.width", aliases: ["din18040-2.path.width"], title: "Path width",
    clause: "4.2.1", reference: ["A1", "A2"], appliesTo: [.path],
    measures: "the usable width of a path on the plot",
    parameters: [Parameter("minimum", .length, "smallest usable width")],
    remedy: "widen the path")

  /// Checks a path against the thresholds one binding gives; `nil` for any other element. A value
  /// the survey did not record never makes it pass: it is unknown, or a fail where the rule asks
  /// for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .path(let path) = element else { return nil }
    let minimum = thresholds.length("minimum")
    return Check.atLeast(
      "width", path.geometry.width, minimum, remedy: "widen the path to \(mm(minimum))")
  }

  /// Examples around each bound (just inside, at, just outside, and not measured): at least 1500 mm
  /// in `din18040-2`.
  public static var examples: [RuleExample] {
    RuleExample.boundaries(profile: barrierFree, .minimum, 1500) { width in
      .path(Path(from: "street", to: "entrance", geometry: PathGeometry(width: width)))
    }
  }
}

/// Boundary examples under the profiles of other standards.
extension PathWidthRule: ExamplesUnderOtherStandards {
  static var otherStandardExamples: [RuleExample] {
    func path(_ width: Length?) -> Element {
      .path(Path(from: "street", to: "entrance", geometry: PathGeometry(width: width)))
    }
    return RuleExample.boundaries(profile: ukAdaptable, .minimum, 900, path)
      + RuleExample.boundaries(profile: ukWheelchair, .minimum, 1200, path)
      + RuleExample.boundaries(profile: iccTypeB, .minimum, inches(36), path)
  }
}
