import ArgumentParser
import BarrierFree
import Foundation

extension QueryReportWriter.Format: ExpressibleByArgument {}

/// `barrierfree inventory add|list`: surveys kept as snapshots in a SQLite
/// database (Schemas/inventory.sql).
struct InventoryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "inventory",
    abstract: "Keep surveys in a SQLite database: add one, list them.",
    discussion: """
      An inventory is a SQLite file (Schemas/inventory.sql: every table and column commented) \
      holding each survey as a snapshot: its buildings, flats with their class, and their fails \
      and unknowns. Ask it with 'barrierfree query', compare two surveys with 'barrierfree \
      compare --db', or open it in sqlite3, DB Browser, pandas or any SQL tool.
      """,
    subcommands: [InventoryAddCommand.self, InventoryListCommand.self]
  )
}

/// `barrierfree inventory add FILE… --db FILE`.
struct InventoryAddCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "add",
    abstract: "Check portfolios and add them to an inventory as one survey.",
    discussion: """
      Checks the files as 'check' does and adds the result as one survey, in one transaction: \
      a run that fails (bad input, a full disk, a killed process) adds nothing and leaves the \
      surveys before it as they were. The database is created when missing; a file that is not \
      an inventory, or one written by a newer version, is refused.

      Exit code 0 when the survey is added (fails in the flats are data here, not an error), \
      2 for bad input or usage.
      """
  )

  @Argument(help: "Portfolio files (.xml or .xml.gz).")
  var files: [String]

  @Option(help: ArgumentHelp("The inventory database (created when missing).", valueName: "file"))
  var db: String

  @Option(
    help: ArgumentHelp(
      "The date of the survey; default: not recorded.", valueName: "YYYY-MM-DD"))
  var surveyed: String?

  @Option(help: ArgumentHelp("A name for the survey.", valueName: "text"))
  var label: String?

  @Option(
    help: ArgumentHelp(
      "A built-in profile (see 'barrierfree profiles') or a profile file.",
      valueName: "name|file"))
  var profile: String?

  @Option(
    help: ArgumentHelp(
      "Store only fails and unknowns (open, the default) or every finding (all).",
      valueName: "open|all"))
  var findings: FindingSelection = .open

  @Flag(help: "Store what it takes to lift each flat to its next class (as 'check --upgrades').")
  var upgrades = false

  @Option(help: "With --upgrades: a catalogue of measures instead of the built-in one.")
  var measures: String?

  @Option(
    help: ArgumentHelp(
      "Store each flat's register category: london, kingston or solihull (as 'check --register').",
      valueName: "scheme"))
  var register: String?

  @Option(help: "Buildings assessed at once (default: one per core).")
  var jobs: Int?

  func validate() throws {
    if let surveyed, !Self.isDate(surveyed) {
      throw ValidationError("--surveyed takes a date as YYYY-MM-DD, not '\(surveyed)'")
    }
    if let jobs, jobs < 1 { throw ValidationError("--jobs must be 1 or more") }
    if measures != nil && !upgrades {
      throw ValidationError("--measures applies with --upgrades only")
    }
  }

  /// Whether `text` is a calendar date written YYYY-MM-DD.
  static func isDate(_ text: String) -> Bool {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd"
    guard text.utf8.count == 10, let date = formatter.date(from: text) else { return false }
    return formatter.string(from: date) == text
  }

  /// The check this survey is: check's options, parsed by check, so that
  /// both validate them alike.
  private func check() throws -> CheckCommand {
    // The format is not used (the inventory is the report); json allows
    // either selection of findings.
    var arguments = files + ["--findings", findings.rawValue, "--format", "json"]
    if let profile { arguments += ["--profile", profile] }
    if upgrades { arguments.append("--upgrades") }
    if let measures { arguments += ["--measures", measures] }
    if let register { arguments += ["--register", register] }
    if let jobs { arguments += ["--jobs", String(jobs)] }
    return try CheckCommand.parse(arguments)
  }

  func run() async throws {
    let check = try check()
    let created = !FileManager.default.fileExists(atPath: db)
    do {
      try await add(check)
    } catch {
      // A database this run created and could not fill is not left
      // behind, empty, to look like an inventory.
      if created { Self.remove(db) }
      throw error
    }
  }

  /// The database file and its WAL companions.
  static func remove(_ db: String) {
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
  }

  private func add(_ check: CheckCommand) async throws {
    let inventory: Inventory
    do {
      try OutputFile.refuseInput(output: db, inputs: files + [profile, measures].compactMap { $0 })
      inventory = try Inventory(path: db, mode: .readWrite)
    } catch {
      StandardError.print("error: \(error)")
      throw ExitCode(2)
    }
    let inputs = try ConvertedInputs.exiting(files)
    let session = try CheckSession(check, inventory: inventory, survey: (surveyed, label))
    for path in inputs.paths {
      try await session.check(path, jobs: check.jobCount)
    }
    do {
      try session.finishReport()
      let survey = try inventory.survey(nil)
      try inventory.close()
      print(InventoryListCommand.line(survey))
    } catch let error as InventoryError {
      StandardError.print("error: \(error)")
      throw ExitCode(2)
    }
  }
}

/// `barrierfree inventory list --db FILE`.
struct InventoryListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "List an inventory's surveys with their flats per class."
  )

  @Option(help: ArgumentHelp("The inventory database.", valueName: "file"))
  var db: String

  @Option(help: "text or json.")
  var format: QueryReportWriter.Format = .text

  func validate() throws {
    if format == .csv { throw ValidationError("--format takes text or json") }
  }

  /// A survey in one line: `survey 2 (2026-05-04, spring): 44 flats in 8 buildings; …`.
  static func line(_ survey: SurveyRecord) -> String {
    // A label or a file name with a line break must not forge a line.
    let about = [survey.surveyed, survey.label].compactMap { $0?.escapedForOneLine }
      .joined(separator: ", ")
    return "survey \(survey.id)\(about.isEmpty ? "" : " (\(about))"): "
      + "\(plural(survey.flats, "flat")) in \(plural(survey.buildings, "building")), "
      + "profile \(survey.profile); "
      + survey.byClass.map {
        "\($0.class) \($0.flats)" + ($0.verified < $0.flats ? " (\($0.verified) verified)" : "")
      }.joined(separator: ", ")
      + "; from \(survey.inputs.map(\.escapedForOneLine).joined(separator: ", "))"
  }

  func run() throws {
    do {
      let surveys = try Inventory(path: db, mode: .readOnly).surveys()
      switch format {
      case .json:
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(surveys), as: UTF8.self))
      default:
        if surveys.isEmpty { print("no surveys") }
        for survey in surveys { print(Self.line(survey)) }
      }
    } catch let error as InventoryError {
      StandardError.print("error: \(error)")
      throw ExitCode(2)
    }
  }
}

/// `barrierfree query --db FILE [filters]`.
struct QueryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "query",
    abstract: "Ask an inventory which flats of a survey are of a class, storey, quarter, ….",
    discussion: """
      Lists the flats of one survey (the latest unless --survey) that meet every filter given, \
      or with --count their number per class. The database is opened read-only. For anything \
      else, use SQL on the tables and views of Schemas/inventory.sql, e.g. \
      sqlite3 stock.sqlite 'select * from near_misses where survey_id = 2'.

      Exit code 0, or 2 for a database that is not an inventory, an unknown class or survey, \
      or usage.
      """
  )

  @Option(help: ArgumentHelp("The inventory database.", valueName: "file"))
  var db: String

  @Option(help: ArgumentHelp("The survey's number; default: the latest.", valueName: "n"))
  var survey: Int64?

  @Option(
    name: .customLong("class"),
    help: ArgumentHelp("Only flats of this class (repeat for several).", valueName: "class"))
  var classes: [String] = []

  @Option(
    name: .customLong("at-least"),
    help: ArgumentHelp("Only flats of this class or a better one.", valueName: "class"))
  var atLeast: String?

  @Option(help: ArgumentHelp("Only flats of this quarter.", valueName: "id"))
  var quarter: String?

  @Option(help: ArgumentHelp("Only flats of this building.", valueName: "id"))
  var building: String?

  // Unconditional: `--storey -1` (a basement) is a value, not an option.
  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "Only flats whose entrance is on this storey (0: ground floor, -1: basement), or a range "
        + "like 0...2.",
      valueName: "n|from...to"))
  var storey: String?

  @Flag(
    inversion: .prefixedNo,
    help: "Only verified flats (--verified) or unverified ones (--no-verified).")
  var verified: Bool?

  @Flag(
    name: .customLong("near-misses"), help: "Only flats one or two rules from their next class.")
  var nearMisses = false

  @Option(help: ArgumentHelp("Only flats in this register category.", valueName: "category"))
  var register: String?

  @Flag(help: "Count the flats per class instead of listing them.")
  var count = false

  @Option(help: "text, csv or json.")
  var format: QueryReportWriter.Format = .text

  @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
  var output: String?

  /// `--storey` as a range.
  static func storeys(_ text: String) -> ClosedRange<Int>? {
    let parts = text.split(separator: "...", omittingEmptySubsequences: false)
    if parts.count == 1, let storey = Int(text) { return storey...storey }
    guard parts.count == 2, let low = Int(parts[0]), let high = Int(parts[1]), low <= high else {
      return nil
    }
    return low...high
  }

  func validate() throws {
    if let storey, Self.storeys(storey) == nil {
      throw ValidationError(
        "--storey takes a storey (0, -1, 3) or a range (0...2), not '\(storey)'")
    }
  }

  var query: InventoryQuery {
    var query = InventoryQuery()
    query.survey = survey
    query.classes = classes
    query.atLeast = atLeast
    query.quarter = quarter
    query.building = building
    query.storeys = storey.flatMap(Self.storeys)
    query.verified = verified
    query.nearMisses = nearMisses
    query.register = register
    return query
  }

  func run() throws {
    let out: OutputFile
    do {
      out = try output.map { try OutputFile(path: $0, inputs: [db]) } ?? OutputFile.standardOutput()
    } catch {
      StandardError.print("error: \(error)")
      throw ExitCode(2)
    }
    do {
      let inventory = try Inventory(path: db, mode: .readOnly)
      if count {
        try Self.writeCounts(try inventory.counts(query), format: format, to: out)
      } else {
        let writer = QueryReportWriter(format: format, to: out)
        try writer.begin()
        try inventory.flats(query) { try writer.flat($0) }
        try writer.end()
      }
      try out.commit()
    } catch let error as InventoryError {
      out.discard()
      StandardError.print("error: \(error)")
      throw ExitCode(2)
    }
  }

  static func writeCounts(
    _ tallies: [ClassTally], format: QueryReportWriter.Format, to out: OutputFile
  )
    throws
  {
    switch format {
    case .text:
      for tally in tallies {
        try out.write("\(tally.class): \(tally.flats) (\(tally.verified) verified)\n")
      }
      try out.write("total: \(tallies.reduce(0) { $0 + $1.flats })\n")
    case .csv:
      let header = ["class", "flats", "verified"]
      let rows = tallies.map { [$0.class, String($0.flats), String($0.verified)] }
      try out.write(
        "\u{FEFF}"
          + (try CSVReport.lines(
            [header] + rows, header: header, numericColumns: ["flats", "verified"],
            dialect: .comma)))
    case .json:
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
      try out.write(String(decoding: try encoder.encode(tallies), as: UTF8.self) + "\n")
    }
  }
}

extension CompareReport.Format: ExpressibleByArgument {}

/// `barrierfree compare OLD NEW` (two portfolio files) or `barrierfree
/// compare --db FILE [OLD NEW]` (two surveys of an inventory).
struct CompareCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract:
      "Compare two surveys: flats whose class went up or down, findings fixed, new or measured.",
    discussion: """
      Compares two portfolio files (an earlier survey and a later one, both checked against \
      --profile), or with --db two surveys of an inventory (their numbers; default: the two \
      latest). Flats are matched by building and flat id, findings by rule and element. Lists \
      the flats whose class went up or down or became verified, with the findings that changed: \
      fixed, new fails, now measured (passing or failing), no longer known; then buildings and \
      flats added or removed, and a summary with the flats per class before and after.

      Exit code 0 when the comparison is made, 2 for bad input or usage.
      """
  )

  @Argument(
    help: ArgumentHelp(
      "The earlier and the later portfolio file (two); with --db, the earlier and the later survey's "
        + "number (none: the two added last).",
      valueName: "old new"))
  var surveys: [String] = []

  @Option(help: ArgumentHelp("Compare two surveys of this inventory.", valueName: "file"))
  var db: String?

  @Option(
    help: ArgumentHelp(
      "For two files: a built-in profile or a profile file (default din18040-2-r).",
      valueName: "name|file"))
  var profile: String?

  @Option(
    help: "text, json (Schemas/compare.schema.json), csv (a row per changed finding), md or html.")
  var format: CompareReport.Format = .text

  @Option(
    help: ArgumentHelp("With --format csv: comma or semicolon.", valueName: "comma|semicolon"))
  var csvDialect: CSVReport.Dialect = .comma

  @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
  var output: String?

  func validate() throws {
    if db == nil && surveys.count != 2 {
      throw ValidationError("give two portfolio files (the earlier first), or --db FILE")
    }
    if db != nil {
      guard surveys.count <= 2, surveys.allSatisfy({ Int64($0) != nil }) else {
        throw ValidationError("with --db, give at most two survey numbers (the earlier first)")
      }
      if profile != nil {
        throw ValidationError(
          "--profile applies to two files; a survey keeps the profile it was checked against")
      }
    }
  }

  func run() throws {
    let comparison = try checked { () throws -> SurveyComparison in
      if let db {
        let numbers = surveys.compactMap { Int64($0) }
        return try Inventory(path: db, mode: .readOnly).compare(
          numbers.first, numbers.count > 1 ? numbers[1] : nil)
      }
      for file in surveys { try InputFile.checkReadable(file) }
      let (library, id) = try ProfileChoice.resolve(profile)
      do {
        return try BarrierFree.compare(surveys[0], surveys[1], profile: id, library: library)
      } catch let error as ImportError {
        for diagnostic in error.diagnostics { StandardError.print(diagnostic.description) }
        throw CommandFailure("no comparison: an input is invalid")
      }
    }
    if let before = comparison.before.surveyed, let after = comparison.after.surveyed,
      before > after
    {
      StandardError.print(
        "warning: survey \(comparison.before.survey) (\(before)) is dated after survey "
          + "\(comparison.after.survey) (\(after)): what improved is reported as worse; give the "
          + "earlier survey first")
    }
    do {
      let out =
        try output.map { try OutputFile(path: $0, inputs: surveys + [db].compactMap { $0 }) }
        ?? OutputFile.standardOutput()
      try out.write(try CompareReport.render(comparison, format: format, dialect: csvDialect))
      try out.commit()
    } catch {
      StandardError.print("error: \(error)")
      throw ExitCode(2)
    }
  }
}
