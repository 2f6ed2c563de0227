import BarrierFreeModel
import BarrierFreeRules

extension JSONReport {
  /// `building` as JSON, the way ``encode(_:)`` writes
  /// `BuildingReport(building, units: units, findings: findings)`, byte for
  /// byte (tested), but
  /// written straight from the assessment into UTF-8: no report value, no
  /// string per message. This is the check command's JSON path; safe to
  /// call from any thread.
  public static func encode(
    _ building: BuildingAssessment, units: UnitSystem, findings: FindingSelection = .all
  ) -> [UInt8] {
    var text = JSONText(capacity: 64 * 1024)
    text.building(building, units: units, selection: findings)
    return text.bytes
  }
}

extension JSONText {
  /// The building, as ``building(_:)`` writes its ``BuildingReport``.
  mutating func building(
    _ building: BuildingAssessment, units: UnitSystem, selection: FindingSelection = .all
  ) {
    var paths = PathJSON()
    raw("{\"address\":")
    string(BuildingReport.addressText(building.address))
    raw(",\"findings\":")
    findings(
      building.levels.last?.findings ?? [], sorted: true, paths: &paths, units: units,
      selection: selection)
    raw(",\"flats\":[")
    for (index, flat) in building.flats.enumerated() {
      if index > 0 { raw(",") }
      self.flat(flat, paths: &paths, units: units, selection: selection)
    }
    raw("],\"id\":")
    string(building.id)
    raw(",\"name\":")
    string(building.name)
    raw("}")
  }

  private mutating func flat(
    _ flat: FlatAssessment, paths: inout PathJSON, units: UnitSystem, selection: FindingSelection
  ) {
    let classification = flat.classification
    let blockers = flat.blockers
    let (route, routeProblem) = FlatReport.route(of: flat)
    raw("{\"blockers\":")
    findings(blockers, sorted: false, paths: &paths, units: units)
    raw(",\"blockingRules\":")
    strings(FlatReport.blockingRules(blockers))
    raw(",\"class\":")
    string(classification.level)
    raw(",\"classLabel\":")
    string(classification.description)
    raw(",\"findings\":")
    findings(flat.findings, sorted: true, paths: &paths, units: units, selection: selection)
    raw(",\"id\":")
    string(flat.id)
    raw(",\"level\":")
    int(flat.storey)
    raw(",\"nextClass\":")
    string(classification.nextLevel)
    raw(",\"number\":")
    string(flat.number)
    raw(",\"openQuestions\":")
    findings(flat.openQuestions, sorted: false, paths: &paths, units: units)
    raw(",\"route\":")
    if let route { strings(route) } else { raw("null") }
    raw(",\"routeProblem\":")
    string(routeProblem)
    raw(",\"verified\":")
    bool(classification.verified)
    raw(",\"verifiedClass\":")
    string(classification.verifiedLevel)
    raw("}")
  }

  /// The findings as an array; `sorted`: fails first, then unknowns, passes
  /// and not applicable, as ``Array/stableSorted()`` orders them, without
  /// copying a finding.
  private mutating func findings(
    _ findings: [Finding], sorted: Bool, paths: inout PathJSON, units: UnitSystem,
    selection: FindingSelection = .all
  ) {
    raw("[")
    var first = true
    findings.withUnsafeBufferPointer { list in
      let order = selection == .all ? FindingStatus.reportOrder : FindingStatus.openReportOrder
      for status in sorted ? order : [nil] {
        for index in list.indices where status == nil || list[index].status == status {
          if !first { raw(",") }
          first = false
          finding(list[index], paths: &paths, units: units)
        }
      }
    }
    raw("]")
  }

  private mutating func finding(_ finding: Finding, paths: inout PathJSON, units: UnitSystem) {
    let evaluation = finding.evaluation
    paths.update(finding.path)
    raw("{\"clause\":")
    string(finding.citation.clause)
    raw(",\"element\":")
    raw(paths.json)
    raw(",\"measured\":")
    if let measured = evaluation.measured.map(units.shown) {
      raw("{\"unit\":")
      string(measured.unit.rawValue)
      raw(",\"value\":")
      number(measured.value)
      raw("}")
    } else {
      raw("null")
    }
    raw(",\"message\":\"")
    evaluation.writeMessage(in: units, to: &self)
    raw("\",\"place\":")
    if let start = paths.placeStart {
      raw("\"")
      raw(paths.json, from: start)
    } else {
      raw("\"\"")
    }
    raw(",\"remedy\":")
    string(evaluation.remedy.map(units.converting))
    raw(",\"required\":")
    if let required = evaluation.required.map(units.shown) {
      bounds(minimum: required.minimum, maximum: required.maximum)
      raw("\"text\":\"")
      required.write(to: &self)
      raw("\",\"unit\":")
      string(required.unit.rawValue)
      raw("}")
    } else {
      raw("null")
    }
    findingEnd(rule: finding.rule, standard: finding.citation.standard, status: finding.status)
  }
}

/// The `element` of the last path as a JSON string, and where in it its
/// `place` begins: the findings on one element come one after another and
/// share them. The place is the path below the flat (``PathTexts``), so its
/// text is the end of the element's.
private struct PathJSON: ~Copyable {
  private var last: ElementPath?
  /// `"building b1 › flat W3 › room bath"`, quotes included.
  private(set) var json = JSONText(capacity: 256)
  /// Where `room bath"` begins in `json`; nil when the place is empty.
  private(set) var placeStart: Int?

  mutating func update(_ path: ElementPath) {
    guard path != last else { return }
    last = path
    json.removeAll()
    placeStart = nil
    json.raw("\"")
    for (index, step) in path.steps.enumerated() {
      if index > 0 { json.raw(" › ") }
      if placeStart == nil && step.kind != "building" && step.kind != "flat" {
        placeStart = json.count
      }
      json.write(step.kind)
      json.raw(" ")
      json.write(step.name)
    }
    json.raw("\"")
  }
}

extension FindingStatus {
  /// The order reports list findings in: fails, unknowns, passes, not
  /// applicable.
  static let reportOrder: [FindingStatus?] = allCases.sorted()
  /// The same for ``FindingSelection/open``: fails, then unknowns.
  static let openReportOrder: [FindingStatus?] = allCases.sorted().filter {
    FindingSelection.open.lists($0)
  }
}
