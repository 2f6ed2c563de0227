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

/// What a ``PortfolioReader`` reads or changes for every element, kept in
/// ``PortfolioReader/state`` (see there why).
struct ReaderState {
  /// The format's names in the parser's dictionary; nil before parsing.
  var names: InternedNames?
  /// Problems the builder found in an element before the validator saw it
  /// (libxml2 calls the builder first): reported at the next event unless
  /// the validator reported the element meanwhile.
  var deferred: [(diagnostic: Diagnostic, attribute: String?, schemaErrors: Int)] = []
  /// Attributes the validator reported since the builder's last event.
  var schemaFlaggedAttributes: Set<String> = []
  /// The model under construction.
  var builder = ModelBuilder()
  /// ``PortfolioReader/elementTag``, once found for the tag being handled.
  var foundElementTag: RawTag?
  var elementTagFound = true
  /// Ids and references of the open building, checked when it ends. Kept
  /// apart from `builder` so that checks may read the builder while they
  /// update the index.
  var buildingIndex = BuildingIndex()
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
  public internal(set) var statistics = ReaderStatistics()

  let options: ReaderOptions
  let source: ByteSource
  var buffer: UnsafeMutableRawBufferPointer
  var finished = false
  var queue: [PortfolioEvent] = []
  var markupGuard = MarkupGuard()
  var queueHead = 0

  /// The bytes handed to libxml2 last (``Chunk``).
  var chunk = Chunk()
  /// A byte read but not yet handed to libxml2: it begins the next chunk.
  var carried: UInt8?
  /// libxml2's parser, validator and callbacks.
  let session = SAXSession()
  /// What is read or changed for every element, without run-time
  /// exclusivity checks: each was a call into the runtime (validate --jobs 1,
  /// 150 buildings, callgrind: 1.179 G -> 1.067 G instructions without).
  /// Safe because a reader is used by one thread at a time and never passes
  /// its state `inout` across a call that touches it again. Here, not in the
  /// session: the attribute holds only for access compiled in this module,
  /// and a generic session's accessor copied the whole state per access
  /// (3x the instructions).
  @exclusivity(unchecked) var state = ReaderState()

  // Error bookkeeping.
  var errorCount = 0
  var schemaErrorCount = 0
  var stoppedForLimit = false
  /// Bytes read since the last '<' (see ``ReaderOptions/maxBytesWithoutMarkup``).
  var runWithoutMarkup = 0
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
  /// The raw text of the start tag being handled, for attribute columns,
  /// found when first asked for. Points into libxml2's buffer: valid only
  /// during the tag's callback.
  var elementTag: RawTag? {
    if !state.elementTagFound {
      state.foundElementTag = currentTag()
      state.elementTagFound = true
    }
    return state.foundElementTag
  }

  /// A start tag cut short by the end of the input was handed over: the
  /// validator's complaints about it are left out.
  var sawTruncatedTag = false
  /// Text where the format allows none, found by the validator and reported
  /// at the next tag (``reportPendingText(at:)``).
  var pendingText: String?

  /// A new start tag: its text is to be found again.
  func forgetElementTag() {
    state.foundElementTag = nil
    state.elementTagFound = false
  }

  /// Where the element being started begins.
  var elementLocation: SourceLocation {
    SourceLocation(
      file: fileName, line: elementTag?.line ?? currentLocation().line,
      column: elementTag?.column ?? 0)
  }
  /// References from the open quarter to its buildings' places.
  var quarterIndex = QuarterIndex()

  /// Opens a file (plain or gzip-compressed), or standard input for `-`.
  ///
  /// - Throws: `ImportError` when the file cannot be opened.
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
    session.close()
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

  /// Stops the parser at once (used for refused documents and the error
  /// limit).
  ///
  /// libxml2 frees its input buffer when it stops, and the current tag's text
  /// and attribute values live in that buffer: forget every pointer into it,
  /// so that the rest of the current callback reads nothing freed (found by
  /// the fuzzer with AddressSanitizer).
  func stopParser() {
    parserStopped = true
    state.foundElementTag = nil
    state.elementTagFound = true
    attributeTable.clear()
    session.stop()
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
    state.deferred.append(
      (Diagnostic(kind: kind, location: location, message: message), attribute, schemaErrorCount))
  }

  /// Reports the deferred problems the validator did not report: a problem
  /// with an attribute survives unless the validator named that attribute; a
  /// problem with an element survives unless the validator said anything.
  func flushDeferred() {
    guard !state.deferred.isEmpty else {
      if !state.schemaFlaggedAttributes.isEmpty {
        state.schemaFlaggedAttributes.removeAll()
      }
      return
    }
    defer { state.schemaFlaggedAttributes.removeAll() }
    let pending = state.deferred
    state.deferred.removeAll()
    for (diagnostic, attribute, schemaErrors) in pending {
      let covered =
        attribute.map { state.schemaFlaggedAttributes.contains($0) }
        ?? (schemaErrorCount > schemaErrors)
      if !covered {
        report(diagnostic.severity, diagnostic.kind, at: diagnostic.location, diagnostic.message)
      }
    }
  }

  /// The file's line of the parser's current position; 0 before parsing.
  var currentLine: Int {
    session.position.map { fileLine($0.line) } ?? 0
  }

  /// The parser's current position (the end of what it has just read).
  func currentLocation() -> SourceLocation {
    guard let position = session.position else {
      return SourceLocation(file: fileName, line: 0, column: 0)
    }
    return SourceLocation(file: fileName, line: fileLine(position.line), column: position.column)
  }

  /// The raw text of the tag the parser has just read, with the line and
  /// column of its `<` (``SAXSession/currentTag(guard:fileLine:)``).
  func currentTag() -> RawTag? {
    session.currentTag(guard: markupGuard, fileLine: fileLine)
  }

  /// Whether the start tag the parser has just handed over is whole.
  func startTagIsWhole() -> Bool { session.startTagIsWhole }
}
