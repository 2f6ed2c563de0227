import BarrierFreeModel
import BarrierFreeRules
import BarrierFreeUpgrades
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
  private let register: String?

  /// A writer of `rows` in `dialect`; with `upgrades`, a row per flat also
  /// says what it takes to reach the next class (``FlatReport/upgrade``);
  /// with `register` (a scheme's id), its category in that scheme
  /// (``FlatReport/register``).
  public init(
    rows: Rows = .flats, dialect: Dialect = .comma, upgrades: Bool = false,
    register: String? = nil
  ) {
    self.rows = rows
    self.dialect = dialect
    self.upgrades = upgrades
    self.register = register
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
          + (register.map { ["register (\($0))", "register possible"] } ?? [])
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
        if register != nil {
          row += [
            flat.register?.category ?? "", (flat.register?.possible ?? []).joined(separator: " "),
          ]
        }
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
  public static func lines(
    _ table: [[String]], header: [String], numericColumns: Set<String>, dialect: Dialect
  ) throws -> String {
    var rows = CSVRows(delimiter: dialect == .semicolon ? ";" : ",")
    let numeric = header.map(numericColumns.contains)
    for row in table {
      for (index, value) in row.enumerated() {
        let cell = cell(value, numeric: index < numeric.count && numeric[index], dialect: dialect)
        rows.field(cell.text, first: index == 0, quoted: cell.quoted)
      }
      rows.endRow()
    }
    return rows.text
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
    var text = text
    return text.withUTF8(isNumber)
  }

  /// ``isNumber(_:)`` of UTF-8 bytes.
  static func isNumber(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
    var digits = utf8[...]
    if digits.first == UInt8(ascii: "-") { digits = digits.dropFirst() }
    let parts = digits.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
    return (parts.count == 1 || parts.count == 2)
      && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
  }
}

/// RFC 4180 rows, written straight into UTF-8: a field is quoted when asked
/// or when it holds the delimiter, a quote, a carriage return or a line
/// feed, with its quotes doubled; rows end in CRLF.
///
/// Written here rather than with CSV.swift's `CSVWriter`, which the tests
/// still read the reports back with: its writer searched every field
/// through Foundation (`range(of:)`) and went through an `OutputStream`
/// and `Data` for each building, 94 % of a `--csv findings` check
/// (callgrind, 150 buildings: 67 G instructions against 2.5 G for JSON).
struct CSVRows {
  private var bytes: [UInt8] = []
  private let delimiter: UInt8

  init(delimiter: Unicode.Scalar) {
    self.delimiter = UInt8(ascii: delimiter)
    bytes.reserveCapacity(16 * 1024)
  }

  /// The rows so far.
  var text: String { String(decoding: bytes, as: UTF8.self) }

  /// Appends a field; `first` for the first of its row.
  mutating func field(_ value: String, first: Bool, quoted: Bool) {
    if !first { bytes.append(delimiter) }
    var value = value
    value.withUTF8 { utf8 in
      let quote = UInt8(ascii: "\"")
      let needsQuotes =
        quoted
        || utf8.contains { byte in
          byte == delimiter || byte == quote || byte == 0x0D || byte == 0x0A
        }
      guard needsQuotes else {
        bytes.append(contentsOf: utf8)
        return
      }
      bytes.append(quote)
      for byte in utf8 {
        if byte == quote { bytes.append(quote) }
        bytes.append(byte)
      }
      bytes.append(quote)
    }
  }

  /// Ends a row.
  mutating func endRow() {
    bytes.append(0x0D)
    bytes.append(0x0A)
  }

  /// Appends `utf8` as ``CSVReport/cell(_:numeric:dialect:)`` writes a
  /// cell, without making a string: a number in a numeric column with the
  /// dialect's decimal separator, text that a spreadsheet would run as a
  /// formula with a leading `'`, quoted.
  mutating func cell(
    _ utf8: UnsafeBufferPointer<UInt8>, first: Bool = false, numeric: Bool = false,
    decimalComma: Bool = false
  ) {
    if !first { bytes.append(delimiter) }
    if numeric, CSVReport.isNumber(utf8) {
      let start = bytes.count
      bytes.append(contentsOf: utf8)
      if decimalComma, let point = bytes[start...].firstIndex(of: 0x2E) { bytes[point] = 0x2C }
      return
    }
    let quote = UInt8(ascii: "\"")
    // The formula starts (`=`, `+`, `-`, `@`, tab, CR) are ASCII: the first
    // byte is the first scalar.
    let formula: Bool
    switch utf8.first {
    case 0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D: formula = true
    default: formula = false
    }
    let needsQuotes =
      formula
      || utf8.contains { $0 == delimiter || $0 == quote || $0 == 0x0D || $0 == 0x0A }
    guard needsQuotes else {
      bytes.append(contentsOf: utf8)
      return
    }
    bytes.append(quote)
    if formula { bytes.append(UInt8(ascii: "'")) }
    for byte in utf8 {
      if byte == quote { bytes.append(quote) }
      bytes.append(byte)
    }
    bytes.append(quote)
  }

  /// A text cell (``cell(_:first:numeric:decimalComma:)``) of `value`.
  mutating func cell(_ value: String, first: Bool = false) {
    var value = value
    value.withUTF8 { cell($0, first: first) }
  }
}

/// Bytes a message or a requirement is written into before it becomes a
/// cell (a cell is quoted or not by what it holds).
struct ByteSink: MessageSink {
  var bytes: [UInt8] = []

  mutating func write(_ text: String) { bytes.append(contentsOf: text.utf8) }
  mutating func write(number value: Double) { bytes.append(contentsOf: formatDecimal(value).utf8) }
  mutating func write(literal text: StaticString) {
    text.withUTF8Buffer { bytes.append(contentsOf: $0) }
  }
}

extension CSVReport {
  /// The rows of `building`'s findings (``Rows/findings``), written
  /// straight from its assessment: the same bytes as
  /// `building(BuildingReport(building, units: units, findings: selection))`
  /// (tested), without a report value, a string per message, or a row of
  /// strings per finding, which made a findings CSV twice the JSON report's
  /// instructions.
  public func findingRows(
    _ building: BuildingAssessment, units: UnitSystem, findings selection: FindingSelection = .all
  ) -> String {
    var writer = FindingRowWriter(units: units, dialect: dialect)
    for finding in (building.results.last?.findings ?? []).stableSorted()
    where selection.lists(finding.status) {
      writer.row(finding, building: building.id, flat: "")
    }
    for flat in building.flats {
      for finding in flat.findings.stableSorted() where selection.lists(finding.status) {
        writer.row(finding, building: building.id, flat: flat.id)
      }
    }
    return writer.rows.text
  }

  /// The rows of a quarter's outdoor paths' findings, with no building or
  /// flat: their element names the quarter (`quarter q1 › outdoorPath p1`).
  public func quarterRows(
    _ view: QuarterView, units: UnitSystem, findings selection: FindingSelection = .all
  ) -> String {
    var writer = FindingRowWriter(units: units, dialect: dialect)
    for finding in view.pathFindings.stableSorted() where selection.lists(finding.status) {
      writer.row(finding, building: "", flat: "")
    }
    return writer.rows.text
  }
}

/// Writes finding rows (``CSVReport/Rows/findings``) straight into CSV.
private struct FindingRowWriter {
  var rows: CSVRows
  private var scratch = ByteSink()
  private var paths: [UInt: (ElementPath, [UInt8])] = [:]
  private let units: UnitSystem
  private let decimalComma: Bool

  init(units: UnitSystem, dialect: CSVReport.Dialect) {
    rows = CSVRows(delimiter: dialect == .semicolon ? ";" : ",")
    self.units = units
    decimalComma = dialect == .semicolon
  }

  /// The columns of ``CSVReport``'s findings header, in its order.
  mutating func row(_ finding: Finding, building: String, flat: String) {
    rows.cell(building, first: true)
    rows.cell(flat)
    let citation = finding.citation
    rows.cell(finding.rule)
    rows.cell(finding.status.rawValue)
    rows.cell(citation.standard)
    rows.cell(citation.clause)
    // The element's full path, once per element.
    let key = finding.path.steps.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
    if paths[key]?.0 != finding.path {
      paths[key] = (finding.path, Array(PathTexts.text(finding.path.steps[...]).utf8))
    }
    paths[key]?.1.withUnsafeBufferPointer { rows.cell($0) }
    let evaluation = finding.evaluation
    scratch.bytes.removeAll(keepingCapacity: true)
    evaluation.writeMessage(in: units, to: &scratch)
    scratch.bytes.withUnsafeBufferPointer { rows.cell($0) }
    let shown = units.shown(evaluation.measured, against: evaluation.required)
    if let measured = shown.measured {
      var number = formatDecimal(measured.value)
      number.withUTF8 { rows.cell($0, numeric: true, decimalComma: decimalComma) }
    } else {
      rows.cell("")
    }
    rows.cell(shown.measured?.unit.rawValue ?? shown.required?.unit.rawValue ?? "")
    if let required = shown.required {
      scratch.bytes.removeAll(keepingCapacity: true)
      required.write(to: &scratch)
      scratch.bytes.withUnsafeBufferPointer { rows.cell($0) }
    } else {
      rows.cell("")
    }
    rows.cell(evaluation.remedy.map(units.converting) ?? "")
    rows.cell(
      Citation.confidenceLabel(
        citation.confidence?.rawValue, clauseUnsure: citation.clauseUnsure))
    rows.endRow()
  }
}
