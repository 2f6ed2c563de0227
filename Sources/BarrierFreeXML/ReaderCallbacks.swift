import BarrierFreeXMLSupport
internal import CLibXML2

// The C callbacks libxml2 calls. Each one recovers the reader from the
// user-data pointer (passed unretained: the reader outlives its parser) and
// forwards to a method.

private func reader(_ context: UnsafeMutableRawPointer?) -> PortfolioReader? {
  context.map { Unmanaged<PortfolioReader>.fromOpaque($0).takeUnretainedValue() }
}

func readerStartElement(
  _ context: UnsafeMutableRawPointer?, _ localName: UnsafePointer<xmlChar>?,
  _ prefix: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?,
  _ namespaceCount: Int32,
  _ namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
  _ attributeCount: Int32, _ defaultedCount: Int32,
  _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
) {
  guard let context, let localName else { return }
  // The reader outlives the parser: borrowed, not retained, for the two
  // callbacks that run for every element.
  Unmanaged<PortfolioReader>.fromOpaque(context)._withUnsafeGuaranteedRef { reader in
    reader.startElement(
      localName: localName, uri: uri, attributeCount: Int(attributeCount),
      defaultedCount: Int(defaultedCount), attributes: attributes)
  }
}

func readerEndElement(
  _ context: UnsafeMutableRawPointer?, _ localName: UnsafePointer<xmlChar>?,
  _ prefix: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?
) {
  guard let context, let localName else { return }
  Unmanaged<PortfolioReader>.fromOpaque(context)._withUnsafeGuaranteedRef { reader in
    reader.endElement(localName: localName, uri: uri)
  }
}

func readerParserError(_ context: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
  guard let reader = reader(context), let error else { return }
  reader.parserError(error.pointee)
}

func readerSchemaError(_ context: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
  guard let reader = reader(context), let error else { return }
  reader.schemaError(error.pointee)
}

func readerLocator(
  _ context: UnsafeMutableRawPointer?,
  _ file: UnsafeMutablePointer<UnsafePointer<CChar>?>?,
  _ line: UnsafeMutablePointer<UInt>?
) -> Int32 {
  guard let reader = reader(context) else { return -1 }
  file?.pointee = nil
  // Called for every element: the line alone, no SourceLocation.
  line?.pointee = UInt(max(0, reader.currentLine))
  return 0
}

func readerInternalSubset(
  _ context: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?,
  _ externalID: UnsafePointer<xmlChar>?, _ systemID: UnsafePointer<xmlChar>?
) {
  guard let reader = reader(context) else { return }
  reader.sawDoctype = true
  // A DOCTYPE names the root element: when that is not a portfolio, the
  // file is something else (a web page), whatever its DOCTYPE holds.
  let root = name.map { String(cString: $0) } ?? ""
  if root != "portfolio" {
    let kind = ["html", "HTML"].contains(root) ? " (a web page)" : ""
    reader.refuse(
      "this is not a BarrierFree portfolio: its DOCTYPE names <\(root)> as its root element\(kind); a portfolio starts with <portfolio xmlns=\"\(PortfolioSchema.namespace)\"> and has no DOCTYPE"
    )
    return
  }
  if let systemID {
    reader.refuse(
      "the DOCTYPE names an external DTD ('\(String(cString: systemID))'); BarrierFree never loads DTDs: remove the DOCTYPE line"
    )
  }
}

func readerAttributeDecl(
  _ context: UnsafeMutableRawPointer?, _ element: UnsafePointer<xmlChar>?,
  _ name: UnsafePointer<xmlChar>?, _ type: Int32, _ defaultKind: Int32,
  _ defaultValue: UnsafePointer<xmlChar>?, _ tree: xmlEnumerationPtr?
) {
  // The handler owns the enumeration tree.
  if let tree { xmlFreeEnumeration(tree) }
  guard let reader = reader(context) else { return }
  let elementName = element.map { String(cString: $0) } ?? "?"
  reader.refuse(
    "the DOCTYPE declares attributes of <\(elementName)> (ATTLIST); their defaults would add values nobody measured: remove the DOCTYPE"
  )
}

func readerExternalSubset(
  _ context: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?,
  _ externalID: UnsafePointer<xmlChar>?, _ systemID: UnsafePointer<xmlChar>?
) {
  // Never loaded (no XML_PARSE_DTDLOAD); refused in readerInternalSubset.
}

func readerEntityDecl(
  _ context: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?,
  _ type: Int32, _ publicID: UnsafePointer<xmlChar>?,
  _ systemID: UnsafePointer<xmlChar>?, _ content: UnsafeMutablePointer<xmlChar>?
) {
  guard let reader = reader(context) else { return }
  let entity = name.map { String(cString: $0) } ?? "?"
  let external = systemID != nil ? " external" : ""
  reader.refuse(
    "the DOCTYPE declares the\(external) entity '\(entity)'; BarrierFree refuses documents that declare entities (they can read local files or expand without bound): remove the DOCTYPE and write the text itself"
  )
}

func readerReference(_ context: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?) {
  guard let reader = reader(context) else { return }
  let entity = name.map { String(cString: $0) } ?? "?"
  reader.refuse("the entity reference '&\(entity);' is not allowed; write the text itself")
}

extension PortfolioReader {
  /// Refuses the document for security: reports and stops at once.
  func refuse(_ message: String) {
    report(.error, .security, at: currentLocation(), message)
    stopParser()
  }

  /// Refuses a document with a DOCTYPE that declared nothing refused so far:
  /// the format has no DTD, and a DOCTYPE can only change what is read.
  func refuseDoctypeIfSeen() {
    guard sawDoctype, !diagnostics.contains(where: { $0.kind == .security }) else { return }
    refuse("the document has a DOCTYPE; a BarrierFree portfolio has none: remove the DOCTYPE")
  }

  /// A well-formedness error (or warning) from the XML parser.
  func parserError(_ error: xmlError) {
    let raw = error.message.map { String(cString: $0) } ?? "XML error"
    var location = SourceLocation(
      file: fileName, line: fileLine(Int(error.line)), column: Int(error.int2))
    var columnInBytes = false
    if error.line == 0, raw.hasPrefix("input conversion failed"),
      let bytes = raw.firstRange(of: "bytes ").map({ raw[$0.upperBound...] }),
      case let values = bytes.split(whereSeparator: \.isWhitespace).compactMap({
        UInt8($0.dropFirst(2), radix: 16)
      }),
      let place = place(ofBytes: values)
    {
      // libxml2 names the bytes it could not convert, not their place.
      location = SourceLocation(file: fileName, line: fileLine(place.line), column: place.column)
      columnInBytes = !hasSingleByteEncoding
    }
    // After a refusal or a first fatal error the parser may add follow-on
    // errors at the same place; they add nothing.
    if diagnostics.contains(where: { $0.kind == .security }) || sawFatalSyntaxError { return }
    let severity: Diagnostic.Severity =
      error.level == XML_ERR_WARNING ? .warning : .error
    var message = SyntaxMessages.humanize(raw, format: .portfolio, fileLine: fileLine)
    if error.level == XML_ERR_FATAL {
      sawFatalSyntaxError = true
      // libxml2 reports some mistakes only when the input has ended (a bare
      // '&' in the last chunk, say): the file ends there only if no tag
      // follows the error.
      let atEnd = atEndOfInput && noTagAhead
      if atEnd && !builder.rootSeen {
        // Only white space, comments or the XML declaration; libxml2 says
        // "Extra content at the end of the document".
        message =
          "the file ends before a <portfolio> element begins; expected a <portfolio> document in namespace \(PortfolioSchema.namespace) (\(raw.trimmingWhitespace()))"
      } else if atEnd && !builder.open.isEmpty {
        // libxml2 words an early end in several ways ("Extra content at the
        // end of the document", "Premature end of data"): say what it means,
        // naming the last element opened whole (not a start tag cut short).
        let name =
          builder.open.last(where: { $0.name != nil })?.name.map { "<\($0.text)>" }
          ?? "an element"
        message =
          "the file ends before \(name) is closed; is it truncated? (\(raw.trimmingWhitespace()))"
      } else if atEnd && !message.contains("truncated") {
        message += " (at the end of the file: is the file truncated?)"
      }
    }
    if columnInBytes { message += " (the column counts bytes)" }
    report(severity, .syntax, at: location, message)
  }

  /// A schema violation from the validator plugged into the parser.
  func schemaError(_ error: xmlError) {
    if diagnostics.last?.kind == .security || sawTruncatedTag { return }
    let raw = error.message.map { String(cString: $0) } ?? "schema violation"
    if raw.contains("Character content") {
      // libxml2 hands text over in pieces, cut where the chunks of the file
      // were cut, and the validator finds each piece wrong wherever the
      // parser then stands: the text is reported once, at the tag after it.
      if pendingText == nil {
        pendingText =
          SchemaMessages.humanize(raw, tag: nil, id: openElementID(), format: .portfolio).text
        schemaErrorCount += 1
      }
      return
    }
    let tag = currentTag()
    let message = SchemaMessages.humanize(
      raw, tag: tag, format: .portfolio,
      rootChildren: builder.open.count == 2 ? "quarter, building" : nil)
    var location = currentLocation()
    if let tag {
      location = SourceLocation(file: fileName, line: tag.line, column: tag.column)
      if let attribute = message.attribute,
        let position = tag.position(ofAttribute: attribute)
      {
        location = SourceLocation(
          file: fileName, line: position.line, column: position.column)
      }
    }
    schemaErrorCount += 1
    if let attribute = message.attribute { schemaFlaggedAttributes.insert(attribute) }
    report(.error, .schema, at: location, message.text)
    if message.isWrongRoot { stopParser() }
  }
}

extension PortfolioReader {
  /// Reports the text found in an element that takes none, at `tag`: the
  /// tag after the text (nil at the end of the input: the parser's place).
  func reportPendingText(at tag: RawTag?) {
    guard let text = pendingText else { return }
    pendingText = nil
    let location =
      tag.map { SourceLocation(file: fileName, line: $0.line, column: $0.column) }
      ?? currentLocation()
    report(.error, .schema, at: location, text)
  }
}
