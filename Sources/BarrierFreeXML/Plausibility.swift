/// Ranges outside which a measurement is not a plausible survey value: a door
/// 9 m wide, a ramp of 300 %. Values outside are errors of meaning, reported
/// with the range, so that a typing slip (9000 for 900) or a wrong unit
/// (centimetres for millimetres) is caught before it reaches a report.
///
/// The schema already refuses negative values; these ranges are deliberately
/// wide: they catch slips, not poor design.
enum Plausibility {
  struct Limit {
    var range: ClosedRange<Double>
    var unit: String
  }

  /// The limit for one attribute of one element. A look-up in a flat table
  /// built once: this runs for every number the reader reads.
  static func limit(element: ElementName, attribute: AttributeName) -> Limit? {
    table[element.rawValue * AttributeName.allCases.count + attribute.rawValue]
  }

  private static let table: [Limit?] = {
    var table: [Limit?] = []
    for element in ElementName.allCases {
      for attribute in AttributeName.allCases {
        table.append(
          specific[Key(element: element, attribute: attribute)] ?? generic[attribute])
      }
    }
    return table
  }()

  private struct Key: Hashable {
    var element: ElementName
    var attribute: AttributeName
  }

  private static func mm(_ range: ClosedRange<Double>) -> Limit { Limit(range: range, unit: "mm") }

  private static let specific: [Key: Limit] = [
    Key(element: .door, attribute: .clearWidth): mm(300...3000),
    Key(element: .door, attribute: .clearHeight): mm(1500...4000),
    Key(element: .door, attribute: .threshold): mm(0...250),
    Key(element: .door, attribute: .handleHeight): mm(300...2000),
    Key(element: .door, attribute: .revealDepth): mm(0...2000),
    Key(element: .lift, attribute: .cabinWidth): mm(500...5000),
    Key(element: .lift, attribute: .cabinDepth): mm(500...6000),
    Key(element: .lift, attribute: .doorClearWidth): mm(500...3000),
    Key(element: .lift, attribute: .controlHeight): mm(300...2500),
    Key(element: .steps, attribute: .riserHeight): mm(10...300),
    Key(element: .steps, attribute: .treadDepth): mm(100...1500),
    Key(element: .steps, attribute: .handrailHeight): mm(300...1500),
    Key(element: .ramp, attribute: .handrailHeight): mm(300...1500),
    Key(element: .wc, attribute: .seatHeight): mm(200...900),
    Key(element: .wc, attribute: .projection): mm(300...1200),
    Key(element: .washbasin, attribute: .height): mm(400...1300),
    Key(element: .washbasin, attribute: .kneeClearanceHeight): mm(0...1200),
    Key(element: .shower, attribute: .step): mm(0...400),
    Key(element: .bathtub, attribute: .entryHeight): mm(0...1000),
    Key(element: .kitchenCounter, attribute: .height): mm(400...1300),
    Key(element: .window, attribute: .sillHeight): mm(0...3000),
    Key(element: .window, attribute: .handleHeight): mm(0...3000),
    Key(element: .control, attribute: .height): mm(0...3000),
    Key(element: .path, attribute: .length): mm(0...10_000_000),
    Key(element: .outdoorPath, attribute: .length): mm(0...10_000_000),
    Key(element: .ramp, attribute: .length): mm(0...200_000),
    Key(element: .place, attribute: .length): mm(0...1_000_000),
    Key(element: .flat, attribute: .area): Limit(range: 5...2000, unit: "m²"),
    Key(element: .room, attribute: .area): Limit(range: 0.5...1000, unit: "m²"),
  ]

  /// Any other length: up to 100 m; slopes: up to 100 % (45°).
  private static let generic: [AttributeName: Limit] = {
    var limits: [AttributeName: Limit] = [:]
    for name in [
      AttributeName.width, .length, .depth, .clearWidth, .clearHeight, .handrailExtension,
      .longestRun, .landingLength, .handleSideClearance, .platformWidth, .platformDepth,
      .transferWidth, .transferDepth, .otherSideClearance, .kneeClearanceDepth,
      .legSpaceWidth, .clearanceLeft, .clearanceRight, .clearanceFoot, .cornerDistance,
      .height, .handleHeight,
    ] {
      limits[name] = mm(0...100_000)
    }
    limits[.slope] = Limit(range: 0...100, unit: "%")
    limits[.crossSlope] = Limit(range: 0...100, unit: "%")
    return limits
  }()
}
