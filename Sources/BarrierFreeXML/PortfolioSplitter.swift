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
/// It is a lexer for the few things that can stand between elements
/// (comments, processing instructions, CDATA, quoted attribute values), not
/// a parser: whatever it does not expect (a DOCTYPE, an encoding other than
/// UTF-8, text beside the buildings, the end of the root)
/// ends the cutting, and everything from the current segment on is read
/// as the file's remainder by one reader, which reports what is wrong
/// exactly as a reader of the whole file would.
final class PortfolioSplitter {
  private let source: ByteSource
  private let segmentSize: Int
  /// Bytes read and not yet handed out; `pending[0]` is where the current
  /// segment begins (or the file's first byte, before the root).
  private var pending: [UInt8] = []
  /// How far `pending` is lexed.
  private var position = 0
  /// Line and column (in characters) of `pending[position]`.
  private var line = 1
  private var column = 1
  /// Line and column of `pending[0]`.
  private var segmentLine = 1
  private var segmentColumn = 1
  private var depth = 0
  /// Children of the root begun in the current segment.
  private var childrenInSegment = 0
  /// The most bytes held while looking for the next cut.
  private var pendingLimit: Int { max(4 * segmentSize, 1 << 20) }
  static let headerLimit = 64 * 1024
  static let columnLimit = 4096
  private var endOfInput = false
  private var stopped = false
  private var header: [UInt8] = []
  private var headerNewlines = 0
  /// Whether the byte before `position` is a CR (an LF there ends no line).
  private var afterCarriageReturn = false
  private var rootName: [UInt8] = []
  private var nextIndex = 0
  /// Bytes read from the source so far.
  private(set) var bytesRead = 0

  init(source: ByteSource, segmentSize: Int) {
    self.source = source
    self.segmentSize = max(1, segmentSize)
  }

  /// The next segment, or nil once the cutting has ended: ``remainder()``
  /// then holds the rest of the file.
  func next() throws(ByteSourceError) -> Segment? {
    if stopped { return nil }
    if rootName.isEmpty {
      guard try readHeader() else {
        stopped = true
        return nil
      }
    }
    while true {
      guard let cut = try lexToCut() else {
        stopped = true
        return nil
      }
      if let segment = makeSegment(upTo: cut) { return segment }
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
  /// start gets.
  private func makeHeaderSegment(body: [UInt8]) -> Segment {
    let index = nextIndex
    if index == 0 {
      return Segment(
        index: 0, prefix: [], body: body, suffix: closingTag, lineOffset: 0,
        lines: 1...max(1, line))
    }
    let prefix =
      header + [0x0A] + [UInt8](repeating: 0x20, count: max(0, segmentColumn - 1))
    return Segment(
      index: index, prefix: prefix, body: body, suffix: closingTag,
      lineOffset: segmentLine - (headerNewlines + 2), headerLines: headerNewlines + 1,
      lines: segmentLine...line)
  }

  private var closingTag: [UInt8] { [0x0A, 0x3C, 0x2F] + rootName + [0x3E, 0x0A] }

  private func makeSegment(upTo cut: Int) -> Segment? {
    guard cut > 0 else { return nil }
    var segment = makeHeaderSegment(body: Array(pending[..<cut]))
    segment.lines = segmentLine...line
    nextIndex += 1
    pending.removeFirst(cut)
    position -= cut
    segmentLine = line
    segmentColumn = column
    return segment
  }

  // MARK: - Lexing

  /// Reads more of the source into `pending`; false at its end.
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
    bytesRead += count
    if count == 0 { endOfInput = true }
    return count > 0
  }

  /// Moves `position` to `target`, counting lines and columns.
  private func advance(to target: Int) {
    guard position < target else { return }
    var line = self.line
    var column = self.column
    var afterCarriageReturn = self.afterCarriageReturn
    pending.withUnsafeBufferPointer { bytes in
      // Line ends as libxml2 counts them: CR LF, a lone CR, a lone LF.
      for byte in bytes[position..<target] {
        if byte == 0x0A {
          if !afterCarriageReturn { line += 1 }
          column = 1
          afterCarriageReturn = false
        } else if byte == 0x0D {
          line += 1
          column = 1
          afterCarriageReturn = true
        } else {
          afterCarriageReturn = false
          if byte & 0xC0 != 0x80 { column += 1 }
        }
      }
    }
    self.line = line
    self.column = column
    self.afterCarriageReturn = afterCarriageReturn
    position = target
  }

  /// The index of the next '<' at or after `from` in `pending`, or
  /// `pending.count` when there is none; nil when the root holds text
  /// other than white space before it.
  private func nextTagStart(from: Int) -> Int? {
    pending.withUnsafeBufferPointer { bytes -> Int? in
      guard let base = bytes.baseAddress, from < bytes.count else { return bytes.count }
      if depth == 1 {
        for index in from..<bytes.count {
          let byte = bytes[index]
          if byte == 0x3C { return index }
          if !isSpace(byte) { return nil }
        }
        return bytes.count
      }
      // Inside a building: text and tags are libxml2's to read.
      guard let found = memchr(base + from, 0x3C, bytes.count - from) else { return bytes.count }
      return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }
  }

  /// The index of `pattern` in `pending` at or after `from`, reading more
  /// when needed; nil when the input ends first.
  private func find(_ pattern: [UInt8], from: Int) throws(ByteSourceError) -> Int? {
    var start = from
    while true {
      if pending.count >= pattern.count {
        var index = start
        let last = pending.count - pattern.count
        while index <= last {
          if pending[index] == pattern[0]
            && pending[index..<index + pattern.count].elementsEqual(pattern)
          {
            return index
          }
          index += 1
        }
        start = max(from, last + 1)
      }
      guard try readMore() else { return nil }
    }
  }

  /// Ensures `count` bytes from `position`; false when the input ends first.
  private func have(_ count: Int) throws(ByteSourceError) -> Bool {
    while pending.count < position + count {
      guard try readMore() else { return false }
    }
    return true
  }

  private func startsWith(_ text: StaticString) throws(ByteSourceError) -> Bool {
    let count = text.utf8CodeUnitCount
    guard try have(count) else { return false }
    let bytes = UnsafeBufferPointer(start: text.utf8Start, count: count)
    return pending[position..<position + count].elementsEqual(bytes)
  }

  /// The end of the tag starting at `position` (the index after its `>`),
  /// outside quoted values; nil at the end of the input.
  private func tagEnd() throws(ByteSourceError) -> Int? {
    var index = position + 1
    var quote: UInt8 = 0
    while true {
      // Over the buffer's pointer: most of a file is inside tags, and this
      // runs on the task that hands out the segments.
      let end = pending.withUnsafeBufferPointer { bytes -> Int? in
        while index < bytes.count {
          let byte = bytes[index]
          if quote != 0 {
            if byte == quote { quote = 0 }
          } else if byte == 0x22 || byte == 0x27 {
            quote = byte
          } else if byte == 0x3E {
            return index + 1
          }
          index += 1
        }
        return nil
      }
      if let end { return end }
      guard try readMore() else { return nil }
    }
  }

  /// Skips a comment or processing instruction at `position`; false when it
  /// is something else or unterminated.
  private func skipMarkup() throws(ByteSourceError) -> Bool {
    if try startsWith("<!--") {
      guard let end = try find(Array("-->".utf8), from: position + 4) else { return false }
      advance(to: end + 3)
      return true
    }
    if try startsWith("<?") {
      guard let end = try find(Array("?>".utf8), from: position + 2) else { return false }
      advance(to: end + 2)
      return true
    }
    return false
  }

  /// Reads the prolog and the root start tag into `header`; false when the
  /// file is not one to cut (no root, a DOCTYPE, another encoding).
  private func readHeader() throws(ByteSourceError) -> Bool {
    // libxml2 does not count a byte-order mark as a column.
    if try startsWith("\u{FEFF}") { position += 3 }
    while true {
      guard try have(1) else { return false }
      let byte = pending[position]
      if isSpace(byte) {
        advance(to: position + 1)
        continue
      }
      guard byte == 0x3C else { return false }
      if try startsWith("<?xml") {
        guard let end = try find(Array("?>".utf8), from: position + 2) else { return false }
        let declaration = String(decoding: pending[position..<end], as: UTF8.self).lowercased()
        if declaration.contains("encoding"),
          !declaration.contains("\"utf-8\"") && !declaration.contains("'utf-8'")
        {
          return false
        }
        advance(to: end + 2)
        continue
      }
      let isComment = try startsWith("<!--")
      let isInstruction = try startsWith("<?")
      if isComment || isInstruction {
        guard try skipMarkup() else { return false }
        continue
      }
      guard try have(2), isNameStart(pending[position + 1]) else { return false }
      guard let end = try tagEnd(), pending[end - 2] != 0x2F else { return false }
      var nameEnd = position + 1
      while nameEnd < end, !isSpace(pending[nameEnd]), pending[nameEnd] != 0x3E {
        nameEnd += 1
      }
      rootName = Array(pending[(position + 1)..<nameEnd])
      advance(to: end)
      header = Array(pending[..<end])
      // Each segment repeats the header: a large one is not worth it.
      if header.count > Self.headerLimit { return false }
      headerNewlines = Self.lineEnds(in: header)
      depth = 1
      return true
    }
  }

  /// Lexes on to the next place to cut: the start of a child of the root
  /// once the segment is large enough. Nil when the cutting ends.
  private func lexToCut() throws(ByteSourceError) -> Int? {
    while true {
      // Text up to the next '<'.
      var index = position
      while true {
        guard let found = nextTagStart(from: index) else { return nil }
        index = found
        if index < pending.count { break }
        advance(to: index)
        guard try readMore() else { return nil }
      }
      advance(to: index)
      guard try have(2) else { return nil }
      let next = pending[position + 1]
      if next == 0x2F {
        guard let end = try tagEnd() else { return nil }
        depth -= 1
        // The root's end: the rest is the remainder's.
        if depth == 0 { return nil }
        advance(to: end)
      } else if next == 0x21 || next == 0x3F {
        if try startsWith("<![CDATA[") {
          if depth == 1 { return nil }
          guard let end = try find(Array("]]>".utf8), from: position + 9) else { return nil }
          advance(to: end + 3)
        } else if try !skipMarkup() {
          return nil
        }
      } else if isNameStart(next) {
        if depth == 1 {
          // Each segment's prefix pads to the column of its first element:
          // in a file without line breaks, no more cuts.
          if column > Self.columnLimit { return nil }
          // A segment holds one child of the root at least.
          if position >= segmentSize && childrenInSegment > 0 {
            childrenInSegment = 0
            return position
          }
          childrenInSegment += 1
        }
        guard let end = try tagEnd() else { return nil }
        if pending[end - 2] != 0x2F { depth += 1 }
        advance(to: end)
      } else {
        return nil
      }
    }
  }

  private func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
  }

  /// The line ends in `bytes` as libxml2 counts them: CR LF, a lone CR, a
  /// lone LF.
  static func lineEnds(in bytes: [UInt8]) -> Int {
    bytes.withUnsafeBytes {
      MarkupGuard.lineEnds(in: $0, from: 0, to: $0.count, afterCarriageReturn: false).count
    }
  }

  private func isNameStart(_ byte: UInt8) -> Bool {
    (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == 0x5F
      || byte >= 0x80
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
