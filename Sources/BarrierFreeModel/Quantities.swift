import Foundation

/// A length, kept in millimetres.
///
/// Lengths in the portfolio format are finished dimensions in millimetres.
/// Conversions to other units happen at the edges (reports, US profiles).
///
/// ```swift
/// let door = Length(millimetres: 900)
/// door.metres        // 0.9
/// door.inches        // 35.43…
/// Length.inches(36)  // 914.4 mm
/// ```
public struct Length: Sendable, Hashable, Comparable, Codable {
  /// The length in millimetres.
  public var millimetres: Double

  /// Creates a length from millimetres.
  public init(millimetres: Double) {
    self.millimetres = millimetres
  }

  /// A length of `value` millimetres.
  public static func mm(_ value: Double) -> Length { Length(millimetres: value) }
  /// A length of `value` centimetres.
  public static func cm(_ value: Double) -> Length { Length(millimetres: value * 10) }
  /// A length of `value` metres.
  public static func m(_ value: Double) -> Length { Length(millimetres: value * 1000) }
  /// A length of `value` international inches (25.4 mm).
  ///
  /// Multiplied by 254 and divided by 10, not multiplied by 25.4: 25.4 has
  /// no exact binary value, so ¾ in came out as 19.049999999999997 mm and a
  /// door measured at 19.05 mm failed a ¾ in bound it meets (so did 1.5,
  /// 17, 29, 34 and 48 in). Whole tenths of a millimetre times 10 are exact,
  /// and the one division rounds to the nearest millimetre value.
  public static func inches(_ value: Double) -> Length {
    Length(millimetres: value * 254 / 10)
  }

  /// Millimetres in one international inch.
  public static let millimetresPerInch = 25.4

  /// The length in centimetres.
  public var centimetres: Double { millimetres / 10 }
  /// The length in metres.
  public var metres: Double { millimetres / 1000 }
  /// The length in international inches.
  public var inches: Double { millimetres * 10 / 254 }

  /// Whether `lhs` is shorter than `rhs`, compared in millimetres.
  public static func < (lhs: Length, rhs: Length) -> Bool {
    lhs.millimetres < rhs.millimetres
  }

  /// The two lengths end to end.
  public static func + (lhs: Length, rhs: Length) -> Length {
    Length(millimetres: lhs.millimetres + rhs.millimetres)
  }

  /// How much longer `lhs` is than `rhs`; negative when `rhs` is longer.
  public static func - (lhs: Length, rhs: Length) -> Length {
    Length(millimetres: lhs.millimetres - rhs.millimetres)
  }
}

extension Length: CustomStringConvertible {
  /// The length as the format writes it: `900 mm`, `12.5 mm`.
  public var description: String { "\(formatDecimal(millimetres)) mm" }
}

/// A slope in per cent: rise over run × 100. 6 % is a rise of 6 cm per metre.
public struct Slope: Sendable, Hashable, Comparable, Codable {
  /// The slope in per cent.
  public var percent: Double

  /// Creates a slope from per cent.
  public init(percent: Double) {
    self.percent = percent
  }

  /// A slope of `value` per cent.
  public static func percent(_ value: Double) -> Slope { Slope(percent: value) }

  /// The slope of a run that rises `rise` over the horizontal `run`; nil when
  /// the run is zero.
  public init?(rise: Length, run: Length) {
    guard run.millimetres > 0 else { return nil }
    self.percent = rise.millimetres / run.millimetres * 100
  }

  /// The slope as a ratio of rise to run (0.06 for 6 %).
  public var ratio: Double { percent / 100 }

  /// The slope as an angle in degrees.
  public var degrees: Double { atan(ratio) * 180 / Double.pi }

  /// Whether `lhs` is gentler than `rhs`, compared in per cent.
  public static func < (lhs: Slope, rhs: Slope) -> Bool {
    lhs.percent < rhs.percent
  }
}

extension Slope: CustomStringConvertible {
  /// The slope as `6 %`.
  public var description: String { "\(formatDecimal(percent)) %" }
}

/// A slope as a standard states it, a ratio of rise to run: 1:12, 1:48.
///
/// Kept as the ratio because its percentage has no exact decimal (1:12 is
/// 8.333… %): a profile that wrote 8.33 % failed a ramp at exactly 1:12.
public struct Gradient: Sendable, Hashable, Codable {
  /// The rise: 1 of 1:12.
  public var rise: Double
  /// The horizontal run: 12 of 1:12.
  public var run: Double

  /// A ratio of `rise` to `run`; nil unless both are positive and finite.
  public init?(rise: Double, run: Double) {
    guard rise > 0, run > 0, rise.isFinite, run.isFinite else { return nil }
    self.rise = rise
    self.run = run
  }

  /// Reads `1:12` (decimals allowed on either side: `1:14.5`).
  public init?(_ text: some StringProtocol) {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2,
      parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") } }
      ),
      let rise = Double(parts[0]), let run = Double(parts[1])
    else { return nil }
    self.init(rise: rise, run: run)
  }

  /// The ratio as a slope: 1:12 is 8.333… %, to the nearest `Double`.
  public var slope: Slope { Slope(percent: rise * 100 / run) }

  /// Whether `slope` is no steeper than this ratio: percent × run ≤ 100 ×
  /// rise, so that a slope read as the ratio's percentage is at the ratio,
  /// not above a rounded one.
  public func admits(_ slope: Slope) -> Bool {
    slope.percent * run <= rise * 100
  }
}

extension Gradient: CustomStringConvertible {
  /// `1:12`.
  public var description: String { "\(formatDecimal(rise)):\(formatDecimal(run))" }
}

/// An area in square metres.
public struct Area: Sendable, Hashable, Comparable, Codable {
  /// The area in square metres.
  public var squareMetres: Double

  /// Creates an area from square metres.
  public init(squareMetres: Double) {
    self.squareMetres = squareMetres
  }

  /// An area of `value` square metres.
  public static func m2(_ value: Double) -> Area { Area(squareMetres: value) }

  /// The area of a rectangle.
  public init(width: Length, depth: Length) {
    self.squareMetres = width.metres * depth.metres
  }

  /// The area in square feet (0.09290304 m² each).
  public var squareFeet: Double { squareMetres / 0.092_903_04 }

  /// Whether `lhs` is smaller than `rhs`, compared in square metres.
  public static func < (lhs: Area, rhs: Area) -> Bool {
    lhs.squareMetres < rhs.squareMetres
  }
}

extension Area: CustomStringConvertible {
  /// The area as `54.2 m²`.
  public var description: String { "\(formatDecimal(squareMetres)) m²" }
}

/// Formats a number the way the portfolio format writes it: no exponent, no
/// trailing zeros, a point as the decimal separator, the shortest digits that
/// read back to the same `Double`. Deterministic on every platform.
public func formatDecimal(_ value: Double) -> String {
  if value == 0 { return "0" }  // also turns -0 into 0
  if value == value.rounded(), abs(value) < 1e15 {
    return String(Int64(value))
  }
  let text = "\(value)"  // shortest round-trip representation
  guard let exponentIndex = text.firstIndex(where: { $0 == "e" || $0 == "E" })
  else { return text }
  // Expand an exponent form such as 1.5e-05 into plain decimal digits.
  let mantissa = text[..<exponentIndex]
  guard let exponent = Int(text[text.index(after: exponentIndex)...]) else {
    return text
  }
  let negative = mantissa.hasPrefix("-")
  let unsigned = negative ? mantissa.dropFirst() : mantissa[...]
  let parts = unsigned.split(separator: ".", omittingEmptySubsequences: false)
  let integerDigits = String(parts[0])
  let fractionDigits = parts.count > 1 ? String(parts[1]) : ""
  var digits = integerDigits + fractionDigits
  var pointPosition = integerDigits.count + exponent
  if pointPosition <= 0 {
    digits = String(repeating: "0", count: 1 - pointPosition) + digits
    pointPosition = 1
  } else if pointPosition > digits.count {
    digits += String(repeating: "0", count: pointPosition - digits.count)
  }
  let head = digits.prefix(pointPosition)
  var tail = String(digits.dropFirst(pointPosition))
  while tail.hasSuffix("0") { tail.removeLast() }
  let body = tail.isEmpty ? String(head) : "\(head).\(tail)"
  return negative ? "-" + body : body
}
