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
      "\(formatDecimal((length.millimetres / Length.millimetresPerInch / 12 * 10).rounded() / 10)) ft"
    }
  }

  /// Millimetres in inches, to 0.01 in.
  static func inches(_ millimetres: Double) -> Double {
    (millimetres / Length.millimetresPerInch * 100).rounded() / 100
  }
}
