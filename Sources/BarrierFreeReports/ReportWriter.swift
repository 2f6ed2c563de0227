import BarrierFreeModel
import BarrierFreeRules
import BarrierFreeUpgrades

/// Where a report's text goes: a file, standard output, a string.
///
/// A writer appends its pieces in order and never reads them back; what
/// happens to a report that ends badly (a file left as it was, say) is the
/// output's business.
public protocol ReportOutput: AnyObject {
  /// Appends `text` to the report.
  func write(_ text: String) throws

  /// Appends UTF-8 `bytes` to the report (a JSON report's buildings); an
  /// output that ``takesBytes`` keeps any bytes as they are (a
  /// spreadsheet's).
  func write(bytes: [UInt8]) throws

  /// Whether ``write(bytes:)`` keeps bytes that are not UTF-8 text as they
  /// are: binary formats (xlsx) are written only to such an output.
  var takesBytes: Bool { get }
}

extension ReportOutput {
  /// Appends the UTF-8 `bytes` as text.
  public func write(bytes: [UInt8]) throws {
    try write(String(decoding: bytes, as: UTF8.self))
  }

  /// False: text only, unless the output says otherwise.
  public var takesBytes: Bool { false }
}

/// A report kept in memory as bytes, for a caller that wants a binary
/// format (an .xlsx spreadsheet) or the exact bytes of a text one.
public final class BytesOutput: ReportOutput {
  /// What has been written so far.
  public private(set) var bytes: [UInt8] = []

  /// An empty output.
  public init() {}

  /// Appends the UTF-8 of `text`.
  public func write(_ text: String) throws { bytes.append(contentsOf: text.utf8) }

  /// Appends `bytes` as they are.
  public func write(bytes: [UInt8]) throws { self.bytes.append(contentsOf: bytes) }

  /// True: any bytes are kept.
  public var takesBytes: Bool { true }
}

/// A report kept in memory, for a caller that wants it as a string.
public final class StringOutput: ReportOutput {
  /// What has been written so far.
  public private(set) var text = ""

  /// An empty output.
  public init() {}

  /// Appends `text`.
  public func write(_ text: String) throws {
    self.text += text
  }
}

/// One report format being written to a ``ReportOutput``: the opening, one
/// building at a time, each quarter as it ends, and the summary.
///
/// Writing a building has two halves, so that buildings can be rendered in
/// parallel and the report still comes out the same, byte for byte: the
/// ``renderer()`` turns an assessment into a ``Part`` (pure, safe on any
/// thread), and ``building(_:)`` appends the parts in input order.
///
/// ```swift
/// let writer = ReportFormat.json.writer(header: header, to: output)
/// try writer.begin()
/// try writer.building(assessment)
/// try writer.end(ReportSummary(summary, ladder: header.profile.ladder))
/// ```
public protocol ReportWriter: AnyObject {
  /// A building's rendering: what ``renderer()`` makes on a worker thread.
  associatedtype Part: Sendable

  /// Whether a building's part depends on the building's number in the
  /// report (the HTML report's anchors): then the buildings of a file must
  /// be numbered by one reader, in order, before they are rendered.
  var numbersBuildings: Bool { get }

  /// Writes the opening of the report (nothing for formats without one).
  func begin() throws

  /// What turns a building into its part: safe to call on any thread. The
  /// closure gets the building's index in the input being read (0 for its
  /// first); the renderer is made anew for each input, after the buildings
  /// of the inputs before it are added.
  func renderer() -> @Sendable (BuildingAssessment, Int) throws -> Part

  /// Appends a building's part; parts must come in input order.
  func building(_ part: Part) throws

  /// Takes a quarter's view, after the quarter's last building.
  func quarter(_ view: QuarterView) throws

  /// Writes the summary and the end of the report.
  func end(_ summary: ReportSummary) throws

  /// Ends a report that covers only part of its inputs with `note`, which
  /// says so, in the format's own way; formats that cannot say it in their
  /// text (JSON, CSV, HTML) write nothing, so that no reader takes the
  /// report for a finished one.
  func endIncomplete(_ note: String) throws
}

extension ReportWriter {
  /// Renders and appends one building, on the calling thread.
  public func building(_ assessment: BuildingAssessment) throws {
    try building(renderer()(assessment, 0))
  }
}

/// The formats a report can be written in.
public enum ReportFormat: String, Sendable, Hashable, CaseIterable {
  /// Plain text for a terminal: each flat's class, blockers and unknowns.
  case text
  /// JSON (Schemas/report.schema.json).
  case json
  /// CSV, a row per flat or per finding (``ReportOptions/csvRows``).
  case csv
  /// Markdown.
  case md
  /// One self-contained HTML page.
  case html
  /// JSON Lines (Schemas/report-lines.schema.json): a header line, a line
  /// per building and per flat, the quarters' views, a summary line.
  case jsonl
  /// An .xlsx spreadsheet: sheets for the summary, flats, findings,
  /// buildings and quarters; binary, so only to an output that
  /// ``ReportOutput/takesBytes``.
  case xlsx
  /// A SQLite database of one survey (Schemas/inventory.sql): buildings,
  /// flats, findings and rules as tables, views for the common questions;
  /// binary, so only to an output that ``ReportOutput/takesBytes``.
  /// `barrierfree inventory add` keeps several surveys in one database.
  case sqlite

  /// A writer of this format for the check `header` describes, writing to
  /// `output`; lengths are shown in the header's units (the checked
  /// profile's).
  public func writer(
    header: ReportHeader, options: ReportOptions = ReportOptions(), to output: any ReportOutput
  ) -> any ReportWriter {
    switch self {
    case .text: TextReportWriter(header: header, options: options, output: output)
    case .json:
      options.jsonVersion == 1
        ? JSONReportWriter(
          header: header, upgrades: options.upgrades, registers: options.registers,
          output: output)
        : CompactJSONReportWriter(
          header: header, upgrades: options.upgrades, registers: options.registers,
          output: output)
    case .csv: CSVReportWriter(header: header, options: options, output: output)
    case .md:
      MarkdownReportWriter(
        header: header, upgrades: options.upgrades, registers: options.registers, output: output)
    case .html:
      HTMLReportWriter(
        header: header, upgrades: options.upgrades, registers: options.registers, output: output)
    case .jsonl:
      JSONLinesReportWriter(
        header: header, upgrades: options.upgrades, registers: options.registers, output: output)
    case .xlsx:
      XLSXReportWriter(
        header: header, upgrades: options.upgrades, registers: options.registers, output: output)
    case .sqlite: InventoryReportWriter(header: header, options: options, output: output)
    }
  }
}

/// The choices that shape a report beyond its format.
public struct ReportOptions: Sendable, Hashable {
  /// The text report: at most this many unknowns per flat.
  public var maxUnknowns = 10
  /// The text report: only the summary.
  public var quiet = false
  /// The CSV report: a row per flat or per finding.
  public var csvRows: CSVReport.Rows = .flats
  /// The CSV report: commas and decimal points, or semicolons and decimal
  /// commas.
  public var csvDialect: CSVReport.Dialect = .comma
  /// What it takes to lift each flat to its next class, in every format;
  /// nil: not in the report.
  public var upgrades: UpgradeContext?
  /// Each flat's category in a housing register's scheme, in every format;
  /// nil: not in the report.
  public var registers: RegisterContext?
  /// The JSON report's schema version: 2 (the default: header and summary
  /// first, a rules table, compact findings) or 1 (every finding whole,
  /// the summary last), for readers not yet moved to 2.
  public var jsonVersion = 2
  /// The SQLite report and the inventory: the date of the survey
  /// (YYYY-MM-DD); nil: not recorded.
  public var surveyed: String?
  /// The SQLite report and the inventory: a name for the survey.
  public var surveyLabel: String?

  /// The defaults: ten unknowns per flat, every building, a row per flat
  /// with commas.
  public init() {}
}

/// The text report (``TextReport``) as a ``ReportWriter``.
final class TextReportWriter: ReportWriter {
  private let report: TextReport
  private let header: ReportHeader
  private let quiet: Bool
  private let output: any ReportOutput

  private let upgrades: UpgradeContext?

  init(header: ReportHeader, options: ReportOptions, output: any ReportOutput) {
    report = TextReport(header: header, maxUnknowns: options.maxUnknowns)
    self.header = header
    quiet = options.quiet
    upgrades = options.upgrades
    registers = options.registers
    self.output = output
  }

  private let registers: RegisterContext?

  var numbersBuildings: Bool { false }

  func begin() throws {}

  func renderer() -> @Sendable (BuildingAssessment, Int) throws -> String {
    let report = report
    let units = header.units
    let selection = header.findings
    // -q prints only the summary: no building to make.
    if quiet { return { _, _ in "" } }
    let upgrades = upgrades
    let registers = registers
    return { assessment, _ in
      report.building(
        BuildingReport(
          assessment, units: units, findings: selection,
          upgrades: upgrades?.upgrades(for: assessment) ?? [:], registers: registers))
    }
  }

  func building(_ part: String) throws { try output.write(part) }

  func quarter(_ view: QuarterView) throws {
    if !quiet { try output.write(report.quarter(view)) }
  }

  func end(_ summary: ReportSummary) throws {
    try output.write(report.summary(summary, fixFirst: !quiet))
  }

  func endIncomplete(_ note: String) throws { try output.write("\n" + note + "\n") }
}

/// The JSON report (``JSONReport``) as a ``ReportWriter``: buildings are
/// encoded straight from their assessments, quarters kept aside until the
/// end, where the format puts them.
final class JSONReportWriter: ReportWriter {
  private var json = JSONReport()
  private let header: ReportHeader
  private let quarters: JSONQuarters
  private let output: any ReportOutput

  private let upgrades: UpgradeContext?
  private let registers: RegisterContext?

  init(
    header: ReportHeader, upgrades: UpgradeContext? = nil, registers: RegisterContext? = nil,
    output: any ReportOutput
  ) {
    self.header = header
    quarters = JSONQuarters(units: header.units)
    self.upgrades = upgrades
    self.registers = registers
    self.output = output
  }

  var numbersBuildings: Bool { false }

  func begin() throws { try output.write(json.begin(header)) }

  func renderer() -> @Sendable (BuildingAssessment, Int) throws -> [UInt8] {
    let units = header.units
    let selection = header.findings
    let upgrades = upgrades
    let registers = registers
    return { assessment, _ in
      JSONReport.encode(
        assessment, units: units, findings: selection,
        upgrades: upgrades?.upgrades(for: assessment),
        registers: registers.map { context in
          context.categories(for: assessment).mapValues { context.entry($0) }
        })
    }
  }

  func building(_ part: [UInt8]) throws {
    try output.write(json.separator())
    try output.write(bytes: part)
  }

  func quarter(_ view: QuarterView) throws { try quarters.add(view) }

  func end(_ summary: ReportSummary) throws {
    try json.end(quarters: quarters, summary: summary) { try output.write($0) }
  }

  /// Leaves the document unclosed: no JSON parser takes it for a report.
  func endIncomplete(_ note: String) throws {}
}

/// The JSON report of schema version 2 as a ``ReportWriter``: the header,
/// summary and rules table come first, so the buildings are kept aside (in
/// memory up to a few megabytes, in a temporary file beyond) until the
/// summary is known; a run that ends early writes nothing.
final class CompactJSONReportWriter: ReportWriter {
  private let header: ReportHeader
  private let encoder: CompactJSON
  private let buildings = Spool()
  private var count = 0
  private let quarters: JSONQuarters
  private let output: any ReportOutput
  private let upgrades: UpgradeContext?
  private let registers: RegisterContext?

  init(
    header: ReportHeader, upgrades: UpgradeContext? = nil, registers: RegisterContext? = nil,
    output: any ReportOutput
  ) {
    self.header = header
    encoder = CompactJSON(rules: header.rules, units: header.units, findings: header.findings)
    quarters = JSONQuarters(compact: encoder)
    self.upgrades = upgrades
    self.registers = registers
    self.output = output
  }

  var numbersBuildings: Bool { false }

  func begin() throws {}

  func renderer() -> @Sendable (BuildingAssessment, Int) throws -> [UInt8] {
    let encoder = encoder
    let upgrades = upgrades
    let registers = registers
    return { assessment, _ in
      encoder.encode(
        assessment, upgrades: upgrades?.upgrades(for: assessment),
        registers: registers.map { context in
          context.categories(for: assessment).mapValues { context.entry($0) }
        })
    }
  }

  func building(_ part: [UInt8]) throws {
    try buildings.append(count == 0 ? "\n" : ",\n")
    try buildings.append(bytes: part)
    count += 1
  }

  func quarter(_ view: QuarterView) throws { try quarters.add(view) }

  func end(_ summary: ReportSummary) throws {
    var text = JSONText(capacity: 8 * 1024)
    text.compactHeader(header, summary: summary)
    try output.write(text.text)
    try buildings.drain { try output.write($0) }
    try output.write("\n],\n\"quarters\":[")
    try quarters.drain { try output.write($0) }
    try output.write("]\n}\n")
  }

  /// Writes nothing: no JSON parser takes a part for a report.
  func endIncomplete(_ note: String) throws {}
}

/// The CSV report (``CSVReport``) as a ``ReportWriter``.
final class CSVReportWriter: ReportWriter {
  private let table: CSVReport
  private let header: ReportHeader
  private let output: any ReportOutput
  /// Whether the header row is written.
  private var begun = false

  init(header: ReportHeader, options: ReportOptions, output: any ReportOutput) {
    table = CSVReport(
      rows: options.csvRows, dialect: options.csvDialect, upgrades: options.upgrades != nil,
      register: options.registers?.scheme.id)
    rows = options.csvRows
    self.header = header
    upgrades = options.upgrades
    registers = options.registers
    self.output = output
  }

  private let upgrades: UpgradeContext?
  private let registers: RegisterContext?
  private let rows: CSVReport.Rows

  var numbersBuildings: Bool { false }

  /// Nothing yet: the header row comes with the first building (see
  /// `beginTable`).
  func begin() throws {}

  func renderer() -> @Sendable (BuildingAssessment, Int) throws -> String {
    let table = table
    let units = header.units
    let selection = header.findings
    let upgrades = upgrades
    let registers = registers
    if rows == .findings {
      return { assessment, _ in table.findingRows(assessment, units: units, findings: selection) }
    }
    return { assessment, _ in
      try table.building(
        BuildingReport(
          assessment, units: units, findings: selection,
          upgrades: upgrades?.upgrades(for: assessment) ?? [:], registers: registers))
    }
  }

  func building(_ part: String) throws {
    try beginTable()
    try output.write(part)
  }

  /// With a row per finding, the quarter's outdoor paths' findings.
  func quarter(_ view: QuarterView) throws {
    guard rows == .findings else { return }
    let text = table.quarterRows(view, units: header.units, findings: header.findings)
    guard !text.isEmpty else { return }
    try beginTable()
    try output.write(text)
  }

  func end(_ summary: ReportSummary) throws { try beginTable() }

  /// Nothing: a CSV has no place to say that it is incomplete.
  func endIncomplete(_ note: String) throws {}

  /// Writes the header row once, before the first building's rows (or at
  /// the end of a run without rows): a CSV has no place to say that a run
  /// failed, so one that fails before its first building writes nothing,
  /// not a header that looks like an empty result.
  private func beginTable() throws {
    guard !begun else { return }
    begun = true
    try output.write(table.begin())
  }
}

/// The Markdown report (``MarkdownReport``) as a ``ReportWriter``.
final class MarkdownReportWriter: ReportWriter {
  private let markdown: MarkdownReport
  private let header: ReportHeader
  private let output: any ReportOutput
  /// The buildings and the quarters, kept aside until the summary, which
  /// comes first, is known.
  private let buildings = Spool()
  private let quarters = Spool()

  private let upgrades: UpgradeContext?
  private let registers: RegisterContext?

  init(
    header: ReportHeader, upgrades: UpgradeContext? = nil, registers: RegisterContext? = nil,
    output: any ReportOutput
  ) {
    markdown = MarkdownReport(header: header)
    self.header = header
    self.upgrades = upgrades
    self.registers = registers
    self.output = output
  }

  var numbersBuildings: Bool { false }

  func begin() throws {}

  func renderer() -> @Sendable (BuildingAssessment, Int) throws -> String {
    let markdown = markdown
    let units = header.units
    let selection = header.findings
    let upgrades = upgrades
    let registers = registers
    return { assessment, _ in
      markdown.building(
        BuildingReport(
          assessment, units: units, findings: selection,
          upgrades: upgrades?.upgrades(for: assessment) ?? [:], registers: registers))
    }
  }

  func building(_ part: String) throws { try buildings.append(part) }

  func quarter(_ view: QuarterView) throws {
    try quarters.append(markdown.quarter(view, units: header.units))
  }

  func end(_ summary: ReportSummary) throws {
    try output.write(markdown.begin(header))
    try output.write(markdown.end(summary, ladder: header.profile.ladder))
    try output.write(markdown.fixFirst(summary.fixFirst))
    try buildings.drain { try output.write($0) }
    try quarters.drain { try output.write($0) }
  }

  /// The buildings read so far, without a summary, and the note that says
  /// why.
  func endIncomplete(_ note: String) throws {
    try output.write(markdown.begin(header))
    try output.write("**" + note + "**\n\n")
    try buildings.drain { try output.write($0) }
    try quarters.drain { try output.write($0) }
    try output.write("**" + note + "**\n")
  }
}

/// The HTML report (``HTMLReport``) as a ``ReportWriter``: the page is put
/// together at the end, from rows and sections kept aside as they come.
final class HTMLReportWriter: ReportWriter {
  private let html: HTMLReport
  private let header: ReportHeader
  private let output: any ReportOutput
  /// The buildings added so far, across all inputs: the next one's number.
  private var added = 0

  private let upgrades: UpgradeContext?
  private let registers: RegisterContext?

  init(
    header: ReportHeader, upgrades: UpgradeContext? = nil, registers: RegisterContext? = nil,
    output: any ReportOutput
  ) {
    html = HTMLReport(header: header)
    self.header = header
    self.upgrades = upgrades
    self.registers = registers
    self.output = output
  }

  /// Buildings are numbered across all inputs (the page's anchors).
  var numbersBuildings: Bool { true }

  func begin() throws {}

  func renderer() -> @Sendable (BuildingAssessment, Int) throws -> HTMLReport.Rendered {
    let renderer = html.renderer
    let units = header.units
    let selection = header.findings
    let first = added
    let upgrades = upgrades
    let registers = registers
    return { assessment, index in
      // The page shows passes as counts: no report is made of each.
      renderer.render(
        BuildingReport(
          assessment, units: units, findings: .open,
          upgrades: upgrades?.upgrades(for: assessment) ?? [:], registers: registers),
        index: first + index, passes: PassCount.of(assessment))
    }
  }

  func building(_ part: HTMLReport.Rendered) throws {
    added += 1
    try html.add(part)
  }

  func quarter(_ view: QuarterView) throws { try html.add(quarter: view) }

  func end(_ summary: ReportSummary) throws {
    try html.finish(summary: summary) { try output.write($0) }
  }

  /// Nothing: the page is put together at the end, and an incomplete one
  /// is not written at all.
  func endIncomplete(_ note: String) throws {}
}
