import BarrierFreeInventory
import BarrierFreeMatching
import BarrierFreeModel
import BarrierFreeRules
import BarrierFreeUpgrades
import Foundation

/// The report as a survey in an inventory (`Schemas/inventory.sql`): a row
/// per building, flat and finding, the rules they cite, the quarters.
///
/// Two ways: into an `Inventory` that keeps surveys (`barrierfree
/// inventory add`), committed at ``end(_:)``; or, as ``ReportFormat/sqlite``,
/// into a new database in a temporary file whose bytes go to the output at
/// the end (a file of one survey, like the xlsx spreadsheet: binary, so only
/// to an output that ``ReportOutput/takesBytes``). A run that ends early
/// commits nothing and writes nothing.
///
/// The findings stored are those the header's selection lists (fails and
/// unknowns with `open`).
public final class InventoryReportWriter: ReportWriter {
  /// A building's rows.
  public typealias Part = InventoryRecord.Building

  private let header: ReportHeader
  private let options: ReportOptions
  private let target: Target
  private var writer: SnapshotWriter?
  private var scratch: Scratch?

  private enum Target {
    case inventory(Inventory)
    case output(any ReportOutput)
  }

  /// A new database being written in a temporary file.
  private struct Scratch {
    var directory: URL
    var inventory: Inventory
    var path: String { inventory.path }
  }

  /// A writer adding the check as a survey to `inventory`.
  public init(header: ReportHeader, options: ReportOptions, inventory: Inventory) {
    self.header = header
    self.options = options
    target = .inventory(inventory)
  }

  /// A writer of a database of one survey, whose bytes go to `output`.
  init(header: ReportHeader, options: ReportOptions, output: any ReportOutput) {
    self.header = header
    self.options = options
    target = .output(output)
  }

  deinit { dropScratch() }

  /// The survey's number once ``end(_:)`` has committed it.
  public private(set) var surveyID: Int64?

  /// False: a building's rows do not depend on its number.
  public var numbersBuildings: Bool { false }

  /// Starts the survey (and, for ``ReportFormat/sqlite``, the temporary
  /// database): its row, its inputs, its ladder and its rules.
  public func begin() throws {
    let inventory: Inventory
    switch target {
    case .inventory(let existing): inventory = existing
    case .output(let output):
      guard output.takesBytes else {
        throw InventoryError(
          path: "-", message: "a SQLite database is binary: write it to a file (-o results.sqlite)")
      }
      let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
        "barrierfree-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      do {
        inventory = try Inventory(
          path: directory.appendingPathComponent("report.sqlite").path, mode: .scratch)
      } catch {
        try? FileManager.default.removeItem(at: directory)
        throw error
      }
      scratch = Scratch(directory: directory, inventory: inventory)
    }
    let writer = try SnapshotWriter(inventory: inventory, survey: surveyRecord)
    try writer.rules(Self.ruleRecords(header.rules))
    if let measures = options.upgrades?.planner.measures {
      try writer.measures(
        measures.map {
          InventoryRecord.Measure(
            id: $0.id, title: $0.title, unit: $0.unit.rawValue, costLow: $0.cost.low,
            costHigh: $0.cost.high, atLeast: $0.cost.atLeast, priceYear: $0.cost.priceYear,
            source: $0.cost.source, certainty: $0.cost.certainty.rawValue)
        })
    }
    self.writer = writer
  }

  /// The survey's row from the header and the options.
  private var surveyRecord: InventoryRecord.Survey {
    InventoryRecord.Survey(
      surveyed: options.surveyed, label: options.surveyLabel, profile: header.profile.id,
      profileTitle: header.profile.title,
      standard: [header.profile.standard, header.profile.edition].filter { !$0.isEmpty }
        .joined(separator: ":"),
      units: header.profile.units, toolVersion: header.tool.version,
      findings: header.findings.rawValue, upgrades: options.upgrades != nil,
      registerScheme: options.registers?.scheme.id, inputs: header.inputs,
      ladder: header.profile.ladder.filter { $0 != Ladder.none })
  }

  static func ruleRecords(_ rules: [ReportRule]) -> [InventoryRecord.Rule] {
    rules.flatMap { rule in
      rule.citations.enumerated().map { cite, citation in
        InventoryRecord.Rule(
          id: rule.id, cite: cite, title: rule.title, remedy: rule.remedy, unit: rule.unit,
          standard: citation.standard, clause: citation.clause,
          clauseUnsure: citation.clauseUnsure, confidence: citation.confidence,
          profiles: citation.profiles)
      }
    }
  }

  /// Turns an assessment into its building's rows, on any thread.
  public func renderer() -> @Sendable (BuildingAssessment, Int) throws -> Part {
    let units = header.units
    let selection = header.findings
    let upgrades = options.upgrades
    let registers = options.registers
    let citations = CitationIndex(header.rules)
    return { assessment, _ in
      Self.record(
        assessment, units: units, findings: selection, citations: citations,
        upgrades: upgrades?.upgrades(for: assessment) ?? [:],
        registers: registers?.categories(for: assessment) ?? [:])
    }
  }

  /// The rows of `assessment`: what ``BuildingReport`` says of it, made
  /// straight from the assessment (a building report also words each
  /// flat's blockers and open questions, which the rows do not keep).
  static func record(
    _ assessment: BuildingAssessment, units: UnitSystem, findings selection: FindingSelection,
    citations: CitationIndex, upgrades: [String: FlatUpgrade], registers: [String: RegisterResult]
  ) -> InventoryRecord.Building {
    let model = Dictionary(
      (assessment.building?.flats ?? []).map { ($0.id, $0) },
      uniquingKeysWith: { first, _ in first })
    var paths = PathTexts()
    func records(_ findings: [Finding]) -> [InventoryRecord.Finding] {
      findings.stableSorted().filter { selection.lists($0.status) }.map {
        record($0, paths: &paths, units: units, citations: citations)
      }
    }
    let buildingFindings = records(assessment.results.last?.findings ?? [])
    return InventoryRecord.Building(
      id: assessment.id, quarter: assessment.quarter, name: assessment.name,
      address: BuildingReport.addressText(assessment.address),
      flats: assessment.flats.map { flat in
        let classification = flat.classification
        let (route, routeProblem) = FlatReport.route(of: flat)
        let findings = records(flat.findings)
        let rooms = model[flat.id]
        let register = registers[flat.id]
        return InventoryRecord.Flat(
          id: flat.id, number: flat.number, storey: flat.storey, rooms: rooms?.rooms.count ?? 0,
          area: rooms?.area?.squareMetres, class: classification.class,
          verified: classification.verified, verifiedClass: classification.verifiedClass,
          nextClass: classification.nextClass,
          fails: flat.findings.count { $0.status == .fail },
          unknowns: flat.findings.count { $0.status == .unknown },
          blockingRules: FlatReport.blockingRules(flat.blockers),
          route: route?.joined(separator: " → "), routeProblem: routeProblem,
          upgrade: upgrades[flat.id].map {
            InventoryRecord.Upgrade(
              target: $0.target, reaches: $0.reaches, costLow: $0.costLow.rounded(),
              costHigh: $0.costHigh.rounded(), surveyNeeded: $0.surveyNeeded,
              measures: $0.measures, funding: $0.funding, blockedBy: $0.blockedBy)
          },
          registerCategory: register?.category, registerPossible: register?.possible ?? [],
          findings: findings)
      },
      findings: buildingFindings)
  }

  /// A finding's row; like the compact JSON report, without a message or
  /// remedy where the measured and required values say it all (`clear
  /// width 780 mm; ≥ 800 mm required`), which also spares wording a
  /// message for most of the millions of rows.
  static func record(
    _ finding: Finding, paths: inout PathTexts, units: UnitSystem, citations: CitationIndex
  ) -> InventoryRecord.Finding {
    let evaluation = finding.evaluation
    let element = paths.texts(of: finding.path).element
    let shown = units.shown(evaluation.measured, against: evaluation.required)
    let worded = !evaluation.saysOnlyItsValues
    return InventoryRecord.Finding(
      rule: finding.rule, cite: citations.index(of: finding.citation, rule: finding.rule),
      status: finding.status.rawValue, element: element,
      message: worded ? evaluation.message(in: units) : nil, measured: shown.measured?.value,
      unit: shown.measured?.unit.rawValue ?? shown.required?.unit.rawValue,
      requiredMin: shown.required?.minimum, requiredMax: shown.required?.maximum,
      required: shown.required.map { "\($0)" },
      remedy: worded ? evaluation.remedy.map(units.converting) : nil)
  }

  /// Adds a building's rows to the open transaction.
  public func building(_ part: Part) throws {
    try writer?.building(part)
  }

  /// Adds the quarter and its outdoor paths' findings.
  public func quarter(_ view: QuarterView) throws {
    try writer?.quarter(id: view.id, name: view.name)
    var paths = PathTexts()
    let findings = view.pathFindings.stableSorted().filter { header.findings.lists($0.status) }
      .map {
        Self.record($0, paths: &paths, units: header.units, citations: CitationIndex(header.rules))
      }
    try writer?.quarterFindings(view.id, findings)
  }

  /// Commits the survey; for ``ReportFormat/sqlite``, writes the
  /// database's bytes to the output.
  public func end(_ summary: ReportSummary) throws {
    guard let writer else { return }
    surveyID = try writer.commit()
    self.writer = nil
    guard case .output(let output) = target, let scratch else { return }
    // Closing the scratch database's queue happens when the last
    // reference goes: copy the file's bytes after it.
    let path = scratch.path
    self.scratch = nil
    let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
    defer { try? handle.close() }
    while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
      try output.write(bytes: [UInt8](chunk))
    }
    try? FileManager.default.removeItem(at: scratch.directory)
  }

  /// Rolls the survey back: nothing is added and nothing written.
  public func endIncomplete(_ note: String) throws {
    // Nothing committed, nothing written: no database that looks finished.
    writer?.rollback()
    writer = nil
    dropScratch()
  }

  private func dropScratch() {
    guard let scratch else { return }
    self.scratch = nil
    try? FileManager.default.removeItem(at: scratch.directory)
  }
}
