import BarrierFreeModel

/// In front of the kitchen units there must be a free depth of 1200 mm,
/// 1500 mm for a wheelchair.
public enum KitchenCounterClearanceRule: Rule {
  /// `kitchen.counter-clearance` ("Free depth in front of kitchen units"), citing DIN
  /// 18040-2, clause 5.4. On a kitchen counter it measures the depth of the free area in front of
  /// the kitchen units (movementArea depth). A profile binds its threshold `minimum` (length).
  public static let description = RuleDescription(
    id: "kitchen.counter-clearance", aliases: ["din18040-2.kitchen.counter-clearance"],
    title: "Free depth in front of kitchen units",
    clause: "5.4", reference: ["M8", "M9"], appliesTo: [.kitchenCounter],
    scopes: RuleDescription.roomScopes,
    measures: "the depth of the free area in front of the kitchen units (movementArea depth)",
    parameters: [Parameter("minimum", .length, "smallest free depth")],
    remedy: "rearrange the kitchen")

  /// Checks a kitchen counter against the thresholds one binding gives; `nil` for any other
  /// element. A value the survey did not record never makes it pass: it is unknown, or a fail where
  /// the rule asks for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .fixture(.kitchenCounter(let counter), _) = element else { return nil }
    let minimum = thresholds.length("minimum")
    return Check.atLeast(
      "free depth in front", counter.common.movementArea?.depth, minimum,
      remedy: "keep \(mm(minimum)) free in front of the kitchen units")
  }

  /// Examples around each bound (just inside, at, just outside, and not measured): at least 1200 mm
  /// in `din18040-2`; at least 1500 mm in `din18040-2-r`.
  public static var examples: [RuleExample] {
    func counter(_ depth: Length?) -> Element {
      Sample.fixture(
        .kitchenCounter(
          KitchenCounter(common: FixtureCommon(movementArea: MovementArea(depth: depth)))),
        in: .kitchen)
    }
    return RuleExample.boundaries(profile: barrierFree, .minimum, 1200, counter)
      + RuleExample.boundaries(profile: wheelchair, .minimum, 1500, counter)
  }
}

/// Boundary examples under the profiles of other standards.
extension KitchenCounterClearanceRule: ExamplesUnderOtherStandards {
  static var otherStandardExamples: [RuleExample] {
    let icc = RuleExample.boundaries(profile: iccTypeB, .minimum, inches(40)) { depth in
      Sample.fixture(
        .kitchenCounter(
          KitchenCounter(common: FixtureCommon(movementArea: MovementArea(depth: depth)))),
        in: .kitchen)
    }
    return RuleExample.reused(examples, from: barrierFree, under: [ukAdaptable])
      + RuleExample.reused(icc + examples, from: iccTypeB, under: iccTypeA)
      + RuleExample.reused(examples, from: wheelchair, under: ukWheelchair) + icc
  }
}
