package import CLibXML2

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What a ``SAXSession`` hands to the reader that drives it: libxml2's SAX2
/// events and problems, in the order libxml2 reports them.
///
/// Pointers in the arguments point into libxml2's buffers and dictionary:
/// valid only during the call.
package protocol SAXPushHandler: AnyObject {
  /// A start tag, with its attributes.
  func startElement(_ element: SAXStartElement)
  /// An end tag (or the end of an empty element).
  func endElement()
  /// A well-formedness problem from the parser.
  func parserProblem(_ problem: SAXProblem)
  /// A violation found by the schema plugged into the parser.
  func schemaProblem(message: String?)
  /// The line the validator puts on the element it is about to check.
  func lineForValidator() -> Int
  /// A DOCTYPE: the root element it names and its external DTD, if any.
  func doctype(root: String?, systemID: String?)
  /// An attribute list declared in the DOCTYPE.
  func attributeDeclaration(element: String?)
  /// An entity declared in the DOCTYPE.
  func entityDeclaration(name: String?, isExternal: Bool)
  /// An entity reference in the text.
  func entityReference(name: String?)
}

/// A start tag as libxml2 reports it.
package struct SAXStartElement {
  /// The element's name, interned in the parser's dictionary.
  package var localName: UnsafePointer<xmlChar>
  /// The element's namespace, if any.
  package var uri: UnsafePointer<xmlChar>?
  /// libxml2's attribute array: five pointers per attribute (local name,
  /// prefix, namespace, value start, value end).
  @usableFromInline var attributeArray: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
  /// Attributes given in the tag, without those defaulted from a DTD
  /// (which libxml2 puts last; a missing value means "not measured").
  @usableFromInline var givenCount: Int

  init(
    localName: UnsafePointer<xmlChar>, uri: UnsafePointer<xmlChar>?,
    attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, count: Int, defaulted: Int
  ) {
    self.localName = localName
    self.uri = uri
    self.attributeArray = attributes
    self.givenCount = max(0, count - defaulted)
  }

  /// The attributes written in the tag without a namespace, in tag order:
  /// each one's interned name and value.
  @inlinable package var attributes: SAXAttributes {
    SAXAttributes(base: attributeArray, count: givenCount)
  }

  /// The local name as text.
  package var name: String {
    String(cString: UnsafeRawPointer(localName).assumingMemoryBound(to: CChar.self))
  }

  /// Whether the element is in the namespace `namespace` (a C string).
  package func isInNamespace(_ namespace: [CChar]) -> Bool {
    guard let uri else { return false }
    return namespace.withUnsafeBufferPointer { expected in
      guard let expected = expected.baseAddress else { return false }
      return strcmp(UnsafeRawPointer(uri).assumingMemoryBound(to: CChar.self), expected) == 0
    }
  }
}

/// The attributes of a ``SAXStartElement``, walked in tag order.
///
/// Inlinable, so that the reader's loop over them compiles to the loop it
/// would write over libxml2's array itself: walking them through a closure
/// across the module boundary cost 1.5 % of `validate`'s instructions
/// (callgrind, 150 generated buildings).
package struct SAXAttributes: Sequence, IteratorProtocol {
  @usableFromInline var base: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
  @usableFromInline var remaining: Int

  @inlinable init(base: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, count: Int) {
    self.base = base
    self.remaining = base == nil ? 0 : count
  }

  /// The next attribute without a namespace: its interned name and value.
  @inlinable package mutating func next() -> (
    name: UnsafePointer<xmlChar>, value: UnsafeBufferPointer<UInt8>
  )? {
    while remaining > 0, let current = base {
      remaining -= 1
      base = current + 5
      guard let name = current[0], current[2] == nil, let start = current[3], let end = current[4]
      else { continue }
      return (name, UnsafeBufferPointer(start: start, count: end - start))
    }
    return nil
  }
}

/// A problem libxml2's parser reports.
package struct SAXProblem {
  /// How grave libxml2 finds it.
  package enum Level {
    case warning, error, fatal
  }
  package var level: Level
  /// libxml2's wording; nil if it gave none.
  package var message: String?
  /// The document's line; 0 when libxml2 gives none.
  package var line: Int
  /// The column libxml2 gives (`int2`).
  package var column: Int
}

/// Why ``SAXSession/open(schema:firstBytes:fileName:handler:)`` failed.
package enum SAXOpenFailure: Error {
  /// libxml2 gave no validation context (out of memory).
  case validator
  /// The schema could not be plugged into the SAX handler.
  case plug
  /// libxml2 gave no parser context.
  case parser
}

/// One document read by libxml2's SAX2 push parser with an XML Schema
/// plugged in (`xmlSchemaSAXPlug`): it owns the parser context, the SAX
/// handler, the schema plug, the C callbacks and their pointers, and
/// forwards typed events to a ``SAXPushHandler``.
///
/// The handler is not retained: it owns the session and outlives it. A
/// session is used by one thread at a time.
///
/// Secure by default: no network, no DTD loading, no entity substitution,
/// libxml2's size limits in force.
package final class SAXSession {
  private var parser: xmlParserCtxtPtr?
  private var validator: xmlSchemaValidCtxtPtr?
  private var plug: xmlSchemaSAXPlugPtr?
  private var saxHandler: UnsafeMutablePointer<xmlSAXHandler>?
  /// Where the plug keeps the handler and user data it replaced: libxml2
  /// stores these two addresses and writes the old values back through them
  /// in `xmlSchemaSAXUnplug`. They must outlive the plug, so they are on the
  /// heap, not in `open`'s stack frame (which `close`, maybe on another
  /// thread, would otherwise write into).
  private var plugHandlerSlot: UnsafeMutablePointer<UnsafeMutablePointer<xmlSAXHandler>?>?
  private var plugUserDataSlot: UnsafeMutablePointer<UnsafeMutableRawPointer?>?
  fileprivate unowned(unsafe) var handler: (any SAXPushHandler)?

  package init() {}

  deinit { close() }

  /// Whether the parser exists (between ``open(schema:firstBytes:fileName:handler:)``
  /// and ``close()``).
  package var isOpen: Bool { parser != nil }

  /// Creates the validator and the push parser. `firstBytes` (at least the
  /// first four of the document, when there are four) let libxml2 detect
  /// the encoding; they are parsed as the first chunk.
  package func open(
    schema: xmlSchemaPtr, firstBytes: UnsafeRawBufferPointer, fileName: String,
    handler: any SAXPushHandler
  ) throws(SAXOpenFailure) {
    self.handler = handler
    guard let validator = xmlSchemaNewValidCtxt(schema) else { throw .validator }
    self.validator = validator
    let me = Unmanaged.passUnretained(self).toOpaque()
    xmlSchemaSetValidStructuredErrors(validator, sessionSchemaError, me)
    xmlSchemaValidateSetLocator(validator, sessionLocator, me)

    // The plug keeps a pointer to this handler: it lives as long as the
    // parser and is freed in close.
    let handler = UnsafeMutablePointer<xmlSAXHandler>.allocate(capacity: 1)
    saxHandler = handler
    handler.initialize(to: xmlSAXHandler())
    handler.pointee.initialized = XML_SAX2_MAGIC
    handler.pointee.startElementNs = sessionStartElement
    handler.pointee.endElementNs = sessionEndElement
    handler.pointee.internalSubset = sessionInternalSubset
    handler.pointee.externalSubset = sessionExternalSubset
    handler.pointee.entityDecl = sessionEntityDecl
    handler.pointee.attributeDecl = sessionAttributeDecl
    handler.pointee.getParameterEntity = nil
    handler.pointee.reference = sessionReference

    let handlerSlot = UnsafeMutablePointer<UnsafeMutablePointer<xmlSAXHandler>?>.allocate(
      capacity: 1)
    handlerSlot.initialize(to: handler)
    plugHandlerSlot = handlerSlot
    let userDataSlot = UnsafeMutablePointer<UnsafeMutableRawPointer?>.allocate(capacity: 1)
    userDataSlot.initialize(to: me)
    plugUserDataSlot = userDataSlot
    plug = xmlSchemaSAXPlug(validator, handlerSlot, userDataSlot)
    guard plug != nil else { throw .plug }
    let created = firstBytes.baseAddress.map {
      xmlCreatePushParserCtxt(
        handlerSlot.pointee, userDataSlot.pointee, $0.assumingMemoryBound(to: CChar.self),
        Int32(firstBytes.count), fileName)
    }
    guard let created, let parserContext = created else { throw .parser }
    parser = parserContext
    // Secure options: no network; no XML_PARSE_NOENT (that would substitute
    // entities), no XML_PARSE_DTDLOAD, no XML_PARSE_HUGE (keeps libxml2's
    // limits on names, text and nesting in force).
    let secureOptions = Int32(XML_PARSE_NONET.rawValue) | Int32(XML_PARSE_NOCDATA.rawValue)
    _ = xmlCtxtUseOptions(parserContext, secureOptions)
  }

  /// The parser's dictionary of names: a name's interned pointer identifies
  /// it.
  package var dictionary: xmlDictPtr? { parser?.pointee.dict }

  /// Hands `bytes` to the parser; `isLast` says the input ends with them.
  ///
  /// With the schema plugged in, the parser's context carries the plug, not
  /// the session, so parser errors reach the thread's structured error
  /// handler (libxml2 keeps it per thread): set it for the call, restore it
  /// after. libxml2's generic error function, which prints to stderr, is
  /// silenced for the call: what it says, the structured handler reports
  /// too (found by the segmented-reading fuzzer: a file declared Shift_JIS
  /// with bytes that are not printed "xmlParseChunk: encoder error").
  package func parse(_ bytes: UnsafeRawBufferPointer, isLast: Bool) {
    guard let parser else { return }
    // Keep the thread's own handlers (an application's) and put them back.
    let previousHandler = __xmlStructuredError()?.pointee
    let previousContext = __xmlStructuredErrorContext()?.pointee
    let previousGeneric = __xmlGenericError()?.pointee
    let previousGenericContext = __xmlGenericErrorContext()?.pointee
    xmlSetStructuredErrorFunc(Unmanaged.passUnretained(self).toOpaque(), sessionParserError)
    xmlSetGenericErrorFunc(nil, barrierfree_silent_generic_error())
    _ = xmlParseChunk(
      parser, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(bytes.count),
      isLast ? 1 : 0)
    xmlSetGenericErrorFunc(previousGenericContext, previousGeneric)
    xmlSetStructuredErrorFunc(previousContext, previousHandler)
  }

  /// Whether the parser hands out no more events (stopped, or broken).
  package var isStopped: Bool { (parser?.pointee.disableSAX ?? 0) != 0 }

  /// Stops the parser at once.
  ///
  /// Not xmlStopParser: it frees the parser's input at once, and the
  /// handler's callbacks run inside libxml2's, with the schema validator
  /// still to look at the same start tag's attributes after they return (a
  /// crash in libxml2 when the error limit was reached in a door's movement
  /// area past the first 150 KB of a file). Stopping the SAX events and the
  /// state machine is enough: ``parse(_:isLast:)`` returns, and ``close()``
  /// frees the parser.
  package func stop() {
    guard let parser else { return }
    // 2, not 1: libxml2 2.9 only asks for non-zero, while 2.13 and later
    // treat 1 as "SAX off, keep parsing" and 2 as stopped.
    parser.pointee.disableSAX = 2
    parser.pointee.instate = XML_PARSER_EOF
  }

  /// Frees the parser, the plug and the validator.
  package func close() {
    if let parser {
      // For entity declarations libxml2 builds a document of its own to hold
      // them (ctxt->myDoc), which the caller owns; found by the fuzzer's
      // leak check on a refused billion-laughs document.
      if let document = parser.pointee.myDoc {
        xmlFreeDoc(document)
        parser.pointee.myDoc = nil
      }
      xmlFreeParserCtxt(parser)
      self.parser = nil
    }
    if plug != nil {
      xmlSchemaSAXUnplug(plug)
      plug = nil
    }
    if let validator {
      xmlSchemaFreeValidCtxt(validator)
      self.validator = nil
    }
    if let saxHandler {
      saxHandler.deallocate()
      self.saxHandler = nil
    }
    // After the unplug, which writes through these.
    plugHandlerSlot?.deallocate()
    plugHandlerSlot = nil
    plugUserDataSlot?.deallocate()
    plugUserDataSlot = nil
  }

  // MARK: - Where the parser stands

  /// The parser's line and column (the end of what it has just read) as
  /// libxml2 counts them; nil before parsing.
  package var position: (line: Int, column: Int)? {
    guard let parser, let input = parser.pointee.input else { return nil }
    return (Int(input.pointee.line), Int(input.pointee.col))
  }

  /// The parser's offset in the input: what libxml2 has consumed and
  /// dropped, plus its place in what it holds.
  package var offset: Int? {
    guard let parser, let input = parser.pointee.input, let base = input.pointee.base,
      let current = input.pointee.cur
    else { return nil }
    return Int(input.pointee.consumed) + (current - base)
  }

  /// Whether no tag lies between the parser's position and the end of
  /// what it holds: at the end of the input, whether an error stands in the
  /// last, unfinished piece of the file (a cut tag, value or text) rather
  /// than before markup that follows it.
  package var noTagAhead: Bool {
    guard let parser, let input = parser.pointee.input, let current = input.pointee.cur,
      let end = input.pointee.end, current < end
    else { return true }
    // A '<' with no '>' after it is a tag cut short by the end of the
    // file (`<`, `<buil`), not one that follows.
    guard let less = memchr(current, 0x3C, end - current) else { return true }
    let after = UnsafePointer<UInt8>(less.assumingMemoryBound(to: UInt8.self)) + 1
    return after >= end || memchr(after, 0x3E, end - after) == nil
  }

  /// Whether the start tag the parser has just handed over is whole: libxml2
  /// calls back before it consumes the tag's `>` or `/>`, so one of them is
  /// at its position unless the input ended inside the tag.
  package var startTagIsWhole: Bool {
    guard let parser, let input = parser.pointee.input, let current = input.pointee.cur,
      let end = input.pointee.end
    else { return true }
    guard current < end else { return false }
    return current.pointee == UInt8(ascii: ">")
      || (current.pointee == UInt8(ascii: "/") && current + 1 < end
        && current[1] == UInt8(ascii: ">"))
  }

  /// How far back ``currentTag(guard:fileLine:)`` looks for a '<'.
  private static let longestTagScan = 1 << 20

  /// The raw bytes from the last `<` before the parser's position up to
  /// that position, with the line and column of the `<`: in a start tag's
  /// callback, the tag the parser has just read (libxml2's push parser
  /// keeps a whole start tag in its buffer while it reports it); in an
  /// error's, the markup being read. `fileLine` turns a line of the document
  /// into the file's.
  package func currentTag(guard markupGuard: MarkupGuard, fileLine: (Int) -> Int) -> RawTag? {
    guard let parser, let input = parser.pointee.input,
      let base = input.pointee.base, let current = input.pointee.cur
    else { return nil }
    // The markup guard recorded where tags begin: no scan back over the tag
    // (which cost a tenth of reading: ids are recorded with their line and
    // references with their attribute's place). The guard records no '<'
    // in comments and CDATA, so the record is taken only when no '<' lies
    // between it and the parser's position, which is what the scan finds.
    let currentOffset = Int(input.pointee.consumed) + (current - base)
    if let recorded = markupGuard.lastTag(before: currentOffset) {
      let distance = currentOffset - recorded.offset
      if distance > 0 && distance <= current - base && distance <= Self.longestTagScan {
        let start = current - distance
        if start.pointee == UInt8(ascii: "<") && memchr(start + 1, 0x3C, distance - 1) == nil {
          let tag = RawTag(
            bytes: UnsafeBufferPointer(start: start, count: distance),
            line: fileLine(recorded.line), column: recorded.column)
          // Debug builds (the tests) check it against the scan.
          assert(
            scannedTag(guard: markupGuard, fileLine: fileLine).map {
              ($0.bytes.baseAddress, $0.line, $0.column)
            } ?? (nil, 0, 0) == (tag.bytes.baseAddress, tag.line, tag.column),
            "the recorded tag at line \(tag.line) is not the one found by scanning")
          return tag
        }
      }
    }
    return scannedTag(guard: markupGuard, fileLine: fileLine)
  }

  /// ``currentTag(guard:fileLine:)`` found by scanning back from the
  /// parser's position.
  private func scannedTag(guard markupGuard: MarkupGuard, fileLine: (Int) -> Int) -> RawTag? {
    guard let parser, let input = parser.pointee.input,
      let base = input.pointee.base, let current = input.pointee.cur
    else { return nil }
    let available = current - base
    guard available > 0 else { return nil }
    var start = current
    var newlines = 0
    var scanned = 0
    // Find the '<' that opened this tag; tags are short, so cap the scan.
    while start > base && scanned < Self.longestTagScan {
      start -= 1
      scanned += 1
      if start.pointee == UInt8(ascii: "<") { break }
      if start.pointee == UInt8(ascii: "\n") { newlines += 1 }
    }
    guard start.pointee == UInt8(ascii: "<") else { return nil }
    let tagBytes = UnsafeBufferPointer(start: start, count: current - start)
    let fileOffset = Int(input.pointee.consumed) + (start - base)
    if let recorded = markupGuard.position(ofTagAt: fileOffset) {
      return RawTag(bytes: tagBytes, line: fileLine(recorded.line), column: recorded.column)
    }
    let line = fileLine(Int(input.pointee.line) - newlines)
    // Column of '<': count characters back to the start of its line.
    var column = 1
    var cursor = start
    var sawLineStart = false
    while cursor > base {
      cursor -= 1
      if cursor.pointee == UInt8(ascii: "\n") {
        sawLineStart = true
        break
      }
      if cursor.pointee & 0xC0 != 0x80 { column += 1 }
    }
    if !sawLineStart && cursor == base && parser.pointee.input.pointee.consumed > 0 {
      // The line began before the buffer: derive the column from the end.
      var characters = 0
      var walker = start
      while walker < current {
        if walker.pointee & 0xC0 != 0x80 { characters += 1 }
        walker += 1
      }
      column = max(1, Int(input.pointee.col) - characters)
    }
    return RawTag(
      bytes: UnsafeBufferPointer(start: start, count: current - start),
      line: line, column: column)
  }
}

// MARK: - The C callbacks

// Each one recovers the session from the user-data pointer (passed
// unretained: the session outlives its parser) and forwards to its handler.

private func handler(_ context: UnsafeMutableRawPointer?) -> (any SAXPushHandler)? {
  context.flatMap { Unmanaged<SAXSession>.fromOpaque($0).takeUnretainedValue().handler }
}

private func sessionStartElement(
  _ context: UnsafeMutableRawPointer?, _ localName: UnsafePointer<xmlChar>?,
  _ prefix: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?,
  _ namespaceCount: Int32,
  _ namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
  _ attributeCount: Int32, _ defaultedCount: Int32,
  _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
) {
  guard let localName, let handler = handler(context) else { return }
  handler.startElement(
    SAXStartElement(
      localName: localName, uri: uri, attributes: attributes, count: Int(attributeCount),
      defaulted: Int(defaultedCount)))
}

private func sessionEndElement(
  _ context: UnsafeMutableRawPointer?, _ localName: UnsafePointer<xmlChar>?,
  _ prefix: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?
) {
  guard localName != nil, let handler = handler(context) else { return }
  handler.endElement()
}

private func sessionParserError(_ context: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
  guard let handler = handler(context), let error else { return }
  let level: SAXProblem.Level =
    switch error.pointee.level {
    case XML_ERR_WARNING: .warning
    case XML_ERR_FATAL: .fatal
    default: .error
    }
  handler.parserProblem(
    SAXProblem(
      level: level, message: error.pointee.message.map { String(cString: $0) },
      line: Int(error.pointee.line), column: Int(error.pointee.int2)))
}

private func sessionSchemaError(_ context: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
  guard let handler = handler(context), let error else { return }
  handler.schemaProblem(message: error.pointee.message.map { String(cString: $0) })
}

private func sessionLocator(
  _ context: UnsafeMutableRawPointer?,
  _ file: UnsafeMutablePointer<UnsafePointer<CChar>?>?,
  _ line: UnsafeMutablePointer<UInt>?
) -> Int32 {
  guard let handler = handler(context) else { return -1 }
  file?.pointee = nil
  line?.pointee = UInt(max(0, handler.lineForValidator()))
  return 0
}

private func sessionInternalSubset(
  _ context: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?,
  _ externalID: UnsafePointer<xmlChar>?, _ systemID: UnsafePointer<xmlChar>?
) {
  handler(context)?.doctype(
    root: name.map { String(cString: $0) }, systemID: systemID.map { String(cString: $0) })
}

private func sessionAttributeDecl(
  _ context: UnsafeMutableRawPointer?, _ element: UnsafePointer<xmlChar>?,
  _ name: UnsafePointer<xmlChar>?, _ type: Int32, _ defaultKind: Int32,
  _ defaultValue: UnsafePointer<xmlChar>?, _ tree: xmlEnumerationPtr?
) {
  // The handler owns the enumeration tree.
  if let tree { xmlFreeEnumeration(tree) }
  handler(context)?.attributeDeclaration(element: element.map { String(cString: $0) })
}

private func sessionExternalSubset(
  _ context: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?,
  _ externalID: UnsafePointer<xmlChar>?, _ systemID: UnsafePointer<xmlChar>?
) {
  // Never loaded (no XML_PARSE_DTDLOAD); the internal subset's callback
  // has said what to do about the DOCTYPE.
}

private func sessionEntityDecl(
  _ context: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?,
  _ type: Int32, _ publicID: UnsafePointer<xmlChar>?,
  _ systemID: UnsafePointer<xmlChar>?, _ content: UnsafeMutablePointer<xmlChar>?
) {
  handler(context)?.entityDeclaration(
    name: name.map { String(cString: $0) }, isExternal: systemID != nil)
}

private func sessionReference(_ context: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?)
{
  handler(context)?.entityReference(name: name.map { String(cString: $0) })
}
