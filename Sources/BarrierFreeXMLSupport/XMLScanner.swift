#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// XML's lexical rules for markup, once: where tags, comments, processing
/// instructions, CDATA sections and declarations begin and end, which `=`
/// stand outside quoted values, and where lines end.
///
/// It is a small state machine over bytes (UTF-8 or ASCII, or UTF-16 code
/// units narrowed to one byte each by the caller); the input may come in
/// chunks of any size, and its state carries across them, so every chunking
/// yields the same events. It reports them to a ``XMLScanHandler``; the
/// markup guard, the start-tag index and the portfolio splitter are such
/// handlers.
///
/// The definitions, shared by every client:
/// - a line ends at LF, at CR, and at CR LF once (XML 1.0, 2.11);
/// - a column counts characters from 1: bytes that are not UTF-8
///   continuation bytes; a UTF-8 byte-order mark is no character;
/// - a start tag runs from `<` to the first `>` outside a value in `"` or `'`;
///   an end tag and a declaration (`<!DOCTYPE`, `<!ELEMENT` …) to the next
///   `>`; a comment from `<!--` to `-->`; a CDATA section from `<![` to
///   `]]>`; a processing instruction from `<?` to `?>`. In comments, CDATA
///   and instructions `<`, `>` and quotes are text.
package struct XMLScanner {
  /// The kinds of markup.
  package enum Markup: Sendable, Equatable {
    case startTag, endTag, comment, instruction, cdata, declaration
  }

  package init() {}

  /// Reads every byte even where the handler allows jumps (for tests that
  /// compare the two ways).
  package var byteWise = false

  // States (small integers: they index the byte table of the hot loop).
  private static let text: UInt8 = 0
  private static let open: UInt8 = 1  // just after '<'
  private static let bang: UInt8 = 2  // after "<!"; `closers` counts '-'
  private static let startTag: UInt8 = 3
  private static let quoted: UInt8 = 4  // inside a value; `quote` is its quote
  private static let declaration: UInt8 = 5  // "<!DOCTYPE …" to '>'
  private static let comment: UInt8 = 6  // `closers` counts '-' in a row
  private static let instruction: UInt8 = 7  // `closers` is 1 after a '?'
  private static let cdata: UInt8 = 8  // `closers` counts ']' in a row
  private static let endTag: UInt8 = 9  // "</name" to '>'
  private static let stateCount = 10

  /// Each byte's class: what it can do to the line count or to the state.
  /// Bytes of class 0 do neither.
  private static let lineFeed: UInt8 = 1
  private static let carriageReturn: UInt8 = 2
  private static let continuation: UInt8 = 3  // 0x80...0xBF: not a character of its own
  private static let less: UInt8 = 4
  private static let greater: UInt8 = 5
  private static let equals: UInt8 = 6
  private static let quoteMark: UInt8 = 7
  /// Another byte, in the short-lived states (after '<', in comments,
  /// CDATA and instructions) that look at every byte.
  private static let other: UInt8 = 8
  private static let classes: [UInt8] = (0...255).map { byte in
    switch byte {
    case 0x0A: lineFeed
    case 0x0D: carriageReturn
    case 0x80...0xBF: continuation
    case 0x3C: less
    case 0x3E: greater
    case 0x3D: equals
    case 0x22, 0x27: quoteMark
    default: 0
    }
  }

  /// For each state, 256 entries: the class of each byte that matters in
  /// the state, 0 for one that does not. The hot loop steps over those with
  /// one look-up and a test (in text, in tags and in values: most bytes).
  private static let table: [UInt8] = (0..<stateCount).flatMap { state -> [UInt8] in
    let lines = [lineFeed, carriageReturn, continuation]
    let relevant: [UInt8]? =
      switch UInt8(state) {
      case text: lines + [less]
      case startTag: lines + [greater, equals, quoteMark]
      case quoted: lines + [quoteMark]
      case declaration, endTag: lines + [greater]
      default: nil
      }
    return classes.map { byteClass in
      guard let relevant else { return byteClass == 0 ? other : byteClass }
      return relevant.contains(byteClass) ? byteClass : 0
    }
  }

  private var state = XMLScanner.text
  /// '-' or ']' in a row at the end of a comment or CDATA section; 1 after
  /// a '?' in an instruction; '-' after "<!".
  private var closers = 0
  private var quote: UInt8 = 0
  /// Where the markup being scanned begins: offset of its '<'.
  private var markupStart = 0
  /// Bytes scanned so far.
  package private(set) var offset = 0
  /// Offset of the last CR: an LF right after it ends no further line.
  package private(set) var lastCarriageReturn = -2
  /// Line of the current position (1-based).
  package private(set) var line = 1
  /// Offset of the first byte of the current line, and the number of UTF-8
  /// continuation bytes on it so far: column = bytes - continuations + 1.
  package private(set) var lineStart = 0
  private var continuations = 0
  /// Whether the input begins with a UTF-8 byte-order mark: 1 if so, -1
  /// if not, 0 while undecided.
  private var byteOrderMark = 0
  /// Whether the chunk being scanned holds a CR (if not, a jump counts
  /// lines by their LFs alone).
  private var chunkHasCarriageReturn = false

  /// The column just after the last byte scanned.
  package var column: Int { offset - lineStart - continuations + 1 }

  /// Whether the scan stands inside a start tag (or just after a `<` that
  /// may open one): at the end of the input, a start tag cut short.
  package var isInStartTag: Bool {
    state == Self.open || state == Self.startTag || state == Self.quoted
  }

  /// Scans the next `bytes` of the input. Returns nil when the handler took
  /// every event; the index in `bytes` just past the byte whose event it
  /// refused otherwise (and the scan must not go on).
  package mutating func scan<Handler: XMLScanHandler>(
    _ bytes: UnsafeRawBufferPointer, _ handler: inout Handler
  ) -> Int? {
    let base = offset
    let count = bytes.count
    offset = base + count
    var index = 0
    // Skip a byte-order mark: it is no character of line 1. It may come in
    // more than one chunk; the bytes of a start that turns out to be none
    // are text (EF is a character, BB a continuation byte).
    if byteOrderMark == 0 {
      let mark: [UInt8] = [0xEF, 0xBB, 0xBF]
      while index < count && base + index < 3 && bytes[index] == mark[base + index] {
        index += 1
      }
      if base + index == 3 {
        byteOrderMark = 1
        lineStart = 3
      } else if index < count {
        byteOrderMark = -1
        if base + index >= 2 { continuations += 1 }
      }
    }
    let skipLimit = byteWise ? 0 : handler.tagSkipLimit
    let jumps = skipLimit > 0 && count > 0
    // Most files have no CR at all: a jump then counts lines by LF alone.
    chunkHasCarriageReturn =
      jumps && bytes.baseAddress.map { memchr($0, 0x0D, count) != nil } ?? false
    return XMLScanner.table.withUnsafeBufferPointer { table in
      while index < count {
        if jumps && state == XMLScanner.text {
          let (next, refused) = jump(
            bytes, from: index, base: base, limit: skipLimit, &handler)
          if refused {
            offset = base + next
            return next
          }
          index = next
          continue
        }
        let (next, refused) = scan(
          bytes, from: index, base: base, table: table, untilText: jumps, &handler)
        if refused {
          offset = base + next
          return next
        }
        index = next
      }
      return nil
    }
  }

  /// The fast path from text, for handlers that need no event inside short
  /// tags: from each '<' to the next with `memchr`, counting the lines in
  /// between, for as long as the '<' opens a start or end tag and the next
  /// '<' lies within `limit` bytes (a '<' cannot stand inside a tag). Such a
  /// tag is reported opened, and nothing else. Returns where the byte-wise
  /// scan must go on: just after a '<' that opens a comment, CDATA section,
  /// declaration or instruction, or a tag too long to skip; the end of the
  /// chunk otherwise.
  private mutating func jump<Handler: XMLScanHandler>(
    _ bytes: UnsafeRawBufferPointer, from start: Int, base: Int, limit: Int,
    _ handler: inout Handler
  ) -> (next: Int, refused: Bool) {
    guard let pointer = bytes.baseAddress else { return (bytes.count, false) }
    let count = bytes.count
    var index = start
    var next = memchr(pointer + index, 0x3C, count - index)
    while let found = next {
      let tag = pointer.distance(to: UnsafeRawPointer(found))
      countLines(bytes, from: index, to: tag, base: base)
      let position = base + tag
      state = XMLScanner.open
      markupStart = position
      index = tag + 1
      let column = position - lineStart - continuations + 1
      if !handler.markupOpened(at: position, line: line, column: column) {
        return (index, true)
      }
      guard index < count else { return (count, false) }
      let kind = bytes[index]
      if kind == UInt8(ascii: "!") || kind == UInt8(ascii: "?") { return (index, false) }
      next = memchr(pointer + index, 0x3C, min(count - index, limit))
      guard next != nil else { return (index, false) }
      state = XMLScanner.text
    }
    countLines(bytes, from: index, to: count, base: base)
    return (count, false)
  }

  /// Counts the lines of `bytes[from..<to]`, and the UTF-8 continuation
  /// bytes of the last one, as the byte-wise scan does.
  private mutating func countLines(
    _ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int, base: Int
  ) {
    guard bytes.baseAddress != nil, start < end else { return }
    let ends = Self.lineEnds(
      in: bytes, from: start, to: end,
      afterCarriageReturn: lastCarriageReturn == base + start - 1,
      carriageReturns: chunkHasCarriageReturn)
    line += ends.count
    if let last = ends.lastCarriageReturn { lastCarriageReturn = base + last }
    var index = start
    if let last = ends.last {
      lineStart = base + last + 1
      continuations = 0
      index = last + 1
    }
    while index < end {
      if bytes[index] & 0xC0 == 0x80 { continuations += 1 }
      index += 1
    }
  }

  /// The line ends in `bytes[from..<to]`: each CR ends a line, and so does
  /// each LF unless it follows a CR (CR LF is one line end), also one just
  /// before `from` (`afterCarriageReturn`). Returns how many, where the last
  /// one and the last CR are. Without `carriageReturns` the bytes hold no
  /// CR.
  package static func lineEnds(
    in bytes: UnsafeRawBufferPointer, from start: Int, to end: Int, afterCarriageReturn: Bool,
    carriageReturns: Bool = true
  ) -> (count: Int, last: Int?, lastCarriageReturn: Int?) {
    guard let pointer = bytes.baseAddress, start < end else { return (0, nil, nil) }
    var count = 0
    var last: Int?
    var lastCarriageReturn: Int?
    var index = start
    while let found = memchr(pointer + index, 0x0A, end - index) {
      let feed = pointer.distance(to: UnsafeRawPointer(found))
      let afterReturn = feed > start ? bytes[feed - 1] == 0x0D : afterCarriageReturn
      if !afterReturn { count += 1 }
      last = feed
      index = feed + 1
    }
    index = start
    while carriageReturns, let found = memchr(pointer + index, 0x0D, end - index) {
      let carriageReturn = pointer.distance(to: UnsafeRawPointer(found))
      count += 1
      lastCarriageReturn = carriageReturn
      last = max(last ?? carriageReturn, carriageReturn)
      index = carriageReturn + 1
    }
    return (count, last, lastCarriageReturn)
  }

  /// The line and column after `bytes`, which begin at `line` and `column`
  /// (`afterCarriageReturn`: the byte before them is a CR); the column
  /// counts characters. The same rules as the scan's, for callers that
  /// hold a position and the bytes after it rather than a scan.
  package static func position(
    after bytes: UnsafeRawBufferPointer, line: Int, column: Int, afterCarriageReturn: Bool
  ) -> (line: Int, column: Int) {
    let ends = lineEnds(
      in: bytes, from: 0, to: bytes.count, afterCarriageReturn: afterCarriageReturn)
    var column = column
    var index = 0
    if let last = ends.last {
      column = 1
      index = last + 1
    }
    while index < bytes.count {
      if bytes[index] & 0xC0 != 0x80 { column += 1 }
      index += 1
    }
    return (line + ends.count, column)
  }

  /// The hot loop, with the state in local variables: a byte that does not
  /// matter in the current state costs a look-up and a test. With
  /// `untilText`, it returns just after a byte that leaves the state at
  /// text, so that the caller can jump again.
  private mutating func scan<Handler: XMLScanHandler>(
    _ bytes: UnsafeRawBufferPointer, from first: Int, base: Int,
    table: UnsafeBufferPointer<UInt8>, untilText: Bool, _ handler: inout Handler
  ) -> (next: Int, refused: Bool) {
    var state = self.state
    var line = self.line
    var lineStart = self.lineStart
    var continuations = self.continuations
    defer {
      self.state = state
      self.line = line
      self.lineStart = lineStart
      self.continuations = continuations
    }
    var row = Int(state) &* 256
    var index = first
    let count = bytes.count
    while index < count {
      let byte = bytes[index]
      let byteClass = table[row &+ Int(byte)]
      index += 1
      if byteClass == 0 { continue }
      let position = base + index - 1
      switch byteClass {
      case XMLScanner.lineFeed:
        if lastCarriageReturn != position - 1 { line += 1 }
        lineStart = position + 1
        continuations = 0
      case XMLScanner.carriageReturn:
        line += 1
        lineStart = position + 1
        continuations = 0
        lastCarriageReturn = position
      case XMLScanner.continuation:
        continuations += 1
      default:
        break
      }
      var accepted = true
      switch state {
      case XMLScanner.text:
        if byte == UInt8(ascii: "<") {
          state = XMLScanner.open
          markupStart = position
          accepted = handler.markupOpened(
            at: position, line: line, column: position - lineStart - continuations + 1)
        }
      case XMLScanner.open:
        switch byte {
        case UInt8(ascii: "!"):
          state = XMLScanner.bang
          closers = 0
        case UInt8(ascii: "?"):
          state = XMLScanner.instruction
          closers = 0
          accepted = handler.markupBegan(.instruction, at: markupStart)
        case UInt8(ascii: "/"):
          state = XMLScanner.endTag
          accepted = handler.markupBegan(.endTag, at: markupStart)
        default:
          state = XMLScanner.startTag
          accepted = handler.markupBegan(.startTag, at: markupStart)
          // "<>", `<"`, "<=": the byte means in the tag what it always
          // means there.
          switch byte {
          case UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "="):
            if accepted { index -= 1 }
          default:
            break
          }
        }
      case XMLScanner.bang:
        if byte == UInt8(ascii: "[") && closers == 0 {
          // "<![CDATA[": its text runs to "]]>", '>' and '<' included.
          state = XMLScanner.cdata
          accepted = handler.markupBegan(.cdata, at: markupStart)
        } else if byte == UInt8(ascii: "-") {
          closers += 1
          if closers == 2 {
            state = XMLScanner.comment
            closers = 0
            accepted = handler.markupBegan(.comment, at: markupStart)
          }
        } else {
          accepted = handler.markupBegan(.declaration, at: markupStart)
          if byte == UInt8(ascii: ">") {
            state = XMLScanner.text
            accepted = accepted && handler.markupEnded(.declaration, at: position)
          } else {
            state = XMLScanner.declaration
          }
        }
      case XMLScanner.startTag:
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
          state = XMLScanner.quoted
          quote = byte
        case UInt8(ascii: "="):
          accepted = handler.attributeEquals(at: position)
        case UInt8(ascii: ">"):
          state = XMLScanner.text
          accepted = handler.markupEnded(.startTag, at: position)
        default:
          break
        }
      case XMLScanner.quoted:
        if byte == quote { state = XMLScanner.startTag }
      case XMLScanner.endTag, XMLScanner.declaration:
        if byte == UInt8(ascii: ">") {
          let kind: Markup = state == XMLScanner.endTag ? .endTag : .declaration
          state = XMLScanner.text
          accepted = handler.markupEnded(kind, at: position)
        }
      case XMLScanner.comment, XMLScanner.cdata:
        // Both end at two closers and a '>': "-->", "]]>".
        let closer = state == XMLScanner.comment ? UInt8(ascii: "-") : UInt8(ascii: "]")
        if byte == closer {
          closers += 1
        } else {
          if byte == UInt8(ascii: ">") && closers >= 2 {
            let kind: Markup = state == XMLScanner.comment ? .comment : .cdata
            state = XMLScanner.text
            accepted = handler.markupEnded(kind, at: position)
          }
          closers = 0
        }
      default:  // instruction
        if byte == UInt8(ascii: ">") && closers == 1 {
          state = XMLScanner.text
          accepted = handler.markupEnded(.instruction, at: position)
        } else {
          closers = byte == UInt8(ascii: "?") ? 1 : 0
        }
      }
      if !accepted { return (index, true) }
      row = Int(state) &* 256
      if untilText && state == XMLScanner.text { return (index, false) }
    }
    return (count, false)
  }
}

/// What an ``XMLScanner`` reports. Each event returns whether the scan goes
/// on; every one has a default that ignores it.
package protocol XMLScanHandler {
  /// How far past the `<` of a start or end tag the next `<` may lie for
  /// the scanner to jump there, reporting the tag opened and nothing else
  /// (no ``markupBegan(_:at:)``, no `=`, no end); 0 for every event of
  /// every tag. The markup guard, which needs only long tags, sets it.
  var tagSkipLimit: Int { get }
  /// A `<` in text at `offset`, on `line` at `column`.
  mutating func markupOpened(at offset: Int, line: Int, column: Int) -> Bool
  /// The markup opened at `offset` is of `kind` (known from the bytes after
  /// its `<`).
  mutating func markupBegan(_ kind: XMLScanner.Markup, at offset: Int) -> Bool
  /// An `=` outside quotes in a start tag, at `offset`.
  mutating func attributeEquals(at offset: Int) -> Bool
  /// The `>` at `offset` ends markup of `kind`.
  mutating func markupEnded(_ kind: XMLScanner.Markup, at offset: Int) -> Bool
}

extension XMLScanHandler {
  package var tagSkipLimit: Int { 0 }
  package mutating func markupOpened(at offset: Int, line: Int, column: Int) -> Bool { true }
  package mutating func markupBegan(_ kind: XMLScanner.Markup, at offset: Int) -> Bool { true }
  package mutating func attributeEquals(at offset: Int) -> Bool { true }
  package mutating func markupEnded(_ kind: XMLScanner.Markup, at offset: Int) -> Bool { true }
}
