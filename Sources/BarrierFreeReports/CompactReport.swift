import BarrierFreeModel
import BarrierFreeRules
import BarrierFreeUpgrades

/// A JSON report of schema version 2 (Schemas/report.schema.json), read
/// back: what `barrierfree check --format json` writes, for a tool that
/// takes the report rather than the portfolio.
///
/// ```swift
/// let report = try JSONDecoder().decode(CompactReport.self, from: data)
/// for flat in report.buildings.flatMap(\.flats) where flat.class == "none" {
///   let fails = flat.findings.fail.map { report.header.citation(of: $0) }
/// }
/// ```
///
/// Findings keep the report's compact form; ``ReportHeader/citation(of:)``
/// and ``Flat/resolve(_:status:)`` follow its references.
public struct CompactReport: Sendable, Hashable, Decodable {
  /// 2.
  public var schemaVersion: Int
  /// The tool, profile, inputs, which findings are listed, and the rules
  /// table.
  public var header: ReportHeader
  /// The counts.
  public var summary: ReportSummary
  /// The buildings, in input order.
  public var buildings: [Building]
  /// The quarters' views.
  public var quarters: [Quarter]

  /// A finding as the report writes it: keys without a value are nil.
  public struct Record: Sendable, Hashable, Decodable {
    /// The rule's id, a key of the rules table.
    public var rule: String
    /// Which of the rule's citations; nil for the first.
    public var cite: Int?
    /// Only in a list that mixes statuses (a quarter's outdoor paths).
    public var status: FindingStatus?
    /// The element's path below its building or flat.
    public var element: String
    /// The measured value.
    public var measured: Double?
    /// The least value allowed.
    public var minimum: Double?
    /// The greatest value allowed.
    public var maximum: Double?
    /// A slope's maximum as the standard states it: `1:12`.
    public var ratio: String?
    /// The unit, where it is not the rule's.
    public var unit: String?
    /// The unit of the bounds, where it is not `unit`.
    public var requiredUnit: String?
    /// Where the values do not say it all.
    public var message: String?
    /// What would fix it, where the rule's remedy is not precise enough.
    public var remedy: String?
  }

  /// Findings by status.
  public struct Findings: Sendable, Hashable, Decodable {
    /// The fails.
    public var fail: [Record]
    /// The unknowns.
    public var unknown: [Record]
    /// The passes; empty in a report of open findings.
    public var pass: [Record]
    /// The findings that do not apply; empty in a report of open findings.
    public var notApplicable: [Record]

    private enum CodingKeys: String, CodingKey {
      case fail, unknown, pass, notApplicable
    }

    /// Decodes the lists; those a report of open findings leaves out are
    /// empty.
    public init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      fail = try container.decode([Record].self, forKey: .fail)
      unknown = try container.decode([Record].self, forKey: .unknown)
      pass = try container.decodeIfPresent([Record].self, forKey: .pass) ?? []
      notApplicable = try container.decodeIfPresent([Record].self, forKey: .notApplicable) ?? []
    }

    /// The list of `status`.
    public subscript(status: FindingStatus) -> [Record] {
      switch status {
      case .fail: fail
      case .unknown: unknown
      case .pass: pass
      case .notApplicable: notApplicable
      }
    }
  }

  /// A blocker or open question: an index into the flat's findings of its
  /// status, or the record itself.
  public enum Reference: Sendable, Hashable, Decodable {
    /// `findings.fail[n]` (a blocker) or `findings.unknown[n]` (an open
    /// question).
    case finding(Int)
    /// A finding the flat's list does not hold as such.
    case record(Record)

    private enum CodingKeys: String, CodingKey { case finding }

    /// Decodes either form.
    public init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      if let index = try container.decodeIfPresent(Int.self, forKey: .finding) {
        self = .finding(index)
      } else {
        self = .record(try Record(from: decoder))
      }
    }
  }

  /// A flat.
  public struct Flat: Sendable, Hashable, Decodable {
    /// Its id.
    public var id: String
    /// Its number on the door, if recorded.
    public var number: String?
    /// Its storey, if recorded.
    public var storey: Int?
    /// The class it reaches, possibly.
    public var `class`: String
    /// Whether nothing unknown holds the class open.
    public var verified: Bool
    /// The class it reaches verified.
    public var verifiedClass: String
    /// The class above, nil at the top.
    public var nextClass: String?
    /// The best route to its door; nil for a flat assessed alone.
    public var route: [String]?
    /// Why there is no route, when there is none.
    public var routeProblem: String?
    /// Its findings by status.
    public var findings: Findings
    /// What stands between it and the next class.
    public var blockers: [Reference]
    /// What keeps its class unverified.
    public var openQuestions: [Reference]
    /// With `check --upgrades`: what it takes to reach the next class.
    public var upgrade: FlatUpgrade?
    /// With `check --register`: its category in the register's scheme.
    public var register: FlatRegister?

    /// The record `reference` stands for, `status` being fail for a
    /// blocker and unknown for an open question; nil for an index out of
    /// range.
    public func resolve(_ reference: Reference, status: FindingStatus) -> Record? {
      switch reference {
      case .record(let record): return record
      case .finding(let index):
        let list = findings[status]
        return list.indices.contains(index) ? list[index] : nil
      }
    }
  }

  /// A building.
  public struct Building: Sendable, Hashable, Decodable {
    /// Its id.
    public var id: String
    /// Its name, if recorded.
    public var name: String?
    /// Its address in one line, if recorded.
    public var address: String?
    /// The findings on its own places and connectors.
    public var findings: Findings
    /// Its flats.
    public var flats: [Flat]
  }

  /// A quarter's view.
  public struct Quarter: Sendable, Hashable, Decodable {
    /// How a flat reaches one facility.
    public struct Reach: Sendable, Hashable, Decodable {
      /// The facility's id.
      public var facility: String
      /// Pass, fail or unknown.
      public var status: FindingStatus
      /// The way's length, where known.
      public var lengthMetres: Double?
      /// What stands in the way, or is not known.
      public var notes: [String]
    }

    /// A flat of the quarter and what it reaches.
    public struct Flat: Sendable, Hashable, Decodable {
      /// The flat's building.
      public var building: String
      /// The flat's id.
      public var flat: String
      /// Its class.
      public var `class`: String
      /// Whether its class is verified.
      public var verified: Bool
      /// How it reaches each facility.
      public var reaches: [Reach]
    }

    /// The quarter's id.
    public var id: String
    /// Its name, if recorded.
    public var name: String?
    /// Flats per class and building (`all` for the quarter).
    public var byClass: [String: [String: Int]]
    /// Its flats.
    public var flats: [Flat]
    /// Its outdoor paths' findings, each with its status.
    public var outdoorPathFindings: [Record]
  }

  private enum CodingKeys: String, CodingKey {
    case schemaVersion, summary, buildings, quarters
  }

  /// Decodes a report; one of another schema version is refused.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    schemaVersion = try container.decode(Int.self, forKey: .schemaVersion)
    guard schemaVersion == 2 else {
      throw DecodingError.dataCorruptedError(
        forKey: .schemaVersion, in: container,
        debugDescription:
          "schema version \(schemaVersion): this reads version 2 (version 1 reads as "
          + "ReportHeader and BuildingReport)")
    }
    header = try ReportHeader(from: decoder)
    summary = try container.decode(ReportSummary.self, forKey: .summary)
    buildings = try container.decode([Building].self, forKey: .buildings)
    quarters = try container.decode([Quarter].self, forKey: .quarters)
  }
}

extension ReportHeader {
  /// The rule of `record`, from the rules table; nil when the table lacks
  /// it.
  public func rule(of record: CompactReport.Record) -> ReportRule? {
    rules.first { $0.id == record.rule }
  }

  /// The citation of `record` (its `cite`, the first when it has none).
  public func citation(of record: CompactReport.Record) -> ReportRule.Citation? {
    guard let citations = rule(of: record)?.citations else { return nil }
    let index = record.cite ?? 0
    return citations.indices.contains(index) ? citations[index] : nil
  }
}
