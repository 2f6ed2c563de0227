import BarrierFreeModel
import BarrierFreeXMLSupport
internal import CLibXML2

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Options of a ``PortfolioReader``.
public struct ReaderOptions: Sendable {
  /// Errors reported before the reader stops and says so. Default 100.
  public var maxErrors: Int
  /// Bytes handed to libxml2 per call. Bounds how many buildings a reader
  /// holds at once: at most those that fit in one chunk.
  public var chunkSize: Int
  /// Bytes per segment when a file is read by several parsers at once
  /// (``SegmentedReading``): about this many bytes of buildings each.
  public var segmentSize: Int
  /// Elements one building may hold (the building's own start tag, its
  /// places, connectors, flats, rooms, fixtures and areas), and one quarter
  /// outside its buildings. Default 100,000. A building is held whole until
  /// its end tag (about 1 KB per place, 5 KB per door once assessed): past
  /// the limit the reader reports an error and reads no further, so memory
  /// stays in proportion to a real building. The largest generated
  /// building has about 600; a tower of 1,000 flats about 50,000.
  public var maxElementsPerBuilding: Int
  /// Bytes without a '<' after which the reader stops with an error:
  /// default 10 MiB, libxml2's own limit for one text node. Counted exactly
  /// when it is at least ``chunkSize``, as the defaults are. A portfolio has
  /// no text between its tags, only white space, and its longest attribute
  /// value is 200 characters; a run this long is a damaged or hostile file
  /// (5 MB of gzip unpack to 5 GB of spaces, which took 21 s to read).
  public var maxBytesWithoutMarkup: Int

  /// Creates options.
  public init(
    maxErrors: Int = 100, chunkSize: Int = 256 * 1024, segmentSize: Int = 256 * 1024,
    maxElementsPerBuilding: Int = 100_000, maxBytesWithoutMarkup: Int = 10 << 20
  ) {
    self.maxErrors = max(1, maxErrors)
    self.chunkSize = max(4, chunkSize)
    self.segmentSize = max(1, segmentSize)
    self.maxElementsPerBuilding = max(1, maxElementsPerBuilding)
    self.maxBytesWithoutMarkup = max(1, maxBytesWithoutMarkup)
  }
}

/// What a streaming ``PortfolioReader`` hands out, in file order.
public enum PortfolioEvent: Sendable, Hashable {
  /// The portfolio's root element: always the first event.
  case portfolio(name: String?)
  /// A quarter's own data (places, facilities, outdoor paths), without its
  /// buildings, which follow as ``building(_:quarter:)`` events.
  case quarter(Quarter)
  /// One building, complete; `quarter` is the id of its quarter, if any.
  case building(Building, quarter: String?)
  /// The end of a quarter: all its buildings have been handed out.
  case endQuarter(id: String)
}

/// Counts kept while a file streams.
public struct ReaderStatistics: Sendable, Hashable {
  /// Bytes read from the input (after decompression).
  public var bytes = 0
  /// Buildings handed out.
  public var buildings = 0
  /// Flats in those buildings.
  public var flats = 0
  /// Quarters seen.
  public var quarters = 0
  /// The most buildings the reader held at once, waiting to be handed out.
  /// Bounded by the chunk size, not by the file size.
  public var maxBufferedBuildings = 0
}

/// Reads a portfolio file one building at a time.
///
/// The reader drives libxml2's SAX2 push parser with the format's XML Schema
/// plugged in (`xmlSchemaSAXPlug`), so the file is validated while it
/// streams. Buildings are handed out as soon as their end tag is read and are
/// then forgotten: memory does not grow with the number of buildings.
///
/// Problems do not stop the reader (unless the XML itself is broken): they
/// collect in ``diagnostics``, up to ``ReaderOptions/maxErrors``, each with
/// file, line and column.
///
/// ```swift
/// let reader = try PortfolioReader(path: "Samples/quarter-bielefeld.xml")
/// while let event = reader.next() {
///   if case .building(let building, _) = event { print(building.id) }
/// }
/// if reader.hasErrors { throw ImportError(diagnostics: reader.diagnostics) }
/// ```
///
/// Secure by default: no network, no DTD loading, no entity substitution,
/// libxml2's size limits in force; a document that declares entities or names
/// an external DTD is refused.
public final class PortfolioReader {
  /// The file name used in diagnostics (`-` for standard input).
  public let fileName: String
  /// Problems found so far, in the order found.
  public private(set) var diagnostics: [Diagnostic] = []
  /// Counts so far.
  public private(set) var statistics = ReaderStatistics()

  let options: ReaderOptions
  private let source: ByteSource
  private var buffer: UnsafeMutableRawBufferPointer
  private var finished = false
  private var queue: [PortfolioEvent] = []
  private var markupGuard = MarkupGuard()
  private var queueHead = 0

  // The properties read or changed for every element are declared twice:
  // release builds leave out the run-time exclusivity check (each was a
  // call into the runtime, 7 % of reading a file, measured with callgrind),
  // debug builds and so the test suite keep it. A reader is used by one
  // thread at a time and none of these is passed `inout` across a call that
  // touches it again.

  // libxml2 state.
  var parser: xmlParserCtxtPtr?
  private var validator: xmlSchemaValidCtxtPtr?
  private var plug: xmlSchemaSAXPlugPtr?
  private var saxHandler: UnsafeMutablePointer<xmlSAXHandler>?
  /// Where the plug keeps the handler and user data it replaced: libxml2
  /// stores these two addresses and writes the old values back through them
  /// in `xmlSchemaSAXUnplug`. They must outlive the plug, so they are on the
  /// heap, not in `setUp`'s stack frame (which `tearDown`, maybe on another
  /// thread, would otherwise write into).
  private var plugHandlerSlot: UnsafeMutablePointer<UnsafeMutablePointer<xmlSAXHandler>?>?
  private var plugUserDataSlot: UnsafeMutablePointer<UnsafeMutableRawPointer?>?
  #if DEBUG
    var names: InternedNames?
  #else
    @exclusivity(unchecked) var names: InternedNames?
  #endif

  // Error bookkeeping.
  var errorCount = 0
  var schemaErrorCount = 0
  /// Problems the builder found in an element before the validator saw it
  /// (libxml2 calls the builder first): reported at the next event unless
  /// the validator reported the element meanwhile.
  #if DEBUG
    private var deferred: [(diagnostic: Diagnostic, attribute: String?, schemaErrors: Int)] = []
  #else
    @exclusivity(unchecked) private var deferred:
      [(diagnostic: Diagnostic, attribute: String?, schemaErrors: Int)] = []
  #endif
  /// Attributes the validator reported since the builder's last event.
  #if DEBUG
    var schemaFlaggedAttributes: Set<String> = []
  #else
    @exclusivity(unchecked) var schemaFlaggedAttributes: Set<String> = []
  #endif
  var stoppedForLimit = false
  /// Bytes read since the last '<' (see ``ReaderOptions/maxBytesWithoutMarkup``).
  private var runWithoutMarkup = 0
  var sawFatalSyntaxError = false
  /// The document has a DOCTYPE (refused at the root element at the latest).
  var sawDoctype = false
  /// True while the parser is told that the input has ended.
  var atEndOfInput = false

  // Reading one segment of a file (`SegmentedReading`).
  /// Added to libxml2's line numbers: the segment's document repeats the
  /// file's prolog before the segment's lines.
  var lineOffset = 0
  /// The document's lines that repeat the file's own first lines (its
  /// prolog and root start tag): they keep their numbers.
  var headerLines = 0

  /// The file's line for a line of the document being parsed.
  func fileLine(_ line: Int) -> Int { line > headerLines ? line + lineOffset : line }
  /// The file's lines of the segment: warnings reported before them are the
  /// repeated prolog's (already reported by the first segment) and are left
  /// out; an error before them or a problem after them marks the segment as
  /// not to be trusted.
  var segmentLines: ClosedRange<Int>?
  /// A problem was reported past the segment's lines (in the closing tag
  /// that ends its document), or an error before them.
  private(set) var reportedPastSegment = false

  /// The attributes of the element being started.
  let attributeTable = AttributeTable()
  /// The model under construction.
  #if DEBUG
    var builder = ModelBuilder()
  #else
    @exclusivity(unchecked) var builder = ModelBuilder()
  #endif
  /// The raw text of the start tag being handled, for attribute columns,
  /// found when first asked for. Points into libxml2's buffer: valid only
  /// during the tag's callback.
  var elementTag: RawTag? {
    if !elementTagFound {
      foundElementTag = currentTag()
      elementTagFound = true
    }
    return foundElementTag
  }
  #if DEBUG
    private var foundElementTag: RawTag?
  #else
    @exclusivity(unchecked) private var foundElementTag: RawTag?
  #endif
  #if DEBUG
    private var elementTagFound = true
  #else
    @exclusivity(unchecked) private var elementTagFound = true
  #endif

  /// A start tag cut short by the end of the input was handed over: the
  /// validator's complaints about it are left out.
  var sawTruncatedTag = false
  /// Text where the format allows none, found by the validator and reported
  /// at the next tag (``reportPendingText(at:)``).
  var pendingText: String?

  /// A new start tag: its text is to be found again.
  func forgetElementTag() {
    foundElementTag = nil
    elementTagFound = false
  }

  /// Where the element being started begins.
  var elementLocation: SourceLocation {
    SourceLocation(
      file: fileName, line: elementTag?.line ?? currentLocation().line,
      column: elementTag?.column ?? 0)
  }
  /// Ids and references of the open building, checked when it ends. Kept
  /// apart from `builder` so that checks may read the builder while they
  /// update the index.
  #if DEBUG
    var buildingIndex = BuildingIndex()
  #else
    @exclusivity(unchecked) var buildingIndex = BuildingIndex()
  #endif
  /// References from the open quarter to its buildings' places.
  var quarterIndex = QuarterIndex()

  /// Opens a file (plain or gzip-compressed), or standard input for `-`.
  ///
  /// - Throws: ``ImportError`` when the file cannot be opened.
  public convenience init(path: String, options: ReaderOptions = ReaderOptions())
    throws(ImportError)
  {
    self.init(source: try ZlibFileSource.open(path), fileName: path, options: options)
  }

  /// Reads a document already in memory.
  public convenience init(
    bytes: [UInt8], fileName: String, options: ReaderOptions = ReaderOptions()
  ) {
    self.init(source: MemorySource(bytes: bytes), fileName: fileName, options: options)
  }

  /// Reads a document given as text.
  public convenience init(
    text: String, fileName: String, options: ReaderOptions = ReaderOptions()
  ) {
    self.init(bytes: Array(text.utf8), fileName: fileName, options: options)
  }

  init(source: ByteSource, fileName: String, options: ReaderOptions) {
    self.source = source
    self.fileName = fileName
    self.options = options
    self.buffer = UnsafeMutableRawBufferPointer.allocate(
      byteCount: options.chunkSize, alignment: 16)
  }

  deinit {
    tearDown()
    buffer.deallocate()
    attributeTable.deallocate()
  }

  /// True once the error limit has been reached and said: no further error
  /// will be reported.
  var isAtErrorLimit: Bool { stoppedForLimit }

  /// True when an error (not a warning) has been found so far.
  public var hasErrors: Bool { errorCount > 0 }

  /// The next event, or nil at the end of the input (or when the XML is
  /// broken beyond repair: see ``diagnostics``).
  public func next() -> PortfolioEvent? {
    while queueHead == queue.count {
      queue.removeAll(keepingCapacity: true)
      queueHead = 0
      if finished { return nil }
      feed()
    }
    let event = queue[queueHead]
    queueHead += 1
    return event
  }

  /// Reads to the end and throws if the file had errors; returns the
  /// diagnostics (warnings) otherwise. For validation only.
  @discardableResult
  public func validate() throws(ImportError) -> [Diagnostic] {
    while next() != nil {}
    if hasErrors { throw ImportError(diagnostics: diagnostics) }
    return diagnostics
  }

  // MARK: - Driving the parser

  /// The bytes handed to libxml2 last, in `buffer`: where they begin in the
  /// input, and the line they begin on and where that line began.
  struct Chunk {
    var offset = 0
    var count = 0
    var line = 1
    var lineStart = 0
    /// Whether the byte before the chunk is a CR (an LF first in the chunk
    /// then ends no line).
    var afterCarriageReturn = false
    /// The last bytes of the chunk before (at most three): libxml2 keeps an
    /// unfinished character there and converts it with this chunk.
    var tail: [UInt8] = []
  }
  private var chunk = Chunk()
  /// A byte read but not yet handed to libxml2: it begins the next chunk.
  private var carried: UInt8?

  /// Whether the declared encoding has one byte per character.
  var hasSingleByteEncoding: Bool { markupGuard.hasSingleByteEncoding }

  /// Whether no tag lies between the parser's position and the end of
  /// what it holds: at the end of the input, whether an error stands in the
  /// last, unfinished piece of the file (a cut tag, value or text) rather
  /// than before markup that follows it.
  var noTagAhead: Bool {
    guard let parser, let input = parser.pointee.input, let current = input.pointee.cur,
      let end = input.pointee.end, current < end
    else { return true }
    // A '<' with no '>' after it is a tag cut short by the end of the
    // file (`<`, `<buil`), not one that follows.
    guard let less = memchr(current, 0x3C, end - current) else { return true }
    let after = UnsafePointer<UInt8>(less.assumingMemoryBound(to: UInt8.self)) + 1
    return after >= end || memchr(after, 0x3E, end - after) == nil
  }

  /// Where the bytes that libxml2 could not convert begin, as a place in
  /// the file (the column in bytes); nil if they are not found.
  ///
  /// For a failed conversion from the declared encoding, which libxml2
  /// reports with the bytes but without a place: it converts a chunk as it
  /// arrives, ahead of the parser, whose position can be a thousand lines
  /// earlier. ``failingOffset(of:in:after:)`` says where in the last chunk
  /// (or in the unfinished character before it) they are.
  func place(ofBytes bytes: [UInt8]) -> (line: Int, column: Int)? {
    guard markupGuard.isByteOriented else { return nil }
    let data = UnsafeRawBufferPointer(rebasing: buffer[0..<chunk.count])
    guard let found = Self.failingOffset(of: bytes, in: data, after: chunk.tail) else {
      return nil
    }
    if found < 0 {
      // In the unfinished character before the chunk: on the chunk's first
      // line, since a line end would have finished the character.
      let unfinished = chunk.tail[(chunk.tail.count + found)...]
      guard !unfinished.contains(0x0A), !unfinished.contains(0x0D) else { return nil }
      return (chunk.line, chunk.offset + found - chunk.lineStart + 1)
    }
    let ends = XMLScanner.lineEnds(
      in: data, from: 0, to: found, afterCarriageReturn: chunk.afterCarriageReturn)
    let line = chunk.line + ends.count
    let column =
      ends.last.map { found - $0 } ?? chunk.offset + found - chunk.lineStart + 1
    return (line, column)
  }

  /// Where in `data` the failing `bytes` that libxml2 names begin: negative
  /// for a start in `tail`, the end of the chunk before; nil if not found.
  ///
  /// libxml2 names four bytes from the failing one, in what it holds
  /// unconverted: an unfinished character from the chunk before, then
  /// `data`. Where fewer are left it names what lies past them in memory.
  /// So the bytes are looked for
  /// 1. across the join, begun in `tail` (nothing before them is left);
  /// 2. whole in `data`, at their first occurrence: the failing bytes or,
  ///    in a multi-byte encoding, valid characters before them;
  /// 3. begun in the last bytes of `data`, the rest being what lay past it.
  static func failingOffset(
    of bytes: [UInt8], in data: UnsafeRawBufferPointer, after tail: [UInt8]
  ) -> Int? {
    guard let first = bytes.first else { return nil }
    for start in tail.indices where tail[start] == first {
      let head = tail[start...]
      let rest = bytes.dropFirst(head.count)
      guard head.count < bytes.count, bytes.starts(with: head) else { continue }
      if rest.prefix(data.count).elementsEqual(data.prefix(rest.count)) {
        return start - tail.count
      }
    }
    if data.count >= bytes.count {
      for start in 0...(data.count - bytes.count)
      where data[start] == first && data[start..<start + bytes.count].elementsEqual(bytes) {
        return start
      }
    }
    for length in stride(from: min(bytes.count - 1, data.count), through: 1, by: -1)
    where data[(data.count - length)...].elementsEqual(bytes.prefix(length)) {
      return data.count - length
    }
    return nil
  }

  private func feed() {
    if parser == nil && !setUp() {
      finish()
      return
    }
    let tail = Array(buffer[max(0, chunk.count - 3)..<chunk.count])
    var start = 0
    if let carried {
      buffer[0] = carried
      start = 1
    }
    let read: Int
    do {
      read = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[start...]))
    } catch {
      // Where the bytes stopped, not where the parser stands: the parser
      // holds back a different tail in each way of cutting the file.
      report(
        .error, .io,
        at: SourceLocation(
          file: fileName, line: fileLine(markupGuard.line), column: markupGuard.endColumn),
        error.message)
      finish()
      return
    }
    statistics.bytes += read
    var count = start + read
    carried = nil
    if translatesCarriageReturns && read > 0 && buffer[count - 1] == 0x0D {
      // Whether this CR ends a line alone or with an LF, the next byte
      // says: it goes to libxml2 with the next chunk.
      carried = 0x0D
      count -= 1
      if count == 0 { return }
    }
    guard let parser else { return }
    if let input = parser.pointee.input, let base = input.pointee.base,
      let current = input.pointee.cur
    {
      markupGuard.discard(before: Int(input.pointee.consumed) + (current - base))
    }
    let offset = statistics.bytes - read - start
    chunk = Chunk(
      offset: offset, count: count, line: markupGuard.line,
      lineStart: markupGuard.lineStartOffset,
      afterCarriageReturn: markupGuard.lastCarriageReturnOffset == offset - 1,
      tail: tail)
    // Past the limit, the bytes after the first byte too many are not
    // looked at: the error is placed there, whatever the chunks.
    let pastLimit = indexPastMarkupLimit(in: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
    let refusal = markupGuard.scan(
      UnsafeRawBufferPointer(rebasing: buffer[0..<(pastLimit ?? count)]))
    if translatesCarriageReturns {
      translateLoneCarriageReturns(count: count, next: carried)
    }
    if let encoding = markupGuard.unsafeEncoding {
      report(
        .error, .security, at: SourceLocation(file: fileName, line: 1, column: 1),
        "the file is encoded in \(encoding), in which a character may look like markup to the check that keeps oversized tags from the XML parser; save it as UTF-8"
      )
      finish()
      return
    }
    if let pastLimit {
      report(
        .error, .security,
        at: SourceLocation(
          file: fileName, line: fileLine(markupGuard.line),
          column: max(1, offset + pastLimit - markupGuard.lineStartOffset + 1)),
        "more than \(options.maxBytesWithoutMarkup) bytes without a tag; a portfolio holds no text between its tags, so the file is damaged (or a decompression bomb) and is not read further"
      )
      finish()
      return
    }
    if let place = refusal {
      report(
        .error, .security,
        at: SourceLocation(file: fileName, line: fileLine(place.line), column: place.column),
        "an element has more than \(MarkupGuard.maximumAttributes) attributes; the format needs at most 14, and so many would take the XML parser hours"
      )
      finish()
      return
    }
    let base = buffer.baseAddress?.assumingMemoryBound(to: CChar.self)
    atEndOfInput = read == 0
    withParserErrorHandler {
      _ = xmlParseChunk(parser, base, Int32(count), read == 0 ? 1 : 0)
    }
    if read == 0 || parser.pointee.disableSAX != 0 || stoppedForLimit {
      finish()
    }
    statistics.maxBufferedBuildings = max(
      statistics.maxBufferedBuildings, bufferedBuildings)
  }

  /// The index in `bytes` of the first byte that makes a run of bytes
  /// between two '<' longer than ``ReaderOptions/maxBytesWithoutMarkup``,
  /// or nil; the run at the end is carried over to the next chunk. A run
  /// inside one chunk is no longer than the chunk, so runs that cross
  /// chunks are all that a limit above the chunk size has to look at: the
  /// count is exact, and costs two short searches per chunk.
  private func indexPastMarkupLimit(in bytes: UnsafeRawBufferPointer) -> Int? {
    let limit = options.maxBytesWithoutMarkup
    let before = runWithoutMarkup
    guard let base = bytes.baseAddress, let first = memchr(base, 0x3C, bytes.count) else {
      runWithoutMarkup += bytes.count
      return runWithoutMarkup > limit ? limit - before : nil
    }
    if before + base.distance(to: UnsafeRawPointer(first)) > limit { return limit - before }
    let last = bytes.lastIndex(of: UInt8(ascii: "<")) ?? 0
    runWithoutMarkup = bytes.count - 1 - last
    return runWithoutMarkup > limit ? last + 1 + limit : nil
  }

  /// Whether lone CRs go to libxml2 as LFs. XML reads a lone CR (old Mac
  /// line ends) as a line end, and so do the markup guard, the cutting of a
  /// file into segments and editors; libxml2 2.9 counts lines by their LF
  /// only, so without this its syntax errors in such a file were all on
  /// line 1, and a segment's fell outside the segment's lines and were lost.
  /// One byte for one: offsets stay the file's, and libxml2 reads an LF
  /// there as it would the CR. Only where a 0x0D byte is always a CR (not
  /// in UTF-16).
  private var translatesCarriageReturns: Bool {
    markupGuard.isByteOriented && markupGuard.unsafeEncoding == nil
  }

  /// Turns each lone CR of `buffer[0..<count]` into an LF; `next` is the
  /// byte after them (nil at the end of the input).
  private func translateLoneCarriageReturns(count: Int, next: UInt8?) {
    guard let base = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
    var index = 0
    while index < count, let found = memchr(base + index, 0x0D, count - index) {
      let position = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
      let following = position + 1 < count ? base[position + 1] : next
      if following != 0x0A { base[position] = 0x0A }
      index = position + 1
    }
  }

  private var bufferedBuildings: Int {
    queue[queueHead...].reduce(0) {
      if case .building = $1 { $0 + 1 } else { $0 }
    }
  }

  private func setUp() -> Bool {
    guard let schema = PortfolioSchema.compiled else {
      report(
        .error, .io, at: SourceLocation(file: fileName, line: 0, column: 0),
        "internal error: the portfolio schema did not compile")
      return false
    }
    // Read the first bytes so that libxml2 can detect the encoding (a BOM,
    // UTF-16) when the context is created.
    let count: Int
    do {
      count = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<4]))
    } catch {
      report(.error, .io, at: SourceLocation(file: fileName, line: 0, column: 0), error.message)
      return false
    }
    statistics.bytes += count
    _ = markupGuard.scan(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
    if translatesCarriageReturns && count > 0 {
      // A CR last among the first bytes: the byte after it says whether it
      // ends a line alone; that byte begins the next chunk.
      var next: UInt8?
      if buffer[count - 1] == 0x0D {
        let byte = UnsafeMutableRawBufferPointer.allocate(byteCount: 1, alignment: 1)
        defer { byte.deallocate() }
        do {
          let peeked = try source.read(into: byte)
          statistics.bytes += peeked
          if peeked == 1 { next = byte[0] }
        } catch {
          report(
            .error, .io, at: SourceLocation(file: fileName, line: 0, column: 0), error.message)
          return false
        }
        carried = next
      }
      translateLoneCarriageReturns(count: count, next: next)
    }
    if count == 0 {
      report(
        .error, .syntax, at: SourceLocation(file: fileName, line: 1, column: 1),
        "the file is empty; expected a <portfolio> document in namespace \(PortfolioSchema.namespace)"
      )
      return false
    }
    validator = xmlSchemaNewValidCtxt(schema)
    guard let validator else { return false }
    let me = Unmanaged.passUnretained(self).toOpaque()
    xmlSchemaSetValidStructuredErrors(validator, readerSchemaError, me)
    xmlSchemaValidateSetLocator(validator, readerLocator, me)

    // The plug keeps a pointer to this handler: it lives as long as the
    // parser and is freed in tearDown.
    let handler = UnsafeMutablePointer<xmlSAXHandler>.allocate(capacity: 1)
    saxHandler = handler
    handler.initialize(to: xmlSAXHandler())
    handler.pointee.initialized = XML_SAX2_MAGIC
    handler.pointee.startElementNs = readerStartElement
    handler.pointee.endElementNs = readerEndElement
    handler.pointee.internalSubset = readerInternalSubset
    handler.pointee.externalSubset = readerExternalSubset
    handler.pointee.entityDecl = readerEntityDecl
    handler.pointee.attributeDecl = readerAttributeDecl
    handler.pointee.getParameterEntity = nil
    handler.pointee.reference = readerReference

    let handlerSlot = UnsafeMutablePointer<UnsafeMutablePointer<xmlSAXHandler>?>.allocate(
      capacity: 1)
    handlerSlot.initialize(to: handler)
    plugHandlerSlot = handlerSlot
    let userDataSlot = UnsafeMutablePointer<UnsafeMutableRawPointer?>.allocate(capacity: 1)
    userDataSlot.initialize(to: me)
    plugUserDataSlot = userDataSlot
    plug = xmlSchemaSAXPlug(validator, handlerSlot, userDataSlot)
    let saxPointer = handlerSlot.pointee
    let userData = userDataSlot.pointee
    guard plug != nil else {
      report(.error, .io, at: currentLocation(), "internal error: schema plug failed")
      return false
    }
    let created = buffer.baseAddress.map {
      xmlCreatePushParserCtxt(
        saxPointer, userData, $0.assumingMemoryBound(to: CChar.self),
        Int32(count), fileName)
    }
    guard let created, let parserContext = created else {
      report(.error, .io, at: currentLocation(), "internal error: cannot create the XML parser")
      return false
    }
    parser = parserContext
    // Secure options: no network; no XML_PARSE_NOENT (that would substitute
    // entities), no XML_PARSE_DTDLOAD, no XML_PARSE_HUGE (keeps libxml2's
    // limits on names, text and nesting in force).
    let secureOptions = Int32(XML_PARSE_NONET.rawValue) | Int32(XML_PARSE_NOCDATA.rawValue)
    _ = xmlCtxtUseOptions(parserContext, secureOptions)
    if let dictionary = parserContext.pointee.dict {
      names = InternedNames(dictionary: dictionary)
    }
    return true
  }

  /// Routes libxml2's parser errors to this reader while `body` runs.
  ///
  /// With the schema plugged in, the parser's context carries the plug, not
  /// the reader, so parser errors reach the thread's structured error handler
  /// (libxml2 keeps it per thread): set it for the call, restore it after.
  /// libxml2's generic error function, which prints to stderr, is
  /// silenced for the call: what it says, the structured handler reports
  /// too (found by the segmented-reading fuzzer: a file declared Shift_JIS
  /// with bytes that are not printed "xmlParseChunk: encoder error").
  private func withParserErrorHandler(_ body: () -> Void) {
    // Keep the thread's own handlers (an application's) and put them back.
    let previousHandler = __xmlStructuredError()?.pointee
    let previousContext = __xmlStructuredErrorContext()?.pointee
    let previousGeneric = __xmlGenericError()?.pointee
    let previousGenericContext = __xmlGenericErrorContext()?.pointee
    xmlSetStructuredErrorFunc(Unmanaged.passUnretained(self).toOpaque(), readerParserError)
    xmlSetGenericErrorFunc(nil, barrierfree_silent_generic_error())
    body()
    xmlSetGenericErrorFunc(previousGenericContext, previousGeneric)
    xmlSetStructuredErrorFunc(previousContext, previousHandler)
  }

  private func finish() {
    guard !finished else { return }
    finished = true
    flushDeferred()
    // Text not followed by a tag: the read stopped early (a refusal, a
    // fatal error, the end of a truncated file), and its error says so. The
    // parser's place now depends on where the chunks were cut.
    pendingText = nil
    finishDocument()
    tearDown()
  }

  private func tearDown() {
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

  /// Stops the parser at once (used for refused documents and the error
  /// limit).
  ///
  /// libxml2 frees its input buffer when it stops, and the current tag's text
  /// and attribute values live in that buffer: forget every pointer into it,
  /// so that the rest of the current callback reads nothing freed (found by
  /// the fuzzer with AddressSanitizer).
  func stopParser() {
    parserStopped = true
    foundElementTag = nil
    elementTagFound = true
    attributeTable.clear()
    guard let parser else { return }
    // Not xmlStopParser: it frees the parser's input at once, and our
    // callbacks run inside libxml2's, with the schema validator still to
    // look at the same start tag's attributes after we return (a crash in
    // libxml2 when the error limit was reached in a door's movement area
    // past the first 150 KB of a file). Stopping the SAX events and the
    // state machine is enough: `feed` finishes after `xmlParseChunk`
    // returns, and `tearDown` frees the parser.
    // 2, not 1: libxml2 2.9 only asks for non-zero, while 2.13 and later
    // treat 1 as "SAX off, keep parsing" and 2 as stopped.
    parser.pointee.disableSAX = 2
    parser.pointee.instate = XML_PARSER_EOF
  }

  /// True when the reader stopped before the end of its input: a refused
  /// document, a fatal syntax error, the error limit.
  var stoppedEarly: Bool {
    parserStopped || sawFatalSyntaxError || stoppedForLimit
      || diagnostics.contains { $0.kind == .security }
  }

  /// True once ``stopParser()`` has run: the callback that is running may
  /// still hold libxml2's pointers, which are now freed.
  private(set) var parserStopped = false

  // MARK: - Events and diagnostics

  func emit(_ event: PortfolioEvent) {
    switch event {
    case .portfolio where segmentLines != nil:
      // A later segment of a file: its first segment has said it.
      return
    case .building(let building, _):
      statistics.buildings += 1
      statistics.flats += building.flats.count
    case .quarter:
      statistics.quarters += 1
    default:
      break
    }
    queue.append(event)
  }

  /// Records a problem, unless the error limit has been reached.
  func report(
    _ severity: Diagnostic.Severity, _ kind: Diagnostic.Kind,
    at location: SourceLocation, _ message: String
  ) {
    if stoppedForLimit { return }
    if let segmentLines, kind != .io, location.line > 0 {
      if location.line < segmentLines.lowerBound {
        // The repeated prolog's warnings were the first segment's to say;
        // an error there means the lines are miscounted: never dropped.
        if severity != .error { return }
        reportedPastSegment = true
      }
      if location.line > segmentLines.upperBound { reportedPastSegment = true }
    }
    if severity == .error {
      if errorCount >= options.maxErrors {
        stoppedForLimit = true
        diagnostics.append(
          Diagnostic(
            kind: .limit, location: location,
            message:
              "too many errors: stopped after \(options.maxErrors); fix these and run again"
          ))
        stopParser()
        return
      }
      errorCount += 1
    }
    diagnostics.append(
      Diagnostic(severity: severity, kind: kind, location: location, message: message))
  }

  /// Records a problem the schema will probably report too: it is reported
  /// only if the validator stays silent about the element.
  func reportUnlessSchemaDoes(
    _ kind: Diagnostic.Kind, attribute: String? = nil, at location: SourceLocation,
    _ message: String
  ) {
    deferred.append(
      (Diagnostic(kind: kind, location: location, message: message), attribute, schemaErrorCount))
  }

  /// Reports the deferred problems the validator did not report: a problem
  /// with an attribute survives unless the validator named that attribute; a
  /// problem with an element survives unless the validator said anything.
  func flushDeferred() {
    guard !deferred.isEmpty else {
      if !schemaFlaggedAttributes.isEmpty { schemaFlaggedAttributes.removeAll() }
      return
    }
    defer { schemaFlaggedAttributes.removeAll() }
    let pending = deferred
    deferred.removeAll()
    for (diagnostic, attribute, schemaErrors) in pending {
      let covered =
        attribute.map { schemaFlaggedAttributes.contains($0) } ?? (schemaErrorCount > schemaErrors)
      if !covered {
        report(diagnostic.severity, diagnostic.kind, at: diagnostic.location, diagnostic.message)
      }
    }
  }

  /// The file's line of the parser's current position; 0 before parsing.
  var currentLine: Int {
    guard let parser, let input = parser.pointee.input else { return 0 }
    return fileLine(Int(input.pointee.line))
  }

  /// The parser's current position (the end of what it has just read).
  func currentLocation() -> SourceLocation {
    guard let parser, let input = parser.pointee.input else {
      return SourceLocation(file: fileName, line: 0, column: 0)
    }
    return SourceLocation(
      file: fileName, line: fileLine(Int(input.pointee.line)), column: Int(input.pointee.col))
  }

  /// The raw bytes from the last `<` before the parser's position up to
  /// that position, with the line and column of the `<`: in a start tag's
  /// callback, the tag the parser has just read (libxml2's push parser
  /// keeps a whole start tag in its buffer while it reports it); in an
  /// error's, the markup being read.
  func currentTag() -> RawTag? {
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
            scannedTag().map { ($0.bytes.baseAddress, $0.line, $0.column) }
              ?? (nil, 0, 0) == (tag.bytes.baseAddress, tag.line, tag.column),
            "the recorded tag at line \(tag.line) is not the one found by scanning")
          return tag
        }
      }
    }
    return scannedTag()
  }

  /// Whether the start tag the parser has just handed over is whole: libxml2
  /// calls back before it consumes the tag's `>` or `/>`, so one of them is
  /// at its position unless the input ended inside the tag.
  func startTagIsWhole() -> Bool {
    guard let parser, let input = parser.pointee.input, let current = input.pointee.cur,
      let end = input.pointee.end
    else { return true }
    guard current < end else { return false }
    return current.pointee == UInt8(ascii: ">")
      || (current.pointee == UInt8(ascii: "/") && current + 1 < end
        && current[1] == UInt8(ascii: ">"))
  }

  /// How far back ``currentTag()`` looks for a '<'.
  private static let longestTagScan = 1 << 20

  /// ``currentTag()`` found by scanning back from the parser's position.
  private func scannedTag() -> RawTag? {
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
