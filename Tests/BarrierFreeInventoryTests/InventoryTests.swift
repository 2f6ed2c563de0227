import BarrierFree
import Foundation
import GRDB
import Testing

@testable import BarrierFreeInventory

/// The repository's root, found from this file's path.
let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func sample(_ name: String) -> String { repositoryRoot.appendingPathComponent(name).path }

/// A folder of its own for a test, removed when the test ends.
final class Scratch {
  let directory: URL

  init() throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "bf-inventory-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: directory) }

  func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
}

/// Rows of `sql` on the database at `path`, read with a connection of the
/// test's own.
func rows(_ path: String, _ sql: String) throws -> [Row] {
  var configuration = Configuration()
  configuration.readonly = true
  let queue = try DatabaseQueue(path: path, configuration: configuration)
  defer { try? queue.close() }
  return try queue.read { try Row.fetchAll($0, sql: sql) }
}

@Suite("Inventory: surveys in SQLite")
struct InventoryTests {
  @Test("A survey of the quarter sample holds the check's flats per class, and one row per flat")
  func countsEqualTheCheck() throws {
    let scratch = try Scratch()
    let db = scratch.path("q.sqlite")
    let inventory = try Inventory(path: db, mode: .readWrite)
    let added = try BarrierFree.addSurvey([sample("Samples/quarter-bielefeld.xml")], to: inventory)
    try inventory.close()
    #expect(added.survey == 1)
    let check = try BarrierFree.check(
      sample("Samples/quarter-bielefeld.xml"), format: .json, to: StringOutput())
    let counts = Dictionary(
      uniqueKeysWithValues: try rows(db, "SELECT class, count(*) FROM flats GROUP BY class").map {
        ($0[0] as String, $0[1] as Int)
      })
    #expect(counts == check.summary.byClass.filter { $0.value > 0 })
    #expect(counts == ["wheelchair": 4, "barrierFree": 16, "barrierReduced": 1, "none": 23])
    // The findings stored are the open ones: the check's fails and unknowns.
    let stored = Dictionary(
      uniqueKeysWithValues: try rows(
        db, "SELECT status, count(*) FROM findings WHERE flat_key IS NOT NULL GROUP BY status"
      ).map { ($0[0] as String, $0[1] as Int) })
    #expect(stored.keys.sorted() == ["fail", "unknown"])
    // Each flat's fail and unknown counts are its findings' rows.
    let mismatched = try rows(
      db,
      """
      SELECT f.id FROM flats AS f WHERE f.fails <> (SELECT count(*) FROM findings AS g
        WHERE g.flat_key = f.key AND g.status = 'fail')
      """)
    #expect(mismatched.isEmpty)
    // Every key points at its row (the writer does not have SQLite check
    // them one by one).
    #expect(try rows(db, "PRAGMA foreign_key_check").isEmpty)
    #expect(
      try rows(db, "SELECT count(*) FROM findings_cited").first?[0] as Int?
        == (try rows(db, "SELECT count(*) FROM findings").first?[0] as Int?))
    // WAL, and the application id that marks the file as an inventory.
    #expect(try rows(db, "PRAGMA journal_mode").first?[0] as String? == "wal")
    #expect(try rows(db, "PRAGMA application_id").first?[0] as Int32? == 0x4246_6976)
  }

  @Test("The schema in the library is Schemas/inventory.sql, and a database records its migration")
  func schemaIsTheFile() throws {
    let file = try String(
      contentsOf: repositoryRoot.appendingPathComponent("Schemas/inventory.sql"), encoding: .utf8)
    #expect(InventorySchema.version1 == file)
    let scratch = try Scratch()
    let db = scratch.path("empty.sqlite")
    try Inventory(path: db, mode: .readWrite).close()
    #expect(
      try rows(db, "SELECT identifier FROM grdb_migrations").map { $0[0] as String } == ["v1"])
    // Every column has its comment in the schema the file keeps.
    let flats = try #require(
      try rows(db, "SELECT sql FROM sqlite_master WHERE name = 'flats'").first?[0] as String?)
    #expect(flats.contains("-- the class reached (a ladder class or none)"))
  }

  @Test("Files that are not an inventory of this version are refused with what they are")
  func refusesForeignFiles() throws {
    let scratch = try Scratch()
    func message(_ path: String, _ mode: Inventory.Mode) -> String? {
      do {
        _ = try Inventory(path: path, mode: mode)
        return nil
      } catch {
        return error.message
      }
    }
    let xml = sample("Samples/quarter-bielefeld.xml")
    for mode in [Inventory.Mode.readOnly, .readWrite] {
      #expect(
        message(xml, mode)
          == "not a SQLite database (nor a BarrierFree inventory); it looks like XML, a portfolio "
          + "perhaps: `barrierfree inventory add PORTFOLIO.xml --db INVENTORY.sqlite` makes an "
          + "inventory of one")
    }
    // Not SQLite and not XML either.
    let binary = scratch.path("binary.sqlite")
    try Data([0x00, 0x01, 0x02, 0x03] + Array(repeating: UInt8(0x41), count: 200)).write(
      to: URL(fileURLWithPath: binary))
    #expect(message(binary, .readOnly) == "not a SQLite database (nor a BarrierFree inventory)")
    // Unchanged: refusing wrote nothing into it.
    #expect(try String(contentsOfFile: xml, encoding: .utf8).hasPrefix("<?xml"))
    #expect(message(scratch.path("missing.sqlite"), .readOnly) == "no such file")
    let foreign = scratch.path("foreign.sqlite")
    let queue = try DatabaseQueue(path: foreign)
    try queue.write { try $0.execute(sql: "CREATE TABLE customers (id INTEGER)") }
    try queue.close()
    #expect(
      message(foreign, .readWrite)
        == "not a BarrierFree inventory: a SQLite database of another program (tables customers)")
    // A database from a newer version: a migration this one does not know.
    let newer = scratch.path("newer.sqlite")
    try Inventory(path: newer, mode: .readWrite).close()
    let raw = try DatabaseQueue(path: newer)
    try raw.write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v2')") }
    try raw.close()
    for mode in [Inventory.Mode.readOnly, .readWrite] {
      #expect(message(newer, mode)?.hasPrefix("written by a newer version of BarrierFree") == true)
    }
  }

  @Test("A survey that fails half-way adds nothing: the inventory keeps what it had")
  func failedImportAddsNothing() throws {
    let scratch = try Scratch()
    let db = scratch.path("q.sqlite")
    let inventory = try Inventory(path: db, mode: .readWrite)
    try BarrierFree.addSurvey([sample("Samples/quarter-bielefeld.xml")], to: inventory)
    let before = try rows(
      db, "SELECT (SELECT count(*) FROM flats), (SELECT count(*) FROM findings)")
    // The first file is read whole before the second one's error.
    #expect(throws: ImportError.self) {
      try BarrierFree.addSurvey(
        [sample("Samples/design-new-build.xml"), sample("Samples/invalid/dangling-reference.xml")],
        to: inventory)
    }
    #expect(try inventory.surveys().map(\.id) == [1])
    let after = try rows(db, "SELECT (SELECT count(*) FROM flats), (SELECT count(*) FROM findings)")
    #expect(before == after)
    // And the next survey is added as usual.
    #expect(
      try BarrierFree.addSurvey([sample("Samples/design-new-build.xml")], to: inventory).survey == 2
    )
  }

  @Test("Queries: typed filters on the latest survey, counts per class, did-you-mean for a class")
  func queries() throws {
    let scratch = try Scratch()
    let inventory = try Inventory(path: scratch.path("q.sqlite"), mode: .readWrite)
    try BarrierFree.addSurvey([sample("Samples/quarter-bielefeld.xml")], to: inventory)
    func flats(_ query: InventoryQuery) throws -> [String] {
      var ids: [String] = []
      try inventory.flats(query) { ids.append($0.flat) }
      return ids
    }
    var groundFloorWheelchair = InventoryQuery()
    groundFloorWheelchair.classes = ["wheelchair"]
    groundFloorWheelchair.storeys = 0...0
    #expect(try flats(groundFloorWheelchair) == ["b1-f01", "b1-f02", "b8-f01"])
    var verified = groundFloorWheelchair
    verified.verified = true
    #expect(try flats(verified) == ["b1-f01", "b8-f01"])
    var nearMisses = InventoryQuery()
    nearMisses.nearMisses = true
    #expect(
      try flats(nearMisses) == [
        "b1-f13", "b1-f21", "b1-f31", "b3-f02", "b8-f12", "b8-f13", "b8-f31",
      ])
    var atLeast = InventoryQuery()
    atLeast.atLeast = "barrierFree"
    #expect(try flats(atLeast).count == 20)
    #expect(
      try inventory.counts(atLeast).map { "\($0.class) \($0.flats) \($0.verified)" } == [
        "wheelchair 4 3", "barrierFree 16 13", "barrierReduced 0 0", "none 0 0",
      ])
    var misspelt = InventoryQuery()
    misspelt.classes = ["Wheelchair"]
    #expect {
      try flats(misspelt)
    } throws: { error in
      (error as? InventoryError)?.message
        == "survey 1 has no class 'Wheelchair'; did you mean 'wheelchair'? (its classes: none, barrierReduced, barrierFree, wheelchair)"
    }
    var missing = InventoryQuery()
    missing.survey = 7
    #expect(throws: InventoryError.self) { try flats(missing) }
  }

  @Test("Comparing the two surveys of the quarter names exactly the three improved flats")
  func compareNamesTheImprovedFlats() throws {
    let files = try BarrierFree.compare(
      sample("Samples/quarter-bielefeld.xml"), sample("Samples/quarter-bielefeld-2026.xml"))
    let scratch = try Scratch()
    let inventory = try Inventory(path: scratch.path("q.sqlite"), mode: .readWrite)
    try BarrierFree.addSurvey([sample("Samples/quarter-bielefeld.xml")], to: inventory)
    try BarrierFree.addSurvey([sample("Samples/quarter-bielefeld-2026.xml")], to: inventory)
    let snapshots = try inventory.compare()
    for comparison in [files, snapshots] {
      #expect(comparison.flats.map(\.flat) == ["b1-f13", "b1-f21", "b8-f31"])
      #expect(
        comparison.flats.map { "\($0.classBefore) → \($0.classAfter)" } == [
          "barrierReduced → barrierFree", "barrierFree → wheelchair", "none → barrierReduced",
        ])
      #expect(comparison.flats.allSatisfy { $0.direction == .up })
      #expect(
        comparison.flats.map { $0.findings.map { "\($0.change.rawValue) \($0.rule)" } } == [
          ["fixed shower.size"], ["fixed door.clear-width"], ["fixed shower.step"],
        ])
      #expect(comparison.summary.up == 3)
      #expect(comparison.summary.flatsCompared == 44)
      #expect(comparison.summary.findings == ["fixed": 3])
      #expect(comparison.added.isEmpty && comparison.removed.isEmpty)
    }
    // From files every finding is kept, so the values after are known.
    #expect(files.flats[1].findings.first?.measuredAfter == 900)
    #expect(snapshots.flats[1].findings.first?.measuredBefore == 850)
  }

  @Test("Added and removed buildings and flats, and a class that went down")
  func addedRemovedAndDown() throws {
    let scratch = try Scratch()
    let inventory = try Inventory(path: scratch.path("q.sqlite"), mode: .readWrite)
    try BarrierFree.addSurvey(
      [sample("Samples/quarter-bielefeld-2026.xml"), sample("Samples/design-new-build.xml")],
      to: inventory)
    try BarrierFree.addSurvey([sample("Samples/quarter-bielefeld.xml")], to: inventory)
    let comparison = try inventory.compare(1, 2)
    #expect(comparison.summary.down == 3)
    #expect(comparison.summary.up == 0)
    #expect(comparison.summary.buildingsRemoved == 1)
    #expect(comparison.summary.flatsRemoved == 9)
    #expect(comparison.removed.map(\.building) == ["d1"])
    #expect(comparison.removed.first?.flat == nil)
    #expect(
      comparison.flats.map { $0.findings.map(\.change.rawValue) } == [
        ["newFail"], ["newFail"], ["newFail"],
      ])
    #expect(throws: InventoryError.self) { try inventory.compare(1, 5) }
  }

  @Test("Surveys against different profiles do not compare")
  func differentProfiles() throws {
    let scratch = try Scratch()
    let inventory = try Inventory(path: scratch.path("q.sqlite"), mode: .readWrite)
    try BarrierFree.addSurvey([sample("Samples/quarter-bielefeld.xml")], to: inventory)
    try BarrierFree.addSurvey(
      [sample("Samples/quarter-bielefeld.xml")], to: inventory, profile: "uk-m4-3")
    #expect {
      try inventory.compare()
    } throws: { error in
      (error as? InventoryError)?.message.contains("different profiles (din18040-2-r, uk-m4-3)")
        == true
    }
  }
}

@Suite("The sqlite report format")
struct SQLiteReportTests {
  @Test("Through the one call, in an imperial profile's inches, to bytes and not to text")
  func imperial() throws {
    let output = BytesOutput()
    try BarrierFree.check(
      sample("Samples/quarter-bielefeld.xml"), profile: "icc-a117.1-type-a", format: .sqlite,
      to: output)
    let scratch = try Scratch()
    let db = scratch.path("imperial.sqlite")
    try Data(output.bytes).write(to: URL(fileURLWithPath: db))
    #expect(try rows(db, "SELECT units FROM surveys").first?[0] as String? == "imperial")
    let door = try #require(
      try rows(
        db,
        "SELECT measured, unit FROM findings WHERE rule = 'door.clear-width' AND status = 'fail' LIMIT 1"
      ).first)
    #expect(door[1] as String? == "in")
    #expect((door[0] as Double? ?? 0) < 40)
    #expect(throws: InventoryError.self) {
      try BarrierFree.check(
        sample("Samples/quarter-bielefeld.xml"), format: .sqlite, to: StringOutput())
    }
  }
}

@Suite("Inventory migrations")
struct InventoryMigrationTests {
  @Test("A database of this version opens in the next: its migration runs, its surveys stay")
  func nextVersionOpensThisOne() throws {
    let scratch = try Scratch()
    let db = scratch.path("q.sqlite")
    let inventory = try Inventory(path: db, mode: .readWrite)
    try BarrierFree.addSurvey([sample("Samples/quarter-bielefeld.xml")], to: inventory)
    try inventory.close()
    // The next version: this one's migrations and one more.
    var next = InventorySchema.migrator
    next.registerMigration("v2") { db in
      // No `--` comment here: SQLite pastes the column's text into the
      // table's, where a comment would swallow what follows.
      try db.execute(sql: "ALTER TABLE flats ADD COLUMN photo TEXT")
    }
    // Read-only, an older database is refused: it must be brought up to date first.
    #expect {
      try Inventory(path: db, mode: .readOnly, migrator: next)
    } throws: { error in
      (error as? InventoryError)?.message.hasPrefix("written by an older version") == true
    }
    let upgraded = try Inventory(path: db, mode: .readWrite, migrator: next)
    #expect(try upgraded.surveys().map(\.flats) == [44])
    try upgraded.close()
    #expect(
      try rows(db, "SELECT identifier FROM grdb_migrations ORDER BY identifier").map {
        $0[0] as String
      } == ["v1", "v2"])
    #expect(try rows(db, "SELECT count(photo) FROM flats").first?[0] as Int? == 0)
    // And this version now refuses it: it was written by a newer one.
    #expect {
      try Inventory(path: db, mode: .readOnly)
    } throws: { error in
      (error as? InventoryError)?.message.hasPrefix("written by a newer version") == true
    }
  }

  @Test("With --upgrades the measures' cost ranges, price years and sources are kept")
  func measures() throws {
    let scratch = try Scratch()
    let db = scratch.path("q.sqlite")
    let inventory = try Inventory(path: db, mode: .readWrite)
    let assessor = try Assessor(ladder: try ProfileLibrary.builtIn.ladder(for: "din18040-2-r"))
    var options = ReportOptions()
    options.upgrades = UpgradeContext(
      planner: UpgradePlanner(assessor: assessor, measures: try MeasureCatalogue.builtIn.measures))
    try BarrierFree.addSurvey(
      [sample("Samples/quarter-bielefeld.xml")], to: inventory, options: options)
    try inventory.close()
    let widen = try #require(
      try rows(
        db,
        "SELECT cost_low, cost_high, price_year, source, certainty FROM measures WHERE id = 'door.widen-light-wall'"
      ).first)
    #expect(widen[0] as Double? == 500)
    #expect((widen[2] as Int? ?? 0) >= 2020)
    #expect((widen[3] as String? ?? "").isEmpty == false)
    // Every measure a flat names is in the table.
    let named = try rows(
      db, "SELECT upgrade_measures FROM flats WHERE upgrade_measures <> ''"
    ).flatMap { ($0[0] as String).split(separator: " ").map(String.init) }
    let known = Set(try rows(db, "SELECT id FROM measures").map { $0[0] as String })
    #expect(!named.isEmpty)
    #expect(Set(named).isSubset(of: known))
  }
}
