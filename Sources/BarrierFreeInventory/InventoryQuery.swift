import BarrierFreeModel
import GRDB

/// The common questions to an inventory, as typed filters on one survey's
/// flats: `barrierfree query`. Everything else is plain SQL on the tables
/// and views of `Schemas/inventory.sql`.
///
/// ```swift
/// var query = InventoryQuery()
/// query.classes = ["wheelchair"]
/// query.storeys = 0...0
/// try inventory.flats(query) { print($0.building, $0.flat) }
/// ```
public struct InventoryQuery: Sendable, Hashable {
  /// The survey; nil: the latest.
  public var survey: Int64?
  /// Only flats of these classes (empty: every class).
  public var classes: [String] = []
  /// Only flats of this class or a better one.
  public var atLeast: String?
  /// Only flats of this quarter.
  public var quarter: String?
  /// Only flats of this building.
  public var building: String?
  /// Only flats whose entrance is on these storeys.
  public var storeys: ClosedRange<Int>?
  /// Only verified flats (true), only unverified ones (false), or both.
  public var verified: Bool?
  /// Only near misses: one or two rules from the next class.
  public var nearMisses = false
  /// Only flats in this register category.
  public var register: String?

  /// Every flat of the latest survey.
  public init() {}
}

/// A flat as a query lists it.
public struct FlatListing: Sendable, Hashable, Codable {
  /// The survey it belongs to.
  public var survey: Int64
  /// Its quarter, building, id and number.
  public var quarter: String?
  /// Its building's id.
  public var building: String
  /// The building's address.
  public var address: String?
  /// Its id.
  public var flat: String
  /// The number on its door.
  public var number: String?
  /// The storey of its entrance.
  public var storey: Int?
  /// The class reached, and whether it is verified.
  public var `class`: String
  /// False when unknowns hold the class open.
  public var verified: Bool
  /// The class verifiably reached.
  public var verifiedClass: String
  /// The class above.
  public var nextClass: String?
  /// Fails and unknowns at the checked profile.
  public var fails: Int
  /// Unknowns at the checked profile.
  public var unknowns: Int
  /// The rules between it and the next class.
  public var blockingRules: String
  /// The class an upgrade aims at, when the survey has upgrades.
  public var upgradeTarget: String?
  /// Whether the catalogue's measures reach it; false: something no
  /// measure clears is left (the cost range is then of the rest only).
  public var upgradeReaches: Bool?
  /// What keeps the upgrade from its target (`no known measure for
  /// hallway.width`, `not measured yet: door.clear-width`); nil when it
  /// reaches it.
  public var upgradeBlockedBy: String?
  /// The upgrade's cost range in EUR, when the survey has upgrades.
  public var upgradeCostLow: Double?
  /// The high end.
  public var upgradeCostHigh: Double?
  /// Its register category, when the survey has one.
  public var register: String?
}

/// The number of flats of a class, for ``Inventory/counts(_:)``.
public struct ClassTally: Sendable, Hashable, Codable {
  /// The class.
  public var `class`: String
  /// Its flats.
  public var flats: Int
  /// How many of them are verified.
  public var verified: Int
}

extension Inventory {
  /// The ladder of survey `id`, `none` first.
  public func ladder(of id: Int64) throws(InventoryError) -> [String] {
    try reading { db in
      try String.fetchAll(
        db, sql: "SELECT class FROM ladder WHERE survey_id = ? ORDER BY rank", arguments: [id])
    }
  }

  /// The WHERE clause and arguments of `query` on survey `id`.
  private func condition(_ query: InventoryQuery, survey id: Int64) throws(InventoryError) -> (
    String, StatementArguments
  ) {
    let ladder = try ladder(of: id)
    func rank(_ name: String) throws(InventoryError) -> Int {
      guard let rank = ladder.firstIndex(of: name) else {
        throw InventoryError(
          path: path,
          message: "survey \(id) has no class '\(name)'"
            + (DidYouMean.closest(to: name, among: ladder, limit: 3, ignoringCase: true).map {
              "; did you mean '\($0)'?"
            }
              ?? "")
            + " (its classes: \(ladder.joined(separator: ", ")))")
      }
      return rank
    }
    var clauses = ["f.survey_id = ?"]
    var arguments: StatementArguments = [id]
    if !query.classes.isEmpty {
      var ranks: [Int] = []
      for name in query.classes { ranks.append(try rank(name)) }
      clauses.append("f.class_rank IN (\(ranks.map(String.init).joined(separator: ", ")))")
    }
    if let atLeast = query.atLeast {
      clauses.append("f.class_rank >= ?")
      arguments += [try rank(atLeast)]
    }
    if let quarter = query.quarter {
      clauses.append("f.quarter = ?")
      arguments += [quarter]
    }
    if let building = query.building {
      clauses.append("f.building = ?")
      arguments += [building]
    }
    if let storeys = query.storeys {
      clauses.append("f.storey BETWEEN ? AND ?")
      arguments += [storeys.lowerBound, storeys.upperBound]
    }
    if let verified = query.verified {
      clauses.append("f.verified = ?")
      arguments += [verified]
    }
    if query.nearMisses {
      clauses.append("f.next_class IS NOT NULL AND f.blocking BETWEEN 1 AND 2")
    }
    if let register = query.register {
      clauses.append("f.register_category = ?")
      arguments += [register]
    }
    return (clauses.joined(separator: " AND "), arguments)
  }

  /// Calls `each` with the flats `query` selects, in the survey's order
  /// (buildings as read, flats as in their building); memory stays flat
  /// however many there are.
  public func flats(_ query: InventoryQuery, _ each: (FlatListing) throws -> Void) throws {
    let survey = try surveyID(query.survey)
    let (condition, arguments) = try condition(query, survey: survey)
    try reading { db in
      let rows = try Row.fetchCursor(
        db,
        sql: """
          SELECT f.survey_id, f.quarter, f.building, b.address, f.id, f.number, f.storey, f.class,
            f.verified, f.verified_class, f.next_class, f.fails, f.unknowns, f.blocking_rules,
            f.upgrade_cost_low, f.upgrade_cost_high, f.register_category, f.upgrade_target,
            f.upgrade_reaches, f.upgrade_blocked_by
          FROM flats AS f JOIN buildings AS b ON b.key = f.building_key
          WHERE \(condition)
          ORDER BY f.key
          """, arguments: arguments)
      while let row = try rows.next() {
        try each(
          FlatListing(
            survey: row[0], quarter: row[1], building: row[2], address: row[3], flat: row[4],
            number: row[5], storey: row[6], class: row[7], verified: row[8],
            verifiedClass: row[9], nextClass: row[10], fails: row[11], unknowns: row[12],
            blockingRules: row[13], upgradeTarget: row[17], upgradeReaches: row[18],
            upgradeBlockedBy: row[19],
            upgradeCostLow: row[14], upgradeCostHigh: row[15], register: row[16]))
      }
    }
  }

  /// The flats `query` selects, counted per class, best class first (every
  /// class of the ladder, also with none).
  public func counts(_ query: InventoryQuery) throws(InventoryError) -> [ClassTally] {
    let survey = try surveyID(query.survey)
    let (condition, arguments) = try condition(query, survey: survey)
    let ladder = try ladder(of: survey)
    let found = try reading { db in
      Dictionary(
        uniqueKeysWithValues: try Row.fetchAll(
          db,
          sql: """
            SELECT f.class, count(*), sum(f.verified) FROM flats AS f
            WHERE \(condition) GROUP BY f.class
            """, arguments: arguments
        ).map { ($0[0] as String, ($0[1] as Int, $0[2] as Int)) })
    }
    return ladder.reversed().map { level in
      ClassTally(class: level, flats: found[level]?.0 ?? 0, verified: found[level]?.1 ?? 0)
    }
  }
}
