import BarrierFreeXMLSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A piece of a portfolio that a reader of its own can parse: some of the
/// root's children (buildings and quarters), whole.
struct Segment: Sendable {
  /// 0 for the first segment of the file.
  var index: Int
  /// What comes before the segment's elements in the document a reader
  /// parses: the file's own beginning for the first segment; for the others
  /// the file's prolog and root start tag again, a line break and spaces up
  /// to the column where the elements begin, so that every line and column
  /// libxml2 counts past this prefix is the file's, shifted by
  /// ``lineOffset`` lines.
  var prefix: [UInt8]
  /// The elements, as they are in the file.
  var body: [UInt8]
  /// The root's end tag, which closes the document.
  var suffix: [UInt8]
  /// Added to a line of the document past the prefix's header to give the
  /// line in the file.
  var lineOffset: Int
  /// The lines of the prefix that are the file's own first lines (the
  /// prolog and the root start tag): they keep their numbers.
  var headerLines = 0
  /// The file's lines this segment's elements take: what a reader reports
  /// outside them (the prolog again, the closing tag) is not the segment's.
  var lines: ClosedRange<Int>

  /// The document a reader parses.
  var document: [UInt8] { prefix + body + suffix }
}

/// Cuts a portfolio into segments between the root's children, reading it
/// once from start to end: memory holds one segment, whatever the file's
/// size.
///
/// The lexing is ``XMLScanner``'s; the splitter follows the few things that
/// may stand between the root's children (white space, comments,
/// processing instructions) and the depth of the elements, not a parser:
/// whatever it does not expect (a DOCTYPE, an encoding other than UTF-8,
/// text beside the buildings, CDATA there, the end of the root) ends the
/// cutting, and everything from the current segment on is read as the
/// file's remainder by one reader, which reports what is wrong exactly as a
/// reader of the whole file would.
final class PortfolioSplitter {
  private let source: ByteSource
  /// Bytes read and not yet handed out; `pending[0]` is where the current
  /// segment begins (or the file's first byte, before the root), at offset
  /// `pendingBase` of the file.
  private var pending: [UInt8] = []
  private var pendingBase = 0
  private var scanner = XMLScanner()
  private var lexer: Lexer
  /// Line and column of `pending[0]`.
  private var segmentLine = 1
  private var segmentColumn = 1
  /// The most bytes held while looking for the next cut.
  private let pendingLimit: Int
  static let headerLimit = 64 * 1024
  static let columnLimit = 4096
  private var endOfInput = false
  private var stopped = false
  private var nextIndex = 0
  /// Bytes read from the source so far.
  private(set) var bytesRead = 0

  init(source: ByteSource, segmentSize: Int) {
    self.source = source
    let segmentSize = max(1, segmentSize)
    pendingLimit = max(4 * segmentSize, 1 << 20)
    lexer = Lexer(segmentSize: segmentSize)
  }

  /// The next segment, or nil once the cutting has ended: ``remainder()``
  /// then holds the rest of the file.
  func next() throws(ByteSourceError) -> Segment? {
    if stopped { return nil }
    while true {
      if !lexer.cuts.isEmpty {
        let cut = lexer.cuts.removeFirst()
        if let segment = makeSegment(upTo: cut) { return segment }
        continue
      }
      guard !lexer.stopped, try readMore() else {
        stopped = true
        return nil
      }
    }
  }

  /// What a reader of the rest of the file parses, from the current
  /// segment's start: the segment prefix, the bytes read, then the source.
  /// The index is the next segment's.
  func remainder() -> (segment: Segment, source: ByteSource) {
    var segment = makeHeaderSegment(body: pending)
    segment.suffix = []
    segment.lines = segmentLine...Int.max
    return (segment, source)
  }

  /// The prefix and line offset a segment beginning at the current segment
  /// start gets (its lines are the caller's to set).
  private func makeHeaderSegment(body: [UInt8]) -> Segment {
    let index = nextIndex
    if index == 0 {
      return Segment(
        index: 0, prefix: [], body: body, suffix: closingTag, lineOffset: 0,
        lines: 1...max(1, segmentLine))
    }
    let prefix =
      lexer.header + [0x0A] + [UInt8](repeating: 0x20, count: max(0, segmentColumn - 1))
    return Segment(
      index: index, prefix: prefix, body: body, suffix: closingTag,
      lineOffset: segmentLine - (lexer.headerNewlines + 2),
      headerLines: lexer.headerNewlines + 1, lines: segmentLine...segmentLine)
  }

  private var closingTag: [UInt8] { [0x0A, 0x3C, 0x2F] + lexer.rootName + [0x3E, 0x0A] }

  private func makeSegment(upTo cut: Lexer.Cut) -> Segment? {
    let length = cut.offset - pendingBase
    guard length > 0 else { return nil }
    var segment = makeHeaderSegment(body: Array(pending[..<length]))
    segment.lines = segmentLine...cut.line
    nextIndex += 1
    pending.removeFirst(length)
    pendingBase += length
    segmentLine = cut.line
    segmentColumn = cut.column
    return segment
  }

  /// Reads more of the source into `pending` and scans it; false at its
  /// end.
  private func readMore() throws(ByteSourceError) -> Bool {
    // Past the limit (one child of the root larger than a few segments, an
    // unterminated comment or quote) the cutting ends: memory holds no more
    // than this, and the rest streams through one reader.
    if endOfInput || pending.count > pendingLimit { return false }
    let chunk = 256 * 1024
    let old = pending.count
    var count = 0
    var failure: ByteSourceError?
    pending.append(contentsOf: repeatElement(0, count: chunk))
    pending.withUnsafeMutableBytes { bytes in
      do throws(ByteSourceError) {
        count = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: bytes[old...]))
      } catch {
        failure = error
      }
    }
    pending.removeLast(chunk - count)
    if let failure { throw failure }
    if bytesRead == 0 && count >= 3 && pending[0] == 0xEF && pending[1] == 0xBB
      && pending[2] == 0xBF
    {
      // libxml2 does not count a byte-order mark as a column, nor as text.
      lexer.textStart = 3
    }
    bytesRead += count
    if count == 0 {
      endOfInput = true
      return false
    }
    pending.withUnsafeBufferPointer { bytes in
      lexer.bytes = bytes
      lexer.base = pendingBase
      _ = scanner.scan(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[old...])), &lexer)
      lexer.bytes = nil
    }
    return true
  }

  /// Line ends of `bytes`, as the scanner counts them.
  static func lineEnds(in bytes: [UInt8]) -> Int {
    bytes.withUnsafeBytes {
      XMLScanner.lineEnds(in: $0, from: 0, to: $0.count, afterCarriageReturn: false).count
    }
  }

  /// The places to cut, found in the scanner's events: the start of a
  /// child of the root once a segment is large enough.
  private struct Lexer: XMLScanHandler {
    /// A place to cut: the '<' of a child of the root.
    struct Cut {
      var offset: Int
      var line: Int
      var column: Int
    }

    let segmentSize: Int
    /// The bytes held, during a scan: `bytes[0]` is at offset `base` of the
    /// file, and every event's bytes are in it.
    var bytes: UnsafeBufferPointer<UInt8>?
    var base = 0
    var cuts: [Cut] = []
    /// Set when the cutting ends (the scan stops there too).
    var stopped = false
    /// 0 before the root.
    var depth = 0
    /// Where the current segment begins (the last cut).
    var segmentStart = 0
    /// Children of the root begun in the current segment.
    var childrenInSegment = 0
    /// Where the text since the last markup begins.
    var textStart = 0
    /// Where the last '<' is.
    var opened = Cut(offset: 0, line: 1, column: 1)
    /// The prolog and the root start tag, its name, and its line ends.
    var header: [UInt8] = []
    var rootName: [UInt8] = []
    var headerNewlines = 0

    init(segmentSize: Int) { self.segmentSize = segmentSize }

    private func byte(at offset: Int) -> UInt8? {
      guard let bytes, offset >= base, offset - base < bytes.count else { return nil }
      return bytes[offset - base]
    }

    private func slice(_ range: Range<Int>) -> ArraySlice<UInt8> {
      guard let bytes, range.lowerBound >= base, range.upperBound - base <= bytes.count else {
        return []
      }
      return ArraySlice(bytes[(range.lowerBound - base)..<(range.upperBound - base)])
    }

    private mutating func stop() -> Bool {
      stopped = true
      return false
    }

    mutating func markupOpened(at offset: Int, line: Int, column: Int) -> Bool {
      opened = Cut(offset: offset, line: line, column: column)
      // Before the root and between its children only white space.
      if depth <= 1 && !slice(textStart..<offset).allSatisfy(isSpace) { return stop() }
      return true
    }

    mutating func markupBegan(_ kind: XMLScanner.Markup, at offset: Int) -> Bool {
      switch kind {
      case .comment, .instruction:
        return true
      case .endTag:
        return depth > 0 || stop()
      case .cdata:
        return depth > 1 || stop()
      case .declaration:
        return stop()
      case .startTag:
        guard let next = byte(at: offset + 1), isNameStart(next) else { return stop() }
        guard depth == 1 else { return true }
        // Each segment's prefix pads to the column of its first element:
        // in a file without line breaks, no more cuts.
        if opened.column > PortfolioSplitter.columnLimit { return stop() }
        // A segment holds one child of the root at least.
        if offset - segmentStart >= segmentSize && childrenInSegment > 0 {
          cuts.append(opened)
          segmentStart = offset
          childrenInSegment = 0
        }
        childrenInSegment += 1
        return true
      }
    }

    mutating func markupEnded(_ kind: XMLScanner.Markup, at offset: Int) -> Bool {
      textStart = offset + 1
      switch kind {
      case .startTag:
        let empty = byte(at: offset - 1) == UInt8(ascii: "/")
        if depth == 0 {
          // The root: a document with no children is not worth cutting.
          if empty { return stop() }
          return readRoot(end: offset + 1)
        }
        if !empty { depth += 1 }
      case .endTag:
        depth -= 1
        // The root's end: the rest is the remainder's.
        if depth == 0 { return stop() }
      case .cdata:
        // "<![" opens nothing else in content.
        return slice(opened.offset..<opened.offset + 9).elementsEqual("<![CDATA[".utf8) || stop()
      case .instruction:
        let start = opened.offset
        if depth == 0 && slice(start..<start + 5).elementsEqual("<?xml".utf8) {
          let declaration = String(decoding: slice(start..<offset - 1), as: UTF8.self)
            .lowercased()
          if declaration.contains("encoding"),
            !declaration.contains("\"utf-8\"") && !declaration.contains("'utf-8'")
          {
            return stop()
          }
        }
      case .comment, .declaration:
        break
      }
      return true
    }

    /// Takes the prolog and the root start tag, which ends before `end`,
    /// as the header every segment repeats.
    private mutating func readRoot(end: Int) -> Bool {
      let start = opened.offset + 1
      var nameEnd = start
      while nameEnd < end, let byte = byte(at: nameEnd), !isSpace(byte), byte != 0x3E {
        nameEnd += 1
      }
      rootName = Array(slice(start..<nameEnd))
      header = Array(slice(0..<end))
      // Each segment repeats the header: a large one is not worth it.
      if header.count > PortfolioSplitter.headerLimit || header.count != end { return stop() }
      headerNewlines = PortfolioSplitter.lineEnds(in: header)
      depth = 1
      return true
    }

    private func isSpace(_ byte: UInt8) -> Bool {
      byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private func isNameStart(_ byte: UInt8) -> Bool {
      (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == 0x5F
        || byte >= 0x80
    }
  }
}

/// Bytes in memory, then another source.
final class ChainedSource: ByteSource {
  private var pieces: [[UInt8]]
  private var offset = 0
  private let rest: ByteSource?

  init(_ pieces: [[UInt8]], then rest: ByteSource?) {
    self.pieces = pieces.filter { !$0.isEmpty }
    self.rest = rest
  }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws(ByteSourceError) -> Int {
    guard let first = pieces.first else {
      return try rest?.read(into: buffer) ?? 0
    }
    let count = min(buffer.count, first.count - offset)
    first.withUnsafeBytes {
      buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[offset..<offset + count]))
    }
    offset += count
    if offset == first.count {
      pieces.removeFirst()
      offset = 0
    }
    return count
  }
}

/// A source that fails as another did: the rest of a file whose reading
/// failed, so that the reader of the rest reports the failure where it
/// happened.
final class FailingSource: ByteSource {
  private let failure: ByteSourceError

  init(_ failure: ByteSourceError) { self.failure = failure }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws(ByteSourceError) -> Int {
    throw failure
  }
}

/// Counts the bytes another source gives.
final class CountingSource: ByteSource {
  private let source: ByteSource
  private(set) var count = 0

  init(_ source: ByteSource) { self.source = source }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws(ByteSourceError) -> Int {
    let read = try source.read(into: buffer)
    count += read
    return read
  }
}
