import BarrierFreeRules
import Foundation

/// Writes a report as JSON (Schemas/report.schema.json), one building at a
/// time: `begin`, then `building` for each, then `end`. Keys are sorted and
/// numbers written the same way every time, so the same input gives the
/// same bytes.
public struct JSONReport {
  private var buildingsWritten = 0
  private let encoder: JSONEncoder

  /// A writer.
  public init() {
    encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
  }

  /// The opening of the document, with its header.
  public func begin(_ header: ReportHeader) throws -> String {
    let tool = try encode(header.tool)
    let profile = try encode(header.profile)
    let inputs = try encode(header.inputs)
    // Written only when not all: reports of every finding keep their bytes.
    let findings = header.findings == .all ? "" : "\n\"findings\":\"\(header.findings.rawValue)\","
    return
      "{\n\"tool\":\(tool),\n\"profile\":\(profile),\n\"inputs\":\(inputs),\(findings)\n\"buildings\":["
  }

  /// One building, as the next element of the `buildings` array.
  public mutating func building(_ report: BuildingReport) throws -> String {
    building(encoded: try Self.encode(report))
  }

  /// One building encoded by ``encode(_:)``, as the next element of the
  /// `buildings` array: encoding may run elsewhere, in parallel.
  public mutating func building(encoded: String) -> String {
    separator() + encoded
  }

  /// What goes before the next building of the `buildings` array, whose
  /// JSON is written next (from ``encode(_:units:findings:)``, say).
  public mutating func separator() -> String {
    defer { buildingsWritten += 1 }
    return buildingsWritten == 0 ? "\n" : ",\n"
  }

  /// `building` as JSON, the way ``building(_:)`` writes it; safe to call
  /// from any thread.
  public static func encode(_ building: BuildingReport) throws -> String {
    var text = JSONText()
    text.building(building)
    return text.text
  }

  /// `building` through `JSONEncoder` and `Codable`: what ``encode(_:)``
  /// must equal, byte for byte (tested), at several times the cost.
  static func encodeWithFoundation(_ building: BuildingReport) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(building), as: UTF8.self)
  }

  /// The end: the quarters' views, with lengths in `units` (the checked
  /// profile's), and the summary.
  public func end(
    quarters: [QuarterView], summary: ReportSummary, units: UnitSystem = .metric
  ) throws -> String {
    let kept = JSONQuarters(units: units)
    for view in quarters { try kept.add(view) }
    var text = ""
    try end(quarters: kept, summary: summary) { text += $0 }
    return text
  }

  /// The end through `write`, in pieces: the quarters kept in `quarters` as
  /// they ended, and the summary.
  public func end(
    quarters: JSONQuarters, summary: ReportSummary, write: (String) throws -> Void
  ) throws {
    try write("\n],\n\"quarters\":[")
    try quarters.drain(write)
    try write("],\n\"summary\":" + (try encode(summary)) + "\n}\n")
  }

  private func encode<T: Encodable>(_ value: T) throws -> String {
    String(decoding: try encoder.encode(value), as: UTF8.self)
  }
}

/// The `quarters` of a JSON report, which the format puts after all the
/// buildings: each quarter's view is encoded when the quarter ends and kept
/// aside, in memory up to a few megabytes and in a temporary file beyond,
/// so that memory does not grow with the number of quarters.
public final class JSONQuarters {
  private let units: UnitSystem
  private let spool: Spool
  private let encoder: JSONEncoder
  private var count = 0

  /// Quarters whose lengths are written in `units` (the checked profile's).
  public convenience init(units: UnitSystem = .metric) {
    self.init(units: units, spoolLimit: 4 << 20)
  }

  init(units: UnitSystem, spoolLimit: Int) {
    self.units = units
    spool = Spool(limit: spoolLimit)
    encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
  }

  /// Adds a quarter's view, the next element of the `quarters` array.
  public func add(_ view: QuarterView) throws {
    let encoded = String(
      decoding: try encoder.encode(QuarterReport(view, units: units)), as: UTF8.self)
    try spool.append((count == 0 ? "" : ",\n") + encoded)
    count += 1
  }

  /// Hands the array's elements to `write` and forgets them.
  func drain(_ write: (String) throws -> Void) throws {
    try spool.drain(write)
    count = 0
  }
}

/// A quarter's view as JSON shows it.
struct QuarterReport: Encodable {
  struct Reach: Encodable {
    var facility: String
    var status: FindingStatus
    var lengthMetres: Double?
    var notes: [String]
  }

  struct Flat: Encodable {
    var building: String
    var flat: String
    var `class`: String
    var verified: Bool
    var reaches: [Reach]
  }

  struct Presence: Encodable {
    var what: String
    var facilities: [String]
  }

  var id: String
  var name: String?
  var byClass: [String: [String: Int]]
  var presence: [Presence]
  var flats: [Flat]
  var outdoorPathFindings: [FindingReport]

  init(_ view: QuarterView, units: UnitSystem) {
    id = view.id
    name = view.name
    byClass = view.counts.mapValues { counts in
      Dictionary(uniqueKeysWithValues: counts.map { ($0.key.isEmpty ? "all" : $0.key, $0.value) })
    }
    presence = view.presence.map { Presence(what: $0.what, facilities: $0.facilities) }
    flats = view.flats.map { flat in
      Flat(
        building: flat.building, flat: flat.flat, class: flat.classification.level,
        verified: flat.classification.verified,
        reaches: flat.reaches.map {
          Reach(
            facility: $0.facility, status: $0.status, lengthMetres: $0.length?.metres,
            notes: $0.notes.map(units.converting))
        })
    }
    outdoorPathFindings = view.pathFindings.map { FindingReport($0, units: units) }
  }
}
