internal import CLibXML2

/// The element names of the portfolio format. Integer raw values, so that
/// hashing one (a table look-up per attribute) costs no string hashing.
enum ElementName: Int, CaseIterable {
  case portfolio, quarter, building, address, place, movementArea
  case path, steps, ramp, door, lift, stop, stairLift
  case flat, room
  case wc, washbasin, shower, bathtub, kitchenCounter, bed, window, control
  case furniture
  case facility, outdoorPath
}

/// The attribute names of the portfolio format.
enum AttributeName: Int, CaseIterable {
  case id, name, kind, level, width, length, depth, side, accessible
  case from, to, fromBuilding, toBuilding, slope, crossSlope, surface
  case count, riserHeight, treadDepth, handrails, handrailHeight
  case handrailExtension, longestRun, landingLength, clearWidth, wheelGuards
  case clearHeight, threshold, operation, opensInto, handleHeight
  case handleSideClearance, revealDepth, unlockableFromOutside
  case cabinWidth, cabinDepth, doorClearWidth, controlHeight
  case platformWidth, platformDepth
  case seatHeight, projection, transferWidth, transferDepth
  case otherSideClearance, grabBars, backrest, height, kneeClearanceHeight
  case kneeClearanceDepth, legSpaceWidth, floorLevel, step, entryHeight
  case kneeSpace, clearanceLeft, clearanceRight, clearanceFoot, sillHeight
  case powered, cornerDistance, number, area, entrance
  case street, houseNumber, postcode, city, country, yearBuilt, storeys
  case building, open24h, place
}

extension ElementName {
  /// The name as it appears in the XML.
  var text: String { Self.texts[rawValue] }

  private static let texts = allCases.map { String(describing: $0) }
}

extension AttributeName {
  /// Whether the schema types this attribute as an `Identifier`.
  var isIdentifier: Bool {
    switch self {
    case .id, .from, .to, .fromBuilding, .toBuilding, .building, .place, .entrance: true
    default: false
    }
  }

  /// The name as it appears in the XML.
  var text: String { Self.texts[rawValue] }

  private static let texts = allCases.map { String(describing: $0) }
}

/// Names interned in one parser's dictionary: a name's pointer identifies it,
/// so matching an element or attribute is a pointer look-up, never a string
/// comparison.
struct InternedNames {
  private var elements: [UnsafePointer<xmlChar>: ElementName] = [:]
  private var attributes: [UnsafePointer<xmlChar>: AttributeName] = [:]

  init(dictionary: xmlDictPtr) {
    for name in ElementName.allCases {
      if let pointer = xmlDictLookup(dictionary, name.text, -1) {
        elements[pointer] = name
      }
    }
    for name in AttributeName.allCases {
      if let pointer = xmlDictLookup(dictionary, name.text, -1) {
        attributes[pointer] = name
      }
    }
  }

  func element(_ pointer: UnsafePointer<xmlChar>) -> ElementName? {
    elements[pointer]
  }

  func attribute(_ pointer: UnsafePointer<xmlChar>) -> AttributeName? {
    attributes[pointer]
  }
}
