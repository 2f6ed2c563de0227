import BarrierFreeModel
import BarrierFreeProfiles
import BarrierFreeReports
import BarrierFreeRules
import BarrierFreeXML
import BarrierFreeXMLSupport
import Foundation

/// The version of the library, written into every report's header.
public let barrierFreeVersion = "0.2.0"

/// What a check found, in brief; the report holds the rest.
public struct CheckResult: Sendable, Hashable {
  /// The totals: buildings, flats, flats per class, findings per status,
  /// as the report's summary gives them.
  public var summary: ReportSummary
  /// The reader's warnings (an unknown attribute, say); errors are
  /// thrown instead.
  public var diagnostics: [Diagnostic]

  /// The number of buildings checked.
  public var buildings: Int { summary.buildings }

  /// The number of flats checked.
  public var flats: Int { summary.flats }

  /// Whether a requirement of the profile fails somewhere: what the
  /// command line's exit code 1 says.
  public var failed: Bool { summary.findings[FindingStatus.fail.rawValue, default: 0] > 0 }
}

// The library in one call: read a portfolio, assess every flat, write the
// report. Free functions rather than members of a type named `BarrierFree`:
// such a type would hide the module's name, and `BarrierFree.rule(withID:)`
// and the like would no longer find the module. Called with the module's
// name, they read the same: `BarrierFree.check(…)`.

/// Checks the portfolio at `path` against `profile` and writes the report
/// in `format` to the file `outputPath`: the library in one call.
///
/// ```swift
/// import BarrierFree
///
/// let result = try BarrierFree.check(
///   "portfolio.xml", profile: "din18040-2-r", format: .json, to: "report.json")
/// print("\(result.flats) flats, something fails: \(result.failed)")
/// ```
///
/// The file is read one building at a time (memory stays flat however
/// large it is), and the report shows lengths in the profile's units:
/// inches for an imperial profile such as `icc-a117.1-type-a`, with nothing
/// to pass again. For more (several inputs, buildings in parallel, a format
/// of one's own), use `Assessor` and a `ReportWriter`.
///
/// The report goes to a temporary file beside `outputPath`, which replaces
/// it only when the report is complete: on an error the file at
/// `outputPath` is left as it was.
///
/// - Parameters:
///   - path: The portfolio (`.xml` or `.xml.gz`).
///   - profile: The id of a profile in `library`
///     (`ProfileLibrary.builtIn.profiles` lists the built-in ones).
///   - library: Where `profile` is looked up; add a profile file of your
///     own with `ProfileLibrary.add(_:)`.
///   - format: The report's format.
///   - findings: Which findings the buildings and flats list.
///   - options: What shapes the report beyond its format.
///   - outputPath: The report file to write.
/// - Returns: The totals and the reader's warnings.
/// - Throws: `ProfileError` for an unknown profile, `ImportError` when
///   the portfolio is invalid (with every error's file, line and column),
///   or the error of a report that cannot be written.
@discardableResult
public func check(
  _ path: String, profile: String = ProfileLibrary.defaultProfile,
  library: ProfileLibrary = .builtIn, format: ReportFormat = .text,
  findings: FindingSelection = .all, options: ReportOptions = ReportOptions(),
  to outputPath: String
) throws -> CheckResult {
  guard !ReportFile.isSameFile(outputPath, path) else {
    // Writing would destroy the portfolio before it is read.
    throw CocoaError(.fileWriteFileExists, userInfo: [NSFilePathErrorKey: outputPath])
  }
  let file = try ReportFile(path: outputPath)
  do {
    let result = try check(
      path, profile: profile, library: library, format: format, findings: findings,
      options: options, to: file)
    try file.commit()
    return result
  } catch {
    file.discard()
    throw error
  }
}

/// Checks the portfolio at `path` against `profile` and writes the report
/// in `format` to `output` (a `StringOutput`, say).
///
/// When the portfolio turns out invalid, `output` holds the buildings
/// read before the first error and the format's note that the report is
/// incomplete (`ReportWriter.endIncomplete(_:)`); then `ImportError`
/// is thrown.
///
/// - Returns: The totals and the reader's warnings.
/// - Throws: `ProfileError`, `ImportError`, or what `output` throws.
@discardableResult
public func check(
  _ path: String, profile: String = ProfileLibrary.defaultProfile,
  library: ProfileLibrary = .builtIn, format: ReportFormat = .text,
  findings: FindingSelection = .all, options: ReportOptions = ReportOptions(),
  to output: any ReportOutput
) throws -> CheckResult {
  let ladder = try library.ladder(for: profile)
  let assessor = try Assessor(ladder: ladder)
  var header = ReportHeader(toolVersion: barrierFreeVersion, ladder: ladder, inputs: [path])
  header.findings = findings
  let writer = format.writer(header: header, options: options, to: output)
  return try check(path, with: assessor, header: header, into: writer)
}

/// Reads, assesses and writes one building at a time, on the calling
/// thread.
private func check<Writer: ReportWriter>(
  _ path: String, with assessor: Assessor, header: ReportHeader, into writer: Writer
) throws -> CheckResult {
  try writer.begin()
  let render = writer.renderer()
  var totals = AssessmentSummary()
  var index = 0
  let diagnostics: [Diagnostic]
  do {
    diagnostics = try assessor.assessPortfolio(
      at: path, quarterView: { try writer.quarter($0) }
    ) { assessment in
      defer { index += 1 }
      totals.add(assessment)
      try writer.building(try render(assessment, index))
    }
  } catch let error as ImportError {
    try writer.endIncomplete(
      "incomplete report: '\(path.escapedForOneLine)' could not be read to the end; no summary is given for a "
        + "report that covers only part of its input")
    throw error
  }
  let summary = ReportSummary(totals, ladder: header.profile.ladder)
  try writer.end(summary)
  return CheckResult(summary: summary, diagnostics: diagnostics)
}

/// A report file written beside its target and renamed over it when
/// complete, so that a failed check leaves the old file as it was.
private final class ReportFile: ReportOutput {
  private let target: String
  private let temporary: String
  private let handle: FileHandle
  private var buffer: [UInt8] = []
  private var finished = false
  private static let capacity = 1 << 20

  init(path: String) throws {
    target = path
    let url = URL(fileURLWithPath: path)
    temporary =
      url.deletingLastPathComponent()
      .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp").path
    guard FileManager.default.createFile(atPath: temporary, contents: nil) else {
      throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
    }
    do {
      handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
    } catch {
      try? FileManager.default.removeItem(atPath: temporary)
      throw error
    }
    buffer.reserveCapacity(Self.capacity)
  }

  deinit { discard() }

  /// Whether `first` and `second` name one existing file (also through a
  /// link).
  static func isSameFile(_ first: String, _ second: String) -> Bool {
    func identity(_ path: String) -> [UInt64]? {
      guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
        let file = attributes[.systemFileNumber] as? NSNumber,
        let device = attributes[.systemNumber] as? NSNumber
      else { return nil }
      return [file.uint64Value, device.uint64Value]
    }
    guard let one = identity(first) else { return false }
    return one == identity(second)
  }

  func write(_ text: String) throws {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= Self.capacity { try flush() }
  }

  /// A file keeps any bytes (an .xlsx spreadsheet).
  var takesBytes: Bool { true }

  func write(bytes: [UInt8]) throws {
    buffer.append(contentsOf: bytes)
    if buffer.count >= Self.capacity { try flush() }
  }

  private func flush() throws {
    try handle.write(contentsOf: buffer)
    buffer.removeAll(keepingCapacity: true)
  }

  /// Writes what is buffered, makes it durable, and renames the file over
  /// the target.
  func commit() throws {
    try flush()
    try handle.synchronize()
    try handle.close()
    finished = true
    guard rename(temporary, target) == 0 else {
      try? FileManager.default.removeItem(atPath: temporary)
      throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target])
    }
  }

  /// Drops the temporary file; the target keeps what it had.
  func discard() {
    guard !finished else { return }
    finished = true
    try? handle.close()
    try? FileManager.default.removeItem(atPath: temporary)
  }
}

/// Checks the portfolios at `paths` against `profile` and adds the result
/// to `inventory` as one survey, in one transaction: on an error nothing
/// is added.
///
/// ```swift
/// let inventory = try Inventory(path: "stock.sqlite", mode: .readWrite)
/// let added = try BarrierFree.addSurvey(["quarter.xml"], to: inventory)
/// print("survey \(added.survey): \(added.result.flats) flats")
/// ```
///
/// - Parameters:
///   - paths: The portfolios (`.xml` or `.xml.gz`), one survey.
///   - inventory: An inventory opened for writing.
///   - profile: The id of a profile in `library`.
///   - library: Where `profile` is looked up.
///   - findings: Which findings are stored: fails and unknowns (`open`,
///     the default) or all.
///   - options: The survey's date and label (`ReportOptions.surveyed`,
///     `ReportOptions.surveyLabel`), upgrades and register categories.
/// - Returns: The survey's number and the check's totals.
/// - Throws: `ProfileError`, `ImportError` for an invalid portfolio,
///   `InventoryError` when the survey cannot be written.
@discardableResult
public func addSurvey(
  _ paths: [String], to inventory: Inventory, profile: String = ProfileLibrary.defaultProfile,
  library: ProfileLibrary = .builtIn, findings: FindingSelection = .open,
  options: ReportOptions = ReportOptions()
) throws -> (survey: Int64, result: CheckResult) {
  let ladder = try library.ladder(for: profile)
  let assessor = try Assessor(ladder: ladder)
  var header = ReportHeader(toolVersion: barrierFreeVersion, ladder: ladder, inputs: paths)
  header.findings = findings
  let writer = InventoryReportWriter(header: header, options: options, inventory: inventory)
  try writer.begin()
  let render = writer.renderer()
  var totals = AssessmentSummary()
  var diagnostics: [Diagnostic] = []
  do {
    for path in paths {
      var index = 0
      diagnostics += try assessor.assessPortfolio(
        at: path, quarterView: { try writer.quarter($0) }
      ) { assessment in
        defer { index += 1 }
        totals.add(assessment)
        try writer.building(try render(assessment, index))
      }
    }
  } catch {
    try writer.endIncomplete("")
    throw error
  }
  let summary = ReportSummary(totals, ladder: header.profile.ladder)
  try writer.end(summary)
  return (writer.surveyID ?? 0, CheckResult(summary: summary, diagnostics: diagnostics))
}

/// Compares two portfolio files, an earlier survey and a later one, as
/// checked against `profile`: which flats changed class, which findings
/// changed (fixed, new, now measured), which buildings and flats came or
/// went.
///
/// ```swift
/// let changes = try BarrierFree.compare(
///   "quarter-2025.xml", "quarter-2026.xml", profile: "din18040-2-r")
/// for flat in changes.flats where flat.direction == .up { print(flat.flat) }
/// ```
///
/// Both are checked into a temporary inventory (every finding kept, so
/// that a pass is told from a finding that is not there), removed at the
/// end; memory stays flat.
///
/// - Throws: `ProfileError`, `ImportError` for an invalid portfolio, or
///   `InventoryError`.
public func compare(
  _ before: String, _ after: String, profile: String = ProfileLibrary.defaultProfile,
  library: ProfileLibrary = .builtIn
) throws -> SurveyComparison {
  let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
    "barrierfree-compare-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: directory) }
  let inventory = try Inventory(
    path: directory.appendingPathComponent("compare.sqlite").path, mode: .scratch)
  var options = ReportOptions()
  options.surveyLabel = before
  let old = try addSurvey(
    [before], to: inventory, profile: profile, library: library, findings: .all, options: options)
  options.surveyLabel = after
  let new = try addSurvey(
    [after], to: inventory, profile: profile, library: library, findings: .all, options: options)
  let result = try inventory.compare(old.survey, new.survey)
  try inventory.close()
  return result
}
