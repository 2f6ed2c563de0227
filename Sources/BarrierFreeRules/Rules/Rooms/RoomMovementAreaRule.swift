import BarrierFreeModel

/// Every room a person uses needs a free area to turn in: 1200 × 1200 mm in
/// a barrier-free flat, 1500 × 1500 mm for a wheelchair. Areas may overlap.
/// The same holds for a balcony or terrace (clause 5.6), which profiles bind
/// separately to cite it.
public enum RoomMovementAreaRule: Rule {
  /// `room.movement-area` ("Movement area in a room"), citing DIN 18040-2, clause 5.4.
  /// On a room it measures the largest free movement area of the room (movementArea: width ×
  /// depth). A profile binds its thresholds `width` (length), `depth` (length).
  public static let description = RuleDescription(
    id: "room.movement-area", aliases: ["din18040-2.room.movement-area"],
    title: "Movement area in a room",
    clause: "5.4", reference: ["M1", "M2", "M13", "F2", "F3"], appliesTo: [.room],
    scopes: RuleDescription.roomScopes,
    measures: "the largest free movement area of the room (movementArea: width × depth)",
    parameters: [
      Parameter("width", .length, "smallest width of the area"),
      Parameter("depth", .length, "smallest depth of the area"),
    ],
    remedy: "rearrange or enlarge the room")

  /// Checks a room against the thresholds one binding gives; `nil` for any other element. A value
  /// the survey did not record never makes it pass: it is unknown, or a fail where the rule asks
  /// for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .room(let room) = element else { return nil }
    let width = thresholds.length("width")
    let depth = thresholds.length("depth")
    return Check.area(
      "movement area", room.movementAreas, minimumWidth: width, minimumDepth: depth,
      remedy: "free an area of \(size(width, depth)) in the room")
  }

  /// Examples around each bound (just inside, at, just outside, and not measured): 1200 × 1200 mm
  /// in `din18040-2`; 1500 × 1500 mm in `din18040-2-r`; and the cases the second area is large
  /// enough: passes.
  public static var examples: [RuleExample] {
    RuleExample.square(profile: barrierFree, 1200) { areas in
      Sample.room(.living) { $0.movementAreas = areas }
    }
      + RuleExample.square(profile: wheelchair, 1500) { areas in
        Sample.room(.bedroom) { $0.movementAreas = areas }
      }
      + RuleExample.square(profile: barrierFree, 1200) { areas in
        Sample.room(.terrace) { $0.movementAreas = areas }
      }
      + RuleExample.square(profile: wheelchair, 1500) { areas in
        Sample.room(.balcony) { $0.movementAreas = areas }
      }
      + [
        RuleExample(
          Sample.room(.kitchen) {
            $0.movementAreas = [Sample.area(1000, 1000), Sample.area(1600, 1500)]
          }, profile: wheelchair, expected: .pass, note: "the second area is large enough")
      ]
  }
}

/// Boundary examples under the profiles of other standards.
extension RoomMovementAreaRule: ExamplesUnderOtherStandards {
  static var otherStandardExamples: [RuleExample] {
    RuleExample.square(profile: ukWheelchair, 1500) { areas in
      Sample.room(.kitchen) { $0.movementAreas = areas }
    }
      + RuleExample.square(profile: iccTypeA, inches(60)) { areas in
        Sample.room(.living) { $0.movementAreas = areas }
      }
  }
}
