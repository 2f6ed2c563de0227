extension StringProtocol {
  /// The text as one line for a person to read, with nothing that acts
  /// unseen: line breaks (`\n`, `\r`, U+0085, U+2028, U+2029), the other
  /// C0 and C1 controls and DEL, and the bidirectional formatting
  /// characters (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069)
  /// written as escapes: `\n`, `\r`, `\t`, and `\u{1B}`, `\u{202E}` for
  /// the rest.
  ///
  /// Survey data and profiles are text from outside. Shown raw, a line
  /// break in an address forges a line of its own in a report or on
  /// standard error (a fake `file:1:1: error:`), an escape sequence
  /// drives the terminal, and a right-to-left override shows text
  /// reversed. Every report for people and every diagnostic passes its
  /// values, or its finished lines, through this. A backslash stays as it
  /// is: a value that spells `\n` reads the same as an escaped break, but
  /// cannot break the line.
  public var escapedForOneLine: String {
    // Most values are plain ASCII: one pass over the bytes clears them.
    guard utf8.contains(where: { $0 < 0x20 || $0 >= 0x7F }),
      unicodeScalars.contains(where: \.isHiddenInOneLine)
    else { return String(self) }
    var result = ""
    result.reserveCapacity(utf8.count + 8)
    for scalar in unicodeScalars {
      guard scalar.isHiddenInOneLine else {
        result.unicodeScalars.append(scalar)
        continue
      }
      switch scalar {
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      default: result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
      }
    }
    return result
  }
}

extension String {
  /// ``StringProtocol/escapedForOneLine`` for a string, which first scans
  /// its UTF-8 bytes for anything hidden: most values are clean, and the
  /// generic check went through the scalars of every value that was not
  /// plain ASCII (`≥`, `×`, `›` are in most messages and paths), a quarter
  /// of an HTML report's instructions (callgrind).
  public var escapedForOneLine: String {
    var copy = self
    let clean = copy.withUTF8(Self.isOneLine)
    return clean ? self : Substring(self).escapedForOneLine
  }

  /// Whether `bytes` (UTF-8) hold none of the scalars that
  /// `isHiddenInOneLine` names: C0 controls and DEL (one byte), C1 controls
  /// (`C2 80`–`C2 9F`), U+061C (`D8 9C`), U+200E, U+200F, U+2028–U+202E
  /// (`E2 80 8E`, `8F`, `A8`–`AE`) and U+2066–U+2069 (`E2 81 A6`–`A9`).
  static func isOneLine(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var index = 0
    let count = bytes.count
    while index < count {
      let byte = bytes[index]
      if byte < 0x80 {
        if byte < 0x20 || byte == 0x7F { return false }
        index += 1
        continue
      }
      let next = index + 1 < count ? bytes[index + 1] : 0
      switch byte {
      case 0xC2 where next >= 0x80 && next <= 0x9F: return false
      case 0xD8 where next == 0x9C: return false
      case 0xE2 where next == 0x80 || next == 0x81:
        let third = index + 2 < count ? bytes[index + 2] : 0
        if next == 0x80 && (third == 0x8E || third == 0x8F || (third >= 0xA8 && third <= 0xAE)) {
          return false
        }
        if next == 0x81 && third >= 0xA6 && third <= 0xA9 { return false }
      default: break
      }
      index += 1
    }
    return true
  }
}

extension Unicode.Scalar {
  /// Whether the scalar breaks a line, controls a terminal or reorders
  /// text when shown: C0 and C1 controls, DEL, the line and paragraph
  /// separators, and the bidirectional marks, embeddings, overrides and
  /// isolates.
  fileprivate var isHiddenInOneLine: Bool {
    switch value {
    case 0x00...0x1F, 0x7F...0x9F: true
    case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
    case 0x2028, 0x2029: true
    default: false
    }
  }
}
