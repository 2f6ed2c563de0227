import BarrierFreeModel
import BarrierFreeXMLSupport
internal import CLibXML2

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An element whose end tag has not been read yet.
struct OpenElement {
  /// nil for an element outside the format (already reported).
  var name: ElementName?
}

/// The model under construction while a document streams: at most one
/// building, its open flat, room, place, connector and fixture.
struct ModelBuilder {
  /// Deeper nesting is refused.
  static let maximumDepth = 64

  var open: [OpenElement] = []
  var quarter: Quarter?
  var quarterAnnounced = false
  var building: Building?
  var flat: Flat?
  var room: Room?
  var place: Place?
  var connector: Connector?
  var stop: LiftStop?
  /// Where the open lift's start tag is.
  var liftLocation: SourceLocation?
  var fixture: Fixture?

  /// Every building id of the file with the line of its first use. The only
  /// structure that grows with the file: a few dozen bytes per building.
  var buildingLines: [String: Int] = [:]
  var quarterLines: [String: Int] = [:]
  /// Elements in the open building, and in the open quarter outside its
  /// buildings (see ``ReaderOptions/maxElementsPerBuilding``).
  var buildingElements = 0
  var quarterElements = 0
  var rootSeen = false

  // The element being started (its attributes are the reader's
  // `attributeTable`).
  var element: ElementName = .portfolio
}

private let namespaceBytes: [CChar] = Array(PortfolioSchema.namespace.utf8CString)

extension PortfolioReader {
  // MARK: - Start and end of elements

  package func startElement(_ element: SAXStartElement) {
    guard let names = state.names else { return }
    forgetElementTag()
    attributeTable.clear()
    flushDeferred()
    if pendingText != nil { reportPendingText(at: elementTag) }
    if atEndOfInput && !parserStopped && !startTagIsWhole() {
      // At the end of the input libxml2 hands over a start tag cut short
      // (`<room id="r1" wid`): not an element to check. The error that the
      // file ends is reported next.
      sawTruncatedTag = true
      state.builder.open.append(OpenElement(name: nil))
      return
    }
    // Reporting may have reached the error limit and stopped the parser,
    // which frees the buffer this element's attributes point into (fuzzer:
    // heap-use-after-free).
    if parserStopped { return }
    if state.builder.open.isEmpty && sawDoctype {
      refuseDoctypeIfSeen()
      return
    }
    // The format nests 7 deep at most; libxml2's push parser in 2.9 does not
    // enforce its own depth limit, so stop here rather than grow a stack.
    if state.builder.open.count >= ModelBuilder.maximumDepth {
      let tag = currentTag()
      report(
        .error, .syntax,
        at: SourceLocation(file: fileName, line: tag?.line ?? 0, column: tag?.column ?? 0),
        "elements are nested more than \(ModelBuilder.maximumDepth) deep; the format never nests more than 7 levels"
      )
      stopParser()
      return
    }
    let parent = state.builder.open.last
    let name = element.isInNamespace(namespaceBytes) ? names.element(element.localName) : nil
    guard let name, parent == nil || parent?.name != nil, allowed(name, under: parent?.name)
    else {
      state.builder.open.append(OpenElement(name: nil))
      if parent?.name != nil && state.builder.rootSeen {
        let tag = currentTag()
        reportUnlessSchemaDoes(
          .meaning,
          at: SourceLocation(file: fileName, line: tag?.line ?? 0, column: tag?.column ?? 0),
          "<\(element.name)> is not expected here")
      }
      state.builder.rootSeen = true
      return
    }
    state.builder.rootSeen = true
    // Values the embedded schema leaves to the reader, in attribute order.
    var suspect: [(AttributeName, ValueCheck)] = []
    for (attributeName, value) in element.attributes {
      guard let known = names.attribute(attributeName) else { continue }
      attributeTable.set(known, value)
      if known.isNonNegativeDecimal && Values.isNegative(value) {
        suspect.append((known, .belowZero))
      }
      // A character takes at least one byte.
      if let limit = known.maximumCharacters, value.count > limit {
        suspect.append((known, .tooLong(limit)))
      }
      if let allowed = known.allowedValues(on: name), !allowed.contains(value) {
        suspect.append((known, .unlisted(allowed)))
      }
    }
    if isOversized(adding: name) { return }
    state.builder.element = name
    for (attribute, check) in suspect { refuse(attribute, check) }
    // The tag's text and place are found when a check asks for them (a
    // definition's line, a problem's place), not for every element:
    // scanning back for the '<' was a tenth of reading a file.
    state.builder.open.append(OpenElement(name: name))
    start(name, parent: parent?.name)
  }

  /// Counts `name` into the building (or the quarter's own data) it stands
  /// in, and refuses it and stops the read past
  /// ``ReaderOptions/maxElementsPerBuilding``: a building and a quarter's
  /// places and paths are held whole until their end tag, so without a
  /// bound one hostile building could take all memory (a million doors
  /// took 5 GB).
  func isOversized(adding name: ElementName) -> Bool {
    let kind: String
    let id: String?
    let count: Int
    if let building = state.builder.building {
      state.builder.buildingElements += 1
      (kind, id, count) = ("building", building.id, state.builder.buildingElements)
    } else if let quarter = state.builder.quarter, name != .building {
      state.builder.quarterElements += 1
      (kind, id, count) = ("quarter", quarter.id, state.builder.quarterElements)
    } else {
      return false
    }
    let limit = options.maxElementsPerBuilding
    guard count > limit else { return false }
    let tag = currentTag()
    let named = id.map { $0.isEmpty ? "" : " '\($0)'" } ?? ""
    report(
      .error, .security,
      at: SourceLocation(file: fileName, line: tag?.line ?? 0, column: tag?.column ?? 0),
      "\(kind)\(named) has more than \(limit) elements, the limit for one \(kind); the rest of the file is not read (a real building has a few thousand; raise the limit with --max-building-elements if this one is real)"
    )
    stopParser()
    return true
  }

  /// What the published schema checks and the embedded copy leaves to the
  /// reader (see Scripts/embed-schemas.sh): libxml2 built a value for each
  /// attribute to check these.
  enum ValueCheck {
    /// A length, slope or area below 0.
    case belowZero
    /// An identifier or name of more characters than this.
    case tooLong(Int)
    /// A value of an enumerated attribute the schema does not list.
    case unlisted(AllowedValues)
  }

  /// Reports a value that fails `check`, as the schema's error would be and
  /// in the words its message was rewritten into, unless the validator
  /// reports the same attribute. Characters are counted and
  /// values compared as the schema does: an identifier's and an enumerated
  /// value's white space collapsed first.
  func refuse(_ name: AttributeName, _ check: ValueCheck) {
    guard let bytes = attribute(name) else { return }
    let problem: String
    switch check {
    case .belowZero:
      problem =
        "is \(Values.token(bytes)), below the smallest allowed value 0; measurements cannot be negative"
    case .tooLong(let limit):
      let characters =
        name.isIdentifier
        ? Values.token(bytes).unicodeScalars.count
        : String(decoding: bytes, as: UTF8.self).unicodeScalars.count
      guard characters > limit else { return }
      problem = "is too long (\(characters) characters; at most \(limit))"
    case .unlisted(let allowed):
      let value = Values.token(bytes)
      guard !allowed.texts.contains(value) else { return }
      let hint =
        SchemaMessages.closest(to: value, among: allowed.texts).map { "; did you mean '\($0)'?" }
        ?? ""
      problem =
        "'\(value)' is not one of the allowed values: \(allowed.texts.joined(separator: ", "))\(hint)"
    }
    let subject = SchemaMessages.describe(
      element: state.builder.element.text, tag: elementTag)
    // Deferred to the element's next event: if the validator reports the
    // attribute itself (not allowed on this element, not a number at all),
    // its message stands alone, as before the check moved here.
    reportUnlessSchemaDoes(
      .schema, attribute: name.text, at: attributeLocation(name),
      "\(subject): \(name.text) \(problem)")
  }

  package func endElement() {
    forgetElementTag()
    // The start tag's values may have moved in libxml2's buffer.
    attributeTable.clear()
    flushDeferred()
    if pendingText != nil { reportPendingText(at: currentTag()) }
    if parserStopped { return }
    guard let closed = state.builder.open.popLast(), let name = closed.name else { return }
    let parent = state.builder.open.last?.name
    end(name, parent: parent)
  }

  /// The id of the innermost open element, from the model being built:
  /// its start tag may have left libxml2's buffer.
  func openElementID() -> String? {
    let id: String? =
      switch state.builder.open.last?.name {
      case .quarter?: state.builder.quarter?.id
      case .building?: state.builder.building?.id
      case .place?: state.builder.place?.id
      case .path?, .steps?, .ramp?, .door?, .lift?, .stairLift?: state.builder.connector?.id
      case .flat?: state.builder.flat?.id
      case .room?: state.builder.room?.id
      case .wc?, .washbasin?, .shower?, .bathtub?, .kitchenCounter?, .bed?, .window?,
        .control?, .furniture?, .wheelchairSpace?:
        state.builder.fixture?.id
      default: nil
      }
    return id?.isEmpty == false ? id : nil
  }

  /// Where each element may stand; anything else the schema has reported.
  func allowed(_ name: ElementName, under parent: ElementName?) -> Bool {
    switch name {
    case .portfolio: parent == nil
    case .quarter: parent == .portfolio
    case .building: parent == .portfolio || parent == .quarter
    case .address, .flat: parent == .building
    case .place: parent == .building || parent == .quarter
    case .path, .lift: parent == .building
    case .steps, .ramp, .door, .stairLift: parent == .building || parent == .flat
    case .stop: parent == .lift
    case .room: parent == .flat
    case .wc, .washbasin, .shower, .bathtub, .kitchenCounter, .bed, .window, .control,
      .furniture, .wheelchairSpace:
      parent == .room
    case .movementArea:
      switch parent {
      case .place, .ramp, .door, .stop, .room, .wc, .washbasin, .shower, .bathtub,
        .kitchenCounter, .bed, .window, .control, .furniture, .wheelchairSpace:
        true
      default: false
      }
    case .facility, .outdoorPath: parent == .quarter
    }
  }
}
