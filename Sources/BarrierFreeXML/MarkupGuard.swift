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
/// values in each start tag. One pass, a few instructions per byte; the state
/// carries across chunks. Line ends are counted as XML counts them: LF, CR,
/// and CR LF once.
struct MarkupGuard {
  /// More attributes than this on one element are refused. The format's
  /// largest element has 14; a root may add a few namespace declarations.
  static let maximumAttributes = 256

  private enum State {
    case text
    case open  // just after '<'
    case bang(Int)  // after "<!", count of '-' seen so far
    case startTag
    case quoted(UInt8)
    case otherMarkup  // a declaration or end tag, up to '>'
    case comment(Int)  // dashes seen in a row
    case instruction(Bool)  // whether the last byte was '?'
  }

  private var state = State.text
  private var attributes = 0
  /// Bytes scanned so far.
  private var offset = 0
  private var previousWasCarriageReturn = false
  /// Where each '<' not yet passed by the parser is: offset, line, column.
  private var tagStarts: [(offset: Int, line: Int32, column: Int32)] = []
  private var firstTagStart = 0
  /// False when the parser's byte offsets will not match the file's: an
  /// input in UTF-16 or a declared encoding other than UTF-8.
  private(set) var recordsPositions = true
  /// Line of the current position (1-based), counted over all bytes seen.
  private(set) var line = 1
  /// Column of the next character (1-based, in characters).
  private var column = 1
  /// Where the '<' of the tag being scanned is.
  private var tagLine = 1
  private var tagColumn = 1

  /// Scans `bytes`; returns the line and column of the offending tag if one
  /// has too many attributes.
  mutating func scan(_ bytes: UnsafeRawBufferPointer) -> (line: Int, column: Int)? {
    if offset == 0 { checkEncoding(bytes) }
    for byte in bytes {
      defer { offset += 1 }
      if byte == 0x0A {
        if !previousWasCarriageReturn { line += 1 }
        column = 1
      } else if byte == 0x0D {
        line += 1
        column = 1
      } else if byte & 0xC0 != 0x80 && !(offset < 3 && isByteOrderMark) {
        column += 1
      }
      previousWasCarriageReturn = byte == 0x0D
      switch state {
      case .text:
        if byte == UInt8(ascii: "<") {
          state = .open
          tagLine = line
          tagColumn = column - 1
          if recordsPositions {
            tagStarts.append((offset, Int32(clamping: tagLine), Int32(clamping: tagColumn)))
          }
        }
      case .open:
        switch byte {
        case UInt8(ascii: "!"): state = .bang(0)
        case UInt8(ascii: "?"): state = .instruction(false)
        case UInt8(ascii: "/"): state = .otherMarkup
        default:
          state = .startTag
          attributes = 0
        }
      case .bang(let dashes):
        if byte == UInt8(ascii: "-") {
          state = dashes == 1 ? .comment(0) : .bang(dashes + 1)
        } else {
          // A declaration or CDATA: not a start tag, nothing to count. A CDATA
          // section's text is refused by the schema; its '>' may end this
          // state early, which can only under-count.
          state = byte == UInt8(ascii: ">") ? .text : .otherMarkup
        }
      case .startTag:
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
          state = .quoted(byte)
        case UInt8(ascii: "="):
          attributes += 1
          if attributes > Self.maximumAttributes { return (tagLine, tagColumn) }
        case UInt8(ascii: ">"):
          state = .text
        default:
          break
        }
      case .quoted(let quote):
        if byte == quote { state = .startTag }
      case .otherMarkup:
        if byte == UInt8(ascii: ">") { state = .text }
      case .comment(let dashes):
        if byte == UInt8(ascii: "-") {
          state = .comment(dashes + 1)
        } else if byte == UInt8(ascii: ">") && dashes >= 2 {
          state = .text
        } else {
          state = .comment(0)
        }
      case .instruction(let sawQuestionMark):
        if byte == UInt8(ascii: ">") && sawQuestionMark {
          state = .text
        } else {
          state = .instruction(byte == UInt8(ascii: "?"))
        }
      }
    }
    return nil
  }

  private var isByteOrderMark = false

  /// Decides from the first bytes whether byte offsets will match the
  /// parser's: only for UTF-8 (with or without a byte-order mark) and ASCII.
  private mutating func checkEncoding(_ bytes: UnsafeRawBufferPointer) {
    guard let first = bytes.first else { return }
    isByteOrderMark = bytes.count >= 3 && first == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    if first == 0xFE || first == 0xFF || first == 0x00 || (bytes.count > 1 && bytes[1] == 0x00) {
      recordsPositions = false
      return
    }
    // An XML declaration naming another encoding: libxml2 converts to UTF-8
    // and counts converted bytes.
    let head = String(decoding: bytes.prefix(200), as: UTF8.self).lowercased()
    if let range = head.firstRange(of: "encoding=") {
      let value = head[range.upperBound...].dropFirst().prefix { $0 != "\"" && $0 != "'" }
      if !["utf-8", "utf8", "us-ascii", "ascii"].contains(String(value)) {
        recordsPositions = false
      }
    }
  }

  /// Line and column of the '<' at byte `offset` of the input, if recorded.
  func position(ofTagAt offset: Int) -> (line: Int, column: Int)? {
    var low = firstTagStart
    var high = tagStarts.count
    while low < high {
      let middle = (low + high) / 2
      if tagStarts[middle].offset < offset { low = middle + 1 } else { high = middle }
    }
    guard low < tagStarts.count, tagStarts[low].offset == offset else { return nil }
    return (Int(tagStarts[low].line), Int(tagStarts[low].column))
  }

  /// Forgets the tags before `offset`: the parser has passed them.
  mutating func discard(before offset: Int) {
    while firstTagStart < tagStarts.count && tagStarts[firstTagStart].offset < offset {
      firstTagStart += 1
    }
    if firstTagStart > 4096 && firstTagStart * 2 > tagStarts.count {
      tagStarts.removeFirst(firstTagStart)
      firstTagStart = 0
    }
  }
}
