import BarrierFreeModel

/// A wheelchair flat needs a space to park and change a wheelchair:
/// 1800 × 1500 mm, a manoeuvring area of 1800 × 1500 mm in front of it
/// (which may overlap other movement areas), and a socket for charging.
///
/// A flat with no `wheelchairSpace` recorded is unknown, not a fail: the
/// format cannot tell "none" from "not surveyed".
public enum WheelchairSpaceRule: Rule {
  /// `flat.wheelchair-space` ("Wheelchair storage space"), citing DIN 18040-2, clause
  /// 5.2. On a flat it measures the wheelchairSpace of the flat: its width × depth, the area in
  /// front of it (movementArea) and whether it has a socket. A profile binds its thresholds `width`
  /// (length), `depth` (length), `frontWidth` (length), `frontDepth` (length).
  public static let description = RuleDescription(
    id: "flat.wheelchair-space", aliases: ["din18040-2.flat.wheelchair-space"],
    title: "Wheelchair storage space",
    clause: "5.2", reference: ["M11"], appliesTo: [.flat],
    measures: "the wheelchairSpace of the flat: its width × depth, the area in front of it "
      + "(movementArea) and whether it has a socket",
    parameters: [
      Parameter("width", .length, "smallest width of the space"),
      Parameter("depth", .length, "smallest depth of the space"),
      Parameter("frontWidth", .length, "smallest width of the area in front"),
      Parameter("frontDepth", .length, "smallest depth of the area in front"),
    ],
    remedy: "set aside a wheelchair space with a charging socket")

  /// Checks a flat against the thresholds one binding gives; `nil` for any other element. A value
  /// the survey did not record never makes it pass: it is unknown, or a fail where the rule asks
  /// for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .flat(let flat) = element else { return nil }
    let width = thresholds.length("width")
    let depth = thresholds.length("depth")
    let frontWidth = thresholds.length("frontWidth")
    let frontDepth = thresholds.length("frontDepth")
    let spaces = flat.rooms.flatMap { room in
      room.fixtures.compactMap { fixture -> WheelchairSpace? in
        if case .wheelchairSpace(let space) = fixture { space } else { nil }
      }
    }
    let remedy =
      "set aside a wheelchair space of \(size(width, depth)) with \(size(frontWidth, frontDepth)) "
      + "free in front and a charging socket"
    let evaluations = spaces.map { space in
      let measured =
        space.width == nil && space.depth == nil
        ? [] : [MovementArea(width: space.width, depth: space.depth)]
      return Check.all([
        Check.area(
          "wheelchair space", measured, minimumWidth: width, minimumDepth: depth, remedy: remedy),
        Check.area(
          "area in front", space.common.movementArea.map { [$0] } ?? [],
          minimumWidth: frontWidth, minimumDepth: frontDepth, remedy: remedy),
        Check.flag(
          space.socket, passes: "a charging socket", fails: "no charging socket",
          unmeasured: "charging socket not recorded", remedy: "fit a socket at the space"),
      ])
    }
    // One good space is enough.
    return Check.best(
      evaluations,
      none: Evaluation(
        .unknown, required: width.map { .atLeast($0) },
        message: "no wheelchair space recorded; \(size(width, depth)) required",
        remedy: "record the flat's wheelchair space, or \(remedy)"))
  }

  /// Examples around each bound (just inside, at, just outside, and not measured): 1800 × 1500 mm
  /// in `din18040-2-r`; and the cases no space recorded: unknown; no socket: fails; socket not
  /// recorded: unknown.
  public static var examples: [RuleExample] {
    func flat(
      _ space: [MovementArea], front: MovementArea? = Sample.area(1800, 1500), socket: Bool? = true
    ) -> Element {
      let fixtures: [Fixture] = space.map {
        .wheelchairSpace(
          WheelchairSpace(
            common: FixtureCommon(movementArea: front), width: $0.width, depth: $0.depth,
            socket: socket))
      }
      return Sample.flat([Room(id: "hall", kind: .hallway, fixtures: fixtures)])
    }
    return RuleExample.rectangle(profile: wheelchair, 1800, 1500) { flat($0) }
      .filter { $0.note != "no area recorded" }
      + RuleExample.rectangle(profile: wheelchair, 1800, 1500) { front in
        flat([Sample.area(1800, 1500)], front: front.first)
      }
      + [
        RuleExample(
          flat([]), profile: wheelchair, expected: .unknown, note: "no space recorded"),
        RuleExample(
          flat([Sample.area(1800, 1500)], socket: false), profile: wheelchair, expected: .fail,
          note: "no socket"),
        RuleExample(
          flat([Sample.area(1800, 1500)], socket: nil), profile: wheelchair, expected: .unknown,
          note: "socket not recorded"),
      ]
  }
}

/// Boundary examples under the profiles of other standards.
extension WheelchairSpaceRule: ExamplesUnderOtherStandards {
  static var otherStandardExamples: [RuleExample] {
    func space(_ areas: [MovementArea], front: MovementArea? = Sample.area(1200, 1200))
      -> Element
    {
      let fixtures: [Fixture] = areas.map {
        .wheelchairSpace(
          WheelchairSpace(
            common: FixtureCommon(movementArea: front), width: $0.width, depth: $0.depth,
            socket: true))
      }
      return Sample.flat([Room(id: "hall", kind: .hallway, fixtures: fixtures)])
    }
    return RuleExample.rectangle(profile: ukWheelchair, 1700, 1100) { space($0) }.filter {
      $0.note != "no area recorded"
    }
      + RuleExample.rectangle(profile: ukWheelchair, 1200, 1200) { front in
        space([Sample.area(1700, 1100)], front: front.first)
      }
  }
}
