import BarrierFree
import Foundation
import Testing

@testable import BarrierFreeReports

/// The JSON report of schema version 2, written by the report pipeline and
/// read back with ``CompactReport``, against the assessments it came from.
@Suite("JSON report, schema version 2")
struct CompactJSONTests {
  /// The quarter sample's report under `profile`, with `findings`, and the
  /// assessments it was written from.
  static func report(
    profile: String = "din18040-2-r", findings: FindingSelection = .all
  ) throws -> (text: String, report: CompactReport, buildings: [BuildingAssessment]) {
    let ladder = try ProfileLibrary.builtIn.ladder(for: profile)
    let assessor = try Assessor(ladder: ladder)
    var header = ReportHeader(toolVersion: "test", ladder: ladder, inputs: [QuarterSample.path])
    header.findings = findings
    let output = StringOutput()
    let writer = ReportFormat.json.writer(header: header, to: output)
    try writer.begin()
    var summary = AssessmentSummary()
    var buildings: [BuildingAssessment] = []
    try assessor.assessPortfolio(
      at: QuarterSample.path, quarterView: { try writer.quarter($0) }
    ) {
      summary.add($0)
      buildings.append($0)
      try writer.building($0)
    }
    try writer.end(ReportSummary(summary, ladder: header.profile.ladder))
    let report = try JSONDecoder().decode(CompactReport.self, from: Data(output.text.utf8))
    return (output.text, report, buildings)
  }

  /// `path` as a record of a flat writes it: below the flat, or from the
  /// building for the building's elements on its route.
  static func element(_ path: ElementPath, flat: String) -> String {
    var steps = path.steps
    if steps.count > 1, steps[1].kind == "flat", steps[1].name == flat {
      steps.removeFirst(2)
    }
    return steps.map { "\($0.kind) \($0.name)" }.joined(separator: " › ")
  }

  @Test("Read back, every flat has its class, its findings by status and its blockers resolved")
  func roundTrip() throws {
    let (text, report, buildings) = try Self.report()
    #expect(report.schemaVersion == 2)
    #expect(report.summary.flats == 44)
    #expect(report.header.rules.count > 40)
    #expect(report.buildings.map(\.id) == buildings.map(\.id))
    for (written, assessed) in zip(report.buildings, buildings) {
      for (flat, original) in zip(written.flats, assessed.flats) {
        #expect(flat.id == original.id)
        #expect(flat.class == original.classification.class)
        #expect(flat.verified == original.classification.verified)
        for status in FindingStatus.allCases {
          let expected = original.findings.filter { $0.status == status }
          #expect(flat.findings[status].count == expected.count, "\(flat.id) \(status)")
          #expect(
            flat.findings[status].map(\.rule) == expected.map(\.rule), "\(flat.id) \(status)")
          #expect(
            flat.findings[status].map(\.element)
              == expected.map { Self.element($0.path, flat: flat.id) })
        }
        // A blocker is what the flat's blocker is, referenced or whole.
        let blockers = flat.blockers.compactMap { flat.resolve($0, status: .fail) }
        #expect(blockers.map(\.rule) == original.blockers.map(\.rule), "\(flat.id)")
        #expect(
          blockers.map(\.element)
            == original.blockers.map { Self.element($0.path, flat: flat.id) })
        #expect(
          blockers.map(\.minimum) == original.blockers.map { $0.evaluation.required?.minimum })
        let questions = flat.openQuestions.compactMap { flat.resolve($0, status: .unknown) }
        #expect(questions.map(\.rule) == original.openQuestions.map(\.rule), "\(flat.id)")
        // Every record names a rule of the table and one of its citations.
        let records = FindingStatus.allCases.flatMap { flat.findings[$0] } + blockers + questions
        for record in records {
          #expect(report.header.citation(of: record) != nil, "\(record.rule) \(record.cite ?? 0)")
        }
      }
    }
    // Header and summary before the first building; one building a line.
    let lines = text.split(separator: "\n")
    #expect(lines.prefix(7).map { $0.prefix(14) }.contains("\"summary\":{\"bu"))
    #expect(lines.filter { $0.hasPrefix("{\"id\":\"b") }.count == buildings.count)
    #expect(report.quarters.map(\.id) == ["q-sieker"])
    // The fix-first view, read back, is the one counted from the buildings.
    var counted = AssessmentSummary()
    for building in buildings { counted.add(building) }
    #expect(report.summary.fixFirst == counted.fixFirst)
    #expect(report.summary.fixFirst.oneRuleAway.count == 6)
  }

  @Test("A citation the ladder binds twice for one rule is told apart by cite")
  func citations() throws {
    let (_, report, _) = try Self.report()
    let door = try #require(report.header.rules.first { $0.id == "door.clear-width" })
    #expect(door.unit == "mm")
    #expect(door.citations.count == 5)
    #expect(door.citations.last?.profiles == ["din18040-2-r"])
    // The flat b1-f21's bathroom door fails against the R profile's 900 mm.
    let flat = try #require(
      report.buildings.flatMap(\.flats).first { $0.id == "b1-f21" })
    let fail = try #require(flat.findings.fail.first)
    #expect(fail.rule == "door.clear-width")
    #expect(fail.cite == 4)
    #expect(fail.unit == nil)
    #expect(report.header.citation(of: fail)?.clause == "4.3.3.2, 5.3.1")
    #expect(fail.message == nil)
  }

  @Test("Imperial units: the rules table says in, a record writes no unit of its own")
  func imperial() throws {
    let (_, report, _) = try Self.report(profile: "icc-a117.1-type-a")
    #expect(report.header.profile.units == "imperial")
    let records = report.buildings.flatMap(\.flats).flatMap { $0.findings.fail }
    let door = try #require(records.first { $0.rule == "door.clear-width" && $0.measured != nil })
    #expect(door.unit == nil)
    #expect(report.header.rule(of: door)?.unit == "in")
  }

  @Test("Open findings: no passes, the same fails, unknowns, blockers and summary")
  func open() throws {
    let full = try Self.report().report
    let open = try Self.report(findings: .open).report
    #expect(open.header.findings == .open)
    #expect(open.summary == full.summary)
    for (a, b) in zip(open.buildings.flatMap(\.flats), full.buildings.flatMap(\.flats)) {
      #expect(a.findings.pass.isEmpty && a.findings.notApplicable.isEmpty)
      #expect(a.findings.fail == b.findings.fail)
      #expect(a.findings.unknown == b.findings.unknown)
      #expect(a.blockers == b.blockers)
      #expect(a.openQuestions == b.openQuestions)
    }
  }

  @Test("A report of another schema version is refused, saying which it reads")
  func otherVersion() throws {
    let text = #"{"schemaVersion":1,"tool":{"name":"barrierfree","version":"0"}}"#
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(CompactReport.self, from: Data(text.utf8))
    }
  }

  @Test(
    "The findings CSV written from the assessments is the one written from the report model",
    arguments: [CSVReport.Dialect.comma, .semicolon], [FindingSelection.all, .open])
  func csvRows(dialect: CSVReport.Dialect, selection: FindingSelection) throws {
    let (_, _, buildings) = try Self.report()
    let table = CSVReport(rows: .findings, dialect: dialect)
    for building in buildings {
      #expect(
        table.findingRows(building, units: .metric, findings: selection)
          == (try table.building(BuildingReport(building, units: .metric, findings: selection))),
        "\(building.id)")
    }
  }

  @Test("With upgrades, each flat's upgrade reads back: b1-f13's floor-level shower")
  func upgrades() throws {
    let ladder = try ProfileLibrary.builtIn.ladder(for: "din18040-2")
    let assessor = try Assessor(ladder: ladder)
    let funding = try FundingCatalogue.builtIn
    var options = ReportOptions()
    options.upgrades = UpgradeContext(
      planner: UpgradePlanner(
        assessor: assessor, measures: try MeasureCatalogue.builtIn.measures,
        checks: try funding.checks(in: .builtIn)),
      funding: funding,
      question: FundingQuestion(day: CalendarDay(year: 2026, month: 12, day: 6)))
    let header = ReportHeader(toolVersion: "test", ladder: ladder, inputs: [QuarterSample.path])
    let output = StringOutput()
    let writer = ReportFormat.json.writer(header: header, options: options, to: output)
    try writer.begin()
    var summary = AssessmentSummary()
    try assessor.assessPortfolio(
      at: QuarterSample.path, quarterView: { try writer.quarter($0) }
    ) {
      summary.add($0)
      try writer.building($0)
    }
    try writer.end(ReportSummary(summary, ladder: header.profile.ladder))
    let report = try JSONDecoder().decode(CompactReport.self, from: Data(output.text.utf8))
    let flat = try #require(report.buildings.flatMap(\.flats).first { $0.id == "b1-f13" })
    let upgrade = try #require(flat.upgrade)
    #expect(upgrade.target == "barrierFree")
    #expect(upgrade.measures == ["shower.make-level"])
    #expect(upgrade.costLow == 1500 && upgrade.costHigh == 4000)
  }
}
