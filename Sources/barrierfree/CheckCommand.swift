import ArgumentParser
import BarrierFree

extension CSVReport.Rows: ExpressibleByArgument {}

/// `barrierfree check FILE… [--profile NAME|FILE]`: assess every flat and
/// print its class, what stops it reaching the next level, and what is
/// unknown.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Check portfolios against a profile and classify every flat.",
    discussion: """
      For each building and flat prints the class the flat reaches on the profile's ladder \
      (for the default profile din18040-2-r: none < barrierFree < wheelchair), the fails \
      that stand between it and the next level with their remedies, and the unknowns that \
      keep a class unverified. A flat with unknowns but no fail is "possibly <level>, \
      unverified", never plainly the level. Ends with a summary.

      Exit code 0 when nothing fails at the chosen profile, 1 when something fails, 2 for \
      bad input (the report printed before the first error is incomplete) or usage.
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

  @Option(help: "With --format csv: a row per flat (flats) or per finding (findings).")
  var csv: CSVReport.Rows = .flats

  @Option(name: .shortAndLong, help: "Write the report to this file instead of standard output.")
  var output: String?

  func validate() throws {
    guard maxUnknowns >= 0 else {
      throw ValidationError("--max-unknowns must be 0 or more")
    }
  }

  func run() throws {
    let ladder: Ladder
    let assessor: Assessor
    do {
      ladder = try ProfileChoice.ladder(profile)
      assessor = try Assessor(ladder: ladder)
    } catch {
      StandardError.print("\(error)")
      throw ExitCode(2)
    }
    let out: OutputFile
    do {
      out = try output.map { try OutputFile(path: $0) } ?? OutputFile.standardOutput()
    } catch {
      StandardError.print("error: \(error)")
      throw ExitCode(2)
    }
    var json = JSONReport()
    let table = CSVReport(rows: csv)
    var quarters: [QuarterView] = []
    let markdown = MarkdownReport()
    let header = ReportHeader(
      toolVersion: BarrierFreeVersion.current, ladder: ladder, inputs: files)
    let text = TextReport(header: header, maxUnknowns: maxUnknowns)
    if format == .csv { try out.write(table.begin()) }
    if format == .md { try out.write(markdown.begin(header)) }
    if format == .json { try out.write(json.begin(header)) }
    let html = HTMLReport(header: header)
    var summary = AssessmentSummary()
    var invalid = false
    for file in files {
      do {
        let warnings = try assessor.assessPortfolio(
          at: file,
          quarterView: { view in
            switch format {
            case .text: if !quiet { try out.write(text.quarter(view)) }
            case .json, .html: quarters.append(view)
            case .csv, .md: break
            }
          }
        ) { building in
          summary.add(building)
          switch format {
          case .text: if !quiet { try out.write(text.building(BuildingReport(building))) }
          case .json: try out.write(json.building(BuildingReport(building)))
          case .csv: try out.write(table.building(BuildingReport(building)))
          case .md: try out.write(markdown.building(BuildingReport(building)))
          case .html: try html.add(BuildingReport(building))
          }
        }
        for warning in warnings { StandardError.print(warning.description) }
      } catch let error as ImportError {
        try out.flush()
        for diagnostic in error.diagnostics { StandardError.print(diagnostic.description) }
        StandardError.print("\(file): invalid; the report is incomplete")
        invalid = true
      }
    }
    let classes = header.profile.ladder
    switch format {
    case .text: try out.write(text.summary(ReportSummary(summary, ladder: classes)))
    case .json:
      try out.write(json.end(quarters: quarters, summary: ReportSummary(summary, ladder: classes)))
    case .csv: break
    case .md: try out.write(markdown.end(ReportSummary(summary, ladder: classes), ladder: classes))
    case .html:
      try html.finish(quarters: quarters, summary: ReportSummary(summary, ladder: classes)) {
        try out.write($0)
      }
    }
    try out.close()
    if invalid { throw ExitCode(2) }
    if summary.findings[.fail, default: 0] > 0 { throw ExitCode(1) }
  }
}
