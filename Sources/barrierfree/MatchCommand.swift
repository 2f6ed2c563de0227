import ArgumentParser
import BarrierFree
import Foundation

extension MatchFormat: ExpressibleByArgument {}
extension MatchReport.CSVRows: ExpressibleByArgument {}

/// The formats of a match.
enum MatchFormat: String, CaseIterable {
  case text, json, csv, md, html
}

/// `barrierfree match PORTFOLIO… --needs FILE`: which flats suit which
/// households, now, after an upgrade, or not, and why.
struct MatchCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "match",
    abstract: "Match households' needs with flats: suits now, after an upgrade, not known, or not.",
    discussion: """
      Reads the households (Schemas/needs.xsd) and checks the portfolios under the profile's \
      ladder. For each household, ranks its flats in four groups: suits now; suits after an \
      upgrade (the upgrade planner's measures and cost range); not known (what to measure \
      first); does not suit (the deciding reason). For each flat, names the households it suits \
      and its category in a housing register's scheme (--scheme). Unknown is never a pass.

      Needs map to rules per ladder (Needs/<profile>.xml; built in for din18040-2-r and \
      uk-m4-3); need profiles and schemes are data too (Needs/library.xml).

      Exit code 0 when the match is made, 2 for bad input or usage.
      """
  )

  @Argument(help: "Portfolio files (.xml or .xml.gz).")
  var files: [String]

  @Option(
    help: ArgumentHelp("The households and their needs (Schemas/needs.xsd).", valueName: "file"))
  var needs: String

  @Option(
    help: ArgumentHelp(
      "A built-in profile with a need mapping (din18040-2-r, uk-m4-3) or a profile file.",
      valueName: "name|file"))
  var profile: String?

  @Option(
    help: ArgumentHelp(
      "A need mapping (Schemas/needs.xsd, root <needMapping>) instead of the built-in one.",
      valueName: "file"))
  var mapping: String?

  @Option(
    name: .customLong("needs-library"),
    help: ArgumentHelp(
      "Need profiles and register schemes (root <needsLibrary>) instead of the built-in ones.",
      valueName: "file"))
  var needsLibrary: String?

  @Option(
    help: ArgumentHelp(
      "The register scheme of the flats' categories (london, kingston, solihull; default: the "
        + "household file's, else london).", valueName: "id"))
  var scheme: String?

  @Option(help: "The ranked flats listed per group and household; 0 lists all.")
  var top: Int = 10

  @Flag(
    name: .customLong("no-upgrades"),
    help: "Do not ask the upgrade planner: every fail then does not suit.")
  var noUpgrades = false

  @Option(
    name: .customLong("upgrade-limit"),
    help:
      "Ask the planner only for needs that fail at most this many rules (0: any number; 'barrierfree plan' plans the rest)."
  )
  var upgradeLimit: Int = FlatSummariser.defaultUpgradeLimit

  @Option(help: "A catalogue of measures (Schemas/measures.xsd) instead of the built-in one.")
  var measures: String?

  @Option(help: "The report's format: text, json, csv, md or html.")
  var format: MatchFormat = .text

  @Option(
    name: .customLong("csv-rows"),
    help: "With --format csv: a row per household and listed flat, or a row per flat.")
  var csvRows: MatchReport.CSVRows = .household

  @Option(
    name: .customLong("csv-dialect"),
    help:
      "With --format csv: comma (RFC 4180) or semicolon (decimal comma, for German spreadsheets).")
  var csvDialect: CSVReport.Dialect = .comma

  @Option(help: "Buildings checked at once (default: one per core).")
  var jobs: Int?

  @Option(name: .shortAndLong, help: "Write the report to this file instead of standard output.")
  var output: String?

  func validate() throws {
    if top < 0 { throw ValidationError("--top must be 0 or more") }
    if upgradeLimit < 0 { throw ValidationError("--upgrade-limit must be 0 or more") }
    if let jobs, jobs < 1 { throw ValidationError("--jobs must be 1 or more") }
  }

  func run() async throws {
    let result: MatchResult
    let out: OutputFile
    do {
      let (library, id) = try ProfileChoice.resolve(profile)
      for file in files { try InputFile.checkReadable(file) }
      try InputFile.refuseRepeated(files)
      let setup = try NeedsSetup(
        households: needs, profile: id, profiles: library, mapping: mapping,
        library: needsLibrary, scheme: scheme)
      let catalogue = noUpgrades ? nil : try MeasureChoice.load(measures)
      out =
        try output.map {
          try OutputFile(
            path: $0,
            inputs: files + [needs, profile, mapping, needsLibrary, measures].compactMap { $0 })
        } ?? OutputFile.standardOutput()
      result = try await BarrierFree.match(
        files, setup: setup, upgrades: !noUpgrades, measures: catalogue,
        upgradeLimit: upgradeLimit, limit: top,
        jobs: Processors.jobs(asked: jobs))
    } catch {
      StandardError.print("\(error)")
      throw ExitCode(2)
    }
    do {
      let write = { (text: String) throws in try out.write(text) }
      switch format {
      case .text: try MatchReport.writeText(result, to: write)
      case .json: try MatchReport.writeJSON(result, to: write)
      case .csv:
        try MatchReport.writeCSV(result, rows: csvRows, dialect: csvDialect, to: write)
      case .md: try MatchReport.writeMarkdown(result, to: write)
      case .html: try MatchReport.writeHTML(result, to: write)
      }
      try out.commit()
    } catch {
      StandardError.print("error: \(error)")
      throw ExitCode(2)
    }
  }
}
