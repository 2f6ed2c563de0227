import BarrierFreeModel

/// In front of each sanitary object (WC, washbasin, shower, bathtub) there
/// must be a free area of 1200 × 1200 mm, 1500 × 1500 mm for a wheelchair.
/// The areas may overlap each other and a floor-level shower.
public enum SanitaryMovementAreaRule: Rule {
  /// `sanitary.movement-area` ("Movement area in front of sanitary objects"), citing DIN
  /// 18040-2, clause 5.5.2. On a WC, a washbasin, a shower or a bathtub it measures the free area
  /// in front of the WC, washbasin, shower or bathtub (movementArea). A profile binds its
  /// thresholds `width` (length), `depth` (length).
  public static let description = RuleDescription(
    id: "sanitary.movement-area", aliases: ["din18040-2.sanitary.movement-area"],
    title: "Movement area in front of sanitary objects",
    clause: "5.5.2", reference: ["B1", "B2"],
    appliesTo: [.wc, .washbasin, .shower, .bathtub], scopes: RuleDescription.roomScopes,
    measures: "the free area in front of the WC, washbasin, shower or bathtub (movementArea)",
    parameters: [
      Parameter("width", .length, "smallest width of the area"),
      Parameter("depth", .length, "smallest depth of the area"),
    ],
    remedy: "rearrange the bathroom")

  /// Checks a WC, a washbasin, a shower or a bathtub against the thresholds one binding gives;
  /// `nil` for any other element. A value the survey did not record never makes it pass: it is
  /// unknown, or a fail where the rule asks for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .fixture(let fixture, _) = element else { return nil }
    switch fixture {
    case .wc, .washbasin, .shower, .bathtub: break
    default: return nil
    }
    let width = thresholds.length("width")
    let depth = thresholds.length("depth")
    return Check.area(
      "area in front", fixture.movementArea.map { [$0] } ?? [], minimumWidth: width,
      minimumDepth: depth,
      remedy: "free \(size(width, depth)) in front of the \(fixture.words)")
  }

  /// Examples around each bound (just inside, at, just outside, and not measured): 1200 × 1200 mm
  /// in `din18040-2`; 1500 × 1500 mm in `din18040-2-r`.
  public static var examples: [RuleExample] {
    RuleExample.square(profile: barrierFree, 1200) { areas in
      Sample.fixture(
        .washbasin(Washbasin(common: FixtureCommon(movementArea: areas.first))), in: .bathroom)
    }
      + RuleExample.square(profile: wheelchair, 1500) { areas in
        Sample.fixture(.wc(WC(common: FixtureCommon(movementArea: areas.first))), in: .bathroom)
      }
  }
}

/// Boundary examples under the profiles of other standards.
extension SanitaryMovementAreaRule: ExamplesUnderOtherStandards {
  static var otherStandardExamples: [RuleExample] {
    func washbasin(_ areas: [MovementArea]) -> Element {
      Sample.fixture(
        .washbasin(Washbasin(common: FixtureCommon(movementArea: areas.first))), in: .bathroom)
    }
    return RuleExample.rectangle(profile: kfw, 900, 1200, washbasin)
      + RuleExample.rectangle(profile: ukAdaptable, 700, 1100, washbasin)
      + RuleExample.rectangle(profile: iccTypeB, inches(30), inches(48), washbasin)
  }
}
