import BarrierFreeModel
import BarrierFreeRules
import BarrierFreeUpgrades

/// The report as JSON Lines (Schemas/report-lines.schema.json), for jq,
/// pandas and DuckDB: one JSON object a line, each with its `type`.
///
/// - `header`: schema version, tool, profile, inputs, which findings are
///   listed, and the rules table, as in the JSON report;
/// - `building`: a building's own findings, with its `quarter` (null
///   outside one), before its flats;
/// - `flat`: one a flat, with its `building` and `quarter`, as the JSON
///   report writes a flat;
/// - `quarter`: a quarter's view, after its buildings;
/// - `summary`: the counts, last. A report without it is incomplete: a run
///   that fails part way ends with an `incomplete` line instead.
///
/// Every line is written as it is made, so memory does not grow with the
/// portfolio.
final class JSONLinesReportWriter: ReportWriter {
  private let header: ReportHeader
  private let encoder: CompactJSON
  private let output: any ReportOutput
  private let upgrades: UpgradeContext?
  private let registers: RegisterContext?

  init(
    header: ReportHeader, upgrades: UpgradeContext? = nil, registers: RegisterContext? = nil,
    output: any ReportOutput
  ) {
    self.header = header
    encoder = CompactJSON(rules: header.rules, units: header.units, findings: header.findings)
    self.upgrades = upgrades
    self.registers = registers
    self.output = output
  }

  var numbersBuildings: Bool { false }

  func begin() throws {
    var text = JSONText(capacity: 16 * 1024)
    text.raw("{\"type\":\"header\",")
    text.compactHeaderFields(header)
    text.raw("}\n")
    try output.write(text.text)
  }

  func renderer() -> @Sendable (BuildingAssessment, Int) throws -> [UInt8] {
    let encoder = encoder
    let upgrades = upgrades
    let registers = registers
    return { assessment, _ in
      encoder.lines(
        assessment, upgrades: upgrades?.upgrades(for: assessment),
        registers: registers.map { context in
          context.categories(for: assessment).mapValues { context.entry($0) }
        })
    }
  }

  func building(_ part: [UInt8]) throws { try output.write(bytes: part) }

  func quarter(_ view: QuarterView) throws {
    var text = JSONText(capacity: 4 * 1024)
    text.quarter(view, units: header.units, compact: encoder, type: true)
    text.raw("\n")
    try output.write(text.text)
  }

  func end(_ summary: ReportSummary) throws {
    var text = JSONText(capacity: 1024)
    text.raw("{\"type\":\"summary\",")
    text.summaryFields(summary, fixFirst: true)
    text.raw("}\n")
    try output.write(text.text)
  }

  /// A last line that says the report is incomplete, in place of the
  /// summary.
  func endIncomplete(_ note: String) throws {
    var text = JSONText(capacity: 1024)
    text.raw("{\"type\":\"incomplete\",\"note\":")
    text.string(note)
    text.raw("}\n")
    try output.write(text.text)
  }
}

extension CompactJSON {
  /// `building` as JSON Lines: a `building` line, then a `flat` line for
  /// each flat.
  public func lines(
    _ building: BuildingAssessment, upgrades: [String: FlatUpgrade]? = nil,
    registers: [String: FlatRegister]? = nil
  ) -> [UInt8] {
    var text = JSONText(capacity: 32 * 1024)
    var cache = CompactPieces()
    text.raw("{\"type\":\"building\",\"id\":")
    text.string(building.id)
    text.raw(",\"quarter\":")
    text.string(building.quarter)
    text.raw(",\"name\":")
    text.string(building.name)
    text.raw(",\"address\":")
    text.string(BuildingReport.addressText(building.address))
    text.raw(",\"findings\":")
    _ = text.compactFindings(
      building.results.last?.findings ?? [], encoder: self, cache: &cache)
    text.raw("}\n")
    for flat in building.flats {
      text.raw("{\"type\":\"flat\",\"building\":")
      text.string(building.id)
      text.raw(",\"quarter\":")
      text.string(building.quarter)
      text.raw(",")
      text.compactFlat(
        flat, upgrade: upgrades.map { $0[flat.id] }, register: registers.map { $0[flat.id] },
        encoder: self, cache: &cache, open: false)
      text.raw("\n")
    }
    return text.bytes
  }
}
