import BarrierFreeModel
import BarrierFreeRules
import BarrierFreeUpgrades

extension JSONReport {
  /// `building` as the JSON report writes it, in UTF-8: what
  /// `BuildingReport(building, units: units, findings: findings)` decodes
  /// from (tested), written straight from the assessment, with no report
  /// value and no string per message made first. Safe to call from any
  /// thread.
  ///
  /// With `upgrades` (by flat id), each flat gets the key `upgrade`: what it
  /// takes to reach its next class.
  public static func encode(
    _ building: BuildingAssessment, units: UnitSystem, findings: FindingSelection = .all,
    upgrades: [String: FlatUpgrade]? = nil, registers: [String: FlatRegister]? = nil
  ) -> [UInt8] {
    var text = JSONText(capacity: 64 * 1024)
    text.building(
      building, units: units, selection: findings, upgrades: upgrades, registers: registers)
    return text.bytes
  }
}

extension JSONText {
  /// The building, as ``BuildingReport`` decodes it.
  mutating func building(
    _ building: BuildingAssessment, units: UnitSystem, selection: FindingSelection = .all,
    upgrades: [String: FlatUpgrade]? = nil, registers: [String: FlatRegister]? = nil
  ) {
    var paths = Fragments()
    raw("{\"address\":")
    string(BuildingReport.addressText(building.address))
    raw(",\"findings\":")
    findings(
      building.results.last?.findings ?? [], sorted: true, paths: &paths, units: units,
      selection: selection)
    raw(",\"flats\":[")
    for (index, flat) in building.flats.enumerated() {
      if index > 0 { raw(",") }
      self.flat(
        flat, paths: &paths, units: units, selection: selection,
        upgrade: upgrades.map { $0[flat.id] }, register: registers.map { $0[flat.id] })
    }
    raw("],\"id\":")
    string(building.id)
    raw(",\"name\":")
    string(building.name)
    raw("}")
  }

  /// A flat's category in a register scheme.
  mutating func register(_ register: FlatRegister) {
    raw("{\"category\":")
    string(register.category)
    raw(",\"possible\":")
    strings(register.possible)
    raw(",\"scheme\":")
    string(register.scheme)
    raw("}")
  }

  /// What it takes to reach the next class.
  mutating func upgrade(_ upgrade: FlatUpgrade) {
    raw("{\"afterSurvey\":")
    strings(upgrade.afterSurvey)
    raw(",\"costHigh\":")
    number(upgrade.costHigh.rounded())
    raw(",\"costLow\":")
    number(upgrade.costLow.rounded())
    raw(",\"fromPrices\":")
    bool(upgrade.fromPrices)
    raw(",\"funding\":")
    strings(upgrade.funding)
    raw(",\"measures\":")
    strings(upgrade.measures)
    raw(",\"noKnownMeasure\":")
    strings(upgrade.noKnownMeasure)
    raw(",\"reaches\":")
    bool(upgrade.reaches)
    raw(",\"surveyNeeded\":")
    bool(upgrade.surveyNeeded)
    raw(",\"target\":")
    string(upgrade.target)
    raw(",\"toMeasure\":")
    strings(upgrade.toMeasure)
    raw("}")
  }

  /// `upgrade`: nil leaves the key out (a report without upgrades); an
  /// inner nil writes `null` (a flat at the top class).
  private mutating func flat(
    _ flat: FlatAssessment, paths: inout Fragments, units: UnitSystem, selection: FindingSelection,
    upgrade: FlatUpgrade?? = nil, register: FlatRegister?? = nil
  ) {
    let classification = flat.classification
    let blockers = flat.blockers
    let (route, routeProblem) = FlatReport.route(of: flat)
    raw("{\"blockers\":")
    findings(blockers, sorted: false, paths: &paths, units: units)
    raw(",\"blockingRules\":")
    strings(FlatReport.blockingRules(blockers))
    raw(",\"class\":")
    string(classification.class)
    raw(",\"classLabel\":")
    string(classification.description)
    raw(",\"findings\":")
    findings(flat.findings, sorted: true, paths: &paths, units: units, selection: selection)
    raw(",\"id\":")
    string(flat.id)
    raw(",\"level\":")
    int(flat.storey)
    raw(",\"nextClass\":")
    string(classification.nextClass)
    raw(",\"number\":")
    string(flat.number)
    raw(",\"openQuestions\":")
    findings(flat.openQuestions, sorted: false, paths: &paths, units: units)
    if let register {
      raw(",\"register\":")
      if let register { self.register(register) } else { raw("null") }
    }
    raw(",\"route\":")
    if let route { strings(route) } else { raw("null") }
    raw(",\"routeProblem\":")
    string(routeProblem)
    if let upgrade {
      raw(",\"upgrade\":")
      if let upgrade { self.upgrade(upgrade) } else { raw("null") }
    }
    raw(",\"verified\":")
    bool(classification.verified)
    raw(",\"verifiedClass\":")
    string(classification.verifiedClass)
    raw("}")
  }

  /// The findings as an array; `sorted`: fails first, then unknowns, passes
  /// and not applicable, as ``Array/stableSorted()`` orders them, without
  /// copying a finding.
  private mutating func findings(
    _ findings: [Finding], sorted: Bool, paths: inout Fragments, units: UnitSystem,
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

  /// One finding, as ``FindingReport`` decodes it.
  mutating func finding(_ finding: Finding, paths: inout Fragments, units: UnitSystem) {
    let evaluation = finding.evaluation
    let source = paths.source(finding.source)
    let path = paths.path(finding.path)
    // {"clause":…,"element":
    raw(paths.text, source.head)
    raw(paths.text, path.element)
    let shown = units.shown(evaluation.measured, against: evaluation.required)
    raw(",\"measured\":")
    if let measured = shown.measured {
      raw("{\"unit\":\"")
      raw(measured.unit.symbol)
      raw("\"")
      raw(",\"value\":")
      number(measured.value)
      raw("}")
    } else {
      raw("null")
    }
    raw(",\"message\":\"")
    evaluation.writeMessage(in: units, to: &self)
    raw("\",\"place\":")
    raw(paths.text, path.place)
    raw(",\"remedy\":")
    string(evaluation.remedy.map(units.converting))
    raw(",\"required\":")
    if let required = shown.required {
      bounds(minimum: required.minimum, maximum: required.maximum)
      raw("\"text\":\"")
      required.write(to: &self)
      raw("\",\"unit\":\"")
      raw(required.unit.symbol)
      raw("\"")
      raw("}")
    } else {
      raw("null")
    }
    // ,"rule":…,"standard":…,"status":
    raw(paths.text, source.tail)
    status(finding.status)
  }

  /// `"fail"}` and the like: a finding's status and its end.
  private mutating func status(_ status: FindingStatus) {
    switch status {
    case .pass: raw("\"pass\"}")
    case .fail: raw("\"fail\"}")
    case .unknown: raw("\"unknown\"}")
    case .notApplicable: raw("\"notApplicable\"}")
    }
  }
}

/// The JSON that the findings of one building share, each piece written
/// once: an element's path, which every finding on it writes twice (as
/// `element`, and its end as `place`), and a rule binding's clause, rule
/// and standard. Findings are listed fails first, so findings on one
/// element seldom follow each other; before this cache, the path was
/// written anew for nearly every finding, a tenth of the JSON report.
///
/// Paths are keyed by the address of their steps' storage, which the
/// findings of one element share, and sources by identity. An entry keeps
/// its path or source alive, so no other can take its address while the
/// cache lives.
struct Fragments: ~Copyable {
  /// The pieces, one after another.
  private(set) var text = JSONText(capacity: 8 * 1024)
  private var paths: [UInt: PathPieces] = [:]
  private var sources: [ObjectIdentifier: SourcePieces] = [:]

  /// Where a path's JSON lies in ``text``.
  struct PathPieces {
    let path: ElementPath
    /// `"building b1 › flat W3 › room bath"`, quotes included.
    let element: Range<Int>
    /// `"room bath"`: the path below the flat (``PathTexts``), so the end
    /// of `element`, or `""` when that is empty.
    let place: Range<Int>
  }

  /// Where a rule binding's JSON lies in ``text``.
  struct SourcePieces {
    let source: Finding.Source
    /// `{"clause":"5.3.1","element":`.
    let head: Range<Int>
    /// `,"rule":"door-clear-width","standard":"DIN 18040-2:2011-09","status":`.
    let tail: Range<Int>
  }

  mutating func path(_ path: ElementPath) -> PathPieces {
    let key = path.steps.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
    if let known = paths[key] {
      assert(known.path == path, "a cached path answers for another")
      return known
    }
    let start = text.count
    var placeStart: Int?
    text.raw("\"")
    for (index, step) in path.steps.enumerated() {
      if index > 0 { text.raw(" › ") }
      if placeStart == nil && step.kind != "building" && step.kind != "flat" {
        placeStart = text.count
      }
      text.write(step.kind)
      text.raw(" ")
      text.write(step.name)
    }
    text.raw("\"")
    let end = text.count
    let place: Range<Int>
    if let placeStart {
      // The place's opening quote goes just before it, so that its JSON is
      // one range: the step's separator or the path's quote is replaced
      // by a second copy of the tail.
      let quote = text.count
      text.raw("\"")
      text.repeatBytes(from: placeStart, to: end)
      place = quote..<text.count
    } else {
      let quote = text.count
      text.raw("\"\"")
      place = quote..<text.count
    }
    let pieces = PathPieces(path: path, element: start..<end, place: place)
    paths[key] = pieces
    return pieces
  }

  mutating func source(_ source: Finding.Source) -> SourcePieces {
    let key = ObjectIdentifier(source)
    if let known = sources[key] { return known }
    let start = text.count
    text.raw("{\"clause\":")
    text.string(source.citation.clause)
    text.raw(
      source.citation.clauseUnsure ? ",\"clauseUnsure\":true" : ",\"clauseUnsure\":false")
    text.raw(",\"confidence\":")
    text.string(source.citation.confidence?.rawValue)
    text.raw(",\"element\":")
    let head = start..<text.count
    let tailStart = text.count
    text.raw(",\"rule\":")
    text.string(source.rule)
    text.raw(",\"standard\":")
    text.string(source.citation.standard)
    text.raw(",\"status\":")
    let pieces = SourcePieces(source: source, head: head, tail: tailStart..<text.count)
    sources[key] = pieces
    return pieces
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
