import Foundation

/// Parsing of attribute values straight from libxml2's bytes, without a
/// `String` for numbers.
enum Values {
  /// A decimal number as the schema's `xs:decimal` writes it: optional sign,
  /// digits, optional point and digits, surrounding white space allowed. No
  /// exponent, no `NaN`, no comma. Correctly rounded for up to 15 significant
  /// digits; longer numbers go through the standard library.
  static func decimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    // Nearly every value is plain digits with at most one point, and up to
    // 15 bytes hold up to 15 digits: exact, read in one pass.
    if bytes.count <= 15 {
      var mantissa: UInt64 = 0
      var point = -1
      var plain = true
      for (index, byte) in bytes.enumerated() {
        let digit = byte &- UInt8(ascii: "0")
        if digit < 10 {
          mantissa = mantissa &* 10 &+ UInt64(digit)
        } else if byte == UInt8(ascii: ".") && point < 0 {
          point = index
        } else {
          plain = false
          break
        }
      }
      let digits = point < 0 ? bytes.count : bytes.count - 1
      if plain && digits > 0 {
        return Double(mantissa) / powersOfTen[point < 0 ? 0 : bytes.count - point - 1]
      }
    }
    var (index, end) = trimmed(bytes)
    guard index < end else { return nil }
    var negative = false
    if bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
      negative = bytes[index] == UInt8(ascii: "-")
      index += 1
    }
    var mantissa: UInt64 = 0
    var digits = 0
    var fractionDigits = 0
    var sawPoint = false
    var sawDigit = false
    var exact = true
    let start = index
    while index < end {
      let byte = bytes[index]
      if byte == UInt8(ascii: ".") {
        if sawPoint { return nil }
        sawPoint = true
      } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
        sawDigit = true
        if mantissa == 0 && byte == UInt8(ascii: "0") && !sawPoint {
          // leading zero: no significance
        } else if digits < 15 {
          mantissa = mantissa * 10 + UInt64(byte - UInt8(ascii: "0"))
          digits += 1
          if sawPoint { fractionDigits += 1 }
        } else {
          exact = false
        }
      } else {
        return nil
      }
      index += 1
    }
    guard sawDigit else { return nil }
    let value: Double
    if exact {
      value = Double(mantissa) / powersOfTen[fractionDigits]
    } else {
      let text = String(decoding: bytes[start..<end], as: UTF8.self)
      guard let parsed = Double(text), parsed.isFinite else { return nil }
      value = parsed
    }
    return negative ? -value : value
  }

  /// A whole number, surrounding white space allowed; nil when it does not fit
  /// an `Int`.
  static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    var (index, end) = trimmed(bytes)
    guard index < end else { return nil }
    var negative = false
    if bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
      negative = bytes[index] == UInt8(ascii: "-")
      index += 1
    }
    guard index < end else { return nil }
    var value = 0
    while index < end {
      let byte = bytes[index]
      guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
      let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
      let (plus, overflow2) = times.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
      if overflow1 || overflow2 { return nil }
      value = plus
      index += 1
    }
    return negative ? -value : value
  }

  /// The year of an `xs:gYear` (`2019`, `2019Z`, `2019+01:00`).
  static func year(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    var end = 0
    var index = 0
    while index < bytes.count, isSpace(bytes[index]) { index += 1 }
    end = index
    if end < bytes.count, bytes[end] == UInt8(ascii: "-") { end += 1 }
    while end < bytes.count, bytes[end] >= UInt8(ascii: "0") && bytes[end] <= UInt8(ascii: "9") {
      end += 1
    }
    return integer(UnsafeBufferPointer(rebasing: bytes[index..<end]))
  }

  /// An `xs:boolean`: true, false, 1 or 0.
  static func boolean(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
    switch token(bytes) {
    case "true", "1": true
    case "false", "0": false
    default: nil
    }
  }

  /// Whether a decimal value is below 0 ("-0" is not); false for what is no
  /// decimal at all (the schema reports that).
  static func isNegative(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let first = bytes.firstIndex(where: { !isSpace($0) }),
      bytes[first] == UInt8(ascii: "-")
    else { return false }
    return decimal(bytes).map { $0 < 0 } ?? false
  }

  /// The value as text, white space collapsed as `xs:token` does.
  static func token(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    // Fast path: no white space at the ends and no runs or tabs inside.
    var clean = !bytes.isEmpty && !isSpace(bytes[0]) && !isSpace(bytes[bytes.count - 1])
    if clean {
      var previousSpace = false
      for byte in bytes {
        let space = isSpace(byte)
        if space && (byte != 0x20 || previousSpace) || byte == UInt8(ascii: "&") {
          clean = false
          break
        }
        previousSpace = space
      }
    }
    if clean { return String(decoding: bytes, as: UTF8.self) }
    let text = string(bytes)
    return text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })
      .joined(separator: " ")
  }

  /// The value as text. libxml2 2.9's SAX2 without entity substitution hands
  /// `&amp;` over as the five characters `&#38;`: decode them here.
  static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    guard bytes.contains(UInt8(ascii: "&")) else {
      return String(decoding: bytes, as: UTF8.self)
    }
    var decoded: [UInt8] = []
    decoded.reserveCapacity(bytes.count)
    let pattern = Array("&#38;".utf8)
    var index = 0
    while index < bytes.count {
      if bytes[index] == UInt8(ascii: "&"), index + pattern.count <= bytes.count,
        bytes[index..<index + pattern.count].elementsEqual(pattern)
      {
        decoded.append(UInt8(ascii: "&"))
        index += pattern.count
      } else {
        decoded.append(bytes[index])
        index += 1
      }
    }
    return String(decoding: decoded, as: UTF8.self)
  }

  /// Whether `bytes` are an identifier of plain ASCII (false leaves the
  /// rest, non-ASCII identifiers, to ``isIdentifier(_:)``).
  static func isASCIIIdentifier(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    identifierBytes.withUnsafeBufferPointer { table in
      guard let first = bytes.first, table[Int(first)] == 1 else { return false }
      for byte in bytes where table[Int(byte)] == 0 { return false }
      return true
    }
  }

  /// For each byte: 1 for an ASCII letter, digit or '_' (may start an
  /// identifier), 2 for '.' and '-' (may follow), 0 for the rest.
  private static let identifierBytes: [UInt8] = (0...255).map { byte in
    switch UInt8(byte) {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
      1
    case UInt8(ascii: "."), UInt8(ascii: "-"): 2
    default: 0
    }
  }

  /// The Unicode composed form (NFC) of `text` when `text` is not in it.
  static func composedForm(of text: String) -> String? {
    if text.utf8.allSatisfy({ $0 < 0x80 }) { return nil }
    let composed = text.precomposedStringWithCanonicalMapping
    return composed.utf8.elementsEqual(text.utf8) ? nil : composed
  }

  /// The code points of `text` past ASCII, as "U+212A" ("ASCII" when it
  /// has none): what tells apart two spellings that look the same.
  static func codePoints(_ text: String) -> String {
    let points = text.unicodeScalars.filter { !$0.isASCII }.map {
      let hex = String($0.value, radix: 16, uppercase: true)
      return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
    return points.isEmpty ? "ASCII" : points.joined(separator: " ")
  }

  /// Whether `text` is an identifier of the format: the schema's pattern
  /// `[\p{L}\p{N}_][\p{L}\p{N}_.\-]*` (a letter, digit or `_`, then letters,
  /// digits, `_`, `.` and `-`). Checked here instead of by libxml2's regular
  /// expressions, which are slow with Unicode classes.
  static func isIdentifier(_ text: String) -> Bool {
    var first = true
    var ascii = true
    for byte in text.utf8 {
      if byte >= 0x80 {
        ascii = false
        break
      }
      let letterOrDigit =
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
        || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
        || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
      let allowed =
        letterOrDigit || (!first && (byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")))
      if !allowed { return false }
      first = false
    }
    if ascii { return !text.isEmpty }
    first = true
    for scalar in text.unicodeScalars {
      let letterOrDigit: Bool
      switch scalar.properties.generalCategory {
      case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
        .decimalNumber, .letterNumber, .otherNumber:
        letterOrDigit = true
      default:
        letterOrDigit = scalar == "_"
      }
      let allowed = letterOrDigit || (!first && (scalar == "." || scalar == "-"))
      if !allowed { return false }
      first = false
    }
    return !first
  }

  /// The bounds of `bytes` without white space at either end.
  private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> (start: Int, end: Int) {
    var start = 0
    var end = bytes.count
    while start < end, isSpace(bytes[start]) { start += 1 }
    while end > start, isSpace(bytes[end - 1]) { end -= 1 }
    return (start, end)
  }

  private static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
  }

  private static let powersOfTen: [Double] = (0...15).map { exponent in
    var value = 1.0
    for _ in 0..<exponent { value *= 10 }
    return value
  }
}
