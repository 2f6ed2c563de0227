import BarrierFreeModel

/// A hallway inside the flat must be at least 1200 mm wide between walls.
public enum HallwayWidthRule: Rule {
  /// `hallway.width` ("Hallway width"), citing DIN 18040-2, clause 5.2. On a room it
  /// measures the narrowest clear width of a hallway between walls (room width). A profile binds
  /// its threshold `minimum` (length).
  public static let description = RuleDescription(
    id: "hallway.width", aliases: ["din18040-2.hallway.width"], title: "Hallway width",
    clause: "5.2", reference: ["M7"], appliesTo: [.room],
    scopes: [RoomKind.hallway.rawValue],
    measures: "the narrowest clear width of a hallway between walls (room width)",
    parameters: [Parameter("minimum", .length, "smallest clear width")],
    remedy: "widen the hallway")

  /// Checks a room against the thresholds one binding gives; `nil` for any other element. A value
  /// the survey did not record never makes it pass: it is unknown, or a fail where the rule asks
  /// for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .room(let room) = element, room.kind == .hallway else { return nil }
    let minimum = thresholds.length("minimum")
    return Check.atLeast(
      "hallway width", room.width, minimum,
      remedy: "clear the hallway to a width of at least \(mm(minimum))")
  }

  /// Examples around each bound (just inside, at, just outside, and not measured): at least 1200 mm
  /// in `din18040-2`.
  public static var examples: [RuleExample] {
    RuleExample.boundaries(profile: barrierFree, .minimum, 1200) { width in
      Sample.room(.hallway) { $0.width = width }
    }
  }
}

/// Boundary examples under the profiles of other standards.
extension HallwayWidthRule: ExamplesUnderOtherStandards {
  static var otherStandardExamples: [RuleExample] {
    func hallway(_ width: Length?) -> Element {
      Sample.room(.hallway) { $0.width = width }
    }
    let icc = RuleExample.boundaries(profile: iccTypeB, .minimum, inches(36), hallway)
    return RuleExample.reused(examples, from: barrierFree, under: [kfw, ukWheelchair])
      + RuleExample.reused(icc + examples, from: iccTypeB, under: iccTypeA)
      + RuleExample.boundaries(profile: ukAdaptable, .minimum, 900, hallway) + icc
  }
}
