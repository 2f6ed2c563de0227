import BarrierFreeModel
import BarrierFreeRules
import BarrierFreeUpgrades
import CSV
import Foundation

/// Writes a report as CSV (RFC 4180: comma-separated, CRLF line ends,
/// fields quoted where needed), UTF-8 with a byte-order mark so that
/// spreadsheets read umlauts right. One row per flat, or with `findings` one
/// row per finding. Streams: the header row, then each building's rows.
///
/// Every cell passes through `cell(_:numeric:dialect:)`: a text cell that a
/// spreadsheet would run as a formula (one starting with `=`, `+`, `-`, `@`,
/// a tab or a carriage return) gets a leading `'` and quotes, as OWASP
/// recommends against CSV injection. Only the numbers the report computes
/// itself (storey, counts, measured values) go out unprefixed, so that a
/// negative storey stays a number.
public struct CSVReport: Sendable {
  /// What a row is.
  public enum Rows: String, Sendable, CaseIterable {
    /// One row per flat.
    case flats
    /// One row per finding of the checked profile (flats' and buildings').
    case findings
  }

  /// How cells are separated and decimals written.
  public enum Dialect: String, Sendable, CaseIterable {
    /// RFC 4180: commas between cells, a decimal point.
    case comma
    /// Semicolons between cells and a decimal comma in numeric cells: what
    /// Excel and LibreOffice in German (and most continental European)
    /// locales open as columns and numbers.
    case semicolon
  }

  private let rows: Rows
  private let dialect: Dialect
  private let upgrades: Bool

  /// A writer of `rows` in `dialect`; with `upgrades`, a row per flat also
  /// says what it takes to reach the next class (``FlatReport/upgrade``).
  public init(rows: Rows = .flats, dialect: Dialect = .comma, upgrades: Bool = false) {
    self.rows = rows
    self.dialect = dialect
    self.upgrades = upgrades
  }

  /// The columns whose cells are numbers the report computes (storeys,
  /// counts, measured values); every other cell is text, however it looks.
  /// Named, not numbered, so that a new column cannot shift them.
  private static let numericColumns: Set<String> = [
    "level", "fails", "unknowns", "measured", "upgrade cost low", "upgrade cost high",
  ]

  /// The byte-order mark and the header row.
  public func begin() throws -> String {
    "\u{FEFF}" + (try lines([header]))
  }

  /// The column names.
  private var header: [String] {
    let header =
      switch rows {
      case .flats:
        [
          "building", "address", "flat", "number", "level", "class", "verified",
          "verified class", "next class", "fails", "unknowns", "blocking rules", "route",
        ]
          + (upgrades
            ? [
              "upgrade to", "upgrade reaches", "upgrade cost low", "upgrade cost high",
              "from prices", "survey needed", "measures", "funding", "upgrade blocked by",
            ] : [])
      case .findings:
        [
          "building", "flat", "rule", "status", "standard", "clause", "element", "message",
          "measured", "unit", "required", "remedy", "confidence",
        ]
      }
    return header
  }

  /// One building's rows.
  public func building(_ building: BuildingReport) throws -> String {
    var table: [[String]] = []
    switch rows {
    case .flats:
      for flat in building.flats {
        var row: [String] = [
          building.id, building.address ?? "", flat.id, flat.number ?? "",
          flat.storey.map(String.init) ?? "", flat.class, flat.verified ? "yes" : "no",
          flat.verifiedClass, flat.nextClass ?? "",
          String(flat.findings.count { $0.status == .fail }),
          String(flat.findings.count { $0.status == .unknown }),
          flat.blockingRules.joined(separator: " "), (flat.route ?? []).joined(separator: " → "),
        ]
        if upgrades { row += Self.upgradeCells(flat.upgrade) }
        table.append(row)
      }
    case .findings:
      for finding in building.findings {
        table.append(Self.row(building.id, "", finding))
      }
      for flat in building.flats {
        for finding in flat.findings {
          table.append(Self.row(building.id, flat.id, finding))
        }
      }
    }
    return table.isEmpty ? "" : try lines(table)
  }

  /// The upgrade columns of a flat's row; empty cells at the top class.
  private static func upgradeCells(_ upgrade: FlatUpgrade?) -> [String] {
    guard let upgrade else { return Array(repeating: "", count: 9) }
    return [
      upgrade.target, upgrade.reaches ? "yes" : "no", formatDecimal(upgrade.costLow.rounded()),
      formatDecimal(upgrade.costHigh.rounded()), upgrade.fromPrices ? "yes" : "no",
      upgrade.surveyNeeded ? "yes" : "no", upgrade.measures.joined(separator: " "),
      upgrade.funding.joined(separator: "; "), upgrade.blockedBy,
    ]
  }

  private static func row(_ building: String, _ flat: String, _ finding: FindingReport)
    -> [String]
  {
    [
      building, flat, finding.rule, finding.status.rawValue, finding.standard, finding.clause,
      finding.element, finding.message, finding.measured.map { formatDecimal($0.value) } ?? "",
      finding.measured?.unit ?? finding.required?.unit ?? "", finding.required?.text ?? "",
      finding.remedy ?? "", finding.confidenceLabel,
    ]
  }

  /// Rows as CSV text, each ending in CRLF.
  private func lines(_ table: [[String]]) throws -> String {
    try Self.lines(table, header: header, numericColumns: Self.numericColumns, dialect: dialect)
  }

  /// Rows as CSV text in `dialect`, each ending in CRLF; the cells of the
  /// columns `header` names in `numericColumns` go out as numbers when they
  /// are numbers, every other cell as text (`cell(_:numeric:dialect:)`).
  static func lines(
    _ table: [[String]], header: [String], numericColumns: Set<String>, dialect: Dialect
  ) throws -> String {
    let stream = OutputStream.toMemory()
    let delimiter =
      switch dialect {
      case .comma: ","
      case .semicolon: ";"
      }
    let writer = try CSVWriter(stream: stream, delimiter: delimiter, newline: .crlf)
    let numeric = header.map(numericColumns.contains)
    for row in table {
      writer.beginNewRow()
      for (index, value) in row.enumerated() {
        let cell = cell(value, numeric: index < numeric.count && numeric[index], dialect: dialect)
        try writer.write(field: cell.text, quoted: cell.quoted)
      }
    }
    stream.close()
    guard let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else {
      throw CSVError.cannotWriteStream
    }
    return String(decoding: data, as: UTF8.self) + "\r\n"
  }

  /// What is written for `value`, and whether it must be quoted (the writer
  /// quotes by itself what holds a delimiter, a quote or a line break). A
  /// cell of a numeric column is written as a number only if it is one,
  /// with the dialect's decimal separator; anything else is text, and text
  /// a spreadsheet would evaluate starts with `'`, quoted.
  static func cell(_ value: String, numeric: Bool, dialect: Dialect) -> (
    text: String, quoted: Bool
  ) {
    if numeric, Self.isNumber(value) {
      return (dialect == .semicolon ? value.replacing(".", with: ",") : value, false)
    }
    guard let first = value.unicodeScalars.first, Self.formulaStarts.contains(first) else {
      return (value, false)
    }
    return ("'" + value, true)
  }

  /// The first characters that make a spreadsheet read a cell as a formula
  /// (OWASP, CSV injection).
  private static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

  /// Whether `text` is a decimal number as the report writes them: an
  /// optional minus, digits, and optionally a point and digits.
  private static func isNumber(_ text: String) -> Bool {
    var digits = text.utf8[...]
    if digits.first == UInt8(ascii: "-") { digits = digits.dropFirst() }
    let parts = digits.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
    return (parts.count == 1 || parts.count == 2)
      && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
  }
}
