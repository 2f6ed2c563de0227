import ArgumentParser
import BarrierFree

/// `barrierfree validate FILE…`: schema and meaning checks, errors in the
/// compiler's `file:line:column: error: message` form.
struct ValidateCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check portfolio files against the format and for sense.",
    discussion: """
      Prints each problem as 'file:line:column: error: message' on standard error, then \
      one summary line per file ('8 buildings, 44 flats, 0 errors') on standard output, \
      and a total when there are several files. Exit code 0 when every file is valid, 2 \
      when any is invalid or unreadable. Warnings do not make a file invalid.
      """
  )

  @Argument(help: "Portfolio files (.xml or .xml.gz); '-' reads standard input.")
  var files: [String]

  @Option(help: "Stop reporting a file's errors after this many.")
  var maxErrors = 100

  @Flag(name: .shortAndLong, help: "Print only the problems, no summary lines.")
  var quiet = false

  @Flag(
    help: """
      Also print, per file on standard error, the bytes read and the most buildings held in \
      memory at once (the reader streams: this stays small for any file size).
      """)
  var statistics = false

  @Option(
    help: ArgumentHelp(
      "Parsers at once (default: one per core): a file is cut between its buildings and "
        + "the pieces read in parallel. The output is the same for every value."))
  var jobs: Int?

  func validate() throws {
    guard maxErrors > 0 else {
      throw ValidationError("--max-errors must be at least 1")
    }
    if let jobs, jobs < 1 {
      throw ValidationError("--jobs must be 1 or more")
    }
  }

  func run() async throws {
    var total = FileSummary()
    var anyInvalid = false
    for file in files {
      let summary = await check(file)
      total.add(summary)
      if summary.errors > 0 { anyInvalid = true }
      if !quiet { print("\(file): \(summary)") }
    }
    if !quiet && files.count > 1 {
      print("\(files.count) files: \(total)")
    }
    if anyInvalid { throw ExitCode(2) }
  }

  private func check(_ file: String) async -> FileSummary {
    var summary = FileSummary()
    let diagnostics: [Diagnostic]
    do {
      let numbers: ReaderStatistics
      let options = ReaderOptions(maxErrors: maxErrors)
      if (jobs ?? Processors.count) > 1 {
        let outcome = try await SegmentedReading.read(
          path: file, options: options, jobs: jobs ?? Processors.count,
          process: { reader, emit in
            var flats = 0
            while let event = reader.next() {
              if case .building(let building, _) = event { flats += building.flats.count }
            }
            try emit(flats)
          },
          consume: { _ in })
        diagnostics = outcome.diagnostics
        numbers = outcome.statistics
      } else {
        let reader = try PortfolioReader(path: file, options: options)
        while reader.next() != nil {}
        diagnostics = reader.diagnostics
        numbers = reader.statistics
      }
      summary.buildings = numbers.buildings
      summary.flats = numbers.flats
      if statistics {
        StandardError.print(
          "\(file): statistics: \(numbers.bytes) bytes read, \(numbers.buildings) buildings, "
            + "\(numbers.flats) flats, at most \(numbers.maxBufferedBuildings) buildings held at once"
        )
      }
    } catch let error as ImportError {
      diagnostics = error.diagnostics
    } catch {
      diagnostics = [
        Diagnostic(
          kind: .io, location: SourceLocation(file: file, line: 0, column: 0),
          message: "\(error)")
      ]
    }
    // File order: the order an editor walks them in. Stable for equal places.
    let ordered = diagnostics.enumerated().sorted {
      ($0.element.location.line, $0.element.location.column, $0.offset)
        < ($1.element.location.line, $1.element.location.column, $1.offset)
    }
    for (_, diagnostic) in ordered {
      StandardError.print(diagnostic.description)
      // The notice that the limit was reached is not an error of its own.
      switch (diagnostic.severity, diagnostic.kind) {
      case (_, .limit): break
      case (.error, _): summary.errors += 1
      case (.warning, _): summary.warnings += 1
      }
    }
    return summary
  }
}

/// Counts printed for a file.
struct FileSummary: CustomStringConvertible {
  var buildings = 0
  var flats = 0
  var errors = 0
  var warnings = 0

  mutating func add(_ other: FileSummary) {
    buildings += other.buildings
    flats += other.flats
    errors += other.errors
    warnings += other.warnings
  }

  var description: String {
    var parts = [
      count(buildings, "building"), count(flats, "flat"), count(errors, "error"),
    ]
    if warnings > 0 { parts.append(count(warnings, "warning")) }
    return parts.joined(separator: ", ")
  }

  private func count(_ number: Int, _ noun: String) -> String {
    "\(number) \(noun)\(number == 1 ? "" : "s")"
  }
}
