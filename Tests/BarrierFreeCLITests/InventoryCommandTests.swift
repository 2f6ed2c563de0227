import CSV
import Foundation
import Testing

@Suite("barrierfree inventory, query, compare and check --format sqlite")
struct InventoryCommandTests {
  /// A fresh path in the temporary folder; the file and its WAL are removed
  /// by `cleanUp`.
  static func database(_ name: String) -> String {
    let path = JSONReportTests.scratch(name)
    cleanUp(path)
    return path
  }

  static func cleanUp(_ path: String) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
      try? FileManager.default.removeItem(atPath: path + suffix)
    }
  }

  /// What `sqlite3`-like SQL returns, through the tool's own reader: the
  /// tests do not need the sqlite3 program.
  static func query(_ db: String, _ arguments: [String]) throws -> Tool.Result {
    try Tool.run(["query", "--db", db] + arguments)
  }

  @Test(
    "inventory add, then list: the survey with the check's flats per class; exit 0 despite fails")
  func addAndList() throws {
    let db = Self.database("inv-add.sqlite")
    defer { Self.cleanUp(db) }
    let added = try Tool.run([
      "inventory", "add", "Samples/quarter-bielefeld.xml", "--db", db, "--surveyed", "2025-05-01",
      "--label", "spring",
    ])
    #expect(added.status == 0)
    #expect(
      added.standardOutput
        == "survey 1 (2025-05-01, spring): 44 flats in 8 buildings, profile din18040-2-r; wheelchair 4 (3 verified), barrierFree 16 (13 verified), barrierReduced 1, none 23; from Samples/quarter-bielefeld.xml\n"
    )
    // Closed cleanly: the WAL is folded into the file.
    #expect(!FileManager.default.fileExists(atPath: db + "-wal"))
    let again = try Tool.run([
      "inventory", "add", "Samples/quarter-bielefeld-2026.xml", "--db", db, "--upgrades",
      "--register", "london",
    ])
    #expect(again.status == 0)
    let list = try Tool.run(["inventory", "list", "--db", db])
    #expect(list.status == 0)
    #expect(
      list.standardOutput.split(separator: "\n").map { String($0.prefix(40)) } == [
        "survey 1 (2025-05-01, spring): 44 flats ", "survey 2: 44 flats in 8 buildings, profi",
      ])
    let counts = try Self.query(db, ["--count", "--format", "csv"])
    #expect(
      counts.standardOutput
        == "\u{FEFF}class,flats,verified\r\nwheelchair,5,3\r\nbarrierFree,16,13\r\nbarrierReduced,1,0\r\nnone,22,22\r\n"
    )
  }

  @Test("query: filters, CSV with upgrade costs as numbers and register categories, JSON")
  func queryFormats() throws {
    let db = Self.database("inv-query.sqlite")
    defer { Self.cleanUp(db) }
    _ = try Tool.run([
      "inventory", "add", "Samples/quarter-bielefeld.xml", "--db", db, "--upgrades", "--register",
      "london",
    ])
    let text = try Self.query(db, ["--class", "wheelchair", "--storey", "0"])
    #expect(text.status == 0)
    #expect(
      text.standardOutput == """
        b1 b1-f01 (0.01), storey 0: wheelchair; register A
        b1 b1-f02 (0.02), storey 0: wheelchair (possibly, unverified); upgrade to barrierReduced held up: not measured yet: door.clear-width; register D
        b8 b8-f01 (WE 01), storey 0: wheelchair; register A
        3 flats

        """)
    let csv = try Self.query(db, ["--near-misses", "--format", "csv"])
    let reader = try CSVReader(string: String(csv.standardOutput.dropFirst()), hasHeaderRow: true)
    var rows: [[String]] = []
    while let row = reader.next() { rows.append(row) }
    let header = try #require(reader.headerRow)
    let flat = try #require(header.firstIndex(of: "flat"))
    let low = try #require(header.firstIndex(of: "upgrade cost low"))
    #expect(
      rows.map { $0[flat] } == [
        "b1-f13", "b1-f21", "b1-f31", "b3-f02", "b8-f12", "b8-f13", "b8-f31",
      ])
    #expect(rows[1][low] == "500")
    let json = try Self.query(
      db, ["--quarter", "q-sieker", "--at-least", "wheelchair", "--format", "json"])
    let objects = try #require(
      try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [[String: Any]])
    #expect(objects.map { $0["flat"] as? String } == ["b1-f01", "b1-f02", "b1-f11", "b8-f01"])
    // A basement is a storey too: `--storey -1` is a value, not an option.
    let basement = try Self.query(db, ["--storey", "-1"])
    #expect(basement.status == 0)
    #expect(basement.standardOutput == "0 flats\n")
    let nearMisses = try Self.query(db, ["--near-misses"])
    #expect(
      nearMisses.standardOutput.contains(
        "b1 b1-f13 (1.03), storey 1: barrierReduced; to barrierFree: shower.size; upgrade to barrierFree 1500–4000 EUR; register C"
      ))
    #expect(
      nearMisses.standardOutput.contains(
        "b8 b8-f12 (WE 12), storey 1: none; to barrierReduced: hallway.width; upgrade to barrierReduced held up: no known measure for hallway.width; register D"
      ))
    let misspelt = try Self.query(db, ["--class", "wheelchar"])
    #expect(misspelt.status == 2)
    #expect(misspelt.standardError.contains("did you mean 'wheelchair'?"))
  }

  @Test("Files that are not our database are refused with exit 2, and left as they were")
  func refusesOtherFiles() throws {
    let xml = try Data(
      contentsOf: Tool.root.appendingPathComponent("Samples/quarter-bielefeld.xml"))
    for arguments in [
      ["query", "--db", "Samples/quarter-bielefeld.xml"],
      ["inventory", "list", "--db", "Samples/quarter-bielefeld.xml"],
      [
        "inventory", "add", "Samples/design-new-build.xml", "--db", "Samples/quarter-bielefeld.xml",
      ],
      ["compare", "--db", "Samples/quarter-bielefeld.xml"],
    ] {
      let result = try Tool.run(arguments)
      #expect(result.status == 2, "\(arguments)")
      #expect(
        result.standardError.hasPrefix(
          "error: Samples/quarter-bielefeld.xml: not a SQLite database (nor a BarrierFree inventory); "
            + "it looks like XML, a portfolio perhaps: `barrierfree inventory add PORTFOLIO.xml")
          || result.standardError.contains("is the input"), "\(arguments): \(result.standardError)")
    }
    #expect(
      try Data(contentsOf: Tool.root.appendingPathComponent("Samples/quarter-bielefeld.xml")) == xml
    )
    // An add that fails on its options leaves no empty database behind.
    let fresh = Self.database("inv-fresh.sqlite")
    let refused = try Tool.run([
      "inventory", "add", "Samples/quarter-bielefeld.xml", "--db", fresh, "--register", "berlin",
    ])
    #expect(refused.status == 2)
    #expect(!FileManager.default.fileExists(atPath: fresh))
    let missing = try Tool.run(["query", "--db", "/nonexistent/inventory.sqlite"])
    #expect(missing.status == 2)
    #expect(missing.standardError == "error: /nonexistent/inventory.sqlite: no such file\n")
  }

  @Test("An import killed half-way leaves the inventory with the surveys before it, intact")
  func killedImport() throws {
    let big = JSONReportTests.scratch("inv-big.xml")
    let db = Self.database("inv-kill.sqlite")
    defer {
      Self.cleanUp(db)
      try? FileManager.default.removeItem(atPath: big)
    }
    let generated = try Tool.run([
      "generate", "--buildings", "1500", "--seed", "3", "-o", big,
    ])
    try #require(generated.status == 0)
    let first = try Tool.run(["inventory", "add", "Samples/quarter-bielefeld.xml", "--db", db])
    try #require(first.status == 0)
    let process = Process()
    process.executableURL = Tool.executable
    process.arguments = ["inventory", "add", big, "--db", db, "--findings", "all"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    // Kill it once rows are on their way into the WAL, before it is done.
    var walSize: UInt64 = 0
    for _ in 0..<600 where process.isRunning && walSize < 4_000_000 {
      Thread.sleep(forTimeInterval: 0.05)
      walSize =
        (try? FileManager.default.attributesOfItem(atPath: db + "-wal")[.size] as? UInt64) ?? 0
    }
    try #require(process.isRunning, "the import ended before it could be killed")
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    #expect(walSize >= 4_000_000)
    let list = try Tool.run(["inventory", "list", "--db", db])
    #expect(list.status == 0)
    #expect(list.standardOutput.split(separator: "\n").count == 1)
    #expect(list.standardOutput.hasPrefix("survey 1: 44 flats in 8 buildings"))
    let counts = try Tool.run(["query", "--db", db, "--count"])
    #expect(counts.standardOutput.hasSuffix("total: 44\n"))
    // The next import goes on from there.
    let next = try Tool.run(["inventory", "add", "Samples/design-new-build.xml", "--db", db])
    #expect(next.status == 0)
    #expect(next.standardOutput.hasPrefix("survey 2: 9 flats in 1 building,"))
  }

  @Test("check --format sqlite: one survey, the same bytes on every run and with any jobs")
  func sqliteReport() throws {
    let first = JSONReportTests.scratch("report-1.sqlite")
    let second = JSONReportTests.scratch("report-2.sqlite")
    defer {
      Self.cleanUp(first)
      Self.cleanUp(second)
    }
    let one = try Tool.run([
      "check", "Samples/quarter-bielefeld.xml", "--format", "sqlite", "-o", first,
    ])
    #expect(one.status == 1)
    #expect(one.standardError == "")
    let two = try Tool.run([
      "check", "Samples/quarter-bielefeld.xml", "--format", "sqlite", "-o", second, "--jobs", "1",
    ])
    #expect(two.status == 1)
    let bytes = try Data(contentsOf: URL(fileURLWithPath: first))
    #expect(bytes.prefix(16) == Data("SQLite format 3\u{0}".utf8))
    #expect(bytes == (try Data(contentsOf: URL(fileURLWithPath: second))))
    let counts = try Self.query(first, ["--count"])
    #expect(
      counts.standardOutput
        == "wheelchair: 4 (3 verified)\nbarrierFree: 16 (13 verified)\nbarrierReduced: 1 (1 verified)\nnone: 23 (23 verified)\ntotal: 44\n"
    )
    // Binary: not to a terminal, nor a text-only output.
    let over = try Tool.run([
      "check", "Samples/quarter-bielefeld.xml", "--format", "sqlite", "-o",
      "Samples/quarter-bielefeld.xml",
    ])
    #expect(over.status == 2)
  }

  @Test("compare: files or snapshots name the three improved flats, in every format")
  func compare() throws {
    let files = try Tool.run([
      "compare", "Samples/quarter-bielefeld.xml", "Samples/quarter-bielefeld-2026.xml",
    ])
    #expect(files.status == 0)
    let lines = files.standardOutput.split(separator: "\n").map(String.init)
    #expect(lines.contains("44 flats in both: 3 up, 0 down, 0 now verified, 0 no longer verified"))
    #expect(lines.contains("findings that changed: 3 fixed"))
    #expect(lines.contains("  wheelchair: 4 → 5 (+1)"))
    #expect(
      lines.filter { $0.hasPrefix("  b1 ") || $0.hasPrefix("  b8 ") } == [
        "  b1 b1-f13 (no. 1.03, storey 1): barrierReduced → barrierFree (up)",
        "  b1 b1-f21 (no. 2.01, storey 2): barrierFree → possibly wheelchair, unverified (up)",
        "  b8 b8-f31 (no. WE 31, storey 3): none → possibly barrierReduced, unverified (up)",
      ])
    #expect(
      lines.contains(
        "    fixed: door.clear-width at door b1-f21-d-bath: 850 mm → 900 mm (required ≥ 900 mm)"))
    // The README's example is what the tool prints.
    let readme = try #require(
      try ReadmeExampleTests.blocks().first {
        $0.hasPrefix("$ swift run barrierfree compare Samples/quarter-bielefeld.xml")
      })
    for line in readme.split(separator: "\n").dropFirst() where !line.hasSuffix("…") {
      #expect(lines.contains(String(line)), "README line not in `compare` output: \(line)")
    }
    let csv = try Tool.run([
      "compare", "Samples/quarter-bielefeld.xml", "Samples/quarter-bielefeld-2026.xml", "--format",
      "csv",
    ])
    let reader = try CSVReader(string: String(csv.standardOutput.dropFirst()), hasHeaderRow: true)
    var rows: [[String]] = []
    while let row = reader.next() { rows.append(row) }
    #expect(
      rows.map { "\($0[1]) \($0[9]) \($0[11]) \($0[14]) \($0[15])" } == [
        "b1-f13 shower.size fixed 1150 1500", "b1-f21 door.clear-width fixed 850 900",
        "b8-f31 shower.step fixed 80 0",
      ])
    let json = JSONReportTests.scratch("compare.json")
    defer { try? FileManager.default.removeItem(atPath: json) }
    let written = try Tool.run([
      "compare", "Samples/quarter-bielefeld.xml", "Samples/quarter-bielefeld-2026.xml", "--format",
      "json", "-o", json,
    ])
    #expect(written.status == 0)
    #expect(try JSONReportTests.schemaErrors(json, schema: "Schemas/compare.schema.json") == "")
    let html = try Tool.run([
      "compare", "Samples/quarter-bielefeld.xml", "Samples/quarter-bielefeld-2026.xml", "--format",
      "html",
    ])
    let page = JSONReportTests.scratch("compare.html")
    defer { try? FileManager.default.removeItem(atPath: page) }
    try Data(html.standardOutput.utf8).write(to: URL(fileURLWithPath: page))
    #expect(try HTMLReportTests.parseErrors(page) == "")
    #expect(html.standardOutput.contains("<figure class=\"chart\""))
    #expect(html.standardOutput.contains("wheelchair, after"))
    let md = try Tool.run([
      "compare", "Samples/quarter-bielefeld.xml", "Samples/quarter-bielefeld-2026.xml", "--format",
      "md",
    ])
    #expect(md.standardOutput.contains("| wheelchair | 4 | 5 | +1 |"))
    let usage = try Tool.run(["compare", "Samples/quarter-bielefeld.xml"])
    #expect(usage.status == 2)
    let invalid = try Tool.run([
      "compare", "Samples/quarter-bielefeld.xml", "Samples/invalid/dangling-reference.xml",
    ])
    #expect(invalid.status == 2)
    #expect(invalid.standardOutput == "")
  }
}
