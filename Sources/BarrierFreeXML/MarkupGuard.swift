/// A cheap scan of the raw bytes before libxml2 sees them, for what libxml2
/// 2.9 handles in quadratic time: an element with very many attributes (its
/// duplicate-attribute check compares every pair; 800,000 attributes in one
/// tag keep it busy for hours).
///
/// It follows just enough of XML to tell start tags from comments, processing
/// instructions and CDATA sections, and counts the `=` signs outside quoted
/// values in each start tag. One pass, a few instructions per byte; the state
/// carries across chunks.
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
    for byte in bytes {
      if byte == 0x0A {
        line += 1
        column = 1
      } else if byte & 0xC0 != 0x80 {
        column += 1
      }
      switch state {
      case .text:
        if byte == UInt8(ascii: "<") {
          state = .open
          tagLine = line
          tagColumn = column - 1
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
}
