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
/// The lexing is ``XMLScanner``'s; the guard counts the `=` outside quoted
/// values in each start tag and keeps the places of the `<`. It lets the
/// scanner jump over tags too short to hold too many attributes.
package struct MarkupGuard {
  /// More attributes than this on one element are refused. The format's
  /// largest element has 14; a root may add a few namespace declarations.
  package static let maximumAttributes = 256

  package init() {}

  /// A start tag and the text after it, up to the next '<', shorter than
  /// this cannot hold more than `maximumAttributes` attributes: each takes
  /// at least four bytes (`a=""`).
  private static let shortSegment = 4 * maximumAttributes

  private var scanner = XMLScanner()
  private var recorder = Recorder()

  /// What the guard keeps of the scanner's events.
  private struct Recorder: XMLScanHandler {
    var tagSkipLimit = 0
    /// Whether offsets are the parser's (see ``recordsPositions``).
    var records = true
    var attributes = 0
    /// Where the '<' of the tag being scanned is.
    var tagLine = 1
    var tagColumn = 1
    /// Where each '<' not yet passed by the parser is: offset, line, column.
    var tagStarts: [(offset: Int, line: Int32, column: Int32)] = []

    mutating func markupOpened(at offset: Int, line: Int, column: Int) -> Bool {
      tagLine = line
      tagColumn = column
      if records {
        tagStarts.append((offset, Int32(clamping: line), Int32(clamping: column)))
      }
      return true
    }

    mutating func markupBegan(_ kind: XMLScanner.Markup, at offset: Int) -> Bool {
      if kind == .startTag { attributes = 0 }
      return true
    }

    mutating func attributeEquals(at offset: Int) -> Bool {
      attributes += 1
      return attributes <= MarkupGuard.maximumAttributes
    }
  }

  private var firstTagStart = 0
  /// False when the parser's byte offsets will not match the file's: an
  /// input in UTF-16 or a declared encoding other than UTF-8.
  private(set) var recordsPositions = true
  /// Bytes of the input seen so far.
  private var bytesSeen = 0

  /// Line of the current position (1-based), counted over all bytes seen.
  package var line: Int { scanner.line }

  /// Scans `bytes`; returns the line and column of the offending tag if one
  /// has too many attributes.
  package mutating func scan(_ bytes: UnsafeRawBufferPointer) -> (line: Int, column: Int)? {
    if bytesSeen == 0 { checkEncoding(bytes) }
    bytesSeen += bytes.count
    if declarationPending && unsafeEncoding == nil && utf16BigEndian == nil {
      checkDeclaration(bytes)
    }
    if unsafeEncoding != nil { return nil }
    if let bigEndian = utf16BigEndian { return scanUTF16(bytes, bigEndian: bigEndian) }
    // Jumping from '<' to '<' only in UTF-8 or ASCII, where a byte 0x3C is
    // always '<'.
    recorder.tagSkipLimit = recordsPositions ? Self.shortSegment : 0
    recorder.records = recordsPositions
    return scanned(bytes)
  }

  private mutating func scanned(_ bytes: UnsafeRawBufferPointer) -> (line: Int, column: Int)? {
    guard scanner.scan(bytes, &recorder) != nil else { return nil }
    return (recorder.tagLine, recorder.tagColumn)
  }

  /// Reads every byte even where it could jump (for tests that compare the
  /// two ways).
  package var byteWise: Bool {
    get { scanner.byteWise }
    set { scanner.byteWise = newValue }
  }

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
    recorder.tagSkipLimit = 0
    recorder.records = false
    return units.withUnsafeBytes { scanned($0) }
  }

  /// Decides from the first bytes whether byte offsets will match the
  /// parser's: only for UTF-8 (with or without a byte-order mark) and ASCII.
  private mutating func checkEncoding(_ bytes: UnsafeRawBufferPointer) {
    guard let first = bytes.first else { return }
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
  package var lineStartOffset: Int { scanner.lineStart }
  /// The column just after the last byte scanned: where the input stopped,
  /// the same however it was cut into chunks.
  package var endColumn: Int { scanner.column }
  /// Where the last CR is (an offset in the input).
  package var lastCarriageReturnOffset: Int { scanner.lastCarriageReturn }
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
    guard index < recorder.tagStarts.count, recorder.tagStarts[index].offset == offset else {
      return nil
    }
    return (Int(recorder.tagStarts[index].line), Int(recorder.tagStarts[index].column))
  }

  /// Offset, line and column of the last '<' recorded before byte `offset`:
  /// for the parser's position just after a start tag, the tag's own '<' (a
  /// '<' cannot stand inside a tag).
  package func lastTag(before offset: Int) -> (offset: Int, line: Int, column: Int)? {
    guard recordsPositions else { return nil }
    let index = firstRecord(atOrAfter: offset)
    guard index > firstTagStart else { return nil }
    let tag = recorder.tagStarts[index - 1]
    return (tag.offset, Int(tag.line), Int(tag.column))
  }

  /// The index of the first kept record at or after byte `offset`
  /// (`recorder.tagStarts.count` when there is none): a binary search.
  private func firstRecord(atOrAfter offset: Int) -> Int {
    var low = firstTagStart
    var high = recorder.tagStarts.count
    while low < high {
      let middle = (low + high) / 2
      if recorder.tagStarts[middle].offset < offset { low = middle + 1 } else { high = middle }
    }
    return low
  }

  /// Forgets the tags before `offset`: the parser has passed them.
  package mutating func discard(before offset: Int) {
    while firstTagStart < recorder.tagStarts.count
      && recorder.tagStarts[firstTagStart].offset < offset
    {
      firstTagStart += 1
    }
    if firstTagStart > 4096 && firstTagStart * 2 > recorder.tagStarts.count {
      recorder.tagStarts.removeFirst(firstTagStart)
      firstTagStart = 0
    }
  }
}
