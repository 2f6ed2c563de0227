import BarrierFreeModel

/// A parking space for a wheelchair user is 3500 mm wide and 5000 mm long.
/// Spaces not marked `accessible` are not checked.
public enum ParkingSpaceRule: Rule {
  /// `parking.size` ("Wheelchair parking space"), citing DIN 18040-2, clause 4.2.2. On a
  /// place of the building it measures the width and length of a parking space marked accessible. A
  /// profile binds its thresholds `width` (length), `length` (length).
  public static let description = RuleDescription(
    id: "parking.size", aliases: ["din18040-2.parking.size"], title: "Wheelchair parking space",
    clause: "4.2.2", reference: ["A8"], appliesTo: [.place],
    scopes: [PlaceKind.parkingSpace.rawValue],
    measures: "the width and length of a parking space marked accessible",
    parameters: [
      Parameter("width", .length, "smallest width"),
      Parameter("length", .length, "smallest length"),
    ],
    remedy: "mark out a wider space")

  /// Checks a place of the building against the thresholds one binding gives; `nil` for any other
  /// element. A value the survey did not record never makes it pass: it is unknown, or a fail where
  /// the rule asks for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .place(let place) = element, place.kind == .parkingSpace else { return nil }
    guard place.accessible == true else {
      return Evaluation(.notApplicable, message: "not marked as a wheelchair parking space")
    }
    let width = thresholds.length("width")
    let length = thresholds.length("length")
    let measured =
      place.width == nil && place.length == nil
      ? [] : [MovementArea(width: place.width, depth: place.length)]
    return Check.area(
      "space", measured, minimumWidth: width, minimumDepth: length,
      remedy: "mark out a space of \(size(width, length))")
  }

  /// Examples around each bound (just inside, at, just outside, and not measured): 3500 × 5000 mm
  /// in `din18040-2-r`.
  public static var examples: [RuleExample] {
    RuleExample.rectangle(profile: wheelchair, 3500, 5000) { areas in
      .place(
        Place(
          id: "park", kind: .parkingSpace, width: areas.first?.width,
          length: areas.first?.depth, accessible: true))
    }
  }
}
