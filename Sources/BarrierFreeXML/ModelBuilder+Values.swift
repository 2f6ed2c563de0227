import BarrierFreeModel
import BarrierFreeXMLSupport

extension PortfolioReader {
  /// `door 'd1'` for the element being started.
  func describeElement() -> String {
    if let id = token(.id) { return "\(state.builder.element.text) '\(id)'" }
    if let from = token(.from), let to = token(.to) {
      return "\(state.builder.element.text) from '\(from)' to '\(to)'"
    }
    if let room = state.builder.room {
      return "\(state.builder.element.text) in room '\(room.id)'"
    }
    return state.builder.element.text
  }

  // MARK: - Attribute values

  func attribute(_ name: AttributeName) -> UnsafeBufferPointer<UInt8>? {
    attributeTable[name]
  }

  /// The location of an attribute of the element being started (the element's
  /// own location when the attribute is absent).
  func attributeLocation(_ name: AttributeName) -> SourceLocation {
    guard let tag = elementTag,
      let position = tag.position(ofAttribute: name.text, value: attribute(name))
    else { return elementLocation }
    return SourceLocation(file: fileName, line: position.line, column: position.column)
  }

  func string(_ name: AttributeName) -> String? {
    attribute(name).map(Values.string)
  }

  func token(_ name: AttributeName) -> String? {
    guard let bytes = attribute(name) else { return nil }
    // Most identifiers are plain ASCII: checked on the bytes, the string
    // only for the rest. Such an identifier has no white space to collapse.
    if name.isIdentifier && Values.isASCIIIdentifier(bytes) {
      return String(decoding: bytes, as: UTF8.self)
    }
    let value = Values.token(bytes)
    if name.isIdentifier && !Values.isIdentifier(value) {
      report(
        .error, .schema, at: attributeLocation(name),
        "\(state.builder.element.text): \(name.text) '\(value)' is not a valid identifier; use letters, digits, '_', '-' and '.', starting with a letter, digit or '_'"
      )
    } else if name.isIdentifier, let composed = Values.composedForm(of: value) {
      // Strings compare by canonical equivalence, ids must by their bytes:
      // with every id in composed form the two agree, here and in every
      // graph built from the model.
      report(
        .error, .meaning, at: attributeLocation(name),
        "\(state.builder.element.text): \(name.text) '\(value)' (\(Values.codePoints(value))) is not in Unicode composed form (NFC); ids are compared by their bytes, and Unicode counts it the same as '\(composed)' (\(Values.codePoints(composed))): write that"
      )
    }
    return value
  }

  func integer(_ name: AttributeName) -> Int? {
    guard let bytes = attribute(name) else { return nil }
    if let value = Values.integer(bytes) { return value }
    invalid(name, bytes, expected: "a whole number of a plausible size")
    return nil
  }

  func boolean(_ name: AttributeName) -> Bool? {
    guard let bytes = attribute(name) else { return nil }
    if let value = Values.boolean(bytes) { return value }
    invalid(name, bytes, expected: "true or false")
    return nil
  }

  func enumeration<Value: RawRepresentable>(_ name: AttributeName) -> Value?
  where Value.RawValue == String {
    guard let bytes = attribute(name) else { return nil }
    if let value = Value(rawValue: Values.token(bytes)) { return value }
    // Where the schema lists the values, `refuse` has reported it with them.
    if name.allowedValues(on: state.builder.element) == nil {
      invalid(name, bytes, expected: "one of the values the schema lists")
    }
    return nil
  }

  func decimal(_ name: AttributeName, unit: String) -> Double? {
    guard let bytes = attribute(name) else { return nil }
    guard let value = Values.decimal(bytes), value.isFinite else {
      invalid(name, bytes, expected: "a number (\(unit))")
      return nil
    }
    // A negative length, slope or area is refused as the schema would.
    if !(value < 0 && name.isNonNegativeDecimal),
      let limit = Plausibility.limit(element: state.builder.element, attribute: name),
      !limit.range.contains(value)
    {
      // Deferred: a negative value is the schema's to report.
      reportUnlessSchemaDoes(
        .meaning, attribute: name.text, at: attributeLocation(name),
        PlausibleValues.message(
          subject: describeElement(), element: state.builder.element.text,
          attribute: name.text, value: value, limit: limit))
    }
    return value == 0 ? 0 : value  // no negative zero in the model
  }

  func length(_ name: AttributeName) -> Length? {
    decimal(name, unit: "mm").map(Length.init(millimetres:))
  }

  func slope(_ name: AttributeName) -> Slope? {
    decimal(name, unit: "%").map(Slope.init(percent:))
  }

  func area(_ name: AttributeName) -> Area? {
    decimal(name, unit: "m²").map(Area.init(squareMetres:))
  }

  /// A value the schema should have refused; reported only when it did not,
  /// so that no bad value is dropped in silence.
  func invalid(
    _ name: AttributeName, _ bytes: UnsafeBufferPointer<UInt8>, expected: String
  ) {
    reportUnlessSchemaDoes(
      .meaning, attribute: name.text, at: attributeLocation(name),
      "\(describeElement()): \(name.text) '\(Values.string(bytes))' is not \(expected)")
  }
}

extension Fixture {
  /// Sets the movement area in front of the fixture.
  mutating func setMovementArea(_ area: MovementArea) {
    switch self {
    case .wc(var value):
      value.common.movementArea = area
      self = .wc(value)
    case .washbasin(var value):
      value.common.movementArea = area
      self = .washbasin(value)
    case .shower(var value):
      value.common.movementArea = area
      self = .shower(value)
    case .bathtub(var value):
      value.common.movementArea = area
      self = .bathtub(value)
    case .kitchenCounter(var value):
      value.common.movementArea = area
      self = .kitchenCounter(value)
    case .bed(var value):
      value.common.movementArea = area
      self = .bed(value)
    case .window(var value):
      value.common.movementArea = area
      self = .window(value)
    case .control(var value):
      value.common.movementArea = area
      self = .control(value)
    case .furniture(var value):
      value.common.movementArea = area
      self = .furniture(value)
    case .wheelchairSpace(var value):
      value.common.movementArea = area
      self = .wheelchairSpace(value)
    }
  }
}
