import GRDB

/// What changed between two surveys of an inventory: flats whose class
/// went up or down (or became verified), the findings that changed (fixed,
/// new, now measured), buildings and flats added or removed, and the
/// counts per class before and after.
///
/// Flats are matched by building id and flat id, findings by rule and
/// element. A finding missing from a survey that stores only fails and
/// unknowns passed there (or no longer applies): so a fail that is gone is
/// fixed, an unknown that is gone was measured and passes.
public struct SurveyComparison: Sendable, Hashable, Codable {
  /// One survey of the two.
  public struct Side: Sendable, Hashable, Codable {
    /// Its number in the inventory, date, label and inputs.
    public var survey: Int64
    /// The date of the survey.
    public var surveyed: String?
    /// Its label.
    public var label: String?
    /// Its input files.
    public var inputs: [String]
    /// Its buildings.
    public var buildings: Int
    /// Its flats.
    public var flats: Int
    /// Flats per class, best first.
    public var byClass: [SurveyRecord.ClassCount]
  }

  /// How a flat's class changed.
  public enum Direction: String, Sendable, Hashable, Codable {
    /// A better class.
    case up
    /// A worse class.
    case down
    /// The same class, now verified (its unknowns measured).
    case verified
    /// The same class, no longer verified (a measurement is missing now).
    case unverified
    /// The same class; findings changed.
    case same
  }

  /// How a finding changed.
  public enum Change: String, Sendable, Hashable, Codable {
    /// It failed and passes now (or no longer applies).
    case fixed
    /// It passed (or was not there) and fails now.
    case newFail
    /// It was not measured and passes now.
    case measuredPasses
    /// It was not measured and fails now.
    case measuredFails
    /// It was measured and is unknown now.
    case nowUnknown
    /// It fails in both, with another measured value.
    case stillFails
  }

  /// A finding that changed.
  public struct FindingChange: Sendable, Hashable, Codable {
    /// The rule.
    public var rule: String
    /// The element's place below the flat (`room bath › shower s1`), or its
    /// full path for a building's own places.
    public var element: String
    /// What changed.
    public var change: Change
    /// The status before and after (`fail`, `unknown`, `pass`,
    /// `notApplicable`; `pass` for a finding not stored).
    public var before: String
    /// The status after.
    public var after: String
    /// The measured value before and after, with the unit.
    public var measuredBefore: Double?
    /// The measured value after.
    public var measuredAfter: Double?
    /// The unit of the values.
    public var unit: String?
    /// The requirement, in words (the later survey's).
    public var required: String?
  }

  /// A flat that changed, with its findings that did.
  public struct FlatChange: Sendable, Hashable, Codable {
    /// Its building, id, number and storey (the later survey's).
    public var building: String
    /// Its id; empty for the building's own places.
    public var flat: String
    /// Its number.
    public var number: String?
    /// Its storey.
    public var storey: Int?
    /// The class before and after.
    public var classBefore: String
    /// The class after.
    public var classAfter: String
    /// Whether the class was verified before and after.
    public var verifiedBefore: Bool
    /// Whether it is verified after.
    public var verifiedAfter: Bool
    /// How the class changed.
    public var direction: Direction
    /// The findings that changed.
    public var findings: [FindingChange]
  }

  /// A flat or building that is in only one of the surveys.
  public struct Presence: Sendable, Hashable, Codable {
    /// The building's id.
    public var building: String
    /// The flat's id; nil for a whole building.
    public var flat: String?
    /// The flat's class in the survey that has it.
    public var `class`: String?
  }

  /// The totals.
  public struct Summary: Sendable, Hashable, Codable {
    /// Flats in both surveys.
    public var flatsCompared = 0
    /// Flats whose class went up, down, became verified or unverified.
    public var up = 0
    /// Flats whose class went down.
    public var down = 0
    /// Flats whose class became verified.
    public var verified = 0
    /// Flats whose class is no longer verified.
    public var unverified = 0
    /// Findings per kind of change.
    public var findings: [String: Int] = [:]
    /// Buildings added and removed.
    public var buildingsAdded = 0
    /// Buildings removed.
    public var buildingsRemoved = 0
    /// Flats added and removed (also those of added or removed buildings).
    public var flatsAdded = 0
    /// Flats removed.
    public var flatsRemoved = 0
  }

  /// The earlier survey and the later.
  public var before: Side
  /// The later survey.
  public var after: Side
  /// The profile both were checked against.
  public var profile: String
  /// The classes of its ladder, `none` first.
  public var ladder: [String]
  /// Flats that changed, by building and flat id; then the buildings'
  /// own places (an empty flat id) whose findings changed.
  public var flats: [FlatChange]
  /// Buildings and flats only in the later survey.
  public var added: [Presence]
  /// Buildings and flats only in the earlier survey.
  public var removed: [Presence]
  /// The totals.
  public var summary: Summary
}

extension Inventory {
  /// Compares survey `before` with survey `after` (the two added last when
  /// nil).
  ///
  /// - Throws: ``InventoryError`` when a survey is missing, there are
  ///   fewer than two, or the two were checked against different ladders
  ///   (their classes would not compare).
  public func compare(_ before: Int64? = nil, _ after: Int64? = nil) throws(InventoryError)
    -> SurveyComparison
  {
    let surveys = try self.surveys()
    let ids: (Int64, Int64)
    switch (before, after) {
    case (let old?, let new?): ids = (old, new)
    case (let old?, nil):
      guard let last = surveys.last?.id, last != old else {
        throw InventoryError(path: path, message: "give the survey to compare \(old) with")
      }
      ids = (old, last)
    default:
      guard surveys.count >= 2 else {
        throw InventoryError(
          path: path,
          message:
            "has \(surveys.count) survey\(surveys.count == 1 ? "" : "s"); a comparison needs two")
      }
      ids = (surveys[surveys.count - 2].id, surveys[surveys.count - 1].id)
    }
    let old = try survey(ids.0)
    let new = try survey(ids.1)
    let ladder = try self.ladder(of: old.id)
    guard ladder == (try self.ladder(of: new.id)), old.profile == new.profile else {
      throw InventoryError(
        path: path,
        message:
          "surveys \(old.id) and \(new.id) were checked against different profiles (\(old.profile), "
          + "\(new.profile)): their classes do not compare; check both against one profile")
    }
    return try reading { db in
      let findings = try Self.findingChanges(db, old.id, new.id)
      var comparison = try Self.flatChanges(db, old.id, new.id, ladder: ladder, findings: findings)
      comparison.before = Self.side(old)
      comparison.after = Self.side(new)
      comparison.profile = new.profile
      comparison.ladder = ladder
      return comparison
    }
  }

  private static func side(_ survey: SurveyRecord) -> SurveyComparison.Side {
    SurveyComparison.Side(
      survey: survey.id, surveyed: survey.surveyed, label: survey.label, inputs: survey.inputs,
      buildings: survey.buildings, flats: survey.flats, byClass: survey.byClass)
  }

  /// A finding's key and values as read for the merge.
  private struct FindingRow {
    var building: String
    var flat: String
    var rule: String
    var element: String
    var status: String
    var measured: Double?
    var unit: String?
    var required: String?

    /// Orders as SQLite's BINARY collation does: by UTF-8 bytes.
    func key() -> [String] { [building, flat, rule, element] }
  }

  /// The changed findings by building and flat, merged from both surveys'
  /// findings in key order (memory: the changes, not the findings).
  private static func findingChanges(_ db: Database, _ old: Int64, _ new: Int64) throws
    -> [String: [SurveyComparison.FindingChange]]
  {
    let sql = """
      SELECT b.id, coalesce(f.id, ''), g.rule, g.element, g.status, g.measured, g.unit,
        g.required
      FROM findings AS g JOIN buildings AS b ON b.key = g.building_key
      LEFT JOIN flats AS f ON f.key = g.flat_key
      WHERE g.survey_id = ?
      ORDER BY b.id, coalesce(f.id, ''), g.rule, g.element, g.status, g.measured
      """
    func cursor(_ survey: Int64) throws -> AnyCursor<FindingRow> {
      AnyCursor(
        try Row.fetchCursor(db, sql: sql, arguments: [survey]).map { row in
          FindingRow(
            building: row[0], flat: row[1], rule: row[2], element: row[3], status: row[4],
            measured: row[5], unit: row[6], required: row[7])
        })
    }
    let before = try cursor(old)
    let after = try cursor(new)
    var changes: [String: [SurveyComparison.FindingChange]] = [:]
    var left = try before.next()
    var right = try after.next()
    while left != nil || right != nil {
      let order: Int
      switch (left, right) {
      case (let l?, let r?): order = compare(l.key(), r.key())
      case (nil, _): order = 1
      case (_, nil): order = -1
      }
      let pair: (FindingRow?, FindingRow?)
      if order < 0 {
        pair = (left, nil)
        left = try before.next()
      } else if order > 0 {
        pair = (nil, right)
        right = try after.next()
      } else {
        pair = (left, right)
        left = try before.next()
        right = try after.next()
      }
      guard let row = pair.1 ?? pair.0, let change = change(pair.0, pair.1) else { continue }
      changes[row.building + "\u{0}" + row.flat, default: []].append(change)
    }
    return changes
  }

  /// -1, 0 or 1 as `a` sorts before, with or after `b` by UTF-8 bytes.
  private static func compare(_ a: [String], _ b: [String]) -> Int {
    for (x, y) in zip(a, b) where x != y {
      return x.utf8.lexicographicallyPrecedes(y.utf8) ? -1 : 1
    }
    return 0
  }

  /// The change from `old` to `new` (nil: not stored, a pass), if any.
  private static func change(_ old: FindingRow?, _ new: FindingRow?)
    -> SurveyComparison.FindingChange?
  {
    func settled(_ status: String?) -> String {
      status == nil || status == "notApplicable" ? "pass" : status ?? "pass"
    }
    let before = settled(old?.status)
    let after = settled(new?.status)
    let change: SurveyComparison.Change
    switch (before, after) {
    case ("fail", "pass"): change = .fixed
    case ("pass", "fail"): change = .newFail
    case ("unknown", "pass"): change = .measuredPasses
    case ("unknown", "fail"): change = .measuredFails
    case ("pass", "unknown"), ("fail", "unknown"): change = .nowUnknown
    case ("fail", "fail") where old?.measured != new?.measured: change = .stillFails
    default: return nil
    }
    let row = new ?? old
    return SurveyComparison.FindingChange(
      rule: row?.rule ?? "",
      element: (row?.flat.isEmpty ?? true) ? row?.element ?? "" : place(row?.element ?? ""),
      change: change, before: old?.status ?? "pass", after: new?.status ?? "pass",
      measuredBefore: old?.measured, measuredAfter: new?.measured,
      unit: new?.unit ?? old?.unit, required: new?.required ?? old?.required)
  }

  /// The element below its flat: `room bath › shower s1` of `building b1 ›
  /// flat f1 › room bath › shower s1`.
  private static func place(_ element: String) -> String {
    element.components(separatedBy: " › ")
      .drop { $0.hasPrefix("building ") || $0.hasPrefix("flat ") }
      .joined(separator: " › ")
  }

  /// A flat's key and values as read for the merge.
  private struct FlatRow {
    var building: String
    var flat: String
    var number: String?
    var storey: Int?
    var `class`: String
    var rank: Int
    var verified: Bool
  }

  private static func flatChanges(
    _ db: Database, _ old: Int64, _ new: Int64, ladder: [String],
    findings: [String: [SurveyComparison.FindingChange]]
  ) throws -> SurveyComparison {
    var result = SurveyComparison(
      before: SurveyComparison.Side(
        survey: old, inputs: [], buildings: 0, flats: 0, byClass: []),
      after: SurveyComparison.Side(survey: new, inputs: [], buildings: 0, flats: 0, byClass: []),
      profile: "", ladder: ladder, flats: [], added: [], removed: [],
      summary: SurveyComparison.Summary())
    // Buildings first: added and removed whole, with their flats counted.
    let buildings = try Dictionary(
      grouping: Row.fetchAll(
        db, sql: "SELECT survey_id, id FROM buildings WHERE survey_id IN (?, ?)",
        arguments: [old, new]),
      by: { $0[0] as Int64 }
    ).mapValues { Set($0.map { $0[1] as String }) }
    let oldBuildings = buildings[old] ?? []
    let newBuildings = buildings[new] ?? []
    let sql = """
      SELECT building, id, number, storey, class, class_rank, verified FROM flats
      WHERE survey_id = ? ORDER BY building, id
      """
    func rows(_ survey: Int64) throws -> AnyCursor<FlatRow> {
      AnyCursor(
        try Row.fetchCursor(db, sql: sql, arguments: [survey]).map { row in
          FlatRow(
            building: row[0], flat: row[1], number: row[2], storey: row[3], class: row[4],
            rank: row[5], verified: row[6])
        })
    }
    let before = try rows(old)
    let after = try rows(new)
    var left = try before.next()
    var right = try after.next()
    while left != nil || right != nil {
      let order: Int
      switch (left, right) {
      case (let l?, let r?): order = compare([l.building, l.flat], [r.building, r.flat])
      case (nil, _): order = 1
      case (_, nil): order = -1
      }
      if order < 0, let gone = left {
        result.summary.flatsRemoved += 1
        if newBuildings.contains(gone.building) {
          result.removed.append(.init(building: gone.building, flat: gone.flat, class: gone.class))
        }
        left = try before.next()
        continue
      }
      if order > 0, let came = right {
        result.summary.flatsAdded += 1
        if oldBuildings.contains(came.building) {
          result.added.append(.init(building: came.building, flat: came.flat, class: came.class))
        }
        right = try after.next()
        continue
      }
      guard let was = left, let now = right else { break }
      left = try before.next()
      right = try after.next()
      result.summary.flatsCompared += 1
      let direction: SurveyComparison.Direction =
        now.rank > was.rank
        ? .up
        : now.rank < was.rank
          ? .down
          : now.verified && !was.verified
            ? .verified : !now.verified && was.verified ? .unverified : .same
      let changed = findings[now.building + "\u{0}" + now.flat] ?? []
      guard direction != .same || !changed.isEmpty else { continue }
      switch direction {
      case .up: result.summary.up += 1
      case .down: result.summary.down += 1
      case .verified: result.summary.verified += 1
      case .unverified: result.summary.unverified += 1
      case .same: break
      }
      result.flats.append(
        SurveyComparison.FlatChange(
          building: now.building, flat: now.flat, number: now.number, storey: now.storey,
          classBefore: was.class, classAfter: now.class, verifiedBefore: was.verified,
          verifiedAfter: now.verified, direction: direction, findings: changed))
    }
    // The buildings' own places: findings with no flat, in buildings of both.
    for building in oldBuildings.intersection(newBuildings).sorted(by: { compare([$0], [$1]) < 0 })
    {
      guard let changed = findings[building + "\u{0}"], !changed.isEmpty else { continue }
      result.flats.append(
        SurveyComparison.FlatChange(
          building: building, flat: "", number: nil, storey: nil, classBefore: "",
          classAfter: "", verifiedBefore: true, verifiedAfter: true, direction: .same,
          findings: changed))
    }
    for building in newBuildings.subtracting(oldBuildings).sorted(by: { compare([$0], [$1]) < 0 }) {
      result.added.append(.init(building: building, flat: nil, class: nil))
    }
    for building in oldBuildings.subtracting(newBuildings).sorted(by: { compare([$0], [$1]) < 0 }) {
      result.removed.append(.init(building: building, flat: nil, class: nil))
    }
    result.summary.buildingsAdded = newBuildings.subtracting(oldBuildings).count
    result.summary.buildingsRemoved = oldBuildings.subtracting(newBuildings).count
    for flat in result.flats {
      for finding in flat.findings {
        result.summary.findings[finding.change.rawValue, default: 0] += 1
      }
    }
    return result
  }
}
