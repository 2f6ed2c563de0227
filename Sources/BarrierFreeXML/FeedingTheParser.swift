import BarrierFreeModel
import BarrierFreeXMLSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// Reading the input in chunks, checking each with the markup guard and
// handing it to the parser.
extension PortfolioReader {
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

  /// Whether the declared encoding has one byte per character.
  var hasSingleByteEncoding: Bool { markupGuard.hasSingleByteEncoding }

  /// Whether no tag lies between the parser's position and the end of
  /// what it holds (``SAXSession/noTagAhead``).
  var noTagAhead: Bool { session.noTagAhead }

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

  func feed() {
    if !session.isOpen && !setUp() {
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
    guard session.isOpen else { return }
    if let parsed = session.offset { markupGuard.discard(before: parsed) }
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
    atEndOfInput = read == 0
    session.parse(UnsafeRawBufferPointer(rebasing: buffer[0..<count]), isLast: read == 0)
    if read == 0 || session.isStopped || stoppedForLimit {
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
  func indexPastMarkupLimit(in bytes: UnsafeRawBufferPointer) -> Int? {
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
  var translatesCarriageReturns: Bool {
    markupGuard.isByteOriented && markupGuard.unsafeEncoding == nil
  }

  /// Turns each lone CR of `buffer[0..<count]` into an LF; `next` is the
  /// byte after them (nil at the end of the input).
  func translateLoneCarriageReturns(count: Int, next: UInt8?) {
    guard let base = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
    var index = 0
    while index < count, let found = memchr(base + index, 0x0D, count - index) {
      let position = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
      let following = position + 1 < count ? base[position + 1] : next
      if following != 0x0A { base[position] = 0x0A }
      index = position + 1
    }
  }

  var bufferedBuildings: Int {
    queue[queueHead...].reduce(0) {
      if case .building = $1 { $0 + 1 } else { $0 }
    }
  }

  func setUp() -> Bool {
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
    do throws(SAXOpenFailure) {
      try session.open(
        schema: schema, firstBytes: UnsafeRawBufferPointer(rebasing: buffer[0..<count]),
        fileName: fileName, handler: self)
    } catch .validator {
      return false
    } catch .plug {
      report(.error, .io, at: currentLocation(), "internal error: schema plug failed")
      return false
    } catch {
      report(.error, .io, at: currentLocation(), "internal error: cannot create the XML parser")
      return false
    }
    if let dictionary = session.dictionary {
      state.names = InternedNames(dictionary: dictionary)
    }
    return true
  }

  func finish() {
    guard !finished else { return }
    finished = true
    flushDeferred()
    // Text not followed by a tag: the read stopped early (a refusal, a
    // fatal error, the end of a truncated file), and its error says so. The
    // parser's place now depends on where the chunks were cut.
    pendingText = nil
    finishDocument()
    session.close()
  }
}
