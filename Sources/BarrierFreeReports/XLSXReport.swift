import BarrierFreeModel
import BarrierFreeRules
import BarrierFreeUpgrades

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The report as an .xlsx spreadsheet, written with libxlsxwriter: sheets
/// for the summary, the flats, the findings, the buildings and the
/// quarters' flats.
///
/// Text stays text (a flat number `0.01` or a clause `4.2.2` is never made a
/// number or a date, and no cell is ever a formula), numbers are numbers
/// (storeys, counts, measured values, costs). Each table has its header
/// row frozen, an autofilter and set column widths; a flat's class is a
/// coloured cell with its word (``ClassPalette``), an unverified one in
/// italics with a dashed border.
///
/// Rows are written as the buildings come, in libxlsxwriter's
/// constant-memory mode, so memory does not grow with the portfolio. A
/// sheet holds at most 1,048,575 rows: the findings of a larger portfolio
/// go on in `Findings 2`, `Findings 3`, ….
///
/// The spreadsheet is binary: it goes to an output that takes bytes as
/// they are (a file, ``BytesOutput``), not to a ``StringOutput``. A run
/// that ends early writes nothing.
final class XLSXReportWriter: ReportWriter {
  /// A building's rows.
  struct Part: Sendable {
    var building: [XLSXCell]
    var flats: [[XLSXCell]]
    var findings: [[XLSXCell]]
  }

  private let header: ReportHeader
  private let output: any ReportOutput
  private let upgrades: UpgradeContext?
  private let registers: RegisterContext?
  private let palette: ClassPalette
  private let created: time_t
  private let rowsPerSheet: UInt32
  private var book: Book?

  /// The sheets, opened by ``begin()``.
  private struct Book {
    var workbook: XLSXWorkbook
    var summary: XLSXWorkbook.Sheet
    var flats: XLSXWorkbook.Sheet
    var findings: XLSXWorkbook.Sheet
    var buildings: XLSXWorkbook.Sheet
    var quarters: XLSXWorkbook.Sheet
    var rules: XLSXWorkbook.Sheet
  }

  init(
    header: ReportHeader, upgrades: UpgradeContext? = nil, registers: RegisterContext? = nil,
    output: any ReportOutput,
    rowsPerSheet: UInt32 = XLSXWorkbook.maxRows
  ) {
    self.header = header
    self.upgrades = upgrades
    self.registers = registers
    self.output = output
    self.rowsPerSheet = rowsPerSheet
    palette = ClassPalette(ladder: header.profile.ladder)
    created = Self.creationTime()
  }

  /// The document's creation time: `SOURCE_DATE_EPOCH` when set (the
  /// reproducible-builds convention), else 2000-01-01: the same input gives
  /// the same bytes on every run.
  static func creationTime() -> time_t {
    if let text = getenv("SOURCE_DATE_EPOCH").map({ String(cString: $0) }),
      let seconds = Int(text), seconds >= 0
    {
      return time_t(seconds)
    }
    return 946_684_800
  }

  var numbersBuildings: Bool { false }

  func begin() throws {
    guard output.takesBytes else {
      throw XLSXWorkbook.Failure(
        description: "an .xlsx spreadsheet is binary: write it to a file (-o report.xlsx)")
    }
    let workbook = try XLSXWorkbook(palette: palette, created: created, rowsPerSheet: rowsPerSheet)
    let levels = header.profile.ladder
    book = Book(
      workbook: workbook,
      summary: try workbook.sheet(
        "Summary",
        columns: [
          .init("", width: 30), .init("", width: 40), .init("", width: 16), .init("", width: 16),
          .init("", width: 40),
        ], table: false),
      flats: try workbook.sheet(
        "Flats",
        columns: Self.flatColumns(
          top: levels.last ?? "", upgrades: upgrades != nil, register: registers?.scheme.id)),
      findings: try workbook.sheet("Findings", columns: Self.findingColumns),
      buildings: try workbook.sheet("Buildings", columns: Self.buildingColumns(levels)),
      quarters: try workbook.sheet("Quarters", columns: Self.quarterColumns(header.units)),
      rules: try workbook.sheet("Rules", columns: Self.ruleColumns))
  }

  /// The flats' columns; the counts are of the findings at the `top`
  /// class (the checked profile's), and their headers say so.
  static func flatColumns(top: String, upgrades: Bool, register: String? = nil)
    -> [XLSXWorkbook.Column]
  {
    [
      .init("building", width: 12), .init("quarter", width: 10), .init("address", width: 30),
      .init("flat", width: 12), .init("number", width: 8), .init("level", width: 7),
      .init("class", width: 16), .init("verified", width: 9), .init("verified class", width: 16),
      .init("next class", width: 16), .init("fails at \(top)", width: 11),
      .init("unknowns at \(top)", width: 11), .init("blocking rules", width: 30),
      .init("route", width: 40),
    ]
      + (upgrades
        ? [
          .init("upgrade to", width: 16), .init("upgrade reaches", width: 10),
          .init("upgrade cost low (EUR)", width: 12, numberFormat: "#,##0"),
          .init("upgrade cost high (EUR)", width: 12, numberFormat: "#,##0"),
          .init("from prices", width: 8), .init("survey needed", width: 9),
          .init("measures", width: 30), .init("funding", width: 40),
          .init("upgrade blocked by", width: 40),
        ] : [])
      + (register.map {
        [.init("register (\($0))", width: 10), .init("register possible", width: 14)]
      } ?? [])
  }

  /// A finding's columns: what the rules table says once (title, standard,
  /// confidence) is in the Rules sheet, not on each of its rows.
  static let findingColumns: [XLSXWorkbook.Column] = [
    .init("building", width: 12), .init("flat", width: 12), .init("rule", width: 22),
    .init("status", width: 10), .init("clause", width: 10), .init("element", width: 36),
    .init("measured", width: 10), .init("unit", width: 6), .init("required", width: 16),
    .init("required minimum", width: 10), .init("required maximum", width: 10),
    .init("message", width: 50), .init("remedy", width: 40),
  ]

  static let ruleColumns: [XLSXWorkbook.Column] = [
    .init("rule", width: 22), .init("title", width: 40), .init("standard", width: 20),
    .init("clause", width: 10), .init("confidence", width: 12), .init("unit", width: 6),
    .init("remedy", width: 60),
  ]

  static func buildingColumns(_ ladder: [String]) -> [XLSXWorkbook.Column] {
    [
      .init("building", width: 12), .init("name", width: 20), .init("quarter", width: 10),
      .init("address", width: 30), .init("flats", width: 7),
    ]
      + ladder.reversed().map { .init("flats \($0)", width: 12) }
      + [
        .init("of them unverified", width: 11), .init("building fails", width: 10),
        .init("building unknowns", width: 11),
      ]
  }

  static func quarterColumns(_ units: UnitSystem) -> [XLSXWorkbook.Column] {
    [
      .init("quarter", width: 10), .init("quarter name", width: 20), .init("building", width: 12),
      .init("flat", width: 12), .init("number", width: 8), .init("class", width: 16),
      .init("facility", width: 16), .init("step-free", width: 11),
      .init("length (\(units == .metric ? "m" : "ft"))", width: 10, numberFormat: "0.0"),
      .init("note", width: 50),
    ]
  }

  func renderer() -> @Sendable (BuildingAssessment, Int) throws -> Part {
    let units = header.units
    let selection = header.findings
    let upgrades = upgrades
    let registers = registers
    let ladder = header.profile.ladder
    return { assessment, _ in
      // The flats' rows count fails and unknowns only: no report of the
      // passes is made for them.
      let report = BuildingReport(
        assessment, units: units, findings: .open,
        upgrades: upgrades?.upgrades(for: assessment) ?? [:], registers: registers)
      var part = Self.part(
        report, quarter: assessment.quarter, ladder: ladder, upgrades: upgrades != nil,
        register: registers != nil)
      var rows = FindingRows(units: units)
      for finding in (assessment.results.last?.findings ?? []).stableSorted()
      where selection.lists(finding.status) {
        part.findings.append(rows.row(finding, building: assessment.id, flat: ""))
      }
      for flat in assessment.flats {
        for finding in flat.findings.stableSorted() where selection.lists(finding.status) {
          part.findings.append(rows.row(finding, building: assessment.id, flat: flat.id))
        }
      }
      return part
    }
  }

  static func part(
    _ building: BuildingReport, quarter: String?, ladder: [String], upgrades: Bool,
    register: Bool = false
  ) -> Part {
    func text(_ value: String?) -> XLSXCell {
      value.map { $0.isEmpty ? .empty : .text($0) } ?? .empty
    }
    var flats: [[XLSXCell]] = []
    var counts = Array(repeating: 0, count: ladder.count)
    var unverified = 0
    for flat in building.flats {
      let rank = ladder.firstIndex(of: flat.class)
      if let rank { counts[rank] += 1 }
      if !flat.verified { unverified += 1 }
      var row: [XLSXCell] = [
        .text(building.id), text(quarter), text(building.address), .text(flat.id),
        text(flat.number), flat.storey.map { .number(Double($0)) } ?? .empty,
        .level(flat.class, rank: rank, verified: flat.verified),
        .text(flat.verified ? "yes" : "no"),
        .level(flat.verifiedClass, rank: ladder.firstIndex(of: flat.verifiedClass), verified: true),
        text(flat.nextClass),
        .number(Double(flat.findings.count { $0.status == .fail })),
        .number(Double(flat.findings.count { $0.status == .unknown })),
        text(flat.blockingRules.joined(separator: " ")),
        text((flat.route ?? []).joined(separator: " → ")),
      ]
      if upgrades { row += upgradeCells(flat.upgrade) }
      if register {
        row += [
          text(flat.register?.category), text(flat.register?.possible.joined(separator: " ")),
        ]
      }
      flats.append(row)
    }
    let row: [XLSXCell] =
      [
        .text(building.id), text(building.name), text(quarter), text(building.address),
        .number(Double(building.flats.count)),
      ] + counts.reversed().map { .number(Double($0)) }
      + [
        .number(Double(unverified)),
        .number(Double(building.findings.count { $0.status == .fail })),
        .number(Double(building.findings.count { $0.status == .unknown })),
      ]
    return Part(building: row, flats: flats, findings: [])
  }

  private static func upgradeCells(_ upgrade: FlatUpgrade?) -> [XLSXCell] {
    guard let upgrade else { return Array(repeating: .empty, count: 9) }
    return [
      .text(upgrade.target), .text(upgrade.reaches ? "yes" : "no"),
      .number(upgrade.costLow.rounded()), .number(upgrade.costHigh.rounded()),
      .text(upgrade.fromPrices ? "yes" : "no"), .text(upgrade.surveyNeeded ? "yes" : "no"),
      upgrade.measures.isEmpty ? .empty : .text(upgrade.measures.joined(separator: " ")),
      upgrade.funding.isEmpty ? .empty : .text(upgrade.funding.joined(separator: "; ")),
      upgrade.blockedBy.isEmpty ? .empty : .text(upgrade.blockedBy),
    ]
  }

  func building(_ part: Part) throws {
    guard let book else { return }
    for row in part.flats { try book.workbook.append(row, to: book.flats) }
    for row in part.findings { try book.workbook.append(row, to: book.findings) }
    try book.workbook.append(part.building, to: book.buildings)
  }

  /// The quarter's flats, a row per flat and facility, and its outdoor
  /// paths' findings in the findings sheet.
  func quarter(_ view: QuarterView) throws {
    guard let book else { return }
    let units = header.units
    let ladder = header.profile.ladder
    for flat in view.flats {
      let level = flat.classification.level
      let cell = XLSXCell.level(
        level, rank: ladder.firstIndex(of: level), verified: flat.classification.verified)
      for reach in flat.reaches {
        let stepFree: String =
          switch reach.status {
          case .pass: "yes"
          case .fail: "no"
          default: "unverified"
          }
        let note = reach.notes.map(units.converting).joined(separator: "; ")
        try book.workbook.append(
          [
            .text(view.id), view.name.map { .text($0) } ?? .empty, .text(flat.building),
            .text(flat.flat), flat.number.map { .text($0) } ?? .empty, cell, .text(reach.facility),
            .text(stepFree),
            reach.length.map { .number(units == .metric ? $0.metres : $0.inches / 12) } ?? .empty,
            note.isEmpty ? .empty : .text(note),
          ], to: book.quarters)
      }
    }
    var rows = FindingRows(units: units)
    for finding in view.pathFindings.stableSorted() where header.findings.lists(finding.status) {
      // No building or flat: the element names the quarter.
      try book.workbook.append(
        rows.row(finding, building: "", flat: "", whole: true), to: book.findings)
    }
  }

  func end(_ summary: ReportSummary) throws {
    guard let book else { return }
    self.book = nil
    try writeSummary(summary, book)
    try writeRules(book)
    for sheet in [book.flats, book.findings, book.buildings, book.quarters, book.rules] {
      try book.workbook.finish(sheet)
    }
    try book.workbook.close { try output.write(bytes: $0) }
  }

  private func writeSummary(_ summary: ReportSummary, _ book: Book) throws {
    let workbook = book.workbook
    let sheet = book.summary
    let profile = header.profile
    try workbook.appendHeading([.text("Accessibility report")], to: sheet)
    try workbook.append(
      [.text("Profile"), .text("\(profile.title) (\(profile.id))")], to: sheet)
    try workbook.append(
      [.text("Standard"), .text("\(profile.standard), edition \(profile.edition)")], to: sheet)
    try workbook.append(
      [.text("Inputs"), .text(header.inputs.joined(separator: ", "))], to: sheet)
    try workbook.append(
      [
        .text("Findings listed"),
        .text(header.findings == .all ? "all" : "fails and unknowns only"),
      ], to: sheet)
    try workbook.append(
      [.text("Tool"), .text("\(header.tool.name) \(header.tool.version)")], to: sheet)
    try workbook.append([.text("Buildings"), .number(Double(summary.buildings))], to: sheet)
    try workbook.append([.text("Flats"), .number(Double(summary.flats))], to: sheet)
    try workbook.append([], to: sheet)
    try workbook.appendHeading(
      [.text("Class"), .text("Flats"), .text("Of them unverified")], to: sheet)
    for (rank, level) in profile.ladder.enumerated().reversed() {
      try workbook.append(
        [
          .level(level, rank: rank, verified: true), .number(Double(summary.byClass[level] ?? 0)),
          .number(Double(summary.unverifiedByClass[level] ?? 0)),
        ], to: sheet)
    }
    try workbook.append([], to: sheet)
    try workbook.appendHeading([.text("Findings"), .text("Count")], to: sheet)
    for status in FindingStatus.allCases.sorted() {
      try workbook.append(
        [.text(status.rawValue), .number(Double(summary.findings[status.rawValue] ?? 0))],
        to: sheet)
    }
    try writeFixFirst(summary.fixFirst, workbook, sheet)
    try workbook.append([], to: sheet)
    try workbook.append(
      [
        .text("Colours"),
        .text(
          "Each class has its colour and its word; an unverified class is in italics with a "
            + "dashed border (its flat lacks measurements)."),
      ], to: sheet)
  }

  /// The rules table, a row per rule and citation, as the JSON report's
  /// `rules`.
  private func writeRules(_ book: Book) throws {
    for rule in header.rules {
      for citation in rule.citations {
        try book.workbook.append(
          [
            .text(rule.id), .text(rule.title), .text(citation.standard),
            .text(citation.clause),
            .text(
              Citation.confidenceLabel(
                citation.confidence, clauseUnsure: citation.clauseUnsure)),
            rule.unit.map { .text($0) } ?? .empty,
            .text(header.units.converting(rule.remedy)),
          ], to: book.rules)
      }
    }
  }

  private func writeFixFirst(
    _ view: FixFirst, _ workbook: XLSXWorkbook, _ sheet: XLSXWorkbook.Sheet
  ) throws {
    let ranked = view.ranked
    guard !ranked.isEmpty else { return }
    let titles = Dictionary(header.rules.map { ($0.id, $0.title) }) { first, _ in first }
    try workbook.append([], to: sheet)
    try workbook.appendHeading(
      [
        .text("Fix first: rules"), .text("Title"), .text("Flats one fix would lift"),
        .text("Flats it blocks"),
      ], to: sheet)
    for rank in ranked.prefix(FixFirst.limit) {
      try workbook.append(
        [
          .text(rank.rule), titles[rank.rule].map { .text($0) } ?? .empty,
          .number(Double(rank.lifts)), .number(Double(rank.blocks)),
        ], to: sheet)
    }
    for (title, group) in [
      ("Flats one rule away", view.oneRuleAway), ("Flats two rules away", view.twoRulesAway),
    ] where group.count > 0 {
      try workbook.append([], to: sheet)
      try workbook.appendHeading(
        [
          .text(
            "\(title) (\(group.count)\(group.count > group.flats.count ? ", the first \(group.flats.count)" : ""))"
          ),
          .text("Flat"), .text("Class"), .text("Next class"), .text("Rules"),
          .text("Upgrade cost low (EUR)"), .text("Upgrade cost high (EUR)"), .text("Upgrade"),
        ], to: sheet)
      for flat in group.flats {
        let rank = header.profile.ladder.firstIndex(of: flat.class)
        try workbook.append(
          [
            .text(flat.building), .text(flat.flat),
            .level(flat.class, rank: rank, verified: flat.verified), .text(flat.nextClass),
            .text(flat.rules.joined(separator: " ")),
            flat.upgrade.map { .number($0.costLow.rounded()) } ?? .empty,
            flat.upgrade.map { .number($0.costHigh.rounded()) } ?? .empty,
            flat.upgrade.map { .text($0.summary) } ?? .empty,
          ], to: sheet)
      }
    }
  }

  /// Writes nothing: a spreadsheet cannot say that it is incomplete, and a
  /// part must not pass for a report.
  func endIncomplete(_ note: String) throws { book = nil }
}

/// A finding's row of the findings sheet, made from the finding itself
/// (no report value in between).
struct FindingRows {
  private var paths = PathTexts()
  private var scratch = ByteSink()
  let units: UnitSystem

  init(units: UnitSystem) { self.units = units }

  /// The columns of ``XLSXReportWriter/findingColumns``: the element below
  /// the flat (the flat has its column), or its whole path when `whole`; a
  /// message and a remedy only on fails and unknowns, and a message only
  /// where it says more than the values (as in the JSON report).
  mutating func row(_ finding: Finding, building: String, flat: String, whole: Bool = false)
    -> [XLSXCell]
  {
    let evaluation = finding.evaluation
    let shown = units.shown(evaluation.measured, against: evaluation.required)
    let texts = paths.texts(of: finding.path)
    var message = XLSXCell.empty
    var remedy = XLSXCell.empty
    if finding.status == .fail || finding.status == .unknown {
      if !evaluation.saysOnlyItsValues
        && !(finding.status == .unknown && evaluation.remedy != nil
          && evaluation.saysOnlyWhatIsUnmeasured)
      {
        scratch.bytes.removeAll(keepingCapacity: true)
        evaluation.writeMessage(in: units, to: &scratch)
        message = .text(String(decoding: scratch.bytes, as: UTF8.self))
      }
      remedy = evaluation.remedy.map { .text(units.converting($0)) } ?? .empty
    }
    var required = XLSXCell.empty
    if let value = shown.required {
      scratch.bytes.removeAll(keepingCapacity: true)
      value.write(to: &scratch)
      required = .text(String(decoding: scratch.bytes, as: UTF8.self))
    }
    let unit = shown.measured?.unit.rawValue ?? shown.required?.unit.rawValue
    return [
      building.isEmpty ? .empty : .text(building), flat.isEmpty ? .empty : .text(flat),
      .text(finding.rule), .text(finding.status.rawValue), .text(finding.citation.clause),
      .text(whole ? texts.element : texts.place),
      shown.measured.map { .number($0.value) } ?? .empty,
      unit.map { $0.isEmpty ? .empty : .text($0) } ?? .empty, required,
      shown.required?.minimum.map { .number($0) } ?? .empty,
      shown.required?.maximum.map { .number($0) } ?? .empty, message, remedy,
    ]
  }
}
