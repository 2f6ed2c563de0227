import BarrierFreeModel
import BarrierFreeRules
import CSV
import Foundation

/// Writes a report as CSV (RFC 4180: comma-separated, CRLF line ends,
/// fields quoted where needed), UTF-8 with a byte-order mark so that
/// spreadsheets read umlauts right. One row per flat, or with `findings` one
/// row per finding. Streams: the header row, then each building's rows.
public struct CSVReport: Sendable {
  /// What a row is.
  public enum Rows: String, Sendable, CaseIterable {
    /// One row per flat.
    case flats
    /// One row per finding of the checked profile (flats' and buildings').
    case findings
  }

  private let rows: Rows

  /// A writer of `rows`.
  public init(rows: Rows = .flats) {
    self.rows = rows
  }

  /// The byte-order mark and the header row.
  public func begin() throws -> String {
    let header =
      switch rows {
      case .flats:
        [
          "building", "address", "flat", "number", "level", "class", "verified",
          "verified class", "next class", "fails", "unknowns", "blocking rules", "route",
        ]
      case .findings:
        [
          "building", "flat", "rule", "status", "standard", "clause", "element", "message",
          "measured", "unit", "required", "remedy", "confidence",
        ]
      }
    return "\u{FEFF}" + (try lines([header]))
  }

  /// One building's rows.
  public func building(_ building: BuildingReport) throws -> String {
    var table: [[String]] = []
    switch rows {
    case .flats:
      for flat in building.flats {
        table.append([
          building.id, building.address ?? "", flat.id, flat.number ?? "",
          flat.level.map(String.init) ?? "", flat.class, flat.verified ? "yes" : "no",
          flat.verifiedClass, flat.nextClass ?? "",
          String(flat.findings.count { $0.status == .fail }),
          String(flat.findings.count { $0.status == .unknown }),
          flat.blockingRules.joined(separator: " "), (flat.route ?? []).joined(separator: " → "),
        ])
      }
    case .findings:
      for finding in building.findings {
        table.append(Self.row(building.id, "", finding))
      }
      for flat in building.flats {
        for finding in flat.findings {
          table.append(Self.row(building.id, flat.id, finding))
        }
      }
    }
    return table.isEmpty ? "" : try lines(table)
  }

  private static func row(_ building: String, _ flat: String, _ finding: FindingReport)
    -> [String]
  {
    [
      building, flat, finding.rule, finding.status.rawValue, finding.standard, finding.clause,
      finding.element, finding.message, finding.measured.map { formatDecimal($0.value) } ?? "",
      finding.measured?.unit ?? finding.required?.unit ?? "", finding.required?.text ?? "",
      finding.remedy ?? "", finding.confidenceLabel,
    ]
  }

  /// Rows as CSV text, each ending in CRLF.
  private func lines(_ table: [[String]]) throws -> String {
    let stream = OutputStream.toMemory()
    let writer = try CSVWriter(stream: stream, newline: .crlf)
    for row in table { try writer.write(row: row) }
    stream.close()
    guard let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else {
      throw CSVError.cannotWriteStream
    }
    return String(decoding: data, as: UTF8.self) + "\r\n"
  }
}
