import ArgumentParser
import BarrierFree

extension CSVReport.Rows: ExpressibleByArgument {}
extension CSVReport.Dialect: ExpressibleByArgument {}
extension FindingSelection: ExpressibleByArgument {}
extension ReportFormat: ExpressibleByArgument {}

/// `barrierfree check FILE… [--profile NAME|FILE]`: assess every flat and
/// print its class, what stops it reaching the next class, and what is
/// unknown.
struct CheckCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Check portfolios against a profile and classify every flat.",
    discussion: """
      For each building and flat prints the class the flat reaches on the profile's ladder \
      (for the default profile din18040-2-r: none < barrierReduced < barrierFree < wheelchair), the fails \
      that stand between it and the next class with their remedies, and the unknowns that \
      keep a class unverified. A flat with unknowns but no fail is "possibly <class>, \
      unverified", never plainly the class. Ends with a summary.

      Exit code 0 when nothing fails at the chosen profile, 1 when something fails, 2 for \
      bad input (the report printed before the first error is incomplete), usage, or a \
      report that cannot be written.
      """
  )

  @Argument(help: "Portfolio files (.xml or .xml.gz); '-' reads standard input.")
  var files: [String]

  @Option(
    help: ArgumentHelp(
      "A built-in profile (see 'barrierfree profiles') or a profile file.",
      valueName: "name|file"))
  var profile: String?

  @Option(help: "List at most this many unknowns per flat.")
  var maxUnknowns = 10

  @Flag(name: .shortAndLong, help: "Print only the summary (text format).")
  var quiet = false

  @Option(
    help:
      "The report format: text, json (Schemas/report.schema.json), jsonl (JSON Lines: a line per building and per flat; Schemas/report-lines.schema.json), csv (a row per flat), md, html (one self-contained page), xlsx (a spreadsheet: summary, flats, findings, buildings, quarters) or sqlite (a database of one survey, Schemas/inventory.sql; see 'inventory'); xlsx and sqlite need -o FILE or a pipe."
  )
  var format: ReportFormat = .text

  @Option(help: "With --format csv: a row per flat (flats, the default) or per finding (findings).")
  var csv: CSVReport.Rows?

  /// The CSV report's rows: `--csv`, or a row per flat.
  var csvRows: CSVReport.Rows { csv ?? .flats }

  @Option(
    help: ArgumentHelp(
      "With --format csv: commas and decimal points (comma, the default, RFC 4180), or "
        + "semicolons and decimal commas (semicolon, for Excel and LibreOffice in German and "
        + "most continental European locales).",
      valueName: "comma|semicolon"))
  var csvDialect: CSVReport.Dialect?

  @Option(
    help: ArgumentHelp(
      "With --format json, jsonl, xlsx, sqlite or --csv findings: list every finding (all, the "
        + "default but for sqlite), or only fails and unknowns (open, the default for sqlite: "
        + "smaller by the passes; the summary still counts all).",
      valueName: "all|open"))
  var findings: FindingSelection?

  /// The findings listed: `--findings`; by default all, but for a
  /// database, which keeps what needs work or measuring.
  var findingSelection: FindingSelection { findings ?? (format == .sqlite ? .open : .all) }

  @Option(
    help: ArgumentHelp(
      "With --format json: the schema version, 2 (the default: summary first, a rules table, "
        + "compact findings; Schemas/report.schema.json) or 1 (every finding whole, the summary "
        + "last; Schemas/report-v1.schema.json), for readers not yet moved to 2.",
      valueName: "2|1"))
  var jsonVersion: Int = 2

  @Option(name: .shortAndLong, help: "Write the report to this file instead of standard output.")
  var output: String?

  @Option(
    help: ArgumentHelp(
      "Buildings assessed at once (default and most: one per core; 1: all on one thread). The "
        + "report is the same, byte for byte, for every value."))
  var jobs: Int?

  @Option(
    help: ArgumentHelp(
      "Elements one building may hold before the file is refused as damaged (default "
        + "100000; a real building has a few thousand).", valueName: "n"))
  var maxBuildingElements = ReaderOptions().maxElementsPerBuilding

  @Flag(
    help: ArgumentHelp(
      "Add what it takes to lift each flat to its next class: measures of the catalogue, their "
        + "cost range, what needs a survey, and KfW and care-insurance funding (see 'plan')."))
  var upgrades = false

  @Option(help: "With --upgrades: a catalogue of measures instead of the built-in one.")
  var measures: String?

  @Option(
    name: .customLong("as-of"),
    help: ArgumentHelp(
      "With --upgrades: the day funding is judged for; default: today (UTC).",
      valueName: "YYYY-MM-DD"))
  var asOf: String?

  @Option(
    help: ArgumentHelp(
      "With --upgrades: who applies for funding (as for 'plan').", valueName: "kind"))
  var applicant: String = "housingCompany"

  @Option(
    help: ArgumentHelp(
      "Add each flat's category in a housing register's scheme: london (A–G), kingston (1–4) or "
        + "solihull (1–3), from the built-in need mapping of the profile's ladder (see 'match').",
      valueName: "scheme"))
  var register: String?

  func validate() throws {
    if !upgrades && (measures != nil || asOf != nil || applicant != "housingCompany") {
      throw ValidationError("--measures, --as-of and --applicant apply with --upgrades only")
    }
    try PlanCommand.validateFunding(asOf: asOf, applicant: applicant)
    guard maxBuildingElements >= 1 else {
      throw ValidationError("--max-building-elements must be 1 or more")
    }
    guard maxUnknowns >= 0 else {
      throw ValidationError("--max-unknowns must be 0 or more")
    }
    if let jobs, jobs < 1 {
      throw ValidationError("--jobs must be 1 or more")
    }
    if csv != nil && format != .csv {
      throw ValidationError("--csv applies to --format csv only")
    }
    if csvDialect != nil && format != .csv {
      throw ValidationError("--csv-dialect applies to --format csv only")
    }
    guard jsonVersion == 1 || jsonVersion == 2 else {
      throw ValidationError("--json-version takes 2 (the default) or 1, not \(jsonVersion)")
    }
    if jsonVersion != 2 && format != .json {
      throw ValidationError("--json-version applies to --format json only")
    }
    if (format == .xlsx || format == .sqlite) && output == nil && StandardOutput.isTerminal {
      throw ValidationError(
        "--format \(format.rawValue) writes a binary file: give -o FILE (or pipe standard output)")
    }
    if findings == .open
      && !(format == .json || format == .jsonl || format == .xlsx || format == .sqlite
        || (format == .csv && csv == .findings))
    {
      throw ValidationError(
        "--findings open applies to --format json, jsonl, xlsx and sqlite and to --format csv --csv findings; the other "
          + "formats list fails and unknowns, or count passes, in their own way")
    }
  }

  /// The jobs to use: `--jobs`, at most one per core.
  var jobCount: Int { Processors.jobs(asked: jobs) }

  func run() async throws {
    let inputs = try ConvertedInputs.exiting(files)
    let session = try CheckSession(self)
    for path in inputs.paths {
      try await session.check(path, jobs: jobCount)
    }
    try session.finish()
  }

  /// `run` without concurrency, for one job: everything stays on the calling
  /// thread (which is what valgrind can follow).
  func runSynchronously() throws {
    let inputs = try ConvertedInputs.exiting(files)
    let session = try CheckSession(self)
    for path in inputs.paths {
      try session.check(path)
    }
    try session.finish()
  }
}

extension CheckCommand {
  /// What shapes the report beyond its format.
  var reportOptions: ReportOptions {
    var options = ReportOptions()
    options.maxUnknowns = maxUnknowns
    options.quiet = quiet
    options.csvRows = csvRows
    options.csvDialect = csvDialect ?? .comma
    options.jsonVersion = jsonVersion
    return options
  }
}

extension OutputFile: ReportOutput {
  /// A file or a pipe keeps any bytes (an .xlsx spreadsheet).
  var takesBytes: Bool { true }
}

/// One run of `check`: the report being written and the totals so far.
final class CheckSession {
  private var readerOptions: ReaderOptions {
    ReaderOptions(maxElementsPerBuilding: command.maxBuildingElements)
  }

  private let command: CheckCommand
  private let assessor: Assessor
  private let out: OutputFile
  private let header: ReportHeader
  /// The report, in the format asked for.
  private let writer: any ReportWriter
  private var summary = AssessmentSummary()
  /// What it takes to lift each flat, with `--upgrades`.
  private let upgrades: UpgradeContext?
  /// The inputs that could not be read to their end.
  private var failedInputs: [String] = []
  private let progress: ProgressLine
  /// The inventory the check is added to as a survey (`inventory add`);
  /// nil: the report goes to the output.
  private let inventory: Inventory?

  /// A check writing its report in `command`'s format, or, with
  /// `inventory`, adding it to the inventory as a survey with `survey`'s
  /// date and label.
  init(
    _ command: CheckCommand, inventory: Inventory? = nil,
    survey: (surveyed: String?, label: String?) = (nil, nil)
  ) throws {
    self.inventory = inventory
    self.command = command
    let ladder: Ladder
    do {
      ladder = try ProfileChoice.ladder(command.profile)
      assessor = try Assessor(ladder: ladder)
    } catch {
      StandardError.print("\(error)")
      throw ExitCode(2)
    }
    do {
      // Every input opens before a line of the report is written: a missing
      // file or a directory gives no report at all, not one of zeros.
      for file in command.files { try InputFile.checkReadable(file) }
      try InputFile.refuseRepeated(command.files)
      out =
        try command.output.map {
          // A profile file is an input too (a built-in name is no file).
          try OutputFile(
            path: $0, inputs: command.files + [command.profile, command.measures].compactMap { $0 })
        }
        ?? OutputFile.standardOutput()
    } catch {
      StandardError.print("error: \(error)")
      throw ExitCode(2)
    }
    var header = ReportHeader(
      toolVersion: BarrierFreeVersion.current, ladder: ladder, inputs: command.files)
    header.findings = command.findingSelection
    self.header = header
    var options = command.reportOptions
    if command.upgrades {
      do {
        options.upgrades = try MeasureChoice.upgradeContext(
          assessor: assessor, measures: command.measures, asOf: command.asOf,
          applicant: command.applicant)
      } catch {
        StandardError.print("\(error)")
        throw ExitCode(2)
      }
    }
    upgrades = options.upgrades
    if let scheme = command.register {
      do {
        options.registers = try RegisterContext(scheme: scheme, ladder: ladder)
      } catch {
        StandardError.print("\(error)")
        throw ExitCode(2)
      }
    }
    options.surveyed = survey.surveyed
    options.surveyLabel = survey.label
    writer =
      inventory.map { InventoryReportWriter(header: header, options: options, inventory: $0) }
      ?? command.format.writer(header: header, options: options, to: out)
    progress = ProgressLine(
      quiet: command.quiet,
      reportToTerminal: inventory == nil && command.output == nil && StandardOutput.isTerminal)
    try writer.begin()
  }

  /// Checks one file on `jobs` cores.
  func check(_ file: String, jobs: Int) async throws {
    try await check(file, jobs: jobs, into: writer)
  }

  private func check<Writer: ReportWriter>(_ file: String, jobs: Int, into writer: Writer)
    async throws
  {
    let render = Self.counting(writer.renderer(), upgrades: upgrades)
    try await reportingInvalidInput(file) {
      if writer.numbersBuildings {
        // Numbered by one reader: a segment's task cannot know its
        // buildings' numbers in the file.
        return try await assessor.assessPortfolio(
          PortfolioReader(path: file, options: readerOptions), jobs: jobs, render: render,
          quarterView: { try writer.quarter($0) }
        ) { _, rendered in try add(rendered, to: writer) }
      }
      // Read by several parsers at once; the assessment itself stays in
      // the segment's task, only its counts and its part come back.
      return try await assessor.assessPortfolio(
        at: file, options: readerOptions, jobs: jobs, render: { try render($0, 0) },
        quarterView: { try writer.quarter($0) }
      ) { rendered in try add(rendered, to: writer) }
    }
  }

  /// Checks one file on the calling thread.
  func check(_ file: String) throws {
    try check(file, into: writer)
  }

  private func check<Writer: ReportWriter>(_ file: String, into writer: Writer) throws {
    let render = Self.counting(writer.renderer(), upgrades: upgrades)
    var index = 0
    try reportingInvalidInput(file) {
      try assessor.assessPortfolio(
        PortfolioReader(path: file, options: readerOptions),
        quarterView: { try writer.quarter($0) }
      ) {
        defer { index += 1 }
        try add(try render($0, index), to: writer)
      }
    }
  }

  /// `render`, and the counts the summary needs: all that is kept of a
  /// building once it is rendered.
  /// With `upgrades`, the building's near misses get their paths' costs
  /// (on the workers, for the listed near misses only).
  private static func counting<Part>(
    _ render: @escaping @Sendable (BuildingAssessment, Int) throws -> Part,
    upgrades: UpgradeContext?
  ) -> @Sendable (BuildingAssessment, Int) throws -> (AssessmentSummary, Part) {
    { assessment, index in
      var counts = AssessmentSummary()
      counts.add(assessment)
      if let upgrades {
        counts.fixFirst.price(
          upgrades.nearMissCosts(for: assessment, in: counts.fixFirst), building: assessment.id)
      }
      return (counts, try render(assessment, index))
    }
  }

  /// Adds a building, given by its counts, and its part of the report.
  private func add<Writer: ReportWriter>(
    _ rendered: (AssessmentSummary, Writer.Part), to writer: Writer
  ) throws {
    summary.add(rendered.0)
    progress.add(flats: rendered.0.flats)
    try writer.building(rendered.1)
  }

  private func reportingInvalidInput(_ file: String, _ body: () async throws -> [Diagnostic])
    async throws
  {
    do {
      for warning in try await body() { StandardError.print(warning.description) }
    } catch let error as ImportError {
      reportInvalid(file, error)
    }
  }

  private func reportingInvalidInput(_ file: String, _ body: () throws -> [Diagnostic]) throws {
    do {
      for warning in try body() { StandardError.print(warning.description) }
    } catch let error as ImportError {
      reportInvalid(file, error)
    }
  }

  private func reportInvalid(_ file: String, _ error: ImportError) {
    // What the report holds so far goes out before the errors, so that on a
    // terminal they follow the part they cut short; a report to a file is
    // dropped whole at the end.
    if !out.isReplacement { try? out.flush() }
    for diagnostic in error.diagnostics { StandardError.print(diagnostic.description) }
    StandardError.print(
      "\(file.escapedForOneLine): invalid; "
        + (inventory != nil
          ? "no survey is added (\(inventory?.path.escapedForOneLine ?? "") is left as it was)"
          : out.isReplacement
            ? "no report is written (\(command.output?.escapedForOneLine ?? "the output") is left as it was)"
            : "the report is incomplete"))
    failedInputs.append(file)
  }

  /// The summary, the end of the document, and the exit code.
  func finish() throws {
    let summary = try finishReport()
    if summary.findings[FindingStatus.fail.rawValue, default: 0] > 0 { throw ExitCode(1) }
  }

  /// The summary and the end of the document (the survey committed), with
  /// no verdict.
  @discardableResult
  func finishReport() throws -> ReportSummary {
    progress.finish()
    guard failedInputs.isEmpty else { try finishIncomplete() }
    let summary = ReportSummary(self.summary, ladder: header.profile.ladder)
    try writer.end(summary)
    try out.commit()
    return summary
  }

  /// Ends a run in which an input could not be read to its end: no report
  /// that looks finished. A report to a file is not written at all; on
  /// standard output, where the buildings before the error are out
  /// already, the writer ends the report in its own way
  /// (``ReportWriter/endIncomplete(_:)``).
  private func finishIncomplete() throws -> Never {
    if out.isReplacement {
      out.discard()
      throw ExitCode(2)
    }
    let names = failedInputs.map { "'\($0.escapedForOneLine)'" }.joined(separator: ", ")
    try writer.endIncomplete(
      "incomplete report: \(names) could not be read to the end (see the errors on standard "
        + "error); no summary is given for a report that covers only part of its inputs")
    try out.commit()
    throw ExitCode(2)
  }
}
