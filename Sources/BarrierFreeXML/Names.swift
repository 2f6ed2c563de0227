import BarrierFreeModel
internal import CLibXML2

/// The element names of the portfolio format. Integer raw values, so that
/// hashing one (a table look-up per attribute) costs no string hashing.
enum ElementName: Int, CaseIterable {
  case portfolio, quarter, building, address, place, movementArea
  case path, steps, ramp, door, lift, stop, stairLift
  case flat, room
  case wc, washbasin, shower, bathtub, kitchenCounter, bed, window, control
  case furniture, wheelchairSpace
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
  case slipResistance, socket, clearWidthEstimated
}

extension ElementName {
  /// The name as it appears in the XML.
  var text: String { Self.texts[rawValue] }

  private static let texts = allCases.map { String(describing: $0) }
}

extension AttributeName {
  /// Whether the schema types this attribute as `Millimetres`, `Percent` or
  /// `SquareMetres`: a decimal, at least 0 (no attribute name has one of
  /// these types on one element and another type on another).
  var isNonNegativeDecimal: Bool {
    switch self {
    case .area, .cabinDepth, .cabinWidth, .clearHeight, .clearWidth, .clearanceFoot,
      .clearanceLeft, .clearanceRight, .controlHeight, .cornerDistance, .crossSlope, .depth,
      .doorClearWidth, .entryHeight, .handleHeight, .handleSideClearance, .handrailExtension,
      .handrailHeight, .height, .kneeClearanceDepth, .kneeClearanceHeight, .landingLength,
      .legSpaceWidth, .length, .longestRun, .otherSideClearance, .platformDepth, .platformWidth,
      .projection, .revealDepth, .riserHeight, .seatHeight, .sillHeight, .slope, .step,
      .threshold, .transferDepth, .transferWidth, .treadDepth, .width:
      true
    default: false
    }
  }

  /// The most characters the schema allows: 64 for an `Identifier`, 200 for
  /// a `Name` (no attribute name has one of these types on one element and
  /// another type on another).
  var maximumCharacters: Int? {
    switch self {
    case .id, .from, .to, .fromBuilding, .toBuilding, .building, .place, .entrance: 64
    case .name, .street, .houseNumber, .postcode, .city, .country, .number: 200
    default: nil
    }
  }

  /// The values the schema allows for this attribute on `element`, for an
  /// enumerated attribute; nil for the others. Only `kind` has a different
  /// type on different elements.
  func allowedValues(on element: ElementName) -> AllowedValues? {
    switch self {
    case .side, .opensInto: AllowedValues.side
    case .handrails, .grabBars: AllowedValues.handrails
    case .operation: AllowedValues.doorOperation
    case .surface: AllowedValues.surface
    case .slipResistance: AllowedValues.slipResistance
    case .kind:
      switch element {
      case .place: AllowedValues.placeKind
      case .room: AllowedValues.roomKind
      case .stairLift: AllowedValues.stairLiftKind
      case .facility: AllowedValues.facilityKind
      case .control: AllowedValues.controlKind
      case .furniture: AllowedValues.furnitureKind
      default: nil
      }
    default: nil
    }
  }

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
/// comparison. A class: taking it out of the reader for an element is one
/// reference count, where a struct of four arrays was four.
final class InternedNames {
  private let elements: PointerTable<ElementName>
  private let attributes: PointerTable<AttributeName>

  init(dictionary: xmlDictPtr) {
    var elements = PointerTable<ElementName>(capacity: ElementName.allCases.count)
    var attributes = PointerTable<AttributeName>(capacity: AttributeName.allCases.count)
    for name in ElementName.allCases {
      if let pointer = xmlDictLookup(dictionary, name.text, -1) {
        elements.insert(UnsafeRawPointer(pointer), name)
      }
    }
    for name in AttributeName.allCases {
      if let pointer = xmlDictLookup(dictionary, name.text, -1) {
        attributes.insert(UnsafeRawPointer(pointer), name)
      }
    }
    self.elements = elements
    self.attributes = attributes
  }

  func element(_ pointer: UnsafePointer<xmlChar>) -> ElementName? {
    elements[UnsafeRawPointer(pointer)]
  }

  func attribute(_ pointer: UnsafePointer<xmlChar>) -> AttributeName? {
    attributes[UnsafeRawPointer(pointer)]
  }
}

/// A small hash table from pointers to values: open addressing, a
/// multiplicative hash of the address, at most a quarter full. Written here
/// because `Dictionary` hashes every pointer with SipHash, and these look-ups
/// run for every element and attribute of a file.
struct PointerTable<Value> {
  private var keys: [UInt]
  private var values: [Value?]
  private let shift: UInt

  /// A table for up to `capacity` entries.
  init(capacity: Int) {
    var size = 8
    var bits: UInt = 3
    while size < capacity * 4 {
      size *= 2
      bits += 1
    }
    keys = Array(repeating: 0, count: size)
    values = Array(repeating: nil, count: size)
    shift = UInt(UInt.bitWidth) - bits
  }

  private func slot(_ key: UInt) -> Int {
    Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
  }

  mutating func insert(_ pointer: UnsafeRawPointer, _ value: Value) {
    let key = UInt(bitPattern: pointer)
    var index = slot(key)
    while keys[index] != 0 && keys[index] != key { index = (index + 1) & (keys.count - 1) }
    keys[index] = key
    values[index] = value
  }

  subscript(_ pointer: UnsafeRawPointer) -> Value? {
    let key = UInt(bitPattern: pointer)
    var index = slot(key)
    while true {
      let found = keys[index]
      if found == key { return values[index] }
      if found == 0 { return nil }
      index = (index + 1) & (keys.count - 1)
    }
  }
}

/// The attributes of the element being started, one slot per
/// `AttributeName`: finding a value is an index, and nothing is copied or
/// retained per element (an array here cost two reference-count operations
/// per look-up). The values point into libxml2's buffer and are valid only
/// during the element's start callback. The storage is the reader's, freed
/// with `deallocate()`; the methods do not mutate the struct, so a reader
/// keeps it in a `let`.
struct AttributeTable {
  private static let count = AttributeName.allCases.count
  private let values: UnsafeMutablePointer<UnsafeBufferPointer<UInt8>?>
  /// `filled[0]` slots are set; their indices follow.
  private let filled: UnsafeMutablePointer<Int>

  init() {
    values = .allocate(capacity: Self.count)
    values.initialize(repeating: nil, count: Self.count)
    filled = .allocate(capacity: Self.count + 1)
    filled.initialize(repeating: 0, count: Self.count + 1)
  }

  func deallocate() {
    values.deallocate()
    filled.deallocate()
  }

  subscript(name: AttributeName) -> UnsafeBufferPointer<UInt8>? {
    values[name.rawValue]
  }

  /// Sets a value; a name given twice keeps its last value.
  func set(_ name: AttributeName, _ value: UnsafeBufferPointer<UInt8>) {
    let index = name.rawValue
    if values[index] == nil {
      filled[0] += 1
      filled[filled[0]] = index
    }
    values[index] = value
  }

  /// Empties the slots that are set.
  func clear() {
    let count = filled[0]
    guard count > 0 else { return }
    for position in 1...count { values[filled[position]] = nil }
    filled[0] = 0
  }
}

/// The values of one of the schema's enumerations, in the schema's order:
/// the raw values of the model's enumeration of the same name (a test
/// compares both). A class, so that handing one out is one reference count;
/// the values are kept end to end in one array, so that matching one is a
/// comparison of bytes.
final class AllowedValues: Sendable {
  /// The values in the schema's order, for messages.
  let texts: [String]
  private let joined: [UInt8]
  private let ends: [Int]

  init<Value: CaseIterable & RawRepresentable>(_: Value.Type) where Value.RawValue == String {
    texts = Value.allCases.map(\.rawValue)
    joined = Array(texts.joined().utf8)
    var end = 0
    ends = texts.map { text in
      end += text.utf8.count
      return end
    }
  }

  /// Whether `value` is one of the values, byte for byte.
  func contains(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
    joined.withUnsafeBufferPointer { joined in
      var start = 0
      for end in ends {
        if end - start == value.count && joined[start..<end].elementsEqual(value) { return true }
        start = end
      }
      return false
    }
  }

  static let side = AllowedValues(Side.self)
  static let handrails = AllowedValues(Handrails.self)
  static let doorOperation = AllowedValues(DoorOperation.self)
  static let surface = AllowedValues(Surface.self)
  static let slipResistance = AllowedValues(SlipResistance.self)
  static let placeKind = AllowedValues(PlaceKind.self)
  static let roomKind = AllowedValues(RoomKind.self)
  static let stairLiftKind = AllowedValues(StairLiftKind.self)
  static let facilityKind = AllowedValues(FacilityKind.self)
  static let controlKind = AllowedValues(ControlKind.self)
  static let furnitureKind = AllowedValues(FurnitureKind.self)
}
