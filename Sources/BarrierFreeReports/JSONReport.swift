import BarrierFreeModel
import BarrierFreeRules

/// Writes a report as JSON (Schemas/report.schema.json), one building at a
/// time: `begin`, then each building's JSON from ``encode(_:units:findings:upgrades:registers:)``
/// after a ``separator()``, then `end`. Keys are sorted and numbers written
/// the same way every time, so the same input gives the same bytes.
///
/// Every part of the document (header, buildings, quarters, summary) is
/// written by one encoder, `JSONText`; the report model
/// (``BuildingReport``, ``ReportHeader``, ``ReportSummary``) decodes what it
/// writes.
public struct JSONReport {
  private var buildingsWritten = 0

  /// A writer.
  public init() {}

  /// The opening of the document, with its header.
  public func begin(_ header: ReportHeader) -> String {
    var text = JSONText(capacity: 1024)
    text.header(header)
    return text.text
  }

  /// What goes before the next building of the `buildings` array, whose
  /// JSON is written next (from ``encode(_:units:findings:upgrades:registers:)``).
  public mutating func separator() -> String {
    defer { buildingsWritten += 1 }
    return buildingsWritten == 0 ? "\n" : ",\n"
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
    var text = JSONText(capacity: 1024)
    text.raw("],\n\"summary\":")
    text.summary(summary)
    text.raw("\n}\n")
    try write(text.text)
  }
}

/// The `quarters` of a JSON report, which the format puts after all the
/// buildings: each quarter's view is encoded when the quarter ends and kept
/// aside, in memory up to a few megabytes and in a temporary file beyond,
/// so that memory does not grow with the number of quarters.
public final class JSONQuarters {
  private let units: UnitSystem
  private let spool: Spool
  private var count = 0
  /// Schema version 2: the outdoor paths' findings as compact records.
  private let compact: CompactJSON?

  /// Quarters whose lengths are written in `units` (the checked profile's).
  public convenience init(units: UnitSystem = .metric) {
    self.init(units: units, spoolLimit: 4 << 20)
  }

  /// Quarters of a report of schema version 2, whose findings `compact`
  /// encodes.
  public convenience init(compact: CompactJSON) {
    self.init(units: compact.units, spoolLimit: 4 << 20, compact: compact)
  }

  init(units: UnitSystem, spoolLimit: Int, compact: CompactJSON? = nil) {
    self.units = units
    spool = Spool(limit: spoolLimit)
    self.compact = compact
  }

  /// Adds a quarter's view, the next element of the `quarters` array.
  public func add(_ view: QuarterView) throws {
    var text = JSONText(capacity: 4 * 1024)
    if count > 0 { text.raw(",\n") }
    text.quarter(view, units: units, compact: compact)
    try spool.append(text.text)
    count += 1
  }

  /// Hands the array's elements to `write` and forgets them.
  func drain(_ write: (String) throws -> Void) throws {
    try spool.drain(write)
    count = 0
  }
}

extension JSONText {
  /// The document's opening: its header and the start of the `buildings`
  /// array.
  mutating func header(_ header: ReportHeader) {
    let profile = header.profile
    raw("{\n\"tool\":{\"name\":")
    string(header.tool.name)
    raw(",\"version\":")
    string(header.tool.version)
    raw("},\n\"profile\":{\"edition\":")
    string(profile.edition)
    raw(",\"id\":")
    string(profile.id)
    raw(",\"ladder\":")
    strings(profile.ladder)
    raw(",\"standard\":")
    string(profile.standard)
    raw(",\"title\":")
    string(profile.title)
    raw(",\"units\":")
    string(profile.units)
    raw("},\n\"inputs\":")
    strings(header.inputs)
    raw(",")
    // Written only when not all: reports of every finding keep their bytes.
    if header.findings != .all {
      raw("\n\"findings\":")
      string(header.findings.rawValue)
      raw(",")
    }
    raw("\n\"buildings\":[")
  }

  /// The totals.
  mutating func summary(_ summary: ReportSummary, fixFirst: Bool = false) {
    raw("{")
    summaryFields(summary, fixFirst: fixFirst)
    raw("}")
  }

  /// The totals' keys, without braces; with `fixFirst` (schema version 2)
  /// the fix-first view too.
  mutating func summaryFields(_ summary: ReportSummary, fixFirst: Bool = false) {
    raw("\"buildings\":")
    int(summary.buildings)
    raw(",\"byClass\":")
    counts(summary.byClass)
    raw(",\"findings\":")
    counts(summary.findings)
    raw(",\"flats\":")
    int(summary.flats)
    raw(",\"unverifiedByClass\":")
    counts(summary.unverifiedByClass)
    if fixFirst {
      raw(",\"fixFirst\":")
      self.fixFirst(summary.fixFirst)
    }
  }

  /// The fix-first view: the flats one and two rules away from their next
  /// class (the first of them, with the count), and the rules ranked.
  mutating func fixFirst(_ view: FixFirst) {
    func group(_ group: FixFirst.Group, into json: inout JSONText) {
      json.raw("{\"count\":")
      json.int(group.count)
      json.raw(",\"flats\":[")
      json.separated(group.flats) { json, miss in
        json.raw("{\"building\":")
        json.string(miss.building)
        json.raw(",\"flat\":")
        json.string(miss.flat)
        json.raw(",\"class\":")
        json.string(miss.class)
        json.raw(",\"verified\":")
        json.bool(miss.verified)
        json.raw(",\"nextClass\":")
        json.string(miss.nextClass)
        json.raw(",\"rules\":")
        json.strings(miss.rules)
        if let cost = miss.upgrade {
          json.raw(",\"upgrade\":{\"target\":")
          json.string(cost.target)
          json.raw(",\"reaches\":")
          json.bool(cost.reaches)
          json.raw(",\"costLow\":")
          json.int(Int(cost.costLow.rounded()))
          json.raw(",\"costHigh\":")
          json.int(Int(cost.costHigh.rounded()))
          json.raw(",\"fromPrices\":")
          json.bool(cost.fromPrices)
          json.raw(",\"measures\":")
          json.strings(cost.measures)
          json.raw("}")
        }
        json.raw("}")
      }
      json.raw("]}")
    }
    raw("{\"oneRuleAway\":")
    group(view.oneRuleAway, into: &self)
    raw(",\"twoRulesAway\":")
    group(view.twoRulesAway, into: &self)
    raw(",\"rules\":[")
    separated(view.ranked) { json, rank in
      json.raw("{\"rule\":")
      json.string(rank.rule)
      json.raw(",\"lifts\":")
      json.int(rank.lifts)
      json.raw(",\"blocks\":")
      json.int(rank.blocks)
      json.raw("}")
    }
    raw("]}")
  }

  /// A quarter's view, with lengths in `units`. Optional keys without a
  /// value (`name`, `lengthMetres`) are left out, unlike a building's.
  mutating func quarter(
    _ view: QuarterView, units: UnitSystem, compact: CompactJSON? = nil, type: Bool = false
  ) {
    // `type`: a JSON Lines line, which says what it is.
    raw(type ? "{\"type\":\"quarter\",\"byClass\":{" : "{\"byClass\":{")
    separated(Self.sorted(view.counts.keys)) { json, level in
      json.string(level)
      json.raw(":")
      // The quarter's own total is kept under "" and written as "all".
      let perBuilding = view.counts[level] ?? [:]
      json.counts(
        Dictionary(
          uniqueKeysWithValues: perBuilding.map { ($0.key.isEmpty ? "all" : $0.key, $0.value) }))
    }
    raw("},\"flats\":[")
    separated(view.flats) { json, flat in json.quarterFlat(flat, units: units) }
    raw("],\"id\":")
    string(view.id)
    if let name = view.name {
      raw(",\"name\":")
      string(name)
    }
    raw(",\"outdoorPathFindings\":")
    if let compact {
      var cache = CompactPieces()
      compactFindingList(view.pathFindings, encoder: compact, cache: &cache)
    } else {
      raw("[")
      var paths = Fragments()
      separated(view.pathFindings) { json, finding in
        json.finding(finding, paths: &paths, units: units)
      }
      raw("]")
    }
    raw(",\"presence\":[")
    separated(view.presence) { json, presence in
      json.raw("{\"facilities\":")
      json.strings(presence.facilities)
      json.raw(",\"what\":")
      json.string(presence.what)
      json.raw("}")
    }
    raw("]}")
  }

  /// A flat of a quarter's view and how it reaches each facility.
  private mutating func quarterFlat(_ flat: QuarterView.FlatReach, units: UnitSystem) {
    raw("{\"building\":")
    string(flat.building)
    raw(",\"class\":")
    string(flat.classification.class)
    raw(",\"flat\":")
    string(flat.flat)
    raw(",\"reaches\":[")
    separated(flat.reaches) { json, reach in
      json.raw("{\"facility\":")
      json.string(reach.facility)
      if let length = reach.length {
        json.raw(",\"lengthMetres\":")
        json.number(length.metres)
      }
      json.raw(",\"notes\":")
      json.strings(reach.notes.map(units.converting))
      json.raw(",\"status\":")
      json.string(reach.status.rawValue)
      json.raw("}")
    }
    raw("],\"verified\":")
    bool(flat.classification.verified)
    raw("}")
  }

  /// `counts` as an object, keys in the report's order.
  mutating func counts(_ counts: [String: Int]) {
    raw("{")
    separated(Self.sorted(counts.keys)) { json, key in
      json.string(key)
      json.raw(":")
      json.int(counts[key])
    }
    raw("}")
  }

  /// `keys` in the order of `JSONEncoder`'s `sortedKeys`, which the report
  /// has always had: by code point (`B3` before `a`, `b10` before `b2`).
  static func sorted(_ keys: some Sequence<String>) -> [String] {
    keys.sorted()
  }
}
