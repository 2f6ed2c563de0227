import BarrierFreeModel

/// The shower area must be 1200 × 1200 mm, 1500 × 1500 mm for a wheelchair.
public enum ShowerSizeRule: Rule {
  /// `shower.size` ("Shower area size"), citing DIN 18040-2, clause 5.5.5. On a shower
  /// it measures the width and depth of the shower area. A profile binds its thresholds `width`
  /// (length), `depth` (length).
  public static let description = RuleDescription(
    id: "shower.size", aliases: ["din18040-2.shower.size"], title: "Shower area size",
    clause: "5.5.5", reference: ["B17", "B18"], appliesTo: [.shower],
    scopes: RuleDescription.roomScopes,
    measures: "the width and depth of the shower area",
    parameters: [
      Parameter("width", .length, "smallest width"),
      Parameter("depth", .length, "smallest depth"),
    ],
    remedy: "enlarge the shower area")

  /// Checks a shower against the thresholds one binding gives; `nil` for any other element. A value
  /// the survey did not record never makes it pass: it is unknown, or a fail where the rule asks
  /// for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .fixture(.shower(let shower), _) = element else { return nil }
    let width = thresholds.length("width")
    let depth = thresholds.length("depth")
    let measured =
      shower.width == nil && shower.depth == nil
      ? [] : [MovementArea(width: shower.width, depth: shower.depth)]
    return Check.area(
      "shower area", measured, minimumWidth: width, minimumDepth: depth,
      remedy: "enlarge the shower area to \(size(width, depth))")
  }

  /// Examples around each bound (just inside, at, just outside, and not measured): 1200 × 1200 mm
  /// in `din18040-2`; 1500 × 1500 mm in `din18040-2-r`.
  public static var examples: [RuleExample] {
    func shower(_ areas: [MovementArea]) -> Element {
      Sample.fixture(
        .shower(Shower(width: areas.first?.width, depth: areas.first?.depth)), in: .bathroom)
    }
    return RuleExample.square(profile: barrierFree, 1200, shower)
      + RuleExample.square(profile: wheelchair, 1500, shower)
  }
}

/// Boundary examples under the profiles of other standards.
extension ShowerSizeRule: ExamplesUnderOtherStandards {
  static var otherStandardExamples: [RuleExample] {
    RuleExample.square(profile: iccTypeA, inches(36)) { areas in
      Sample.fixture(
        .shower(Shower(width: areas.first?.width, depth: areas.first?.depth)), in: .bathroom)
    }
  }
}
