#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A cheap scan of the raw bytes before libxml2 sees them. It does two jobs:
///
/// - It refuses what libxml2 2.9 handles in quadratic time: an element with
///   very many attributes (its duplicate-attribute check compares every pair;
///   800,000 attributes in one tag keep it busy for hours).
/// - It records the line and column of every `<` of the bytes libxml2 has
///   not yet parsed, so that a diagnostic can name the exact column of a tag
///   even when the start of its line has already left libxml2's buffer.
///
/// It follows just enough of XML to tell start tags from comments, processing
/// instructions and CDATA sections, and counts the `=` signs outside quoted
/// values in each start tag. One pass, a look-up and a test for most bytes; the state
/// carries across chunks. Line ends are counted as XML counts them: LF, CR,
/// and CR LF once.
package struct MarkupGuard {
  /// More attributes than this on one element are refused. The format's
  /// largest element has 14; a root may add a few namespace declarations.
  package static let maximumAttributes = 256

  package init() {}

  // States of the scan (small integers: the loop below is the hot path).
  private static let text: UInt8 = 0
  private static let open: UInt8 = 1  // just after '<'
  private static let bang: UInt8 = 2  // after "<!"; `dashes` counts '-'
  private static let startTag: UInt8 = 3
  private static let quoted: UInt8 = 4  // inside a value; `quote` is its quote
  private static let otherMarkup: UInt8 = 5  // a declaration or end tag, to '>'
  private static let comment: UInt8 = 6  // `dashes` counts '-' in a row
  private static let instruction: UInt8 = 7  // `dashes` is 1 after a '?'
  private static let cdata: UInt8 = 8  // `dashes` counts ']' in a row, like '-' in a comment

  /// Each byte's class for the scan: what it can do to the line count or
  /// to the state. Bytes of class 0 do neither.
  private static let lineFeed: UInt8 = 1
  private static let carriageReturn: UInt8 = 2
  private static let continuation: UInt8 = 3  // 0x80...0xBF: not a character of its own
  private static let less: UInt8 = 4
  private static let greater: UInt8 = 5
  private static let equals: UInt8 = 6
  private static let quoteMark: UInt8 = 7
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

  /// Another byte of the short-lived states (after '<', in comments,
  /// declarations, instructions), which look at every byte.
  private static let other: UInt8 = 8

  /// For each state, 256 entries: the class of each byte that matters in
  /// the state, 0 for a byte that does not. The scan steps over those with
  /// one look-up and a test.
  private static let table: [UInt8] = (0...8).flatMap { state -> [UInt8] in
    let lines = [lineFeed, carriageReturn, continuation]
    let relevant: [UInt8]? =
      switch UInt8(state) {
      case MarkupGuard.text: lines + [less]
      case MarkupGuard.startTag: lines + [greater, equals, quoteMark]
      case MarkupGuard.quoted: lines + [quoteMark]
      case MarkupGuard.otherMarkup: lines + [greater]
      default: nil
      }
    return classes.map { byteClass in
      guard let relevant else { return byteClass == 0 ? other : byteClass }
      return relevant.contains(byteClass) ? byteClass : 0
    }
  }

  private var state = MarkupGuard.text
  private var dashes = 0
  private var quote: UInt8 = 0
  private var attributes = 0
  /// Bytes scanned so far.
  private var offset = 0
  /// Offset of the last carriage return: a line feed right after it ends no
  /// further line.
  private var lastCarriageReturn = -2
  /// Line of the current position (1-based), counted over all bytes seen.
  package private(set) var line = 1
  /// Offset of the first byte of the current line, and the number of UTF-8
  /// continuation bytes on it so far: column = bytes - continuations + 1.
  private var lineStart = 0
  private var continuations = 0
  /// Where the '<' of the tag being scanned is.
  private var tagLine = 1
  private var tagColumn = 1
  /// Where each '<' not yet passed by the parser is: offset, line, column.
  private var tagStarts: [(offset: Int, line: Int32, column: Int32)] = []
  private var firstTagStart = 0
  /// False when the parser's byte offsets will not match the file's: an
  /// input in UTF-16 or a declared encoding other than UTF-8.
  private(set) var recordsPositions = true

  /// Scans `bytes`; returns the line and column of the offending tag if one
  /// has too many attributes.
  package mutating func scan(_ bytes: UnsafeRawBufferPointer) -> (line: Int, column: Int)? {
    if offset == 0 {
      checkEncoding(bytes)
      if isByteOrderMark { lineStart = 3 }
    }
    if declarationPending && unsafeEncoding == nil && utf16BigEndian == nil {
      checkDeclaration(bytes)
    }
    if unsafeEncoding != nil { return nil }
    if let bigEndian = utf16BigEndian { return scanUTF16(bytes, bigEndian: bigEndian) }
    let base = offset
    let count = bytes.count
    offset = base + count
    // Skip a byte-order mark: it is no character of line 1.
    // (The mark may come in more than one chunk.)
    var index = isByteOrderMark && base < 3 ? min(3 - base, count) : 0
    // Jumping from '<' to '<' only in UTF-8 or ASCII: in UTF-16 a
    // character's byte may be 0x3C, and '<' would seem to stand in a quoted
    // value (found in review).
    let jumps = !byteWise && recordsPositions && count > 0
    // Most files have no CR at all: their lines are counted by LF alone.
    chunkHasCarriageReturn =
      jumps && bytes.baseAddress.map { memchr($0, 0x0D, count) != nil } ?? false
    return MarkupGuard.table.withUnsafeBufferPointer { table in
      while index < count {
        if jumps && state == MarkupGuard.text {
          index = jump(bytes, from: index, base: base)
          continue
        }
        let (next, refused) = scan(
          bytes, from: index, base: base, table: table, untilText: jumps)
        if let refused { return refused }
        index = next
      }
      return nil
    }
  }

  /// Reads every byte even where it could jump (for tests that compare the
  /// two ways).
  package var byteWise = false

  /// Whether the chunk being scanned holds a CR (if not, the jump counts
  /// lines by their LFs alone).
  private var chunkHasCarriageReturn = false

  /// A start tag and the text after it, up to the next '<', shorter than
  /// this cannot hold more than `maximumAttributes` attributes: each takes
  /// at least four bytes (`a=""`).
  private static let shortSegment = 4 * maximumAttributes

  /// The fast path from the text state: from each '<' to the next with
  /// `memchr`, counting the lines in between, for as long as the '<' opens a
  /// start or end tag and the next '<' is near enough (a '<' cannot stand
  /// inside a tag). Returns where the byte-wise scan must go on: just after
  /// a '<' that opens a comment, CDATA section, declaration or instruction,
  /// or a tag too long to skip; the end of the chunk otherwise.
  private mutating func jump(_ bytes: UnsafeRawBufferPointer, from start: Int, base: Int) -> Int {
    guard let pointer = bytes.baseAddress else { return bytes.count }
    let count = bytes.count
    var index = start
    var next = memchr(pointer + index, 0x3C, count - index)
    while let found = next {
      let tag = pointer.distance(to: UnsafeRawPointer(found))
      countLines(bytes, from: index, to: tag, base: base)
      let position = base + tag
      tagLine = line
      tagColumn = position - lineStart - continuations + 1
      if recordsPositions {
        tagStarts.append((position, Int32(clamping: tagLine), Int32(clamping: tagColumn)))
      }
      state = MarkupGuard.open
      index = tag + 1
      guard index < count else { return count }
      let kind = bytes[index]
      if kind == UInt8(ascii: "!") || kind == UInt8(ascii: "?") { return index }
      next = memchr(pointer + index, 0x3C, min(count - index, Self.shortSegment))
      guard next != nil else { return index }
      state = MarkupGuard.text
    }
    countLines(bytes, from: index, to: count, base: base)
    return count
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
  /// each LF unless it follows a CR (Windows line ends), also one just before
  /// `from` (`afterCarriageReturn`). Returns how many, where the last one
  /// and the last CR are. Without `carriageReturns` the bytes hold no CR.
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

  /// The hot loop, with the state in local variables: a byte that does not
  /// matter in the current state costs a look-up and a test.
  /// With `untilText`, it returns just after a byte that leaves the state
  /// at text, so that the caller can jump again.
  private mutating func scan(
    _ bytes: UnsafeRawBufferPointer, from first: Int, base: Int,
    table: UnsafeBufferPointer<UInt8>, untilText: Bool
  ) -> (next: Int, refused: (line: Int, column: Int)?) {
    var state = self.state
    var line = self.line
    var lineStart = self.lineStart
    var continuations = self.continuations
    var attributes = self.attributes
    defer {
      self.state = state
      self.line = line
      self.lineStart = lineStart
      self.continuations = continuations
      self.attributes = attributes
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
      case MarkupGuard.lineFeed:
        if lastCarriageReturn != position - 1 { line += 1 }
        lineStart = position + 1
        continuations = 0
      case MarkupGuard.carriageReturn:
        line += 1
        lineStart = position + 1
        continuations = 0
        lastCarriageReturn = position
      case MarkupGuard.continuation:
        continuations += 1
      default:
        break
      }
      switch state {
      case MarkupGuard.text:
        if byte == UInt8(ascii: "<") {
          state = MarkupGuard.open
          tagLine = line
          tagColumn = position - lineStart - continuations + 1
          if recordsPositions {
            tagStarts.append((position, Int32(clamping: tagLine), Int32(clamping: tagColumn)))
          }
        }
      case MarkupGuard.open:
        switch byte {
        case UInt8(ascii: "!"):
          state = MarkupGuard.bang
          dashes = 0
        case UInt8(ascii: "?"):
          state = MarkupGuard.instruction
          dashes = 0
        case UInt8(ascii: "/"):
          state = MarkupGuard.otherMarkup
        default:
          state = MarkupGuard.startTag
          attributes = 0
        }
      case MarkupGuard.bang:
        if byte == UInt8(ascii: "[") && dashes == 0 {
          // "<![CDATA[": its text runs to "]]>", '>' and '<' included (a '>'
          // there once ended the section early, and a "<!--" in it then hid
          // every later tag from the count).
          state = MarkupGuard.cdata
        } else if byte == UInt8(ascii: "-") {
          dashes += 1
          if dashes == 2 {
            state = MarkupGuard.comment
            dashes = 0
          }
        } else {
          // A declaration: not a start tag, nothing to count.
          state = byte == UInt8(ascii: ">") ? MarkupGuard.text : MarkupGuard.otherMarkup
        }
      case MarkupGuard.startTag:
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
          state = MarkupGuard.quoted
          quote = byte
        case UInt8(ascii: "="):
          attributes += 1
          if attributes > Self.maximumAttributes {
            offset = base + index
            return (index, (tagLine, tagColumn))
          }
        case UInt8(ascii: ">"):
          state = MarkupGuard.text
        default:
          break
        }
      case MarkupGuard.quoted:
        if byte == quote { state = MarkupGuard.startTag }
      case MarkupGuard.otherMarkup:
        if byte == UInt8(ascii: ">") { state = MarkupGuard.text }
      case MarkupGuard.comment, MarkupGuard.cdata:
        // Both end at two closers and a '>': "-->", "]]>".
        let closer = state == MarkupGuard.comment ? UInt8(ascii: "-") : UInt8(ascii: "]")
        if byte == closer {
          dashes += 1
        } else {
          if byte == UInt8(ascii: ">") && dashes >= 2 { state = MarkupGuard.text }
          dashes = 0
        }
      default:  // instruction
        if byte == UInt8(ascii: ">") && dashes == 1 {
          state = MarkupGuard.text
        } else {
          dashes = byte == UInt8(ascii: "?") ? 1 : 0
        }
      }
      row = Int(state) &* 256
      if untilText && state == MarkupGuard.text { return (index, nil) }
    }
    return (count, nil)
  }

  private var isByteOrderMark = false
  /// The input's encoding when the guard cannot read it safely: one where a
  /// character's bytes may be '<', '=' or a quote although the character is
  /// none of them (UTF-32, EBCDIC, ISO-2022, UTF-7, ...). The reader refuses
  /// such a file: its tags could hide any number of attributes.
  package private(set) var unsafeEncoding: String?
  /// Declared encodings in which every byte below 0x80 is the ASCII
  /// character (the ISO 8859 and Windows code pages, and the multi-byte
  /// Asian encodings whose later bytes are 0x40 or above), and UTF-16, read
  /// by code unit.
  private static let safeEncodings: [String] = [
    "utf-8", "utf8", "us-ascii", "ascii", "utf-16", "utf-16le", "utf-16be", "utf16",
    "shift_jis", "shift-jis", "sjis", "windows-31j", "cp932", "euc-jp", "euc-kr", "euc-cn",
    "gbk", "gb2312", "gb18030", "big5", "koi8-r", "koi8-u",
  ]
  private static let safeEncodingPrefixes = [
    "iso-8859-", "iso8859-", "latin", "windows-125", "cp125",
  ]

  /// Set for UTF-16 input: whether big-endian.
  private var utf16BigEndian: Bool?
  /// The first byte of a UTF-16 code unit split over two chunks.
  private var pendingByte: UInt8?

  /// UTF-16 input: each code unit becomes one byte for the byte-wise scan
  /// (ASCII as itself, any other character as a letter), so that a
  /// character with a byte 0x3C or 0x22 in it (U+013C, U+0122) is no markup
  /// and no quote. Positions are not recorded (the parser counts converted
  /// bytes); lines and the refusal's place count code units.
  private mutating func scanUTF16(
    _ bytes: UnsafeRawBufferPointer, bigEndian: Bool
  ) -> (line: Int, column: Int)? {
    func unit(_ first: UInt8, _ second: UInt8) -> UInt8 {
      let (high, low) = bigEndian ? (first, second) : (second, first)
      return high == 0 && low < 0x80 ? low : UInt8(ascii: "x")
    }
    var units: [UInt8] = []
    units.reserveCapacity(bytes.count / 2 + 1)
    var index = 0
    if let pending = pendingByte, let next = bytes.first {
      units.append(unit(pending, next))
      pendingByte = nil
      index = 1
    }
    while index + 1 < bytes.count {
      units.append(unit(bytes[index], bytes[index + 1]))
      index += 2
    }
    if index < bytes.count { pendingByte = bytes[index] }
    let base = offset
    offset = base + units.count
    return units.withUnsafeBytes { units in
      MarkupGuard.table.withUnsafeBufferPointer { table in
        scan(units, from: 0, base: base, table: table, untilText: false).refused
      }
    }
  }

  /// Decides from the first bytes whether byte offsets will match the
  /// parser's: only for UTF-8 (with or without a byte-order mark) and ASCII.
  private mutating func checkEncoding(_ bytes: UnsafeRawBufferPointer) {
    guard let first = bytes.first else { return }
    isByteOrderMark = bytes.count >= 3 && first == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    if first == 0xFE || first == 0xFF || first == 0x00 || (bytes.count > 1 && bytes[1] == 0x00) {
      recordsPositions = false
    }
    // UTF-16 by its byte-order mark or by "<?" (UTF-32 starts with two zero
    // bytes in one of its first two pairs, and is left to the byte scan).
    guard bytes.count >= 4 else { return }
    let head = (first, bytes[1], bytes[2], bytes[3])
    switch head {
    case (0xFF, 0xFE, 0x00, 0x00), (0x00, 0x00, 0xFE, 0xFF), (0x3C, 0x00, 0x00, 0x00),
      (0x00, 0x00, 0x00, 0x3C), (0x00, 0x00, 0x3C, 0x00), (0x00, 0x3C, 0x00, 0x00):
      unsafeEncoding = "UTF-32"
    case (0xFF, 0xFE, _, _), (0x3C, 0x00, 0x3F, 0x00):
      utf16BigEndian = false
    case (0xFE, 0xFF, _, _), (0x00, 0x3C, 0x00, 0x3F):
      utf16BigEndian = true
    case (0x4C, 0x6F, 0xA7, 0x94):
      unsafeEncoding = "EBCDIC"
    default:
      break
    }
  }

  /// The encoding the XML declaration names, lowercased; nil without one.
  private(set) var declaredEncoding: String?

  /// Whether the declared encoding has one byte per character (the ISO 8859
  /// and Windows code pages, KOI8, ASCII): then a column in bytes is one in
  /// characters.
  package var hasSingleByteEncoding: Bool {
    guard let name = declaredEncoding else { return false }
    return ["us-ascii", "ascii"].contains(name)
      || (Self.safeEncodingPrefixes + ["koi8-"]).contains(where: name.hasPrefix)
  }

  /// Where the current line began (an offset in the input).
  package var lineStartOffset: Int { lineStart }
  /// The column just after the last byte scanned: where the input stopped,
  /// the same however it was cut into chunks.
  package var endColumn: Int { offset - lineStart - continuations + 1 }
  /// Where the last CR is (an offset in the input).
  package var lastCarriageReturnOffset: Int { lastCarriageReturn }
  /// Whether lines are counted over bytes (not in UTF-16, read by code unit).
  package var isByteOriented: Bool { utf16BigEndian == nil }

  /// The first bytes of the input, until the XML declaration's end.
  private var head: [UInt8] = []
  private var declarationPending = true

  /// Looks for an XML declaration naming an encoding other than UTF-8:
  /// libxml2 converts such input to UTF-8 and counts converted bytes. The
  /// declaration may come in several pieces (the reader hands the first four
  /// bytes alone to libxml2's encoding detection).
  private mutating func checkDeclaration(_ bytes: UnsafeRawBufferPointer) {
    let limit = 200
    head += bytes.prefix(limit - head.count)
    let text = String(decoding: head, as: UTF8.self).lowercased()
    let ended = text.contains("?>") || head.count >= limit
    if !ended && "<?xml".hasPrefix(text.prefix(5).filter { $0 != "\u{FEFF}" }) { return }
    declarationPending = false
    head = []
    // Only the declaration counts, up to its "?>"; XML allows white space
    // around the '='.
    let declaration = text.firstRange(of: "?>").map { text[..<$0.lowerBound] } ?? text[...]
    guard ended, let range = declaration.firstRange(of: "encoding") else { return }
    let value = declaration[range.upperBound...].drop(while: \.isWhitespace)
      .dropFirst().drop(while: \.isWhitespace).dropFirst()
      .prefix { $0 != "\"" && $0 != "'" }
    let name = String(value)
    declaredEncoding = name
    if !["utf-8", "utf8", "us-ascii", "ascii"].contains(name) {
      recordsPositions = false
    }
    if !Self.safeEncodings.contains(name)
      && !Self.safeEncodingPrefixes.contains(where: name.hasPrefix)
    {
      unsafeEncoding = String(
        declaration[range.upperBound...].drop {
          $0 == "=" || $0 == "\"" || $0 == "'" || $0.isWhitespace
        }
        .prefix { $0 != "\"" && $0 != "'" }
      ).uppercased()
    }
  }

  /// Line and column of the '<' at byte `offset` of the input, if recorded.
  package func position(ofTagAt offset: Int) -> (line: Int, column: Int)? {
    guard recordsPositions else { return nil }
    let index = firstRecord(atOrAfter: offset)
    guard index < tagStarts.count, tagStarts[index].offset == offset else { return nil }
    return (Int(tagStarts[index].line), Int(tagStarts[index].column))
  }

  /// Offset, line and column of the last '<' recorded before byte `offset`:
  /// for the parser's position just after a start tag, the tag's own '<' (a
  /// '<' cannot stand inside a tag).
  package func lastTag(before offset: Int) -> (offset: Int, line: Int, column: Int)? {
    guard recordsPositions else { return nil }
    let index = firstRecord(atOrAfter: offset)
    guard index > firstTagStart else { return nil }
    let tag = tagStarts[index - 1]
    return (tag.offset, Int(tag.line), Int(tag.column))
  }

  /// The index of the first kept record at or after byte `offset`
  /// (`tagStarts.count` when there is none): a binary search.
  private func firstRecord(atOrAfter offset: Int) -> Int {
    var low = firstTagStart
    var high = tagStarts.count
    while low < high {
      let middle = (low + high) / 2
      if tagStarts[middle].offset < offset { low = middle + 1 } else { high = middle }
    }
    return low
  }

  /// Forgets the tags before `offset`: the parser has passed them.
  package mutating func discard(before offset: Int) {
    while firstTagStart < tagStarts.count && tagStarts[firstTagStart].offset < offset {
      firstTagStart += 1
    }
    if firstTagStart > 4096 && firstTagStart * 2 > tagStarts.count {
      tagStarts.removeFirst(firstTagStart)
      firstTagStart = 0
    }
  }
}
