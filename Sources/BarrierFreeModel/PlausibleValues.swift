/// Ranges outside which a measurement is not a plausible survey value: a door
/// 9 m wide, a ramp of 300 %. Values outside are errors of meaning, reported
/// with the range, so that a typing slip (9000 for 900) or a wrong unit
/// (centimetres for millimetres) is caught before it reaches a report.
///
/// The ranges are deliberately wide: they catch slips, not poor design. They
/// are keyed by the portfolio format's element and attribute names, which the
/// model's types and properties share, so that the reader and the validation
/// of a model built in code look up the same table.
package enum PlausibleValues {
  /// A range and the unit its values are in.
  package struct Limit: Sendable, Hashable {
    package var range: ClosedRange<Double>
    /// `mm`, `%` or `m²`.
    package var unit: String
  }

  /// The limit for `attribute` of `element` (`door`, `clearWidth`), or nil
  /// for a value with none.
  package static func limit(element: String, attribute: String) -> Limit? {
    specific[element]?[attribute] ?? generic[attribute]
  }

  /// Whether `value` of `attribute` of `element` lies within its limit; true
  /// for a value with none.
  package static func isPlausible(_ value: Double, element: String, attribute: String) -> Bool {
    limit(element: element, attribute: attribute)?.range.contains(value) ?? true
  }

  /// The message for `value` outside `limit`: `door 'd1': clearWidth 9000 mm
  /// is not plausible for a door (expected 300–3000 mm); …`. `subject` names
  /// the element as the reader does (`door 'd1'`, `wc in room 'r1'`).
  package static func message(
    subject: String, element: String, attribute: String, value: Double, limit: Limit
  ) -> String {
    let range =
      "\(formatDecimal(limit.range.lowerBound))–\(formatDecimal(limit.range.upperBound)) \(limit.unit)"
    let unitNote = limit.unit == "mm" ? " (lengths are in millimetres)" : ""
    return
      "\(subject): \(attribute) \(formatDecimal(value)) \(limit.unit) is not plausible for a \(element) (expected \(range)); check the measurement and the unit\(unitNote)"
  }

  private static func mm(_ range: ClosedRange<Double>) -> Limit { Limit(range: range, unit: "mm") }

  private static let specific: [String: [String: Limit]] = [
    "door": [
      "clearWidth": mm(300...3000), "clearHeight": mm(1500...4000), "threshold": mm(0...250),
      "handleHeight": mm(300...2000), "revealDepth": mm(0...2000),
    ],
    "lift": [
      "cabinWidth": mm(500...5000), "cabinDepth": mm(500...6000),
      "doorClearWidth": mm(500...3000), "controlHeight": mm(300...2500),
    ],
    "steps": [
      "riserHeight": mm(10...300), "treadDepth": mm(100...1500), "handrailHeight": mm(300...1500),
    ],
    "ramp": ["handrailHeight": mm(300...1500), "length": mm(0...200_000)],
    "wc": ["seatHeight": mm(200...900), "projection": mm(300...1200)],
    "washbasin": ["height": mm(400...1300), "kneeClearanceHeight": mm(0...1200)],
    "shower": ["step": mm(0...400)],
    "bathtub": ["entryHeight": mm(0...1000)],
    "kitchenCounter": ["height": mm(400...1300)],
    "window": ["sillHeight": mm(0...3000), "handleHeight": mm(0...3000)],
    "control": ["height": mm(0...3000)],
    "path": ["length": mm(0...10_000_000)],
    "outdoorPath": ["length": mm(0...10_000_000)],
    "place": ["length": mm(0...1_000_000)],
    "flat": ["area": Limit(range: 5...2000, unit: "m²")],
    "room": ["area": Limit(range: 0.5...1000, unit: "m²")],
  ]

  /// Any other length: up to 100 m; slopes: up to 100 % (45°).
  private static let generic: [String: Limit] = {
    var limits: [String: Limit] = [:]
    for name in [
      "width", "length", "depth", "clearWidth", "clearHeight", "handrailExtension",
      "longestRun", "landingLength", "handleSideClearance", "platformWidth", "platformDepth",
      "transferWidth", "transferDepth", "otherSideClearance", "kneeClearanceDepth",
      "legSpaceWidth", "clearanceLeft", "clearanceRight", "clearanceFoot", "cornerDistance",
      "height", "handleHeight",
    ] {
      limits[name] = mm(0...100_000)
    }
    limits["slope"] = Limit(range: 0...100, unit: "%")
    limits["crossSlope"] = Limit(range: 0...100, unit: "%")
    return limits
  }()
}
