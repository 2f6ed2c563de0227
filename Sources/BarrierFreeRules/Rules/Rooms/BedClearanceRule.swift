import BarrierFreeModel

/// Beside a bed there must be room to get in and to make it: 1200 mm along
/// one long side and 900 mm along the other; 1500 mm and 1200 mm for a
/// wheelchair. One bed of the room meeting it is enough; a room with no bed
/// recorded is unknown.
public enum BedClearanceRule: Rule {
  /// `bed.clearance` ("Free space beside the bed"), citing DIN 18040-2, clause 5.4. On a
  /// room it measures the free depth along each long side of the bed (clearanceLeft,
  /// clearanceRight). A profile binds its thresholds `widerSide` (length), `otherSide` (length).
  public static let description = RuleDescription(
    id: "bed.clearance", aliases: ["din18040-2.bed.clearance"], title: "Free space beside the bed",
    clause: "5.4", reference: ["M5", "M6"], appliesTo: [.room],
    scopes: [RoomKind.bedroom.rawValue],
    measures: "the free depth along each long side of the bed "
      + "(clearanceLeft, clearanceRight)",
    parameters: [
      Parameter("widerSide", .length, "free depth along one long side"),
      Parameter("otherSide", .length, "free depth along the other long side"),
    ],
    remedy: "move the bed or the furniture beside it")

  /// Checks a room against the thresholds one binding gives; `nil` for any other element. A value
  /// the survey did not record never makes it pass: it is unknown, or a fail where the rule asks
  /// for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .room(let room) = element, room.kind == .bedroom else { return nil }
    let wider = thresholds.length("widerSide")
    return Check.best(
      room.beds.map { evaluate($0, thresholds) },
      none: Evaluation(
        .unknown, required: wider.map { .atLeast($0) },
        message: "no bed recorded in the room", remedy: "record the bed's planned position"))
  }

  private static func evaluate(_ bed: Bed, _ thresholds: Thresholds) -> Evaluation {
    let wider = thresholds.length("widerSide")
    let other = thresholds.length("otherSide")
    let remedy = "free \(mm(wider)) along one long side of the bed and \(mm(other)) along the other"
    let sides = [bed.clearanceLeft, bed.clearanceRight]
    let known = sides.compactMap { $0 }
    // With one side unmeasured, a fail is still certain if the known side
    // misses even the smaller requirement.
    if known.count < 2 {
      if let side = known.first, let other, side < other {
        return Check.atLeast("free depth beside the bed", side, other, remedy: remedy)
      }
      return Check.atLeast("free depth beside the bed", nil, wider, remedy: remedy)
    }
    let larger = max(known[0], known[1])
    let smaller = min(known[0], known[1])
    return Check.all([
      Check.atLeast("free depth on the wider side", larger, wider, remedy: remedy),
      Check.atLeast("on the other side", smaller, other, remedy: remedy),
    ])
  }

  /// Examples around each bound (just inside, at, just outside, and not measured): at least 1200 mm
  /// in `din18040-2`; at least 900 mm in `din18040-2`; at least 1500 mm in `din18040-2-r`; at least
  /// 1200 mm in `din18040-2-r`; and the cases one side unmeasured, the other too narrow for either:
  /// fails; no bed: unknown.
  public static var examples: [RuleExample] {
    func bed(_ left: Length?, _ right: Length?) -> Element {
      Sample.room(.bedroom) {
        $0.fixtures = [
          .bed(Bed(clearanceLeft: .mm(300), clearanceRight: .mm(300))),
          .bed(Bed(clearanceLeft: left, clearanceRight: right)),
        ]
      }
    }
    return RuleExample.boundaries(profile: barrierFree, .minimum, 1200) { bed($0, .mm(900)) }
      + RuleExample.boundaries(profile: barrierFree, .minimum, 900) { side in
        bed(.mm(1200), side)
      }.filter { $0.expected != .unknown }
      + RuleExample.boundaries(profile: wheelchair, .minimum, 1500) { bed(.mm(1200), $0) }
      + RuleExample.boundaries(profile: wheelchair, .minimum, 1200) { side in
        bed(side, .mm(1500))
      }.filter { $0.expected != .unknown }
      + [
        RuleExample(
          bed(.mm(800), nil), profile: barrierFree, expected: .fail,
          note: "one side unmeasured, the other too narrow for either"),
        RuleExample(
          Sample.room(.bedroom), profile: barrierFree, expected: .unknown, note: "no bed"),
      ]
  }
}

/// Boundary examples under the profiles of other standards.
extension BedClearanceRule: ExamplesUnderOtherStandards {
  static var otherStandardExamples: [RuleExample] {
    func bed(_ left: Length?, _ right: Length?) -> Element {
      Sample.room(.bedroom) {
        $0.fixtures = [.bed(Bed(clearanceLeft: left, clearanceRight: right))]
      }
    }
    return RuleExample.boundaries(profile: ukAdaptable, .minimum, 750) { bed($0, .mm(750)) }
      + RuleExample.boundaries(profile: ukWheelchair, .minimum, 1000) { bed(.mm(1000), $0) }
  }
}
