import Foundation
import GRDB
internal import GRDBSQLite

/// What the rows of a survey hold: plain values, made by the reports from
/// an assessment (on any thread) and written by a ``SnapshotWriter``.
public enum InventoryRecord {
  /// The survey's own row.
  public struct Survey: Sendable, Hashable {
    /// The date of the survey (YYYY-MM-DD), nil when not given.
    public var surveyed: String?
    /// A name for it, nil when not given.
    public var label: String?
    /// The checked profile's id, title, standard and units.
    public var profile: String
    /// The profile's title.
    public var profileTitle: String
    /// Its standard with edition.
    public var standard: String
    /// `metric` or `imperial`.
    public var units: String
    /// The BarrierFree version writing it.
    public var toolVersion: String
    /// `open` or `all`.
    public var findings: String
    /// Whether the flats' upgrade columns are filled.
    public var upgrades: Bool
    /// The register scheme of the flats' categories, nil when none.
    public var registerScheme: String?
    /// The input files.
    public var inputs: [String]
    /// The ladder's classes, lowest first, without `none`.
    public var ladder: [String]

    /// Creates a survey row.
    public init(
      surveyed: String?, label: String?, profile: String, profileTitle: String, standard: String,
      units: String, toolVersion: String, findings: String, upgrades: Bool,
      registerScheme: String?, inputs: [String], ladder: [String]
    ) {
      self.surveyed = surveyed
      self.label = label
      self.profile = profile
      self.profileTitle = profileTitle
      self.standard = standard
      self.units = units
      self.toolVersion = toolVersion
      self.findings = findings
      self.upgrades = upgrades
      self.registerScheme = registerScheme
      self.inputs = inputs
      self.ladder = ladder
    }
  }

  /// A rule's citation (the `rules` table).
  public struct Rule: Sendable, Hashable {
    /// The rule's id, its citation's index and the columns of `rules`.
    public var id: String
    /// 0 for the rule's first citation.
    public var cite: Int
    /// A short title.
    public var title: String
    /// The usual remedy.
    public var remedy: String
    /// The unit of its values.
    public var unit: String?
    /// The standard.
    public var standard: String
    /// The clause.
    public var clause: String
    /// Whether the clause is a reconstruction.
    public var clauseUnsure: Bool
    /// VV, V, K or ?.
    public var confidence: String?
    /// The profiles binding it with this citation.
    public var profiles: [String]

    /// Creates a rule row.
    public init(
      id: String, cite: Int, title: String, remedy: String, unit: String?, standard: String,
      clause: String, clauseUnsure: Bool, confidence: String?, profiles: [String]
    ) {
      self.id = id
      self.cite = cite
      self.title = title
      self.remedy = remedy
      self.unit = unit
      self.standard = standard
      self.clause = clause
      self.clauseUnsure = clauseUnsure
      self.confidence = confidence
      self.profiles = profiles
    }
  }

  /// A measure of the catalogue the upgrade costs come from (the
  /// `measures` table).
  public struct Measure: Sendable, Hashable {
    /// The measure's id, title and the unit its cost is per.
    public var id: String
    /// What is done.
    public var title: String
    /// What the cost is per: door, metre, ….
    public var unit: String
    /// The cost range per unit, EUR.
    public var costLow: Double
    /// The high end.
    public var costHigh: Double
    /// Whether the source gives only a lower bound.
    public var atLeast: Bool
    /// The year of the prices.
    public var priceYear: Int
    /// Where the figures come from.
    public var source: String
    /// How sure they are: C2, C1, ….
    public var certainty: String

    /// Creates a measure row.
    public init(
      id: String, title: String, unit: String, costLow: Double, costHigh: Double, atLeast: Bool,
      priceYear: Int, source: String, certainty: String
    ) {
      self.id = id
      self.title = title
      self.unit = unit
      self.costLow = costLow
      self.costHigh = costHigh
      self.atLeast = atLeast
      self.priceYear = priceYear
      self.source = source
      self.certainty = certainty
    }
  }

  /// A finding (the `findings` table).
  public struct Finding: Sendable, Hashable {
    /// The rule's id.
    public var rule: String
    /// Which of the rule's citations (`rules.cite`).
    public var cite: Int
    /// fail, unknown, pass or notApplicable.
    public var status: String
    /// The element's path.
    public var element: String
    /// The finding in words; nil where the values say it all.
    public var message: String?
    /// The measured value.
    public var measured: Double?
    /// The unit of the measured and required values.
    public var unit: String?
    /// The least value allowed.
    public var requiredMin: Double?
    /// The most value allowed.
    public var requiredMax: Double?
    /// The requirement in words.
    public var required: String?
    /// The finding's own remedy.
    public var remedy: String?

    /// Creates a finding row.
    public init(
      rule: String, cite: Int, status: String, element: String, message: String?,
      measured: Double?, unit: String?, requiredMin: Double?, requiredMax: Double?,
      required: String?, remedy: String?
    ) {
      self.rule = rule
      self.cite = cite
      self.status = status
      self.element = element
      self.message = message
      self.measured = measured
      self.unit = unit
      self.requiredMin = requiredMin
      self.requiredMax = requiredMax
      self.required = required
      self.remedy = remedy
    }
  }

  /// What it takes to lift a flat to its next class.
  public struct Upgrade: Sendable, Hashable {
    /// The columns `upgrade_*` of `flats`.
    public var target: String
    /// Whether the measures reach it.
    public var reaches: Bool
    /// The cost range, EUR.
    public var costLow: Double
    /// The high end.
    public var costHigh: Double
    /// Whether a survey is needed.
    public var surveyNeeded: Bool
    /// The measures' ids.
    public var measures: [String]
    /// The funding offers.
    public var funding: [String]
    /// What keeps it from its target, in words; empty when it reaches it.
    public var blockedBy: String

    /// Creates an upgrade.
    public init(
      target: String, reaches: Bool, costLow: Double, costHigh: Double, surveyNeeded: Bool,
      measures: [String], funding: [String], blockedBy: String = ""
    ) {
      self.blockedBy = blockedBy
      self.target = target
      self.reaches = reaches
      self.costLow = costLow
      self.costHigh = costHigh
      self.surveyNeeded = surveyNeeded
      self.measures = measures
      self.funding = funding
    }
  }

  /// A flat with its findings (the `flats` table).
  public struct Flat: Sendable, Hashable {
    /// The columns of `flats`.
    public var id: String
    /// The number on the door.
    public var number: String?
    /// The storey of its entrance.
    public var storey: Int?
    /// The rooms recorded.
    public var rooms: Int
    /// Its area in m².
    public var area: Double?
    /// The class reached.
    public var `class`: String
    /// Whether it is verified.
    public var verified: Bool
    /// The class verifiably reached.
    public var verifiedClass: String
    /// The class above.
    public var nextClass: String?
    /// Fails and unknowns at the checked profile.
    public var fails: Int
    /// Unknowns at the checked profile.
    public var unknowns: Int
    /// The rules standing between it and the next class.
    public var blockingRules: [String]
    /// The best route's steps joined, '' when none, nil when no places.
    public var route: String?
    /// Why there is no route.
    public var routeProblem: String?
    /// What an upgrade takes, nil when not in the survey.
    public var upgrade: Upgrade?
    /// Its register category and the better ones possible.
    public var registerCategory: String?
    /// Better categories not ruled out.
    public var registerPossible: [String]
    /// Its findings (as the survey's `findings` selects).
    public var findings: [Finding]

    /// Creates a flat row.
    public init(
      id: String, number: String?, storey: Int?, rooms: Int, area: Double?, class: String,
      verified: Bool, verifiedClass: String, nextClass: String?, fails: Int, unknowns: Int,
      blockingRules: [String], route: String?, routeProblem: String?, upgrade: Upgrade? = nil,
      registerCategory: String? = nil, registerPossible: [String] = [], findings: [Finding]
    ) {
      self.id = id
      self.number = number
      self.storey = storey
      self.rooms = rooms
      self.area = area
      self.class = `class`
      self.verified = verified
      self.verifiedClass = verifiedClass
      self.nextClass = nextClass
      self.fails = fails
      self.unknowns = unknowns
      self.blockingRules = blockingRules
      self.route = route
      self.routeProblem = routeProblem
      self.upgrade = upgrade
      self.registerCategory = registerCategory
      self.registerPossible = registerPossible
      self.findings = findings
    }
  }

  /// A building with its flats and its own findings.
  public struct Building: Sendable, Hashable {
    /// The columns of `buildings`.
    public var id: String
    /// Its quarter.
    public var quarter: String?
    /// Its name.
    public var name: String?
    /// Its address in one line.
    public var address: String?
    /// Its flats.
    public var flats: [Flat]
    /// The findings on its own places.
    public var findings: [Finding]

    /// Creates a building row.
    public init(
      id: String, quarter: String?, name: String?, address: String?, flats: [Flat],
      findings: [Finding]
    ) {
      self.id = id
      self.quarter = quarter
      self.name = name
      self.address = address
      self.flats = flats
      self.findings = findings
    }
  }
}

/// Adds one survey to an ``Inventory``, a building at a time, in one
/// transaction: ``commit()`` makes it visible whole; an error, a call to
/// ``rollback()`` or a killed process leaves the inventory as it was.
///
/// ```swift
/// let writer = try SnapshotWriter(inventory: inventory, survey: survey)
/// try writer.rules(rules)
/// for building in buildings { try writer.building(building) }
/// let id = try writer.commit()
/// ```
///
/// Memory stays flat: rows go to SQLite as they come, and its page cache is
/// bounded; the transaction's pages wait in the WAL file on disk.
public final class SnapshotWriter {
  private let inventory: Inventory
  private let ladder: [String: Int]
  private var survey: Int64 = 0
  private var position = 0
  private var open = false
  private var quarters: Set<String> = []
  /// The finding insert, prepared once: looking it up in GRDB's statement
  /// cache hashed its SQL for every finding.
  private var findingStatement: Statement?

  /// Starts the survey: its row, its inputs and its ladder.
  public init(inventory: Inventory, survey record: InventoryRecord.Survey) throws(InventoryError) {
    self.inventory = inventory
    var ranks = [InventoryRecord.noneClass: 0]
    for (index, level) in record.ladder.enumerated() { ranks[level] = index + 1 }
    ladder = ranks
    try run { db in
      try db.beginTransaction(.immediate)
      self.open = true
      try db.execute(
        sql: """
          INSERT INTO surveys (surveyed, label, profile, profile_title, standard, units,
            tool_version, findings, upgrades, register_scheme)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          record.surveyed, record.label, record.profile, record.profileTitle, record.standard,
          record.units, record.toolVersion, record.findings, record.upgrades,
          record.registerScheme,
        ])
      self.survey = db.lastInsertedRowID
      for (index, input) in record.inputs.enumerated() {
        try db.execute(
          sql: "INSERT INTO survey_inputs (survey_id, position, path) VALUES (?, ?, ?)",
          arguments: [self.survey, index, input])
      }
      for (level, rank) in ranks.sorted(by: { $0.value < $1.value }) {
        try db.execute(
          sql: "INSERT INTO ladder (survey_id, rank, class) VALUES (?, ?, ?)",
          arguments: [self.survey, rank, level])
      }
    }
  }

  deinit {
    // A writer dropped without commit leaves nothing behind.
    rollback()
  }

  /// Runs `body` in the open transaction; errors become ``InventoryError``s.
  private func run(_ body: (Database) throws -> Void) throws(InventoryError) {
    do {
      try inventory.queue.inDatabase(body)
    } catch let error as InventoryError {
      throw error
    } catch {
      throw Inventory.failure(inventory.path, error)
    }
  }

  /// Adds the rules the findings cite.
  public func rules(_ rules: [InventoryRecord.Rule]) throws(InventoryError) {
    let survey = self.survey
    try run { db in
      let insert = try db.cachedStatement(
        sql: """
          INSERT INTO rules (survey_id, id, cite, title, remedy, unit, standard, clause,
            clause_unsure, confidence, profiles) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """)
      for rule in rules {
        try insert.execute(arguments: [
          survey, rule.id, rule.cite, rule.title, rule.remedy, rule.unit, rule.standard,
          rule.clause, rule.clauseUnsure, rule.confidence, rule.profiles.joined(separator: " "),
        ])
      }
    }
  }

  /// Adds the measures the flats' upgrade costs come from.
  public func measures(_ measures: [InventoryRecord.Measure]) throws(InventoryError) {
    let survey = self.survey
    try run { db in
      let insert = try db.cachedStatement(
        sql: """
          INSERT INTO measures (survey_id, id, title, unit, cost_low, cost_high, at_least,
            price_year, source, certainty) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """)
      for measure in measures {
        try insert.execute(arguments: [
          survey, measure.id, measure.title, measure.unit, measure.costLow, measure.costHigh,
          measure.atLeast, measure.priceYear, measure.source, measure.certainty,
        ])
      }
    }
  }

  /// Adds a quarter (once; later calls with its id do nothing).
  public func quarter(id: String, name: String?) throws(InventoryError) {
    guard quarters.insert(id).inserted else { return }
    let survey = self.survey
    try run { db in
      try db.execute(
        sql: "INSERT INTO quarters (survey_id, id, name) VALUES (?, ?, ?)",
        arguments: [survey, id, name])
    }
  }

  /// Adds a quarter's outdoor paths' findings.
  public func quarterFindings(_ quarter: String, _ findings: [InventoryRecord.Finding])
    throws(InventoryError)
  {
    try run { db in
      for finding in findings {
        try self.insert(finding, building: nil, flat: nil, quarter: quarter, db)
      }
    }
  }

  /// Adds a building, its flats and their findings.
  ///
  /// - Throws: ``InventoryError`` when the survey already has a building
  ///   with its id (two input files with the same building, say).
  public func building(_ building: InventoryRecord.Building) throws(InventoryError) {
    let survey = self.survey
    let position = self.position
    self.position += 1
    if let quarter = building.quarter { try self.quarter(id: quarter, name: nil) }
    try run { db in
      let insertBuilding = try db.cachedStatement(
        sql: """
          INSERT INTO buildings (survey_id, id, quarter, name, address, position)
          VALUES (?, ?, ?, ?, ?, ?)
          """)
      do {
        try insertBuilding.execute(arguments: [
          survey, building.id, building.quarter, building.name, building.address, position,
        ])
      } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
        throw InventoryError(
          path: self.inventory.path,
          message: "building '\(building.id)' comes twice in the survey's inputs; a survey "
            + "holds each building once")
      }
      let buildingKey = db.lastInsertedRowID
      for finding in building.findings {
        try self.insert(finding, building: buildingKey, flat: nil, quarter: nil, db)
      }
      let insertFlat = try db.cachedStatement(
        sql: """
          INSERT INTO flats (survey_id, building_key, building, quarter, id, number, storey, rooms,
            area, class, class_rank, verified, verified_class, next_class, fails, unknowns,
            blocking, blocking_rules, route, route_problem, upgrade_target, upgrade_reaches,
            upgrade_cost_low, upgrade_cost_high, upgrade_survey_needed, upgrade_measures,
            upgrade_funding, upgrade_blocked_by, register_category, register_possible)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
            ?, ?, ?)
          """)
      for flat in building.flats {
        let upgrade = flat.upgrade
        let values: [(any DatabaseValueConvertible)?] = [
          survey, buildingKey, building.id, building.quarter, flat.id, flat.number, flat.storey,
          flat.rooms, flat.area, flat.class, self.ladder[flat.class] ?? 0, flat.verified,
          flat.verifiedClass, flat.nextClass, flat.fails, flat.unknowns,
          flat.blockingRules.count, flat.blockingRules.joined(separator: " "), flat.route,
          flat.routeProblem, upgrade?.target, upgrade?.reaches, upgrade?.costLow,
          upgrade?.costHigh, upgrade?.surveyNeeded,
          upgrade?.measures.joined(separator: " "), upgrade?.funding.joined(separator: "; "),
          upgrade.map { $0.blockedBy.isEmpty ? nil : $0.blockedBy } ?? nil,
          flat.registerCategory,
          flat.registerCategory == nil ? nil : flat.registerPossible.joined(separator: " "),
        ]
        do {
          try insertFlat.execute(arguments: StatementArguments(values))
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
          throw InventoryError(
            path: self.inventory.path,
            message: "flat '\(flat.id)' comes twice in building '\(building.id)'")
        }
        let flatKey = db.lastInsertedRowID
        for finding in flat.findings {
          try self.insert(finding, building: buildingKey, flat: flatKey, quarter: nil, db)
        }
      }
    }
  }

  /// Inserts a finding, binding its values straight to SQLite: GRDB's
  /// `StatementArguments` made an array of `DatabaseValue`s for each of the
  /// millions of findings, a quarter of a `--format sqlite` check
  /// (callgrind, Benchmarks/README.md "inventory").
  private func insert(
    _ finding: InventoryRecord.Finding, building: Int64?, flat: Int64?, quarter: String?,
    _ db: Database
  ) throws {
    let statement: Statement
    if let prepared = findingStatement {
      statement = prepared
    } else {
      statement = try db.makeStatement(
        sql: """
          INSERT INTO findings (survey_id, building_key, flat_key, quarter, rule, cite, status,
            element, message, measured, unit, required_min, required_max, required, remedy)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """)
      findingStatement = statement
    }
    var binder = Binder(statement.sqliteStatement)
    binder.bind(survey)
    binder.bind(building)
    binder.bind(flat)
    binder.bind(quarter)
    binder.bind(finding.rule)
    binder.bind(Int64(finding.cite))
    binder.bind(finding.status)
    binder.bind(finding.element)
    binder.bind(finding.message)
    binder.bind(finding.measured)
    binder.bind(finding.unit)
    binder.bind(finding.requiredMin)
    binder.bind(finding.requiredMax)
    binder.bind(finding.required)
    binder.bind(finding.remedy)
    try binder.step(db)
  }

  /// Makes the survey visible, whole.
  ///
  /// - Returns: The survey's number in the inventory.
  @discardableResult
  public func commit() throws(InventoryError) -> Int64 {
    findingStatement = nil
    try run { db in try db.commit() }
    open = false
    return survey
  }

  /// Drops the survey: the inventory keeps what it had.
  public func rollback() {
    findingStatement = nil
    guard open else { return }
    open = false
    try? inventory.queue.inDatabase { db in try db.rollback() }
  }
}

/// Binds a prepared statement's parameters in order, then steps and
/// resets it. Text is bound as transient (SQLite copies it), so the Swift
/// strings need not outlive the call.
private struct Binder {
  let statement: OpaquePointer
  var index: Int32 = 1
  var code = SQLITE_OK

  init(_ statement: OpaquePointer) { self.statement = statement }

  /// SQLite's "copy the bytes now": its C macro does not come through.
  private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

  mutating func bind(_ value: String?) {
    defer { index += 1 }
    guard var value, code == SQLITE_OK else {
      if code == SQLITE_OK { code = sqlite3_bind_null(statement, index) }
      return
    }
    let index = self.index
    let statement = self.statement
    code = value.withUTF8 { utf8 in
      // An empty buffer has no address, and a null pointer would bind NULL.
      guard !utf8.isEmpty else { return sqlite3_bind_text(statement, index, "", 0, Self.transient) }
      return utf8.withMemoryRebound(to: CChar.self) { text in
        sqlite3_bind_text(statement, index, text.baseAddress, Int32(text.count), Self.transient)
      }
    }
  }

  mutating func bind(_ value: Int64?) {
    defer { index += 1 }
    guard code == SQLITE_OK else { return }
    code =
      value.map { sqlite3_bind_int64(statement, index, $0) } ?? sqlite3_bind_null(statement, index)
  }

  mutating func bind(_ value: Double?) {
    defer { index += 1 }
    guard code == SQLITE_OK else { return }
    code =
      value.map { sqlite3_bind_double(statement, index, $0) } ?? sqlite3_bind_null(statement, index)
  }

  /// Runs the statement once and makes it ready for the next values.
  mutating func step(_ db: Database) throws {
    if code == SQLITE_OK {
      code = sqlite3_step(statement)
    }
    let result = code
    sqlite3_reset(statement)
    guard result == SQLITE_DONE else {
      throw DatabaseError(
        resultCode: ResultCode(rawValue: result),
        message: String(cString: sqlite3_errmsg(sqlite3_db_handle(statement))))
    }
  }
}

extension InventoryRecord {
  /// The class of a flat that reaches none of the ladder's.
  public static let noneClass = "none"
}
