import BarrierFreeModel
import BarrierFreeRules
import BarrierFreeUpgrades

/// Encodes buildings for the JSON report of schema version 2
/// (Schemas/report.schema.json) and for JSON Lines: findings as compact
/// records that name their rule and leave its title, standard and clause
/// to the report's `rules` table; a message only on fails and unknowns,
/// where it says more than the numbers; blockers and open questions as
/// references to the flat's findings where the same finding is there.
///
/// Safe to call from any thread; the same building gives the same bytes.
public struct CompactJSON: Sendable {
  let units: UnitSystem
  let selection: FindingSelection
  let citations: CitationIndex

  /// An encoder citing `rules` (``ReportHeader/rules``), with lengths in
  /// `units`, listing the findings `findings` selects.
  public init(rules: [ReportRule], units: UnitSystem, findings: FindingSelection = .all) {
    self.units = units
    selection = findings
    citations = CitationIndex(rules)
  }

  /// `building` as an element of the report's `buildings`, in UTF-8; with
  /// `upgrades` (by flat id), each flat gets the key `upgrade`.
  public func encode(
    _ building: BuildingAssessment, upgrades: [String: FlatUpgrade]? = nil,
    registers: [String: FlatRegister]? = nil
  ) -> [UInt8] {
    var text = JSONText(capacity: 32 * 1024)
    var cache = CompactPieces()
    text.compactBuilding(
      building, upgrades: upgrades, registers: registers, encoder: self, cache: &cache)
    return text.bytes
  }
}

extension JSONText {
  /// The opening of a report of schema version 2, up to the start of its
  /// `buildings`: version, tool, profile, inputs, which findings are
  /// listed, the summary and the rules table.
  mutating func compactHeader(_ header: ReportHeader, summary: ReportSummary) {
    raw("{\n")
    compactHeaderFields(header, summary: summary, oneLine: false)
    raw(",\n\"buildings\":[")
  }

  /// The header's keys, without braces: the version, tool, profile,
  /// inputs, which findings are listed, the `summary` where there is one,
  /// and the rules table; on one line (JSON Lines), or a key a line and a
  /// rule a line.
  mutating func compactHeaderFields(
    _ header: ReportHeader, summary: ReportSummary? = nil, oneLine: Bool = true
  ) {
    let profile = header.profile
    let separator: StaticString = oneLine ? "," : ",\n"
    raw("\"schemaVersion\":2")
    raw(separator)
    raw("\"tool\":{\"name\":")
    string(header.tool.name)
    raw(",\"version\":")
    string(header.tool.version)
    raw("}")
    raw(separator)
    raw("\"profile\":{\"id\":")
    string(profile.id)
    raw(",\"title\":")
    string(profile.title)
    raw(",\"standard\":")
    string(profile.standard)
    raw(",\"edition\":")
    string(profile.edition)
    raw(",\"ladder\":")
    strings(profile.ladder)
    raw(",\"units\":")
    string(profile.units)
    raw("}")
    raw(separator)
    raw("\"inputs\":")
    strings(header.inputs)
    raw(separator)
    raw("\"findings\":")
    string(header.findings.rawValue)
    if let summary {
      raw(separator)
      raw("\"summary\":")
      self.summary(summary, fixFirst: true)
    }
    raw(separator)
    raw("\"rules\":{")
    for (index, rule) in header.rules.enumerated() {
      if index > 0 { raw(",") }
      // A rule a line in the JSON report, all on one in JSON Lines.
      if !oneLine { raw("\n") }
      string(rule.id)
      raw(":{\"id\":")
      string(rule.id)
      raw(",\"title\":")
      string(rule.title)
      raw(",\"remedy\":")
      string(header.units.converting(rule.remedy))
      if let unit = rule.unit {
        raw(",\"unit\":")
        string(unit)
      }
      raw(",\"citations\":[")
      separated(rule.citations) { json, citation in
        json.raw("{\"standard\":")
        json.string(citation.standard)
        json.raw(",\"clause\":")
        json.string(citation.clause)
        json.raw(",\"clauseUnsure\":")
        json.bool(citation.clauseUnsure)
        json.raw(",\"confidence\":")
        json.string(citation.confidence)
        json.raw(",\"profiles\":")
        json.strings(citation.profiles)
        json.raw("}")
      }
      raw("]}")
    }
    raw(oneLine ? "}" : "\n}")
  }

  mutating func compactBuilding(
    _ building: BuildingAssessment, upgrades: [String: FlatUpgrade]?,
    registers: [String: FlatRegister]? = nil, encoder: CompactJSON, cache: inout CompactPieces
  ) {
    raw("{\"id\":")
    string(building.id)
    raw(",\"name\":")
    string(building.name)
    raw(",\"address\":")
    string(BuildingReport.addressText(building.address))
    raw(",\"findings\":")
    let own = building.results.last?.findings ?? []
    _ = compactFindings(own, encoder: encoder, cache: &cache)
    raw(",\"flats\":[")
    for (index, flat) in building.flats.enumerated() {
      if index > 0 { raw(",") }
      compactFlat(
        flat, upgrade: upgrades.map { $0[flat.id] }, register: registers.map { $0[flat.id] },
        encoder: encoder, cache: &cache)
    }
    raw("]}")
  }

  /// A flat; `upgrade`: nil leaves the key out, an inner nil writes `null`
  /// (a flat at the top class).
  mutating func compactFlat(
    _ flat: FlatAssessment, upgrade: FlatUpgrade??, register: FlatRegister?? = nil,
    encoder: CompactJSON, cache: inout CompactPieces, open: Bool = true
  ) {
    let classification = flat.classification
    let (route, routeProblem) = FlatReport.route(of: flat)
    // Not `open`: a JSON Lines line has begun the object with its type.
    if open { raw("{") }
    raw("\"id\":")
    string(flat.id)
    raw(",\"number\":")
    string(flat.number)
    raw(",\"storey\":")
    int(flat.storey)
    raw(",\"class\":")
    string(classification.class)
    raw(",\"verified\":")
    bool(classification.verified)
    raw(",\"verifiedClass\":")
    string(classification.verifiedClass)
    raw(",\"nextClass\":")
    string(classification.nextClass)
    raw(",\"route\":")
    if let route { strings(route) } else { raw("null") }
    raw(",\"routeProblem\":")
    string(routeProblem)
    raw(",\"findings\":")
    let findings = flat.findings
    let written = compactFindings(findings, encoder: encoder, cache: &cache, inFlat: true)
    raw(",\"blockers\":")
    references(flat.blockers, into: findings, written: written, encoder: encoder, cache: &cache)
    raw(",\"openQuestions\":")
    references(
      flat.openQuestions, into: findings, written: written, encoder: encoder, cache: &cache)
    if let upgrade {
      raw(",\"upgrade\":")
      if let upgrade { self.upgrade(upgrade) } else { raw("null") }
    }
    if let register {
      raw(",\"register\":")
      if let register { self.register(register) } else { raw("null") }
    }
    raw("}")
  }

  /// The findings the selection lists, by status: an object with an array
  /// for each status the selection lists (`fail`, `unknown`, then `pass`
  /// and `notApplicable`), each in the order the assessment found them.
  /// Returns, per status, the index in `findings` of each one written.
  mutating func compactFindings(
    _ findings: [Finding], encoder: CompactJSON, cache: inout CompactPieces,
    inFlat: Bool = false
  ) -> [FindingStatus: [Int]] {
    raw("{")
    var written: [FindingStatus: [Int]] = [:]
    let order =
      encoder.selection == .all ? FindingStatus.reportOrder : FindingStatus.openReportOrder
    findings.withUnsafeBufferPointer { list in
      for (number, status) in order.compactMap({ $0 }).enumerated() {
        raw(number == 0 ? "\"" : "],\"")
        raw(status.key)
        raw("\":[")
        var indices: [Int] = []
        for index in list.indices where list[index].status == status {
          if !indices.isEmpty { raw(",") }
          indices.append(index)
          compactFinding(
            list[index], encoder: encoder, cache: &cache, inFlat: inFlat, withStatus: false)
        }
        written[status] = indices
      }
    }
    raw("]}")
    return written
  }

  /// Findings as one array of records that each say their status (a
  /// quarter's outdoor paths), in their order.
  mutating func compactFindingList(
    _ findings: [Finding], encoder: CompactJSON, cache: inout CompactPieces
  ) {
    raw("[")
    for (index, finding) in findings.enumerated() {
      if index > 0 { raw(",") }
      compactFinding(finding, encoder: encoder, cache: &cache, withStatus: true)
    }
    raw("]")
  }

  /// Blockers (fails) or open questions (unknowns): `{"finding":N}` where
  /// the flat's findings of that status (`written`) hold, at N, the same
  /// rule on the same element with the same requirement; the record itself
  /// where they do not (a lower class's requirement, or a rule only a lower
  /// class binds).
  private mutating func references(
    _ list: [Finding], into findings: [Finding], written: [FindingStatus: [Int]],
    encoder: CompactJSON, cache: inout CompactPieces
  ) {
    raw("[")
    for (number, finding) in list.enumerated() {
      if number > 0 { raw(",") }
      let position = written[finding.status]?.firstIndex { index in
        let other = findings[index]
        return other.rule == finding.rule && other.path == finding.path
          && other.evaluation.required == finding.evaluation.required
      }
      if let position {
        raw("{\"finding\":")
        int(position)
        raw("}")
      } else {
        compactFinding(finding, encoder: encoder, cache: &cache, inFlat: true, withStatus: false)
      }
    }
    raw("]")
  }

  /// `{"rule":…,"cite":…,"status":…,"element":…,"measured":…,"minimum":…,
  /// "maximum":…,"ratio":…,"unit":…,"message":…,"remedy":…}`, each key
  /// after `element` only when it has something to say; `status` only
  /// `withStatus` (a record in a list of one status does not repeat it).
  mutating func compactFinding(
    _ finding: Finding, encoder: CompactJSON, cache: inout CompactPieces, inFlat: Bool = false,
    withStatus: Bool
  ) {
    let evaluation = finding.evaluation
    let head = cache.head(finding.source, citations: encoder.citations)
    raw(cache.text, head)
    if withStatus {
      raw(",\"status\":\"")
      raw(finding.status.key)
      raw("\"")
    }
    raw(",\"element\":")
    let element = cache.element(finding.path, inFlat: inFlat)
    raw(cache.text, element)
    let shown = encoder.units.shown(evaluation.measured, against: evaluation.required)
    if let measured = shown.measured {
      raw(",\"measured\":")
      number(measured.value)
    }
    // The requirement's bounds are columns of the record, not an object:
    // a record is one row for pandas or DuckDB.
    if let required = shown.required {
      if let minimum = required.minimum {
        raw(",\"minimum\":")
        number(minimum)
      }
      if let maximum = required.maximum {
        raw(",\"maximum\":")
        number(maximum)
      }
      if let gradient = required.gradient {
        // The ratio as the standard states it: `1:12`.
        raw(",\"ratio\":\"")
        write(number: gradient.rise)
        raw(":")
        write(number: gradient.run)
        raw("\"")
      }
    }
    // The unit only where the rules table does not give it already.
    if let unit = (shown.measured?.unit ?? shown.required?.unit), unit != .count {
      if unit != encoder.citations.unit(of: finding.rule) {
        raw(",\"unit\":\"")
        raw(unit.symbol)
        raw("\"")
      }
      if let other = shown.required?.unit, shown.measured != nil, other != unit,
        other != .count
      {
        raw(",\"requiredUnit\":\"")
        raw(other.symbol)
        raw("\"")
      }
    }
    // A message only where it says more than the values: a remedy for an
    // unknown that is only unmeasured says what to measure, which is all
    // its message would say.
    if finding.status == .fail || finding.status == .unknown, !evaluation.saysOnlyItsValues {
      let remedy = evaluation.remedy
      if !(finding.status == .unknown && remedy != nil && evaluation.saysOnlyWhatIsUnmeasured) {
        raw(",\"message\":\"")
        evaluation.writeMessage(in: encoder.units, to: &self)
        raw("\"")
      }
      if let remedy {
        raw(",\"remedy\":")
        string(encoder.units.converting(remedy))
      }
    }
    raw("}")
  }
}

/// The JSON that findings share, each piece written once per building: a
/// binding's `{"rule":…,"cite":…` and an element's path below its building.
/// Keyed like ``Fragments``: paths by the address of their steps' storage,
/// which the findings of one element share, sources by identity; an entry
/// keeps its key's object alive.
struct CompactPieces: ~Copyable {
  private(set) var text = JSONText(capacity: 4 * 1024)
  private var paths: [UInt: (ElementPath, Range<Int>)] = [:]
  private var flatPaths: [UInt: (ElementPath, Range<Int>)] = [:]
  private var heads: [ObjectIdentifier: (Finding.Source, Range<Int>)] = [:]

  /// `{"rule":"door.clear-width"`, with `,"cite":1` where the rule has
  /// several citations and this is not the first.
  mutating func head(_ source: Finding.Source, citations: CitationIndex) -> Range<Int> {
    let key = ObjectIdentifier(source)
    if let known = heads[key] { return known.1 }
    let start = text.count
    text.raw("{\"rule\":")
    text.string(source.rule)
    let cite = citations.index(of: source.citation, rule: source.rule)
    if cite > 0 {
      text.raw(",\"cite\":")
      text.int(cite)
    }
    heads[key] = (source, start..<text.count)
    return start..<text.count
  }

  /// An element's path as a record inside a building or a flat writes it:
  /// below the building (`"flat W3 › room bath"`, `"path p1"`), or in a
  /// flat (`inFlat`) below the flat (`"room bath"`, `""` for the flat
  /// itself); an element of the building on a flat's route is written
  /// from the building down (`"building b1 › steps s1"`), so that it
  /// cannot be taken for one of the flat's.
  mutating func element(_ path: ElementPath, inFlat: Bool) -> Range<Int> {
    let key = path.steps.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
    if let known = (inFlat ? flatPaths : paths)[key] {
      assert(known.0 == path, "a cached path answers for another")
      return known.1
    }
    let steps = path.steps
    var skip = 0
    if steps.first?.kind == "building" {
      if !inFlat {
        skip = 1
      } else if steps.count > 1, steps[1].kind == "flat" {
        skip = 2
      }
    }
    let start = text.count
    text.raw("\"")
    for (index, step) in steps.enumerated().dropFirst(skip) {
      if index > skip { text.raw(" › ") }
      text.write(step.kind)
      text.raw(" ")
      text.write(step.name)
    }
    text.raw("\"")
    if inFlat {
      flatPaths[key] = (path, start..<text.count)
    } else {
      paths[key] = (path, start..<text.count)
    }
    return start..<text.count
  }

}

extension FindingStatus {
  /// The status as JSON writes it: `fail`, `notApplicable`.
  var key: StaticString {
    switch self {
    case .pass: "pass"
    case .fail: "fail"
    case .unknown: "unknown"
    case .notApplicable: "notApplicable"
    }
  }
}
