import BarrierFreeModel

/// A corridor outside the flats is 1500 mm wide, or 1200 mm with a
/// 1500 × 1500 mm area to turn in.
public enum CorridorWidthRule: Rule {
  /// `corridor.width` ("Corridor width"), citing DIN 18040-2, clause 4.3.2. On a place
  /// of the building it measures the usable width of a corridor, and its movement areas. A profile
  /// binds its thresholds `minimum` (length), `reducedMinimum` (length), `turningArea` (length).
  public static let description = RuleDescription(
    id: "corridor.width", aliases: ["din18040-2.corridor.width"], title: "Corridor width",
    clause: "4.3.2", reference: ["I1", "I2"], appliesTo: [.place],
    scopes: [PlaceKind.corridor.rawValue],
    measures: "the usable width of a corridor, and its movement areas",
    parameters: [
      Parameter("minimum", .length, "smallest width"),
      Parameter("reducedMinimum", .length, "smallest width with a turning area"),
      Parameter("turningArea", .length, "side of the turning area"),
    ],
    remedy: "widen the corridor, or add a turning area")

  /// Checks a place of the building against the thresholds one binding gives; `nil` for any other
  /// element. A value the survey did not record never makes it pass: it is unknown, or a fail where
  /// the rule asks for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .place(let place) = element, place.kind == .corridor else { return nil }
    let minimum = thresholds.length("minimum")
    let reduced = thresholds.length("reducedMinimum")
    let turning = thresholds.length("turningArea")
    let full = Check.atLeast(
      "width", place.width, minimum, remedy: "widen the corridor to \(mm(minimum))")
    guard full.status == .fail else { return full }
    // Narrower than the full width: the reduced width with a turning area.
    let narrow = Check.all([
      Check.atLeast(
        "width", place.width, reduced, remedy: "widen the corridor to \(mm(reduced))"),
      Check.area(
        "turning area", place.movementAreas, minimumWidth: turning, minimumDepth: turning,
        remedy: "add a turning area of \(size(turning, turning))"),
    ])
    return narrow.status == .pass ? narrow : Check.all([full, narrow])
  }

  /// Examples around each bound (just inside, at, just outside, and not measured): at least 1500 mm
  /// in `din18040-2`; at least 1200 mm in `din18040-2`; and the cases 1300 mm with a turning area
  /// too small: fails.
  public static var examples: [RuleExample] {
    func corridor(_ width: Length?, turning: [MovementArea] = []) -> Element {
      .place(Place(id: "c", kind: .corridor, width: width, movementAreas: turning))
    }
    return RuleExample.boundaries(profile: barrierFree, .minimum, 1500) { corridor($0) }
      + RuleExample.boundaries(profile: barrierFree, .minimum, 1200) {
        corridor($0, turning: [Sample.area(1500, 1500)])
      }.filter { $0.expected != .unknown }
      + [
        RuleExample(
          corridor(.mm(1300), turning: [Sample.area(1400, 1500)]), profile: barrierFree,
          expected: .fail, note: "1300 mm with a turning area too small")
      ]
  }
}
