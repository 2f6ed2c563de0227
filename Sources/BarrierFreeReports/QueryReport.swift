import BarrierFreeInventory
import BarrierFreeModel
import Foundation

/// The flats an inventory query lists (`barrierfree query`), written as
/// they come: a table in text, CSV (injection-safe, like the check's), or
/// JSON (an array of objects, keys sorted).
public final class QueryReportWriter {
  /// The formats of a query's answer.
  public enum Format: String, Sendable, CaseIterable {
    /// Aligned columns for a terminal.
    case text
    /// RFC 4180 CSV with a byte-order mark.
    case csv
    /// A JSON array of flats.
    case json
  }

  private let format: Format
  private let output: any ReportOutput
  private let dialect: CSVReport.Dialect
  private var count = 0
  private let encoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return encoder
  }()

  /// A writer of `format` to `output`.
  public init(format: Format, dialect: CSVReport.Dialect = .comma, to output: any ReportOutput) {
    self.format = format
    self.dialect = dialect
    self.output = output
  }

  private static let header = [
    "survey", "quarter", "building", "address", "flat", "number", "storey", "class", "verified",
    "verified class", "next class", "fails", "unknowns", "blocking rules", "upgrade to",
    "upgrade reaches", "upgrade blocked by", "upgrade cost low", "upgrade cost high", "register",
  ]
  private static let numeric: Set<String> = [
    "survey", "storey", "fails", "unknowns", "upgrade cost low", "upgrade cost high",
  ]

  /// The opening: CSV's header row, JSON's bracket.
  public func begin() throws {
    switch format {
    case .text: break
    case .csv:
      try output.write(
        "\u{FEFF}"
          + (try CSVReport.lines(
            [Self.header], header: Self.header, numericColumns: [], dialect: dialect)))
    case .json: try output.write("[")
    }
  }

  /// One flat.
  public func flat(_ flat: FlatListing) throws {
    defer { count += 1 }
    switch format {
    case .text:
      let storey = flat.storey.map { "storey \($0)" } ?? "storey ?"
      let verified = flat.verified ? "" : " (possibly, unverified)"
      let blocking =
        flat.blockingRules.isEmpty ? "" : "; to \(flat.nextClass ?? ""): \(flat.blockingRules)"
      let cost = Self.upgradeWords(flat)
      let number = flat.number.map { " (\($0))" } ?? ""
      let register = flat.register.map { "; register \($0)" } ?? ""
      let line = "\(flat.building) \(flat.flat)\(number), \(storey): \(flat.class)\(verified)"
      try output.write(line + blocking + cost + register + "\n")
    case .csv:
      let row: [String] = [
        String(flat.survey), flat.quarter ?? "", flat.building, flat.address ?? "", flat.flat,
        flat.number ?? "", flat.storey.map(String.init) ?? "", flat.class,
        flat.verified ? "yes" : "no", flat.verifiedClass, flat.nextClass ?? "",
        String(flat.fails), String(flat.unknowns), flat.blockingRules, flat.upgradeTarget ?? "",
        flat.upgradeReaches.map { $0 ? "yes" : "no" } ?? "", flat.upgradeBlockedBy ?? "",
        flat.upgradeCostLow.map(formatDecimal) ?? "", flat.upgradeCostHigh.map(formatDecimal) ?? "",
        flat.register ?? "",
      ]
      try output.write(
        try CSVReport.lines(
          [row], header: Self.header, numericColumns: Self.numeric, dialect: dialect))
    case .json:
      try output.write(count == 0 ? "\n" : ",\n")
      try output.write(bytes: [UInt8](try encoder.encode(flat)))
    }
  }

  /// What the upgrade takes, in words: its cost range, or that no measure
  /// reaches the next class, or that it costs nothing but measuring.
  static func upgradeWords(_ flat: FlatListing) -> String {
    guard let low = flat.upgradeCostLow, let target = flat.upgradeTarget else { return "" }
    let high = flat.upgradeCostHigh ?? low
    if flat.upgradeReaches == false {
      return "; upgrade to \(target) held up: \(flat.upgradeBlockedBy ?? "no measure reaches it")"
        + (high > 0 ? " (the rest \(range(low, high)) EUR)" : "")
    }
    if high == 0 { return "; upgrade to \(target): nothing to build" }
    return "; upgrade to \(target) \(range(low, high)) EUR"
  }

  private static func range(_ low: Double, _ high: Double) -> String {
    low == high ? formatDecimal(low) : "\(formatDecimal(low))–\(formatDecimal(high))"
  }

  /// The end: JSON's bracket, the text's count.
  public func end() throws {
    switch format {
    case .text: try output.write("\(count) flat\(count == 1 ? "" : "s")\n")
    case .csv: break
    case .json: try output.write(count == 0 ? "]\n" : "\n]\n")
    }
  }
}
