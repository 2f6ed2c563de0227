package import CLibXML2

/// A small XML file written by hand (a profile, a catalogue of measures),
/// parsed whole into libxml2's tree and validated against an embedded
/// schema, with every element's line and column at hand for messages.
///
/// The portfolio reader streams; these files are small enough to read
/// whole, and their readers then walk the tree. The refusals are those of
/// the portfolio reader: no network, no DTD or DOCTYPE, no entities, a size
/// limit, UTF-8 only. Problems are collected in `diagnostics`; `root`
/// is nil when the file is not well-formed or not valid.
package final class SmallDocument {
  /// What kind of file is read, for its messages.
  package struct Kind: Sendable {
    /// The word for the file in messages: "profile", "catalogue".
    package var noun: String
    /// Its root, namespace and schema, for libxml2's messages.
    package var format: SchemaMessages.Format
    /// Files larger than this are refused.
    package var maximumBytes: Int
    /// The message for a file larger than that.
    package var tooLarge: String

    /// Creates a kind of file.
    package init(
      noun: String, format: SchemaMessages.Format, maximumBytes: Int, tooLarge: String
    ) {
      self.noun = noun
      self.format = format
      self.maximumBytes = maximumBytes
      self.tooLarge = tooLarge
    }
  }

  /// An element of the parsed tree; valid while its document lives.
  package struct Element {
    let node: xmlNodePtr

    /// The local name.
    package var name: String {
      node.pointee.name.map { String(cString: $0) } ?? ""
    }

    /// The child elements, in order.
    package var children: [Element] {
      var result: [Element] = []
      var child = node.pointee.children
      while let current = child {
        if current.pointee.type == XML_ELEMENT_NODE { result.append(Element(node: current)) }
        child = current.pointee.next
      }
      return result
    }

    /// The value of attribute `name`, if it is there.
    package func attribute(_ name: String) -> String? {
      var property = node.pointee.properties
      while let current = property {
        if let attributeName = current.pointee.name, String(cString: attributeName) == name {
          return Self.content(of: current.pointee.children)
        }
        property = current.pointee.next
      }
      return nil
    }

    /// The text content, its white space runs made single spaces.
    package var text: String {
      Self.content(of: node.pointee.children).split(whereSeparator: \.isWhitespace).joined(
        separator: " ")
    }

    private static func content(of first: xmlNodePtr?) -> String {
      var text = ""
      var child = first
      while let part = child {
        if let content = part.pointee.content { text += String(cString: content) }
        child = part.pointee.next
      }
      return text
    }
  }

  /// The file's name in messages.
  package let fileName: String
  /// The problems found so far: the reader adds its own with `error(_:_:_:)`.
  package private(set) var diagnostics: [Diagnostic] = []
  /// The root element; nil when the file could not be read or is not valid.
  package private(set) var root: Element?

  private let bytes: [UInt8]
  private let kind: Kind
  private var tags: StartTagIndex?
  private var document: xmlDocPtr?
  /// Element nodes in document order, and each node's ordinal.
  private var ordinals: [UnsafeMutableRawPointer: Int] = [:]

  /// Reads `bytes` and validates them against `schema` (nil: the schema did
  /// not compile, an internal error).
  package init(bytes: [UInt8], fileName: String, kind: Kind, schema: xmlSchemaPtr?) {
    self.bytes = bytes
    self.fileName = fileName
    self.kind = kind
    read(schema: schema)
  }

  deinit {
    if let document { xmlFreeDoc(document) }
  }

  /// Records a problem.
  package func error(_ kind: Diagnostic.Kind, _ location: SourceLocation, _ message: String) {
    diagnostics.append(Diagnostic(kind: kind, location: location, message: message))
  }

  /// A place in this file.
  package func location(line: Int, column: Int) -> SourceLocation {
    SourceLocation(file: fileName, line: line, column: column)
  }

  /// Where `element` starts, or where its attribute `attribute` does.
  package func location(of element: Element, attribute: String? = nil) -> SourceLocation {
    let node = element.node
    guard let ordinal = ordinals[UnsafeMutableRawPointer(node)],
      let place = position(ordinal: ordinal, attribute: attribute)
    else { return location(line: Int(xmlGetLineNo(node)), column: 0) }
    return location(line: place.line, column: place.column)
  }

  // MARK: reading

  private func read(schema: xmlSchemaPtr?) {
    let noun = kind.noun
    let start = location(line: 1, column: 1)
    guard bytes.count <= kind.maximumBytes else {
      error(.limit, start, kind.tooLarge)
      return
    }
    guard !bytes.isEmpty else {
      error(
        .syntax, start,
        "the file is empty; expected a <\(kind.format.root)> in namespace \(kind.format.namespace)")
      return
    }
    // Positions and the DOCTYPE refusal below read bytes as UTF-8; the file
    // is short and written by hand, so UTF-8 is all it may be.
    if bytes.contains(0) || declaredEncoding().map({ !["utf-8", "utf8"].contains($0) }) == true {
      error(
        .syntax, start,
        "the \(noun) is not UTF-8 (\(declaredEncoding() ?? "a UTF-16 byte order or NUL bytes")); "
          + "save it as UTF-8")
      return
    }
    var markupGuard = MarkupGuard()
    if let position = bytes.withUnsafeBytes({ markupGuard.scan($0) }) {
      error(
        .security, location(line: position.line, column: position.column),
        "more than \(MarkupGuard.maximumAttributes) attributes on one element")
      return
    }
    if let doctype = firstOccurrence(of: "<!DOCTYPE") {
      error(
        .security, doctype,
        "the \(noun) has a DOCTYPE; a BarrierFree \(noun) has none: remove the DOCTYPE")
      return
    }
    guard let document = parseTree() else { return }
    self.document = document
    if document.pointee.intSubset != nil || document.pointee.extSubset != nil {
      error(.security, start, "the \(noun) has a DOCTYPE; a BarrierFree \(noun) has none")
      return
    }
    guard let rootNode = xmlDocGetRootElement(document) else { return }
    tags = bytes.withUnsafeBufferPointer { StartTagIndex($0) }
    var ordinal = 0
    func number(_ element: Element) {
      ordinals[UnsafeMutableRawPointer(element.node)] = ordinal
      ordinal += 1
      for child in element.children { number(child) }
    }
    number(Element(node: rootNode))
    guard validate(document, schema: schema), diagnostics.isEmpty else { return }
    root = Element(node: rootNode)
  }

  private func parseTree() -> xmlDocPtr? {
    guard let context = xmlNewParserCtxt() else { return nil }
    defer { xmlFreeParserCtxt(context) }
    let previousHandler = __xmlStructuredError()?.pointee
    let previousContext = __xmlStructuredErrorContext()?.pointee
    let previousGeneric = __xmlGenericError()?.pointee
    let previousGenericContext = __xmlGenericErrorContext()?.pointee
    xmlSetStructuredErrorFunc(Unmanaged.passUnretained(self).toOpaque(), smallDocumentParserError)
    // As the portfolio reader does: libxml2's generic errors print to stderr.
    xmlSetGenericErrorFunc(nil, barrierfree_silent_generic_error())
    defer {
      xmlSetGenericErrorFunc(previousGenericContext, previousGeneric)
      xmlSetStructuredErrorFunc(previousContext, previousHandler)
    }
    // No network, no entity substitution, no DTD loading; libxml2's limits
    // stay in force (no XML_PARSE_HUGE).
    let options = Int32(XML_PARSE_NONET.rawValue) | Int32(XML_PARSE_NOCDATA.rawValue)
    let document = bytes.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { chars in
        xmlCtxtReadMemory(context, chars.baseAddress, Int32(chars.count), fileName, nil, options)
      }
    }
    if document == nil && diagnostics.isEmpty {
      error(.syntax, location(line: 1, column: 1), "the \(kind.noun) is not well-formed XML")
    }
    if !diagnostics.isEmpty, let document {
      xmlFreeDoc(document)
      return nil
    }
    return document
  }

  private func validate(_ document: xmlDocPtr, schema: xmlSchemaPtr?) -> Bool {
    guard let schema, let validator = xmlSchemaNewValidCtxt(schema) else {
      error(
        .io, location(line: 0, column: 0),
        "internal error: the \(kind.noun) schema did not compile")
      return false
    }
    defer { xmlSchemaFreeValidCtxt(validator) }
    xmlSchemaSetValidStructuredErrors(
      validator, smallDocumentSchemaError, Unmanaged.passUnretained(self).toOpaque())
    return xmlSchemaValidateDoc(validator, document) == 0
  }

  fileprivate func parserError(_ error: xmlError) {
    guard diagnostics.count < 100 else { return }
    let raw = error.message.map { String(cString: $0) } ?? "XML error"
    if error.level == XML_ERR_WARNING { return }
    let place = location(line: Int(error.line), column: Int(error.int2))
    if raw.contains("Entity") || raw.contains("entity") {
      self.error(
        .security, place,
        "entity references are not allowed in a \(kind.noun): "
          + SyntaxMessages.humanize(raw, format: kind.format))
      return
    }
    self.error(.syntax, place, SyntaxMessages.humanize(raw, format: kind.format))
  }

  fileprivate func schemaError(_ error: xmlError) {
    guard diagnostics.count < 100 else { return }
    let raw = error.message.map { String(cString: $0) } ?? "schema violation"
    let ordinal = error.node.flatMap { ordinals[$0] }
    let message = bytes.withUnsafeBufferPointer { buffer in
      SchemaMessages.humanize(
        raw, tag: ordinal.flatMap { rawTag(ordinal: $0, in: buffer) }, format: kind.format)
    }
    var place = location(line: Int(error.line), column: 0)
    if let ordinal, let position = position(ordinal: ordinal, attribute: nil) {
      place = location(line: position.line, column: position.column)
      if let attribute = message.attribute,
        let position = self.position(ordinal: ordinal, attribute: attribute)
      {
        place = location(line: position.line, column: position.column)
      }
    }
    self.error(.schema, place, message.text)
  }

  // MARK: positions

  private func rawTag(ordinal: Int, in buffer: UnsafeBufferPointer<UInt8>) -> RawTag? {
    guard let tags, ordinal < tags.tags.count, let base = buffer.baseAddress else { return nil }
    let tag = tags.tags[ordinal]
    return RawTag(
      bytes: UnsafeBufferPointer(start: base + tag.start, count: tag.end - tag.start),
      line: tag.line, column: tag.column)
  }

  /// The start of element number `ordinal`, or of its attribute
  /// `attribute` when it has it.
  private func position(ordinal: Int, attribute: String?) -> (line: Int, column: Int)? {
    bytes.withUnsafeBufferPointer { buffer in
      guard let tag = rawTag(ordinal: ordinal, in: buffer) else { return nil }
      if let attribute, let position = tag.position(ofAttribute: attribute) { return position }
      return (tag.line, tag.column)
    }
  }

  /// The encoding named in the XML declaration, lower-cased, if there is one.
  private func declaredEncoding() -> String? {
    let head = String(decoding: bytes.prefix(200), as: UTF8.self)
    guard head.hasPrefix("<?xml"), let end = head.firstRange(of: "?>") else { return nil }
    let declaration = head[..<end.lowerBound]
    guard let name = declaration.firstRange(of: "encoding") else { return nil }
    let rest = declaration[name.upperBound...].drop { $0 == " " || $0 == "=" }
    guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
    return String(rest.dropFirst().prefix { $0 != quote }).lowercased()
  }

  private func firstOccurrence(of text: String) -> SourceLocation? {
    let pattern = Array(text.utf8)
    guard bytes.count >= pattern.count else { return nil }
    for start in 0...(bytes.count - pattern.count)
    where bytes[start] == pattern[0]
      && (0..<pattern.count).allSatisfy({ bytes[start + $0] == pattern[$0] })
    {
      let place = bytes[..<start].withUnsafeBytes {
        XMLScanner.position(after: $0, line: 1, column: 1, afterCarriageReturn: false)
      }
      return location(line: place.line, column: place.column)
    }
    return nil
  }
}

private func document(_ context: UnsafeMutableRawPointer?) -> SmallDocument? {
  context.map { Unmanaged<SmallDocument>.fromOpaque($0).takeUnretainedValue() }
}

private func smallDocumentParserError(_ context: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
  guard let document = document(context), let error else { return }
  document.parserError(error.pointee)
}

private func smallDocumentSchemaError(_ context: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
  guard let document = document(context), let error else { return }
  document.schemaError(error.pointee)
}
