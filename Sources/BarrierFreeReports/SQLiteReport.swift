import BarrierFreeInventory
import BarrierFreeModel
import BarrierFreeRules
import BarrierFreeUpgrades
import Foundation

/// The report as a survey in an inventory (`Schemas/inventory.sql`): a row
/// per building, flat and finding, the rules they cite, the quarters.
///
/// Two ways: into an ``Inventory`` that keeps surveys (`barrierfree
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
    return { assessment, _ in
      let report = BuildingReport(
        assessment, units: units, findings: selection,
        upgrades: upgrades?.upgrades(for: assessment) ?? [:], registers: registers)
      return Self.record(report, of: assessment)
    }
  }

  /// The rows of `report`, with what only the model knows (rooms, area).
  static func record(_ report: BuildingReport, of assessment: BuildingAssessment)
    -> InventoryRecord.Building
  {
    let model = Dictionary(
      (assessment.building?.flats ?? []).map { ($0.id, $0) },
      uniquingKeysWith: { first, _ in first })
    return InventoryRecord.Building(
      id: report.id, quarter: assessment.quarter, name: report.name, address: report.address,
      flats: report.flats.map { flat in
        let rooms = model[flat.id]
        return InventoryRecord.Flat(
          id: flat.id, number: flat.number, storey: flat.storey, rooms: rooms?.rooms.count ?? 0,
          area: rooms?.area?.squareMetres, class: flat.class, verified: flat.verified,
          verifiedClass: flat.verifiedClass, nextClass: flat.nextClass,
          fails: flat.count(.fail), unknowns: flat.count(.unknown),
          blockingRules: flat.blockingRules, route: flat.route?.joined(separator: " → "),
          routeProblem: flat.routeProblem,
          upgrade: flat.upgrade.map {
            InventoryRecord.Upgrade(
              target: $0.target, reaches: $0.reaches, costLow: $0.costLow.rounded(),
              costHigh: $0.costHigh.rounded(), surveyNeeded: $0.surveyNeeded,
              measures: $0.measures, funding: $0.funding)
          },
          registerCategory: flat.register?.category,
          registerPossible: flat.register?.possible ?? [],
          findings: flat.findings.map(record))
      },
      findings: report.findings.map(record))
  }

  static func record(_ finding: FindingReport) -> InventoryRecord.Finding {
    InventoryRecord.Finding(
      rule: finding.rule, status: finding.status.rawValue, standard: finding.standard,
      clause: finding.clause, element: finding.element, place: finding.place,
      message: finding.message, measured: finding.measured?.value,
      unit: finding.measured?.unit ?? finding.required?.unit,
      requiredMin: finding.required?.minimum, requiredMax: finding.required?.maximum,
      required: finding.required?.text, remedy: finding.remedy)
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
      .map { Self.record(FindingReport($0, paths: &paths, units: header.units)) }
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
