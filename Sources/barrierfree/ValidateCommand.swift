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
      "Parsers at once (default and most: one per core): a file is cut between its buildings and "
        + "the pieces read in parallel. The output is the same for every value."))
  var jobs: Int?

  @Option(
    help: ArgumentHelp(
      "Elements one building may hold before the file is refused as damaged (default "
        + "100000; a real building has a few thousand).", valueName: "n"))
  var maxBuildingElements = ReaderOptions().maxElementsPerBuilding

  var readerOptions: ReaderOptions {
    ReaderOptions(maxErrors: maxErrors, maxElementsPerBuilding: maxBuildingElements)
  }

  func validate() throws {
    guard maxBuildingElements >= 1 else {
      throw ValidationError("--max-building-elements must be 1 or more")
    }
    guard maxErrors > 0 else {
      throw ValidationError("--max-errors must be at least 1")
    }
    if let jobs, jobs < 1 {
      throw ValidationError("--jobs must be 1 or more")
    }
  }

  /// The parsers to use: `--jobs`, at most one per core.
  var jobCount: Int { Processors.jobs(asked: jobs) }

  func run() async throws {
    try refuseRepeatedFiles()
    let inputs = try ConvertedInputs.exiting(files)
    var total = Totals()
    for (file, path) in zip(files, inputs.paths) {
      total.add(file, report(file, await readInSegments(path)), quiet: quiet)
    }
    try total.finish(files: files.count, quiet: quiet)
  }

  /// `run` with one parser, without concurrency: everything stays on the
  /// calling thread (which is what valgrind can follow).
  func runSynchronously() throws {
    try refuseRepeatedFiles()
    let inputs = try ConvertedInputs.exiting(files)
    var total = Totals()
    for (file, path) in zip(files, inputs.paths) {
      total.add(file, report(file, readSequentially(path)), quiet: quiet)
    }
    try total.finish(files: files.count, quiet: quiet)
  }

  private func refuseRepeatedFiles() throws {
    do {
      try InputFile.refuseRepeated(files)
    } catch {
      StandardError.print("error: \(error)")
      throw ExitCode(2)
    }
  }

  /// The files' summaries so far.
  private struct Totals {
    var summary = FileSummary()
    var anyInvalid = false

    mutating func add(_ file: String, _ fileSummary: FileSummary, quiet: Bool) {
      summary.add(fileSummary)
      if fileSummary.errors > 0 { anyInvalid = true }
      if !quiet { print("\(file.escapedForOneLine): \(fileSummary)") }
    }

    func finish(files: Int, quiet: Bool) throws {
      if !quiet && files > 1 { print("\(files) files: \(summary)") }
      try StandardOutput.flush()
      if anyInvalid { throw ExitCode(2) }
    }
  }

  private typealias Reading = (diagnostics: [Diagnostic], statistics: ReaderStatistics?)

  private func readSequentially(_ file: String) -> Reading {
    do {
      let reader = try PortfolioReader(path: file, options: readerOptions)
      while reader.next() != nil {}
      return (reader.diagnostics, reader.statistics)
    } catch {
      return (error.diagnostics, nil)
    }
  }

  private func readInSegments(_ file: String) async -> Reading {
    do {
      let outcome = try await SegmentedReading.read(
        path: file, options: readerOptions, jobs: jobCount,
        process: { reader, _ in while reader.next() != nil {} }, consume: { (_: Int) in })
      return (outcome.diagnostics, outcome.statistics)
    } catch let error as ImportError {
      return (error.diagnostics, nil)
    } catch {
      return (
        [
          Diagnostic(
            kind: .io, location: SourceLocation(file: file, line: 0, column: 0),
            message: "\(error)")
        ], nil
      )
    }
  }

  /// Prints the problems (and the statistics) of a file; its summary.
  private func report(_ file: String, _ reading: Reading) -> FileSummary {
    var summary = FileSummary()
    let diagnostics = reading.diagnostics
    if let numbers = reading.statistics {
      summary.buildings = numbers.buildings
      summary.flats = numbers.flats
      if statistics {
        StandardError.print(
          "\(file.escapedForOneLine): statistics: \(numbers.bytes) bytes read, "
            + "\(plural(numbers.buildings, "building")), \(plural(numbers.flats, "flat")), "
            + "at most \(plural(numbers.maxBufferedBuildings, "building")) held at once"
        )
      }
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

  private func count(_ number: Int, _ noun: String) -> String { plural(number, noun) }
}

/// `1 building`, `2 buildings`.
func plural(_ number: Int, _ noun: String) -> String {
  "\(number) \(noun)\(number == 1 ? "" : "s")"
}
