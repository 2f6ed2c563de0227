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
