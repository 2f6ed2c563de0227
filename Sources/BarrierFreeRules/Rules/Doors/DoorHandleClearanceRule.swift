import BarrierFreeModel

/// Beside the handle of a door a wheelchair user opens, 500 mm of free wall
/// (to a corner or an obstacle) lets the chair come close enough to reach
/// it. Automatic doors need none. Reference Q2: the norm's figure and table
/// disagree on where this applies.
public enum DoorHandleClearanceRule: Rule {
  /// `door.handle-side-clearance` ("Free wall beside the door handle"), citing DIN
  /// 18040-2, clause 4.3.3, Table 1. On a door it measures the free wall beside the handle, to the
  /// next corner or obstacle. A profile binds its threshold `minimum` (length).
  public static let description = RuleDescription(
    id: "door.handle-side-clearance", aliases: ["din18040-2.door.handle-side-clearance"],
    title: "Free wall beside the door handle",
    clause: "4.3.3, Table 1", reference: ["D7"], appliesTo: [.door],
    scopes: RuleDescription.doorScopes,
    measures: "the free wall beside the handle, to the next corner or obstacle",
    parameters: [Parameter("minimum", .length, "smallest free width beside the handle")],
    remedy: "move the door or the obstacle")

  /// Checks a door against the thresholds one binding gives; `nil` for any other element. A value
  /// the survey did not record never makes it pass: it is unknown, or a fail where the rule asks
  /// for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .door(let door, _, _) = element else { return nil }
    if door.operation == .automatic {
      return Evaluation(.notApplicable, message: "automatic door: no approach to the handle")
    }
    let minimum = thresholds.length("minimum")
    return Check.atLeast(
      "free wall beside the handle", door.handleSideClearance, minimum,
      remedy: "give \(mm(minimum)) of free wall beside the handle, or fit a powered opener")
  }

  /// Examples around each bound (just inside, at, just outside, and not measured): at least 500 mm
  /// in `din18040-2-r`; at least 500 mm in `din18040-2`; and the cases automatic door: not
  /// applicable.
  public static var examples: [RuleExample] {
    RuleExample.boundaries(profile: wheelchair, .minimum, 500) { width in
      Sample.door(.interior) { $0.handleSideClearance = width }
    }
      + RuleExample.boundaries(profile: barrierFree, .minimum, 500) { width in
        Sample.door(.flatEntrance) { $0.handleSideClearance = width }
      }
      + [
        RuleExample(
          Sample.door(.flatEntrance) { $0.operation = .automatic },
          profile: wheelchair, expected: .notApplicable, note: "automatic door")
      ]
  }
}

/// Boundary examples under the profiles of other standards.
extension DoorHandleClearanceRule: ExamplesUnderOtherStandards {
  static var otherStandardExamples: [RuleExample] {
    let boundaries = RuleExample.boundaries(profile: ukAdaptable, .minimum, 300) { clearance in
      Sample.door(.flatEntrance) { $0.handleSideClearance = clearance }
    }
    return boundaries
      + RuleExample.reused(boundaries + examples, from: ukAdaptable, under: ukWheelchair)
  }
}
