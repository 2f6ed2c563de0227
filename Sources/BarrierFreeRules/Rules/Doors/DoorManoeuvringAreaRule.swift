import BarrierFreeModel

/// A wheelchair user needs room on both sides of a door to open it and pass:
/// for a hinged door 1500 × 1500 mm on the side it swings into and
/// 1500 × 1200 mm on the other; for a sliding door 1900 × 1200 mm on each
/// side. Required for the flat's entrance door and, in a wheelchair flat,
/// for every door (reference D8–D10). The 1500 × 1200 mm behind a hinged
/// door is doubtful (reference D9).
///
/// A barrier-free flat that is not for wheelchair users may have a smaller
/// area behind its entrance door, on the flat's side (D10; the norm gives no
/// number): the optional `flatSideWidth` and `flatSideDepth` replace the
/// requirement on that side, and 0 × 0 mm means none is required there.
public enum DoorManoeuvringAreaRule: Rule {
  /// `door.manoeuvring-area` ("Manoeuvring areas at a door"), citing DIN 18040-2, clause
  /// 4.3.3, Bild. On a door it measures the free areas on each side of the door (movementArea with
  /// side), with how it opens (operation, opensInto). A profile binds its thresholds
  /// `openingSideWidth` (length), `openingSideDepth` (length), `otherSideWidth` (length),
  /// `otherSideDepth` (length), `slidingWidth` (length), `slidingDepth` (length), `flatSideWidth`
  /// (length), `flatSideDepth` (length).
  public static let description = RuleDescription(
    id: "door.manoeuvring-area", aliases: ["din18040-2.door.manoeuvring-area"],
    title: "Manoeuvring areas at a door",
    clause: "4.3.3, Bild", reference: ["D8", "D9", "D10"], appliesTo: [.door],
    scopes: RuleDescription.doorScopes,
    measures: "the free areas on each side of the door (movementArea with side), "
      + "with how it opens (operation, opensInto)",
    parameters: [
      Parameter("openingSideWidth", .length, "hinged door, side it swings into: width"),
      Parameter("openingSideDepth", .length, "hinged door, side it swings into: depth"),
      Parameter("otherSideWidth", .length, "hinged door, other side: width"),
      Parameter("otherSideDepth", .length, "hinged door, other side: depth"),
      Parameter("slidingWidth", .length, "sliding door, each side: width"),
      Parameter("slidingDepth", .length, "sliding door, each side: depth"),
      Parameter(
        "flatSideWidth", .length, "flat entrance door, the flat's side: width (0: none)",
        optional: true),
      Parameter(
        "flatSideDepth", .length, "flat entrance door, the flat's side: depth (0: none)",
        optional: true),
    ],
    remedy: "clear the area in front of the door, or move the door")

  /// Checks a door against the thresholds one binding gives; `nil` for any other element. A value
  /// the survey did not record never makes it pass: it is unknown, or a fail where the rule asks
  /// for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .door(let door, let role, let innerSide) = element else { return nil }
    let flatSide = role == .flatEntrance ? innerSide : nil
    let flatSideWidth = thresholds.length("flatSideWidth")
    let flatSideDepth = thresholds.length("flatSideDepth")
    let hinged: Bool
    switch door.operation {
    case .hinged?: hinged = true
    case .automatic?, nil: hinged = door.opensInto != nil
    case .sliding?, .folding?, .revolving?: hinged = false
    }
    if door.operation == nil && door.opensInto == nil {
      return Evaluation(
        .unknown, message: "how the door opens is not recorded",
        remedy: "record the door's operation and the side it opens into")
    }
    if hinged && door.opensInto == nil {
      return Evaluation(
        .unknown, message: "the side the hinged door opens into is not recorded",
        remedy: "record opensInto for the door")
    }
    if door.operation == .automatic && door.opensInto == nil {
      return Evaluation(
        .unknown, message: "whether the powered door swings or slides is not recorded",
        remedy: "record opensInto for a swinging powered door")
    }
    // Sides in a surveyor's words: by the swing for a hinged door, else by
    // the place or room on that side (`from` and `to` are the format's).
    let sides: [(Side, String, String, Length?, Length?)] = Side.allCases.map { side in
      if !hinged {
        let place = side == .from ? door.from : door.to
        return (
          side, "area on the '\(place)' side", "on the '\(place)' side of the door",
          thresholds.length("slidingWidth"), thresholds.length("slidingDepth")
        )
      }
      let opening = side == door.opensInto
      return opening
        ? (
          side, "area on the opening side", "on the side the door opens into",
          thresholds.length("openingSideWidth"), thresholds.length("openingSideDepth")
        )
        : (
          side, "area on the other side", "on the side the door opens away from",
          thresholds.length("otherSideWidth"), thresholds.length("otherSideDepth")
        )
    }
    return Check.all(
      sides.map { side, what, whereabouts, width, depth in
        if side == flatSide, let flatSideWidth, let flatSideDepth {
          if flatSideWidth.millimetres == 0 && flatSideDepth.millimetres == 0 {
            return Evaluation(.notApplicable, message: "no area required on the flat's side")
          }
          return Check.area(
            "area on the flat's side", door.movementAreas.filter { $0.side == side },
            minimumWidth: flatSideWidth, minimumDepth: flatSideDepth,
            remedy: "clear \(size(flatSideWidth, flatSideDepth)) behind the entrance door")
        }
        return Check.area(
          what, door.movementAreas.filter { $0.side == side }, minimumWidth: width,
          minimumDepth: depth,
          remedy: "clear \(size(width, depth)) \(whereabouts)")
      })
  }

  /// Examples around each bound (just inside, at, just outside, and not measured): 1500 × 1500 mm
  /// in `din18040-2-r`; 1500 × 1200 mm in `din18040-2-r`; 1900 × 1200 mm in `din18040-2-r`; 1500 ×
  /// 1200 mm in `din18040-2`; and the cases operation not recorded: unknown; swing side not
  /// recorded: unknown; powered, swing or slide unknown: unknown.
  public static var examples: [RuleExample] {
    func hinged(
      _ opening: [MovementArea], other: [MovementArea], role: DoorRole = .interior
    ) -> Element {
      Sample.door(role) {
        $0.operation = .hinged
        $0.opensInto = .to
        $0.movementAreas =
          opening.map { MovementArea(width: $0.width, depth: $0.depth, side: .to) }
          + other.map { MovementArea(width: $0.width, depth: $0.depth, side: .from) }
      }
    }
    func sliding(_ areas: [MovementArea]) -> Element {
      Sample.door(.interior) {
        $0.operation = .sliding
        $0.movementAreas =
          areas.map { MovementArea(width: $0.width, depth: $0.depth, side: .from) }
          + [MovementArea(width: .mm(1900), depth: .mm(1200), side: .to)]
      }
    }
    return RuleExample.square(profile: wheelchair, 1500) {
      hinged($0, other: [Sample.area(1500, 1200)])
    }
      + RuleExample.rectangle(profile: wheelchair, 1500, 1200) {
        hinged([Sample.area(1500, 1500)], other: $0)
      }
      + RuleExample.rectangle(profile: wheelchair, 1900, 1200) { sliding($0) }
      + RuleExample.rectangle(profile: barrierFree, 1500, 1200) {
        // Opens into the flat: only the landing side is required.
        hinged([], other: $0, role: .flatEntrance)
      }
      + RuleExample.square(profile: wheelchair, 1500) {
        hinged($0, other: [Sample.area(1500, 1200)], role: .flatEntrance)
      }
      + [
        RuleExample(
          Sample.door(.interior) { $0.movementAreas = [Sample.area(2000, 2000)] },
          profile: wheelchair, expected: .unknown, note: "operation not recorded"),
        RuleExample(
          Sample.door(.interior) { $0.operation = .hinged }, profile: wheelchair,
          expected: .unknown, note: "swing side not recorded"),
        RuleExample(
          Sample.door(.interior) {
            $0.operation = .automatic
            $0.movementAreas = [
              MovementArea(width: .mm(1900), depth: .mm(1500), side: .from),
              MovementArea(width: .mm(1900), depth: .mm(1500), side: .to),
            ]
          }, profile: wheelchair, expected: .unknown, note: "powered, swing or slide unknown"),
      ]
  }
}
