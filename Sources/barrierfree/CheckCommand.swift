import ArgumentParser
import BarrierFree

extension CSVReport.Rows: ExpressibleByArgument {}
extension CSVReport.Dialect: ExpressibleByArgument {}
extension FindingSelection: ExpressibleByArgument {}

/// `barrierfree check FILE… [--profile NAME|FILE]`: assess every flat and
/// print its class, what stops it reaching the next level, and what is
/// unknown.
struct CheckCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Check portfolios against a profile and classify every flat.",
    discussion: """
      For each building and flat prints the class the flat reaches on the profile's ladder \
      (for the default profile din18040-2-r: none < barrierReduced < barrierFree < wheelchair), the fails \
      that stand between it and the next level with their remedies, and the unknowns that \
      keep a class unverified. A flat with unknowns but no fail is "possibly <level>, \
      unverified", never plainly the level. Ends with a summary.

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

  /// The report formats.
  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
    case csv
    case md
    case html
  }

  @Option(
    help:
      "The report format: text, json (Schemas/report.schema.json), csv (a row per flat), md or html (one self-contained page)."
  )
  var format: Format = .text

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
      "With --format json or --csv findings: list every finding (all), or only fails and "
        + "unknowns (open: smaller by the passes; the summary still counts all).",
      valueName: "all|open"))
  var findings: FindingSelection = .all

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

  func validate() throws {
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
    if findings == .open && !(format == .json || (format == .csv && csv == .findings)) {
      throw ValidationError(
        "--findings open applies to --format json and to --format csv --csv findings; the other "
          + "formats list fails and unknowns, or count passes, in their own way")
    }
  }

  /// The jobs to use: `--jobs`, at most one per core.
  var jobCount: Int { Processors.jobs(asked: jobs) }

  func run() async throws {
    let session = try CheckSession(self)
    for file in files {
      try await session.check(file, jobs: jobCount)
    }
    try session.finish()
  }

  /// `run` without concurrency, for one job: everything stays on the calling
  /// thread (which is what valgrind can follow).
  func runSynchronously() throws {
    let session = try CheckSession(self)
    for file in files {
      try session.check(file)
    }
    try session.finish()
  }
}

/// One run of `check`: the report being written and the totals so far.
final class CheckSession {
  private var readerOptions: ReaderOptions {
    ReaderOptions(maxElementsPerBuilding: command.maxBuildingElements)
  }

  /// One building's part of the report, made in parallel.
  enum Piece: Sendable {
    case text(String)
    /// A building of the JSON report, in UTF-8.
    case json([UInt8])
    case html(HTMLReport.Rendered)
  }

  private let command: CheckCommand
  private let assessor: Assessor
  private let out: OutputFile
  private let header: ReportHeader
  private let text: TextReport
  private var json = JSONReport()
  private let table: CSVReport
  private let markdown = MarkdownReport()
  private let html: HTMLReport
  /// The JSON report's quarters, kept aside until its end.
  private let jsonQuarters: JSONQuarters
  private var summary = AssessmentSummary()
  /// Whether the CSV table's header is written.
  private var tableBegun = false
  /// The inputs that could not be read to their end.
  private var failedInputs: [String] = []
  private let progress: ProgressLine

  init(_ command: CheckCommand) throws {
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
          try OutputFile(path: $0, inputs: command.files + [command.profile].compactMap { $0 })
        }
        ?? OutputFile.standardOutput()
    } catch {
      StandardError.print("error: \(error)")
      throw ExitCode(2)
    }
    var header = ReportHeader(
      toolVersion: BarrierFreeVersion.current, ladder: ladder, inputs: command.files)
    header.findings = command.findings
    self.header = header
    text = TextReport(header: header, maxUnknowns: command.maxUnknowns)
    table = CSVReport(rows: command.csvRows, dialect: command.csvDialect ?? .comma)
    html = HTMLReport(header: header)
    jsonQuarters = JSONQuarters(units: header.units)
    progress = ProgressLine(
      quiet: command.quiet,
      reportToTerminal: command.output == nil && StandardOutput.isTerminal)
    switch command.format {
    case .csv: break  // Its header comes with the first row: see `beginTable`.
    case .md: try out.write(markdown.begin(header))
    case .json: try out.write(json.begin(header))
    case .text, .html: break
    }
  }

  /// What turns a building of `file` into its part of the report; safe to
  /// run on any thread.
  private func renderer() -> @Sendable (BuildingAssessment, Int) throws -> Piece {
    let format = command.format
    let quiet = command.quiet
    let text = text
    let table = table
    let markdown = markdown
    let renderer = html.renderer
    // Buildings are numbered across all inputs (the HTML report's anchors).
    let first = summary.buildings
    let units = assessor.ladder.top?.units ?? .metric
    let selection = command.findings
    return { assessment, index in
      // -q prints only the summary: no report to make.
      if format == .text && quiet { return .text("") }
      func report() -> BuildingReport {
        BuildingReport(assessment, units: units, findings: selection)
      }
      switch format {
      case .text: return .text(text.building(report()))
      // Straight from the assessment: the largest output, and no report
      // value to make first.
      case .json: return .json(JSONReport.encode(assessment, units: units, findings: selection))
      case .csv: return .text(try table.building(report()))
      case .md: return .text(markdown.building(report()))
      case .html: return .html(renderer.render(report(), index: first + index))
      }
    }
  }

  private func quarter(_ view: QuarterView) throws {
    switch command.format {
    case .text: if !command.quiet { try out.write(text.quarter(view)) }
    case .json: try jsonQuarters.add(view)
    case .html: try html.add(quarter: view)
    case .csv, .md: break
    }
  }

  private func add(_ assessment: BuildingAssessment, _ piece: Piece) throws {
    var counts = AssessmentSummary()
    counts.add(assessment)
    try add(counts, piece)
  }

  /// Adds a building, given by its counts, and its part of the report.
  private func add(_ counts: AssessmentSummary, _ piece: Piece) throws {
    summary.add(counts)
    progress.add(flats: counts.flats)
    try beginTable()
    switch piece {
    case .json(let part):
      try out.write(json.separator())
      try out.write(bytes: part)
    case .text(let part): try out.write(part)
    case .html(let rendered): try html.add(rendered)
    }
  }

  /// Writes the CSV table's header once, before its first row (or at the
  /// end of a run without rows): a CSV has no place to say that a run
  /// failed, so one that fails before its first building writes nothing,
  /// not a header that looks like an empty result.
  private func beginTable() throws {
    guard command.format == .csv, !tableBegun else { return }
    tableBegun = true
    try out.write(table.begin())
  }

  /// Checks one file on `jobs` cores.
  func check(_ file: String, jobs: Int) async throws {
    let render = renderer()
    if command.format != .html {
      // Read by several parsers at once. Only the HTML report numbers its
      // buildings across the file (its anchors), which a segment's task
      // cannot know.
      try await reportingInvalidInput(file) {
        try await assessor.assessPortfolio(
          at: file, options: readerOptions, jobs: jobs,
          render: { assessment in
            // The counts the summary needs, and the report's text: the
            // assessment itself stays in the segment's task.
            var counts = AssessmentSummary()
            counts.add(assessment)
            return (counts, try render(assessment, 0))
          }, quarterView: quarter
        ) { counts, piece in try add(counts, piece) }
      }
      return
    }
    try await reportingInvalidInput(file) {
      try await assessor.assessPortfolio(
        PortfolioReader(path: file, options: readerOptions), jobs: jobs, render: render,
        quarterView: quarter, add)
    }
  }

  /// Checks one file on the calling thread.
  func check(_ file: String) throws {
    let render = renderer()
    var index = 0
    try reportingInvalidInput(file) {
      try assessor.assessPortfolio(
        PortfolioReader(path: file, options: readerOptions), quarterView: quarter
      ) {
        defer { index += 1 }
        try add($0, try render($0, index))
      }
    }
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
        + (out.isReplacement
          ? "no report is written (\(command.output?.escapedForOneLine ?? "the output") is left as it was)"
          : "the report is incomplete"))
    failedInputs.append(file)
  }

  /// The summary, the end of the document, and the exit code.
  func finish() throws {
    progress.finish()
    guard failedInputs.isEmpty else { try finishIncomplete() }
    try writeEnd()
    try out.commit()
    if summary.findings[.fail, default: 0] > 0 { throw ExitCode(1) }
  }

  /// Ends a run in which an input could not be read to its end: no report
  /// that looks finished. A report to a file is not written at all; on
  /// standard output, where the buildings before the error are out
  /// already, the text and Markdown reports end with a line that says
  /// which inputs failed instead of a summary, the JSON document is left
  /// unclosed (no parser takes it for a report), and no HTML page is
  /// written (it is put together at the end).
  private func finishIncomplete() throws -> Never {
    if out.isReplacement {
      out.discard()
      throw ExitCode(2)
    }
    let names = failedInputs.map { "'\($0.escapedForOneLine)'" }.joined(separator: ", ")
    let line =
      "incomplete report: \(names) could not be read to the end (see the errors on standard "
      + "error); no summary is given for a report that covers only part of its inputs"
    switch command.format {
    case .text: try out.write("\n" + line + "\n")
    case .md: try out.write("\n**" + line + "**\n")
    case .json, .csv, .html: break
    }
    try out.commit()
    throw ExitCode(2)
  }

  private func writeEnd() throws {
    let classes = header.profile.ladder
    switch command.format {
    case .text: try out.write(text.summary(ReportSummary(summary, ladder: classes)))
    case .json:
      try json.end(quarters: jsonQuarters, summary: ReportSummary(summary, ladder: classes)) {
        try out.write($0)
      }
    case .csv: try beginTable()
    case .md: try out.write(markdown.end(ReportSummary(summary, ladder: classes), ladder: classes))
    case .html:
      try html.finish(summary: ReportSummary(summary, ladder: classes)) {
        try out.write($0)
      }
    }
  }
}
