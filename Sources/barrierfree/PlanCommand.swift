import ArgumentParser
import BarrierFree
import Foundation

extension PlanFormat: ExpressibleByArgument {}

/// The formats of a plan.
enum PlanFormat: String, CaseIterable {
  case text, json, csv, md, html
}

/// `barrierfree plan FILE… --target CLASS [--share F | --flats N | --budget EUR]`:
/// which flats to lift to a class, with which measures, at what cost.
struct PlanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plan",
    abstract: "Plan which flats to lift to a class, with which measures, at what cost.",
    discussion: """
      For every flat below the target class finds the measures of the catalogue that clear its \
      fails, applies them to the model and checks the flat again; then chooses the flats that \
      reach the goal at the least expected cost, counting a measure shared by several flats \
      (a lift stop, an entrance ramp) once. Costs are ranges with their price year and source.

      Exit code 0 when the goal is met, 1 when it is not, 2 for bad input or usage.
      """
  )

  @Argument(help: "Portfolio files (.xml or .xml.gz).")
  var files: [String]

  @Option(help: "The class to lift flats to (a class of the profile's ladder, e.g. barrierFree).")
  var target: String

  @Option(help: "The share of the flats in scope to have at the target (0–1).")
  var share: Double?

  @Option(help: "The number of flats in scope to have at the target.")
  var flats: Int?

  @Option(help: "The budget in EUR: as many flats as the upper cost bound allows.")
  var budget: Double?

  @Option(help: "Only the flats of this quarter.")
  var quarter: String?

  @Option(
    help: ArgumentHelp(
      "A built-in profile (see 'barrierfree profiles') or a profile file.",
      valueName: "name|file"))
  var profile: String?

  @Option(help: "A catalogue of measures (Schemas/measures.xsd) instead of the built-in one.")
  var measures: String?

  @Option(
    name: .customLong("price-index"),
    help: ArgumentHelp(
      "A construction price index (Schemas/measures.xsd, root <priceIndex>) that brings every cost from its price year to --price-year.",
      valueName: "file"))
  var priceIndex: String?

  @Option(
    name: .customLong("price-year"),
    help: "With --price-index: the year to bring costs to (default: the index's latest year).")
  var priceYear: Int?

  @Option(
    help:
      "A funding file (Schemas/measures.xsd, root <funding>) instead of the built-in German one.")
  var funding: String?

  @Option(
    name: .customLong("as-of"),
    help: ArgumentHelp(
      "The day funding is judged for (open or closed, which amounts apply); default: today (UTC).",
      valueName: "YYYY-MM-DD"))
  var asOf: String?

  @Option(
    help: ArgumentHelp(
      "Who applies for funding: \(Self.applicants.joined(separator: ", ")).",
      valueName: "kind"))
  var applicant: String = "housingCompany"

  /// The applicants the funding file's schema names.
  static let applicants = [
    "housingCompany", "cooperative", "privateOwner", "tenant", "ownersAssociation", "developer",
    "publicBody",
  ]

  @Option(
    name: .customLong("csv-dialect"),
    help:
      "With --format csv: comma (RFC 4180) or semicolon (decimal comma, for German spreadsheets).")
  var csvDialect: CSVReport.Dialect = .comma

  @Option(help: "The plan's format: text, json, csv, md or html.")
  var format: PlanFormat = .text

  @Option(name: .shortAndLong, help: "Write the plan to this file instead of standard output.")
  var output: String?

  func validate() throws {
    let goals = [share != nil, flats != nil, budget != nil].filter { $0 }.count
    guard goals == 1 else {
      throw ValidationError("give one goal: --share, --flats or --budget")
    }
    if let share, !(share > 0 && share <= 1) {
      throw ValidationError("--share must be more than 0 and at most 1")
    }
    if let flats, flats < 1 { throw ValidationError("--flats must be 1 or more") }
    if let budget, !(budget > 0) { throw ValidationError("--budget must be more than 0") }
    if priceYear != nil && priceIndex == nil {
      throw ValidationError("--price-year needs --price-index")
    }
    try Self.validateFunding(asOf: asOf, applicant: applicant)
  }

  /// `--as-of` and `--applicant`, as `plan` and `check --upgrades` take them.
  static func validateFunding(asOf: String?, applicant: String) throws {
    if let asOf, CalendarDay(asOf) == nil {
      throw ValidationError("--as-of takes a day written 2026-12-06, not '\(asOf)'")
    }
    guard applicants.contains(applicant) else {
      let near = DidYouMean.closest(
        to: applicant, among: applicants, limit: 3, ignoringCase: true)
      throw ValidationError(
        "--applicant '\(applicant)' is not known"
          + (near.map { " (did you mean '\($0)'?)" } ?? "") + "; one of: "
          + applicants.joined(separator: ", "))
    }
  }

  /// The day funding is judged for: `--as-of`, or today in UTC.
  var day: CalendarDay { MeasureChoice.day(asOf) }

  var goal: PlanGoal {
    if let share { return .share(share) }
    if let flats { return .flats(flats) }
    return .budget(budget ?? 0)
  }

  func run() throws {
    let plan: Plan
    let profileID: String
    let fundingCatalogue: FundingCatalogue
    let out: OutputFile
    do {
      let (library, id) = try ProfileChoice.resolve(profile)
      profileID = id
      let catalogue = try MeasureChoice.load(measures, priceIndex: priceIndex, year: priceYear)
      fundingCatalogue = try MeasureChoice.loadFunding(funding)
      for file in files { try InputFile.checkReadable(file) }
      try InputFile.refuseRepeated(files)
      out =
        try output.map {
          try OutputFile(
            path: $0, inputs: files + [profile, measures, funding, priceIndex].compactMap { $0 })
        } ?? OutputFile.standardOutput()
      plan = try BarrierFree.plan(
        files, profile: id, library: library, measures: catalogue, target: target, goal: goal,
        quarter: quarter, funding: fundingCatalogue)
    } catch {
      StandardError.print("\(error)")
      throw ExitCode(2)
    }
    let question = FundingQuestion(applicant: applicant, day: day)
    // Written as it is made: the flats a plan cannot lift can be most of a
    // portfolio, and the text of 100,000 of them would be held twice.
    do {
      let write = { (text: String) throws in try out.write(text) }
      switch format {
      case .text:
        try PlanReport.writeText(
          plan, profile: profileID, funding: fundingCatalogue, question: question, to: write)
      case .json:
        try PlanReport.writeJSON(
          plan, profile: profileID, funding: fundingCatalogue, question: question, to: write)
      case .csv:
        try PlanReport.writeCSV(
          plan, profile: profileID, funding: fundingCatalogue, question: question,
          dialect: csvDialect, to: write)
      case .md:
        try PlanReport.writeMarkdown(
          plan, profile: profileID, funding: fundingCatalogue, question: question, to: write)
      case .html:
        try PlanReport.writeHTML(
          plan, profile: profileID, funding: fundingCatalogue, question: question, to: write)
      }
      try out.commit()
    } catch {
      StandardError.print("error: \(error)")
      throw ExitCode(2)
    }
    if !plan.goalMet { throw ExitCode(1) }
  }
}

/// Turns `--measures FILE` into the catalogue's measures: the built-in
/// German catalogue, or a file of the user's.
enum MeasureChoice {
  static func load(_ path: String?, priceIndex: String? = nil, year: Int? = nil) throws
    -> [Measure]
  {
    do {
      let catalogue = try path.map(MeasureCatalogueReader.read(path:)) ?? MeasureCatalogue.builtIn
      guard let priceIndex else { return catalogue.measures }
      let index = try MeasureCatalogueReader.readPriceIndex(path: priceIndex)
      do {
        return try catalogue.scaled(by: index, to: year).measures
      } catch {
        throw CommandFailure("\(priceIndex): error: \(error.description)")
      }
    } catch let error as CommandFailure {
      throw error
    } catch {
      throw CommandFailure("\(error)")
    }
  }

  /// The day `asOf` names (`2026-12-06`), or today in UTC.
  static func day(_ asOf: String?) -> CalendarDay {
    if let asOf, let day = CalendarDay(asOf) { return day }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
    let parts = calendar.dateComponents([.year, .month, .day], from: Date())
    return CalendarDay(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
  }

  /// What `check --upgrades` adds to a report: the planner over `assessor`'s
  /// ladder with the catalogue, checking each path against the profiles
  /// the funding requires.
  static func upgradeContext(
    assessor: Assessor, measures path: String?, asOf: String?, applicant: String
  ) throws -> UpgradeContext {
    let measures = try load(path)
    let funding = try loadFunding(nil)
    let checks = try funding.checks(in: .builtIn)
    return UpgradeContext(
      planner: UpgradePlanner(assessor: assessor, measures: measures, checks: checks),
      funding: funding, question: FundingQuestion(applicant: applicant, day: day(asOf)))
  }

  /// Turns `--funding FILE` into the funding programmes: the built-in
  /// German ones, or a file of the user's.
  static func loadFunding(_ path: String?) throws -> FundingCatalogue {
    do {
      guard let path else { return try FundingCatalogue.builtIn }
      return try MeasureCatalogueReader.readFunding(path: path)
    } catch {
      throw CommandFailure(error.description)
    }
  }
}
