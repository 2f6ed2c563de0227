import Foundation
import GRDB

/// The inventory's schema: `Schemas/inventory.sql` (``version1``) and the
/// migrations that follow it.
public enum InventorySchema {
  /// The `PRAGMA application_id` of an inventory: `BFiv` in ASCII. It tells
  /// an inventory from any other SQLite file before a table is read.
  public static let applicationID: Int32 = 0x4246_6976

  /// The migrations this version knows, in order. A database that lists
  /// one not named here was written by a newer version.
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1") { db in
      try db.execute(sql: version1)
      try db.execute(sql: "PRAGMA application_id = \(applicationID)")
    }
    return migrator
  }
}

/// Why an inventory cannot be opened, read or written: the file and what
/// is wrong, in one line.
public struct InventoryError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The database file.
  public var path: String
  /// What is wrong.
  public var message: String

  /// Creates an error.
  public init(path: String, message: String) {
    self.path = path
    self.message = message
  }

  /// `inventory.sqlite: not a BarrierFree inventory (…)`.
  public var description: String { "\(path): \(message)" }
}

/// A survey as the inventory lists it.
public struct SurveyRecord: Sendable, Hashable, Codable {
  /// Its number in the inventory: 1, 2, … in the order they were added.
  public var id: Int64
  /// The date of the survey (YYYY-MM-DD), if given.
  public var surveyed: String?
  /// Its label, if given.
  public var label: String?
  /// The checked profile's id.
  public var profile: String
  /// The BarrierFree version that wrote it.
  public var toolVersion: String
  /// Its input files.
  public var inputs: [String]
  /// The number of buildings and of flats.
  public var buildings: Int
  /// The number of flats.
  public var flats: Int
  /// Flats per class (the classes of its ladder and `none`), best first.
  public var byClass: [ClassCount]

  /// A class and its number of flats.
  public struct ClassCount: Sendable, Hashable, Codable {
    /// The class.
    public var `class`: String
    /// Its flats.
    public var flats: Int
    /// How many of them are verified (the others are "possibly" of the
    /// class: unknowns hold it open).
    public var verified: Int
  }
}

/// A BarrierFree inventory: a SQLite file of surveys (`Schemas/inventory.sql`).
///
/// ```swift
/// let inventory = try Inventory(path: "stock.sqlite", mode: .readWrite)
/// for survey in try inventory.surveys() { print(survey.id, survey.flats) }
/// ```
///
/// Opening checks that the file is an inventory (its application id and
/// its migrations) and refuses anything else: a file that is not SQLite,
/// another program's database, an inventory of a newer version. A
/// read-write inventory is in WAL mode, and a survey is added in one
/// transaction (``SnapshotWriter``), so readers never see half a survey and
/// a killed import leaves the surveys before it as they were.
public final class Inventory: Sendable {
  /// How an inventory is opened.
  public enum Mode: Sendable {
    /// Reading only (queries, comparisons): the file is opened read-only
    /// and must exist.
    case readOnly
    /// Adding surveys: created when missing, migrated when older.
    case readWrite
    /// A file being written from scratch (the `sqlite` report's temporary
    /// file): no journal, no syncing, as the file is thrown away if the
    /// run fails.
    case scratch
  }

  /// The database file.
  public let path: String
  let queue: DatabaseQueue

  /// Opens the inventory at `path`.
  ///
  /// - Throws: ``InventoryError`` when the file is missing (read-only), is
  ///   not SQLite, is a database of another program, or was written by a
  ///   newer version.
  public convenience init(path: String, mode: Mode) throws(InventoryError) {
    try self.init(path: path, mode: mode, migrator: InventorySchema.migrator)
  }

  /// Opens the inventory at `path` with the migrations `migrator` knows:
  /// the tests' stand-in for a later version.
  init(path: String, mode: Mode, migrator: DatabaseMigrator) throws(InventoryError) {
    self.path = path
    if mode == .readOnly && !FileManager.default.fileExists(atPath: path) {
      throw InventoryError(path: path, message: "no such file")
    }
    var configuration = Configuration()
    configuration.readonly = mode == .readOnly
    // The foreign keys document the schema for other tools; our own writes
    // make the keys they point to, and checking three parents for each of
    // millions of findings cost more than the insert (tested with
    // `PRAGMA foreign_key_check` instead).
    configuration.foreignKeysEnabled = false
    configuration.label = "BarrierFree inventory"
    // The snapshot writer keeps its transaction open across the report's
    // calls, one building at a time.
    configuration.allowsUnsafeTransactions = true
    if mode == .readWrite { configuration.journalMode = .wal }
    if mode == .scratch {
      configuration.prepareDatabase { db in
        try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF")
      }
    }
    do {
      queue = try DatabaseQueue(path: path, configuration: configuration)
    } catch {
      throw Self.failure(path, error)
    }
    try check(mode, migrator)
  }

  /// Checks that the file is an inventory of this version, creating or
  /// migrating it when it may be written.
  private func check(_ mode: Mode, _ migrator: DatabaseMigrator) throws(InventoryError) {
    do {
      let (application, tables, superseded, complete) = try queue.read { db in
        (
          try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0,
          try String.fetchAll(
            db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"),
          try migrator.hasBeenSuperseded(db),
          try migrator.hasCompletedMigrations(db)
        )
      }
      if application != InventorySchema.applicationID {
        guard tables.isEmpty else {
          throw InventoryError(
            path: path,
            message:
              "not a BarrierFree inventory: a SQLite database of another program (tables "
              + tables.prefix(5).joined(separator: ", ") + (tables.count > 5 ? ", …" : "")
              + ")")
        }
        guard mode != .readOnly else {
          throw InventoryError(
            path: path, message: "an empty database, not a BarrierFree inventory: no surveys")
        }
      }
      if superseded {
        throw InventoryError(
          path: path,
          message:
            "written by a newer version of BarrierFree (its schema has migrations this version "
            + "does not know): open it with that version or a later one")
      }
      if !complete {
        guard mode != .readOnly else {
          throw InventoryError(
            path: path,
            message:
              "written by an older version of BarrierFree: `barrierfree inventory add` brings it up "
              + "to date")
        }
        try migrator.migrate(queue)
      }
    } catch let error as InventoryError {
      throw error
    } catch {
      throw Self.failure(path, error)
    }
  }

  /// An ``InventoryError`` for a database error, in the user's words where
  /// SQLite's are obscure.
  static func failure(_ path: String, _ error: any Error) -> InventoryError {
    guard let error = error as? DatabaseError else {
      return InventoryError(path: path, message: "\(error)")
    }
    switch error.resultCode {
    case .SQLITE_NOTADB:
      return InventoryError(
        path: path,
        message: "not a SQLite database (nor a BarrierFree inventory)"
          + (looksLikeXML(path)
            ? "; it looks like XML, a portfolio perhaps: `barrierfree inventory add "
              + "PORTFOLIO.xml --db INVENTORY.sqlite` makes an inventory of one" : ""))
    case .SQLITE_CANTOPEN:
      return InventoryError(path: path, message: "cannot be opened (missing, or no permission)")
    case .SQLITE_BUSY, .SQLITE_LOCKED:
      return InventoryError(
        path: path, message: "in use by another program; try again when it is done")
    case .SQLITE_READONLY:
      return InventoryError(path: path, message: "read-only: cannot add a survey")
    case .SQLITE_FULL:
      return InventoryError(path: path, message: "the disk is full")
    default:
      return InventoryError(path: path, message: error.message ?? "\(error.resultCode)")
    }
  }

  /// Closes the database: a read-write inventory's WAL is checkpointed
  /// into the file and removed. Later calls fail.
  public func close() throws(InventoryError) {
    do {
      try queue.close()
    } catch {
      throw Self.failure(path, error)
    }
  }

  /// Whether the file starts as an XML document does (after white space).
  static func looksLikeXML(_ path: String) -> Bool {
    guard let handle = FileHandle(forReadingAtPath: path) else { return false }
    defer { try? handle.close() }
    let head = (try? handle.read(upToCount: 256)) ?? Data()
    let skipped: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF]
    return head.first { !skipped.contains($0) } == UInt8(ascii: "<")
  }

  /// Runs `body` on the database, reading only; database errors become
  /// ``InventoryError``s.
  func reading<T>(_ body: (Database) throws -> T) throws(InventoryError) -> T {
    do {
      return try queue.read(body)
    } catch let error as InventoryError {
      throw error
    } catch {
      throw Self.failure(path, error)
    }
  }

  /// The surveys, oldest first, with their counts.
  public func surveys() throws(InventoryError) -> [SurveyRecord] {
    try reading { db in
      let inputs = Dictionary(
        grouping: try Row.fetchAll(
          db, sql: "SELECT survey_id, path FROM survey_inputs ORDER BY survey_id, position"),
        by: { $0["survey_id"] as Int64 }
      ).mapValues { $0.map { $0["path"] as String } }
      let buildings = Dictionary(
        uniqueKeysWithValues: try Row.fetchAll(
          db, sql: "SELECT survey_id, count(*) AS n FROM buildings GROUP BY survey_id"
        ).map { ($0["survey_id"] as Int64, $0["n"] as Int) })
      let classes = Dictionary(
        grouping: try Row.fetchAll(
          db, sql: "SELECT survey_id, class, flats, verified FROM flats_per_class"),
        by: { $0["survey_id"] as Int64 }
      ).mapValues {
        $0.map {
          SurveyRecord.ClassCount(class: $0["class"], flats: $0["flats"], verified: $0["verified"])
        }
      }
      return try Row.fetchAll(
        db, sql: "SELECT id, surveyed, label, profile, tool_version FROM surveys ORDER BY id"
      ).map { row in
        let id: Int64 = row["id"]
        let byClass = classes[id] ?? []
        return SurveyRecord(
          id: id, surveyed: row["surveyed"], label: row["label"], profile: row["profile"],
          toolVersion: row["tool_version"], inputs: inputs[id] ?? [],
          buildings: buildings[id] ?? 0, flats: byClass.reduce(0) { $0 + $1.flats },
          byClass: byClass)
      }
    }
  }

  /// The number of survey `id`, or of the latest when nil, without
  /// counting its flats (what a query needs, whatever the inventory's size).
  ///
  /// - Throws: ``InventoryError`` when there is no such survey.
  func surveyID(_ id: Int64?) throws(InventoryError) -> Int64 {
    let found = try reading { db in
      try Int64.fetchOne(
        db, sql: id == nil ? "SELECT max(id) FROM surveys" : "SELECT id FROM surveys WHERE id = ?",
        arguments: id.map { [$0] } ?? [])
    }
    guard let found else { return try survey(id).id }  // Its error names the surveys there are.
    return found
  }

  /// The survey `id`, or the latest when nil.
  ///
  /// - Throws: ``InventoryError`` when there is no such survey.
  public func survey(_ id: Int64?) throws(InventoryError) -> SurveyRecord {
    let all = try surveys()
    if let id {
      guard let survey = all.first(where: { $0.id == id }) else {
        throw InventoryError(
          path: path,
          message: "no survey \(id); it has "
            + (all.isEmpty
              ? "none" : "surveys " + all.map { String($0.id) }.joined(separator: ", ")))
      }
      return survey
    }
    guard let last = all.last else {
      throw InventoryError(
        path: path, message: "no surveys yet: add one with `barrierfree inventory add`")
    }
    return last
  }
}
