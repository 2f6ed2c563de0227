import BarrierFreeModel

/// In front of furniture (wardrobe, table, sofa, desk, shelf) there must be a
/// free depth of 900 mm, 1500 mm for a wheelchair.
public enum FurnitureClearanceRule: Rule {
  /// `furniture.clearance` ("Free depth in front of furniture"), citing DIN 18040-2,
  /// clause 5.4. On a piece of furniture it measures the depth of the free area in front of the
  /// furniture (movementArea depth). A profile binds its threshold `minimum` (length).
  public static let description = RuleDescription(
    id: "furniture.clearance", aliases: ["din18040-2.furniture.clearance"],
    title: "Free depth in front of furniture",
    clause: "5.4", reference: ["M3", "M4"], appliesTo: [.furniture],
    scopes: RuleDescription.roomScopes,
    measures: "the depth of the free area in front of the furniture (movementArea depth)",
    parameters: [Parameter("minimum", .length, "smallest free depth")],
    remedy: "move the furniture")

  /// Checks a piece of furniture against the thresholds one binding gives; `nil` for any other
  /// element. A value the survey did not record never makes it pass: it is unknown, or a fail where
  /// the rule asks for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .fixture(.furniture(let furniture), _) = element else { return nil }
    let minimum = thresholds.length("minimum")
    return Check.atLeast(
      "free depth in front", furniture.common.movementArea?.depth, minimum,
      remedy: "keep \(mm(minimum)) free in front of the \(furniture.kind.rawValue)")
  }

  /// Examples around each bound (just inside, at, just outside, and not measured): at least 900 mm
  /// in `din18040-2`; at least 1500 mm in `din18040-2-r`.
  public static var examples: [RuleExample] {
    func wardrobe(_ depth: Length?) -> Element {
      Sample.fixture(
        .furniture(
          Furniture(
            common: FixtureCommon(movementArea: MovementArea(depth: depth)), kind: .wardrobe)),
        in: .bedroom)
    }
    return RuleExample.boundaries(profile: barrierFree, .minimum, 900, wardrobe)
      + RuleExample.boundaries(profile: wheelchair, .minimum, 1500, wardrobe)
  }
}
