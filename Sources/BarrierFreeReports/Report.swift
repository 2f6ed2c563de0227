import BarrierFreeMatching
import BarrierFreeModel
import BarrierFreeRules
import BarrierFreeUpgrades

/// The report of a check, apart from any rendering: every format is made
/// from these values. A report streams: its header first, then one
/// ``BuildingReport`` at a time, then the quarters and the summary.
///
/// The report's values are `Decodable`: they read a JSON report back. They
/// are not `Encodable`: the JSON report has one encoder
/// (``JSONReport``), so that its keys are listed in one place.
public struct ReportHeader: Sendable, Hashable, Decodable {
  /// The tool that wrote the report.
  public struct Tool: Sendable, Hashable, Decodable {
    /// The tool's name, `barrierfree`.
    public var name: String
    /// The tool's version, as `barrierfree --version` prints it.
    public var version: String
  }

  /// The profile checked against, and its ladder.
  public struct ProfileInfo: Sendable, Hashable, Decodable {
    /// The profile's id, as `--profile` takes it (`din18040-2-r`).
    public var id: String
    /// The profile's title.
    public var title: String
    /// The standard the profile binds (`DIN 18040-2`).
    public var standard: String
    /// The standard's edition (`2011-09`).
    public var edition: String
    /// The classes of the ladder, lowest first, `none` included.
    public var ladder: [String]
    /// How the report shows lengths: `metric` (mm) or `imperial` (in).
    public var units: String
  }

  /// The tool that wrote the report.
  public var tool: Tool
  /// The profile checked against, and its ladder.
  public var profile: ProfileInfo
  /// The input files as named on the command line.
  public var inputs: [String]
  /// Which findings the buildings and flats list; written to the JSON
  /// header only when not all.
  public var findings: FindingSelection = .all
  /// The rules the ladder binds, each once, with their citations: the JSON
  /// report's `rules` table (schema version 2); empty when decoded from a
  /// version 1 report, which cites in every finding.
  public var rules: [ReportRule] = []

  private enum CodingKeys: String, CodingKey {
    case tool, profile, inputs, findings, rules
  }

  /// Decodes a header; one without `findings` (every full report's) lists
  /// all findings.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    tool = try container.decode(Tool.self, forKey: .tool)
    profile = try container.decode(ProfileInfo.self, forKey: .profile)
    inputs = try container.decode([String].self, forKey: .inputs)
    findings = try container.decodeIfPresent(FindingSelection.self, forKey: .findings) ?? .all
    // An object keyed by rule id, for `.rules[$id]` in jq.
    let table = try container.decodeIfPresent([String: ReportRule].self, forKey: .rules) ?? [:]
    rules = table.keys.sorted().compactMap { table[$0] }
  }

  /// How the report shows lengths: the checked profile's units.
  public var units: UnitSystem { UnitSystem(rawValue: profile.units) ?? .metric }

  /// The header of a check of `inputs` on `ladder`.
  public init(toolVersion: String, ladder: Ladder, inputs: [String]) {
    tool = Tool(name: "barrierfree", version: toolVersion)
    let top = ladder.top
    profile = ProfileInfo(
      id: top?.id ?? "", title: top?.title ?? "", standard: top?.standard ?? "",
      edition: top?.edition ?? "", ladder: [Ladder.none] + ladder.profiles.map(\.class),
      units: (top?.units ?? .metric).rawValue)
    self.inputs = inputs
    rules = ReportRule.table(for: ladder)
  }
}

/// A measured value with its unit.
public struct MeasuredValue: Sendable, Hashable, Decodable {
  /// The value, in ``unit``.
  public var value: Double
  /// The unit of ``value`` as the report shows it: `mm`, `in` or `%`;
  /// empty for a count.
  public var unit: String
}

/// A required value: a minimum, a maximum or both, with the unit.
public struct RequiredValue: Sendable, Hashable, Decodable {
  /// The least value allowed, if the rule sets one.
  public var minimum: Double?
  /// The greatest value allowed, if the rule sets one.
  public var maximum: Double?
  /// The unit of ``minimum`` and ``maximum``.
  public var unit: String
  /// `≥ 900 mm`.
  public var text: String
}

/// One finding, as reports show it.
public struct FindingReport: Sendable, Hashable, Decodable {
  /// The rule's id.
  public var rule: String
  /// Pass, fail, unknown or not applicable.
  public var status: FindingStatus
  /// The standard with its edition, as the profile binds the rule
  /// (`DIN 18040-2:2011-09`).
  public var standard: String
  /// The clause of ``standard`` the rule checks (`4.3.3.2`).
  public var clause: String
  /// Whether the clause is a reconstruction not seen in a source.
  public var clauseUnsure: Bool
  /// How sure the threshold is: `VV`, `V`, `K` or `?` (`Confidence`);
  /// nil where the profile does not say.
  public var confidence: String?
  /// `building b1 › flat W3 › door d2`.
  public var element: String
  /// The element's path below its flat, or below its building for the
  /// building's own places: `room bath › door d2`; empty for the flat
  /// itself.
  public var place: String
  /// What was found, in a sentence, with measured and required values.
  public var message: String
  /// The measured value, when the rule measures one.
  public var measured: MeasuredValue?
  /// What the rule requires, when it sets a threshold.
  public var required: RequiredValue?
  /// What would clear a fail, in a surveyor's words; nil where nothing is to be done.
  public var remedy: String?

  /// The report of `finding`, in millimetres.
  public init(_ finding: Finding) {
    self.init(finding, units: .metric)
  }

  /// The report of `finding`, with lengths in `units` (the checked
  /// profile's: millimetres, or inches).
  public init(_ finding: Finding, units: UnitSystem) {
    var paths = PathTexts()
    self.init(finding, paths: &paths, units: units)
  }

  /// The report of `finding`, with its element's path written by `paths`
  /// (once for all the findings on one element).
  init(_ finding: Finding, paths: inout PathTexts, units: UnitSystem) {
    rule = finding.rule
    status = finding.status
    standard = finding.citation.standard
    clause = finding.citation.clause
    clauseUnsure = finding.citation.clauseUnsure
    confidence = finding.citation.confidence?.rawValue
    (element, place) = paths.texts(of: finding.path)
    message = finding.evaluation.message(in: units)
    let shown = units.shown(finding.evaluation.measured, against: finding.evaluation.required)
    measured = shown.measured.map {
      MeasuredValue(value: $0.value, unit: $0.unit.rawValue)
    }
    required = shown.required.map {
      RequiredValue(
        minimum: $0.minimum, maximum: $0.maximum, unit: $0.unit.rawValue, text: "\($0)")
    }
    remedy = finding.evaluation.remedy.map(units.converting)
  }
}

/// One flat: its class, its route, its findings at the checked profile.
public struct FlatReport: Sendable, Hashable, Decodable {
  /// The flat's id in the portfolio.
  public var id: String
  /// The flat's number on the door or in the lease, if recorded.
  public var number: String?
  /// The storey of its entrance (the JSON report's key `level`).
  public var storey: Int?
  /// The class reached: `wheelchair`, `barrierFree`, … or `none`.
  public var `class`: String
  /// False when unknowns hold the class open.
  public var verified: Bool
  /// The class in words: `wheelchair`, or `possibly wheelchair, unverified
  /// (barrierFree verified)`.
  public var classLabel: String
  /// The class verifiably reached.
  public var verifiedClass: String
  /// The level above the class, if any.
  public var nextClass: String?
  /// The best route to the flat's entrance at the checked profile: the
  /// places and connectors on it; empty when there is none; nil when the
  /// building records no places.
  public var route: [String]?
  /// Why there is no route: `none recorded to b2-l2`, `no public way
  /// recorded`; nil when there is one.
  public var routeProblem: String?
  /// The rules whose fails stand between the flat and the next class.
  public var blockingRules: [String]
  /// Those fails, at the next class's profile, with their remedies.
  public var blockers: [FindingReport]
  /// The findings at the checked profile, fails first.
  public var findings: [FindingReport]
  /// The unknowns that keep the class unverified: what to measure.
  public var openQuestions: [FindingReport]
  /// What it takes to reach the next class (measures, cost range, what
  /// needs a survey); nil when the report leaves upgrades out or the flat
  /// is at the top class.
  public var upgrade: FlatUpgrade?
  /// Its category in a register scheme, with the scheme's id; nil when the
  /// report leaves registers out.
  public var register: FlatRegister?

  /// The report of `flat`, in millimetres.
  public init(_ flat: FlatAssessment) {
    self.init(flat, units: .metric)
  }

  /// The report of `flat`, with lengths in `units`, listing the findings
  /// `selection` names.
  public init(
    _ flat: FlatAssessment, units: UnitSystem, findings selection: FindingSelection = .all
  ) {
    id = flat.id
    number = flat.number
    storey = flat.storey
    let classification = flat.classification
    self.class = classification.class
    verified = classification.verified
    classLabel = classification.description
    verifiedClass = classification.verifiedClass
    nextClass = classification.nextClass
    (route, routeProblem) = Self.route(of: flat)
    let blockers = flat.blockers
    blockingRules = Self.blockingRules(blockers)
    var paths = PathTexts()
    self.blockers = blockers.map { FindingReport($0, paths: &paths, units: units) }
    findings = flat.findings.stableSorted().filter { selection.lists($0.status) }.map {
      FindingReport($0, paths: &paths, units: units)
    }
    openQuestions = flat.openQuestions.map { FindingReport($0, paths: &paths, units: units) }
  }

  /// The number of findings with `status`.
  public func count(_ status: FindingStatus) -> Int {
    findings.count { $0.status == status }
  }

  /// The best route's steps (empty when there is none; nil when the
  /// building records no places) and why there is none.
  static func route(of flat: FlatAssessment) -> (route: [String]?, problem: String?) {
    let best = flat.results.last?.route
    let route = best.map { $0.outcome == .found ? $0.steps : [] }
    switch best?.outcome {
    case .unreachable: return (route, "none recorded to \(best?.target ?? "")")
    case .noSource: return (route, "no public way recorded")
    case .found, nil: return (route, nil)
    }
  }

  /// The rules of `blockers`, each once, in the order they first appear.
  static func blockingRules(_ blockers: [Finding]) -> [String] {
    var rules: [String] = []
    for blocker in blockers where !rules.contains(blocker.rule) {
      rules.append(blocker.rule)
    }
    return rules
  }

  // The JSON report's keys, published in report format v1: the storey is
  // `level` there.
  private enum CodingKeys: String, CodingKey {
    case id, number
    case storey = "level"
    case `class`, verified, classLabel, verifiedClass, nextClass, route, routeProblem
    case blockingRules, blockers, findings, openQuestions, upgrade
  }

  /// The storey of its entrance.
  @available(*, deprecated, renamed: "storey")
  public var level: Int? {
    get { storey }
    set { storey = newValue }
  }
}

/// Which findings a report lists for each building and flat.
public enum FindingSelection: String, Sendable, Hashable, CaseIterable, Codable {
  /// Every finding, passes and not applicable included: the evidence for
  /// each rule (the default).
  case all
  /// Fails and unknowns only, what needs work or measuring: the report
  /// is smaller by its passes (a third smaller for `generate`'s portfolios,
  /// where 45 % of the findings pass; more for stock in good repair).
  /// Counts and classes are the same; the summary still counts every
  /// finding.
  case open

  /// Whether a finding with `status` is listed.
  public func lists(_ status: FindingStatus) -> Bool {
    self == .all || status == .fail || status == .unknown
  }
}

/// One building: its own findings and its flats.
public struct BuildingReport: Sendable, Hashable, Decodable {
  /// The building's id in the portfolio.
  public var id: String
  /// The building's name, if recorded.
  public var name: String?
  /// The building's address, if recorded.
  public var address: String?
  /// The findings on the building's places and connectors at the checked
  /// profile, fails first.
  public var findings: [FindingReport]
  /// Its flats, in document order.
  public var flats: [FlatReport]

  /// The report of `building`, in millimetres.
  public init(_ building: BuildingAssessment) {
    self.init(building, units: .metric)
  }

  /// The report of `building`, with lengths in `units` (the checked
  /// profile's: ``ReportHeader/ProfileInfo/units``), listing the findings
  /// `selection` names.
  ///
  /// With `upgrades` (by flat id, from `UpgradeContext.upgrades(for:)`),
  /// each flat says what it takes to reach its next class.
  public init(
    _ building: BuildingAssessment, units: UnitSystem, findings selection: FindingSelection = .all,
    upgrades: [String: FlatUpgrade] = [:], registers: RegisterContext? = nil
  ) {
    let categories = registers?.categories(for: building) ?? [:]
    id = building.id
    name = building.name
    address = Self.addressText(building.address)
    var paths = PathTexts()
    findings = (building.results.last?.findings ?? []).stableSorted()
      .filter { selection.lists($0.status) }.map { FindingReport($0, paths: &paths, units: units) }
    flats = building.flats.map { flat in
      var report = FlatReport(flat, units: units, findings: selection)
      report.upgrade = upgrades[flat.id]
      if let registers, let category = categories[flat.id] {
        report.register = FlatRegister(
          scheme: registers.scheme.id, category: category.category, possible: category.possible)
      }
      return report
    }
  }
}

extension BuildingReport {
  /// The address in one line, nil when there is none or it is empty.
  static func addressText(_ address: Address?) -> String? {
    address.map(\.description).flatMap { $0.isEmpty ? nil : $0 }
  }
}

/// Writes an element's path (`building b1 › flat W3 › room bath`) and its
/// place below the flat (`room bath`), remembering the last path: the
/// findings on one element come one after another and share their path, so
/// most findings reuse the text. Writing it for each finding was a tenth of
/// a JSON check (callgrind).
struct PathTexts {
  private var last: ElementPath?
  private var element = ""
  private var place = ""

  mutating func texts(of path: ElementPath) -> (element: String, place: String) {
    if path != last {
      last = path
      (element, place) = Self.texts(of: path)
    }
    return (element, place)
  }

  /// The element's path, and its place below the flat.
  static func texts(of path: ElementPath) -> (element: String, place: String) {
    (text(path.steps[...]), text(path.steps.drop { $0.kind == "building" || $0.kind == "flat" }))
  }

  /// The steps as `kind name › kind name`, written into one buffer.
  static func text(_ steps: ArraySlice<PathStep>) -> String {
    let separator: StaticString = " › "
    var capacity = 0
    for step in steps { capacity += step.kind.utf8.count + step.name.utf8.count + 1 }
    capacity += max(0, steps.count - 1) * separator.utf8CodeUnitCount
    return String(unsafeUninitializedCapacity: capacity) { buffer in
      guard let output = buffer.baseAddress else { return 0 }
      var at = 0
      func put(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        (output + at).update(from: base, count: bytes.count)
        at += bytes.count
      }
      for (index, step) in steps.enumerated() {
        if index > 0 { separator.withUTF8Buffer(put) }
        var kind = step.kind
        kind.withUTF8(put)
        buffer[at] = 0x20
        at += 1
        var name = step.name
        name.withUTF8(put)
      }
      return at
    }
  }
}

/// The totals of a report.
public struct ReportSummary: Sendable, Hashable, Decodable {
  /// How many buildings were checked.
  public var buildings: Int
  /// How many flats were checked.
  public var flats: Int
  /// Flats per class.
  public var byClass: [String: Int]
  /// Of those, the unverified ones per class.
  public var unverifiedByClass: [String: Int]
  /// Findings of the checked profile per status.
  public var findings: [String: Int]
  /// What to fix first: the flats nearest their next class and the rules
  /// whose fix would lift the most. Empty when read from a report of
  /// schema version 1, which lacks it.
  public var fixFirst = FixFirst()

  private enum CodingKeys: String, CodingKey {
    case buildings, flats, byClass, unverifiedByClass, findings, fixFirst
  }

  /// Decodes a summary; one without `fixFirst` (version 1) has an empty
  /// view.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    buildings = try container.decode(Int.self, forKey: .buildings)
    flats = try container.decode(Int.self, forKey: .flats)
    byClass = try container.decode([String: Int].self, forKey: .byClass)
    unverifiedByClass =
      try container.decodeIfPresent([String: Int].self, forKey: .unverifiedByClass) ?? [:]
    findings = try container.decode([String: Int].self, forKey: .findings)
    fixFirst = try container.decodeIfPresent(FixFirst.self, forKey: .fixFirst) ?? FixFirst()
  }

  /// The summary of `summary`, with every class of `ladder` and every status
  /// present (zero when none).
  public init(_ summary: AssessmentSummary, ladder: [String]) {
    buildings = summary.buildings
    flats = summary.flats
    byClass = Dictionary(uniqueKeysWithValues: ladder.map { ($0, summary.byClass[$0] ?? 0) })
    unverifiedByClass = Dictionary(
      uniqueKeysWithValues: ladder.map { ($0, summary.unverifiedByClass[$0] ?? 0) })
    findings = Dictionary(
      uniqueKeysWithValues: FindingStatus.allCases.map {
        ($0.rawValue, summary.findings[$0] ?? 0)
      })
    fixFirst = summary.fixFirst
  }
}

extension FindingReport {
  /// The confidence as the CSV's column gives it: `VV`, `V; clause ?`;
  /// empty when the profile does not say.
  public var confidenceLabel: String {
    Citation.confidenceLabel(confidence, clauseUnsure: clauseUnsure)
  }

  /// The citation with what is unsure marked, for the text and HTML
  /// reports: `DIN 18040-2:2011-09, 4.3.8 (clause ?)`,
  /// `ICC A117.1:2009, 1004.11.3.1 (threshold ?)`.
  public var citationMarked: String {
    let marks = Citation.unsureMarks(confidence, clauseUnsure: clauseUnsure)
    return "\(standard), \(clause)" + (marks.isEmpty ? "" : " (\(marks))")
  }
}

extension Array where Element == FindingReport {
  /// The findings of one rule and citation together, in the order each
  /// first appears: how every report lists fails and unknowns.
  func groupedByRule() -> [[FindingReport]] {
    var order: [String] = []
    var groups: [String: [FindingReport]] = [:]
    for finding in self {
      let key = "\(finding.rule)\u{1F}\(finding.standard)\u{1F}\(finding.clause)"
      if groups[key] == nil { order.append(key) }
      groups[key, default: []].append(finding)
    }
    return order.compactMap { groups[$0] }
  }
}

extension Array where Element == Finding {
  /// Fails first, then unknowns, passes and not applicable; the order of the
  /// elements kept within each.
  func stableSorted() -> [Finding] {
    // Four statuses: a pass per status instead of a sort (the sort was an
    // eighth of a JSON report's instructions).
    var result: [Finding] = []
    result.reserveCapacity(count)
    for status in Self.statusOrder {
      for finding in self where finding.status == status { result.append(finding) }
    }
    return result
  }

  private static let statusOrder = FindingStatus.allCases.sorted()
}

extension FlatUpgrade {
  /// What keeps the path from its target, in words; empty when it reaches
  /// it.
  public var blockedBy: String {
    var parts: [String] = []
    if !noKnownMeasure.isEmpty {
      parts.append("no known measure for \(noKnownMeasure.joined(separator: ", "))")
    }
    if !afterSurvey.isEmpty {
      parts.append("only after a survey for \(afterSurvey.joined(separator: ", "))")
    }
    if !toMeasure.isEmpty { parts.append("not measured yet: \(toMeasure.joined(separator: ", "))") }
    if parts.isEmpty && !reaches {
      parts.append("a measure did not clear its fail (a catalogue error)")
    }
    return parts.joined(separator: "; ")
  }

  /// The whole of it in one line: `to wheelchair: 4000–10500 EUR (door.widen-light-wall);
  /// survey needed; …`.
  public var summary: String {
    let cost =
      costLow == costHigh
      ? "\(Int(costLow.rounded())) EUR"
      : "\(Int(costLow.rounded()))–\(Int(costHigh.rounded())) EUR"
    var text = "to \(target): "
    text +=
      measures.isEmpty
      ? "no measure" : "\(fromPrices ? "from " : "")\(cost) (\(measures.joined(separator: ", ")))"
    if surveyNeeded { text += "; survey needed" }
    text += reaches ? "; reaches it" : "; does not reach it: \(blockedBy)"
    if !funding.isEmpty { text += "; funding: \(funding.joined(separator: "; "))" }
    return text.escapedForOneLine
  }
}
