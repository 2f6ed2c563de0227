import BarrierFreeModel

/// How reports show lengths: in millimetres, or in inches as US codes give
/// them. The model and the rules always work in millimetres; a profile
/// names its system and reports convert at the edge.
public enum UnitSystem: String, Sendable, Hashable, Codable, CaseIterable {
  /// Millimetres (and m², %).
  case metric
  /// Inches for lengths, to 0.01 in; areas and slopes as in metric.
  case imperial

  /// `quantity` as this system shows it.
  public func shown(_ quantity: Quantity) -> Quantity {
    guard self == .imperial, quantity.unit == .millimetre else { return quantity }
    return Quantity(Self.inches(quantity.value), .inch)
  }

  /// `requirement` as this system shows it.
  public func shown(_ requirement: Requirement) -> Requirement {
    guard self == .imperial, requirement.unit == .millimetre else { return requirement }
    return Requirement(
      minimum: requirement.minimum.map(Self.inches), maximum: requirement.maximum.map(Self.inches),
      unit: .inch)
  }

  /// A measured value and what it must meet, as this system shows them:
  /// in inches to 0.01 in, or with more decimals where 0.01 in would make
  /// them look alike or reversed (812.7 mm against ≥ 32 in is 31.996 in,
  /// not "32 in; ≥ 32 in required" on a fail), so that the printed numbers
  /// decide as the rule did. Millimetres, per cent and m² are shown as they
  /// are, which already decide so.
  public func shown(_ measured: Quantity?, against required: Requirement?) -> (
    measured: Quantity?, required: Requirement?
  ) {
    guard self == .imperial, let measured, measured.unit == .millimetre,
      let required, required.unit == .millimetre
    else { return (measured.map(shown), required.map(shown)) }
    let digits = Self.decisiveDigits(
      measured.value, required.minimum ?? measured.value, required.maximum ?? measured.value)
    return (
      Quantity(Self.inches(measured.value, digits: digits), .inch),
      Requirement(
        minimum: required.minimum.map { Self.inches($0, digits: digits) },
        maximum: required.maximum.map { Self.inches($0, digits: digits) }, unit: .inch)
    )
  }

  /// A measured length and the length it is compared with, in this system,
  /// with as many digits as it takes for them to compare as they do in
  /// millimetres (see ``shown(_:against:)``).
  public func shown(_ measured: Double, against bound: Double) -> (Double, Double) {
    guard self == .imperial else { return (measured, bound) }
    let digits = Self.decisiveDigits(measured, bound, bound)
    return (Self.inches(measured, digits: digits), Self.inches(bound, digits: digits))
  }

  /// The fewest decimals from 2 to 6 at which `measured` in inches compares
  /// with `low` and with `high` as it does in millimetres; nil (every
  /// digit) where 6 are not enough.
  static func decisiveDigits(_ measured: Double, _ low: Double, _ high: Double) -> Int? {
    func order(_ a: Double, _ b: Double) -> Int { a < b ? -1 : (a > b ? 1 : 0) }
    let (againstLow, againstHigh) = (order(measured, low), order(measured, high))
    for digits in 2...6 {
      let shown = inches(measured, digits: digits)
      if order(shown, inches(low, digits: digits)) == againstLow
        && order(shown, inches(high, digits: digits)) == againstHigh
      {
        return digits
      }
    }
    return nil
  }

  /// A length of `millimetres` in this system's words: `900 mm`, `35.43 in`.
  public func length(_ millimetres: Double) -> String {
    "\(shown(Quantity(millimetres, .millimetre)))"
  }

  /// `text` with every length written in millimetres (`900 mm`,
  /// `1200 × 1200 mm`, `850–1050 mm`) written in this system: for remedies
  /// and messages that rules write as finished sentences.
  public func converting(_ text: String) -> String {
    guard self == .imperial, text.contains("mm") else { return text }
    let pattern = /(\d+(?:\.\d+)?)(?:(\s*[×–]\s*)(\d+(?:\.\d+)?))? ?mm\b/
    var result = ""
    var rest = text[...]
    for match in text.matches(of: pattern) {
      // A length stands alone: not inside an identifier such as 'd-900mm'
      // or a number such as 1,200, and not an area (mm²).
      let before =
        match.range.lowerBound > text.startIndex
        ? text[text.index(before: match.range.lowerBound)] : " "
      let after = match.range.upperBound < text.endIndex ? text[match.range.upperBound] : " "
      guard !(before.isLetter || before.isNumber || "_.-,'".contains(before)), after != "²"
      else { continue }
      result += text[rest.startIndex..<match.range.lowerBound]
      result += formatDecimal(Self.inches(Double(match.1) ?? 0))
      if let separator = match.2, let second = match.3 {
        result += separator + formatDecimal(Self.inches(Double(second) ?? 0))
      }
      result += " in"
      rest = text[match.range.upperBound...]
    }
    return result + rest
  }

  /// A walking distance in this system's words, to a tenth: `12.5 m`,
  /// `41 ft`.
  public func distance(_ length: Length) -> String {
    switch self {
    case .metric: "\(formatDecimal((length.metres * 10).rounded() / 10)) m"
    case .imperial:
      "\(formatDecimal((length.inches / 12 * 10).rounded() / 10)) ft"
    }
  }

  /// Millimetres in inches, to 0.01 in.
  static func inches(_ millimetres: Double) -> Double {
    inches(millimetres, digits: 2)
  }

  /// Millimetres in inches to `digits` decimals; all of them for nil.
  static func inches(_ millimetres: Double, digits: Int?) -> Double {
    let inches = Length(millimetres: millimetres).inches
    guard let digits else { return inches }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    return (inches * scale).rounded() / scale
  }
}
