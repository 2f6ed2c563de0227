import BarrierFreeXMLSupport
internal import CLibXML2

extension PortfolioReader: SAXPushHandler {
  package func lineForValidator() -> Int {
    // Called for every element: the line alone, no SourceLocation.
    currentLine
  }

  package func doctype(root name: String?, systemID: String?) {
    sawDoctype = true
    // A DOCTYPE names the root element: when that is not a portfolio, the
    // file is something else (a web page), whatever its DOCTYPE holds.
    let root = name ?? ""
    if root != "portfolio" {
      let kind = ["html", "HTML"].contains(root) ? " (a web page)" : ""
      refuse(
        "this is not a BarrierFree portfolio: its DOCTYPE names <\(root)> as its root element\(kind); a portfolio starts with <portfolio xmlns=\"\(PortfolioSchema.namespace)\"> and has no DOCTYPE"
      )
      return
    }
    if let systemID {
      refuse(
        "the DOCTYPE names an external DTD ('\(systemID)'); BarrierFree never loads DTDs: remove the DOCTYPE line"
      )
    }
  }

  package func attributeDeclaration(element: String?) {
    let elementName = element ?? "?"
    refuse(
      "the DOCTYPE declares attributes of <\(elementName)> (ATTLIST); their defaults would add values nobody measured: remove the DOCTYPE"
    )
  }

  package func entityDeclaration(name: String?, isExternal: Bool) {
    let entity = name ?? "?"
    let external = isExternal ? " external" : ""
    refuse(
      "the DOCTYPE declares the\(external) entity '\(entity)'; BarrierFree refuses documents that declare entities (they can read local files or expand without bound): remove the DOCTYPE and write the text itself"
    )
  }

  package func entityReference(name: String?) {
    let entity = name ?? "?"
    refuse("the entity reference '&\(entity);' is not allowed; write the text itself")
  }
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
  package func parserProblem(_ error: SAXProblem) {
    let raw = error.message ?? "XML error"
    var location = SourceLocation(
      file: fileName, line: fileLine(error.line), column: error.column)
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
      error.level == .warning ? .warning : .error
    var message = SyntaxMessages.humanize(raw, format: .portfolio, fileLine: fileLine)
    if error.level == .fatal {
      sawFatalSyntaxError = true
      // libxml2 reports some mistakes only when the input has ended (a bare
      // '&' in the last chunk, say): the file ends there only if no tag
      // follows the error.
      let atEnd = atEndOfInput && noTagAhead
      if atEnd && !state.builder.rootSeen {
        // Only white space, comments or the XML declaration; libxml2 says
        // "Extra content at the end of the document".
        message =
          "the file ends before a <portfolio> element begins; expected a <portfolio> document in namespace \(PortfolioSchema.namespace) (\(raw.trimmingWhitespace()))"
      } else if atEnd && !state.builder.open.isEmpty {
        // libxml2 words an early end in several ways ("Extra content at the
        // end of the document", "Premature end of data"): say what it means,
        // naming the last element opened whole (not a start tag cut short).
        let name =
          state.builder.open.last(where: { $0.name != nil })?.name.map { "<\($0.text)>" }
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
  package func schemaProblem(message: String?) {
    if diagnostics.last?.kind == .security || sawTruncatedTag { return }
    let raw = message ?? "schema violation"
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
      rootChildren: state.builder.open.count == 2 ? "quarter, building" : nil)
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
    if let attribute = message.attribute { state.schemaFlaggedAttributes.insert(attribute) }
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
