import CSV
import Foundation
import Testing

@Suite("barrierfree match")
struct MatchCommandTests {
  static let sample = [
    "match", "Samples/quarter-bielefeld.xml", "--needs", "Samples/needs/households.xml",
  ]

  @Test("Text: each household's four groups, ranked, then each flat's households and category")
  func text() throws {
    let result = try Tool.run(Self.sample + ["--top", "2"])
    #expect(result.status == 0)
    let lines = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
      .map(String.init)
    #expect(
      Array(lines.prefix(2)) == [
        "Needs matching under din18040-2-r; register scheme london (London Accessible Housing Register (RBKC list))",
        "44 flats, 10 households; the first 2 flats of each group are listed",
      ])
    let start = try #require(lines.firstIndex { $0.hasPrefix("Household h01 ") })
    #expect(
      Array(lines[start..<(start + 4)]) == [
        "Household h01 Full-time wheelchair user, alone [profile wheelchair-full-time]",
        "  needs: wheelchair throughout (R), floor-level shower, no steps, 1 bedroom",
        "  suits now (3):",
        "    1. b1 b1-f01 (no. 0.01, storey 0), wheelchair, london A: meets 4 needs more than asked",
      ])
    #expect(
      lines.contains(
        "  b1 b1-f11 (no. 1.01, storey 1), wheelchair, london A; suits now: h01, h02, h03 and 6 more; after an upgrade: none"
      ))
  }

  @Test(
    "JSON validates against Schemas/match.schema.json, and is the same byte for byte on every run")
  func json() throws {
    let path = JSONReportTests.scratch("match.json")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let first = try Tool.run(Self.sample + ["--format", "json", "-o", path])
    #expect(first.status == 0)
    #expect(try JSONReportTests.schemaErrors(path, schema: "Schemas/match.schema.json") == "")
    let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    let again = try Tool.run(Self.sample + ["--format", "json", "--jobs", "1"])
    #expect(Data(again.standardOutput.utf8) == bytes)
    let object = try #require(try JSONSerialization.jsonObject(with: bytes) as? [String: Any])
    let households = try #require(object["households"] as? [[String: Any]])
    let rollator = try #require(households.first { $0["id"] as? String == "h06" })
    #expect(
      rollator["counts"] as? [String: Int] == [
        "suits": 18, "afterUpgrade": 3, "notKnown": 3, "doesNotSuit": 20,
      ])
  }

  @Test("CSV: a row per household and listed flat, or per flat; costs as numbers, no formulas")
  func csv() throws {
    let result = try Tool.run(Self.sample + ["--format", "csv", "--top", "1"])
    #expect(result.status == 0)
    // A byte-order mark first, as the check's CSV.
    #expect(result.standardOutput.hasPrefix("\u{FEFF}household,"))
    let reader = try CSVReader(
      string: String(result.standardOutput.dropFirst()), hasHeaderRow: true)
    var rows: [[String]] = []
    while let row = reader.next() { rows.append(row) }
    let header = try #require(reader.headerRow)
    #expect(header.prefix(4) == ["household", "household name", "group", "rank"])
    let upgrade = try #require(rows.first { $0[0] == "h06" && $0[2] == "afterUpgrade" })
    let low = try #require(header.firstIndex(of: "cost low"))
    #expect(upgrade[low] == "1500")
    #expect(upgrade[low + 1] == "4000")
    // One row per listed flat: at most one per group with --top 1.
    #expect(rows.filter { $0[0] == "h06" }.count == 4)
    let flats = try Tool.run(Self.sample + ["--format", "csv", "--csv-rows", "flat"])
    let flatReader = try CSVReader(
      string: String(flats.standardOutput.dropFirst()), hasHeaderRow: true)
    var flatRows: [[String]] = []
    while let row = flatReader.next() { flatRows.append(row) }
    #expect(flatRows.count == 44)
    let category = try #require(flatReader.headerRow?.firstIndex(of: "category"))
    #expect(flatRows.first?[category] == "A")
  }

  @Test("Markdown and HTML carry the same counts")
  func markdownAndHTML() throws {
    let markdown = try Tool.run(Self.sample + ["--format", "md"])
    #expect(markdown.status == 0)
    #expect(
      markdown.standardOutput.contains(
        "| h06 Register category C \\[category london C\\] | rollator: step-free, doors, thresholds, 1200 mm areas, floor-level shower, no steps | 18 | 3 | 3 | 20 |"
      ))
    let html = try Tool.run(Self.sample + ["--format", "html"])
    #expect(html.status == 0)
    #expect(html.standardOutput.hasPrefix("<!DOCTYPE html>"))
    #expect(html.standardOutput.contains("<summary>suits now (18)</summary>"))
    // Every table scrolls in its own focusable box (no page wider than a
    // phone) and has a caption.
    let tables = html.standardOutput.components(separatedBy: "<table>").count - 1
    #expect(tables > 10)
    #expect(
      html.standardOutput.components(
        separatedBy: "<div class=\"table-wrap\" tabindex=\"0\"><table><caption>"
      )
      .count - 1 == tables)
  }

  @Test("Bad input: exit 2 with the file, line and column, and nothing written")
  func badNeeds() throws {
    let needs = JSONReportTests.scratch("bad-needs.xml")
    let report = JSONReportTests.scratch("bad-needs.txt")
    defer {
      try? FileManager.default.removeItem(atPath: needs)
      try? FileManager.default.removeItem(atPath: report)
    }
    try """
    <households xmlns="urn:barrierfree:needs:1" scheme="london">
      <household id="a" category="H"/>
    </households>
    """.write(toFile: needs, atomically: true, encoding: .utf8)
    let result = try Tool.run([
      "match", "Samples/quarter-bielefeld.xml", "--needs", needs, "-o", report,
    ])
    #expect(result.status == 2)
    #expect(
      result.standardError
        == "\(needs):2:21: error: the london scheme has no category 'H' (categories: A, B, C, D, E, E+, F, G)\n"
    )
    #expect(!FileManager.default.fileExists(atPath: report))
    let overwrite = try Tool.run(Self.sample + ["-o", "Samples/needs/households.xml"])
    #expect(overwrite.status == 2)
    #expect(overwrite.standardError.contains("(the same file)"))
    let profile = try Tool.run(Self.sample + ["--profile", "icc-a117.1-type-a"])
    #expect(profile.status == 2)
    #expect(
      profile.standardError.hasPrefix(
        "error: no built-in need mapping for the ladder of 'icc-a117.1-type-a' (built in: din18040-2-r, uk-m4-3)"
      ))
    let scheme = try Tool.run(Self.sample + ["--scheme", "londn"])
    #expect(scheme.status == 2)
    #expect(
      scheme.standardError
        == "error: no register scheme 'londn' (did you mean 'london'?); schemes: london, kingston, solihull\n"
    )
  }

  @Test("The UK ladder and Kingston's numbers: the same households, matched on M4(2) and M4(3)")
  func ukLadder() throws {
    let result = try Tool.run(
      Self.sample + [
        "--profile", "uk-m4-3", "--scheme", "kingston", "--format", "csv", "--csv-rows", "flat",
      ])
    #expect(result.status == 0)
    let reader = try CSVReader(
      string: String(result.standardOutput.dropFirst()), hasHeaderRow: true)
    let category = try #require(reader.headerRow?.firstIndex(of: "category"))
    var categories: Set<String> = []
    while let row = reader.next() { categories.insert(row[category]) }
    #expect(categories.isSubset(of: ["1", "2", "3", "4", "not-assessed"]))
    #expect(categories.count >= 2)
  }

  @Test(
    "check --register: the category in text, CSV, JSON, JSON Lines, Markdown and HTML, the same in each"
  )
  func checkRegister() throws {
    let check = ["check", "Samples/quarter-bielefeld.xml", "--register", "london"]
    let text = try Tool.run(check)
    #expect(text.status == 1)
    let lines = text.standardOutput.split(separator: "\n").map(String.init)
    let f02 = try #require(lines.firstIndex { $0.hasPrefix("  flat b1-f02 ") })
    #expect(lines[f02 + 1] == "    register london D (A, B, C possible)")
    let csv = try Tool.run(check + ["--format", "csv"])
    let reader = try CSVReader(string: csv.standardOutput, hasHeaderRow: true)
    let header = try #require(reader.headerRow)
    #expect(header.suffix(2) == ["register (london)", "register possible"])
    var categories: [String: String] = [:]
    while let row = reader.next() { categories[row[2]] = row[header.count - 2] }
    #expect(categories.count == 44)
    #expect(categories["b1-f01"] == "A")
    #expect(categories["b7-f1"] == "G")
    // The match's categories are the check's.
    let match = try Tool.run(Self.sample + ["--format", "csv", "--csv-rows", "flat"])
    let matchReader = try CSVReader(
      string: String(match.standardOutput.dropFirst()), hasHeaderRow: true)
    let category = try #require(matchReader.headerRow?.firstIndex(of: "category"))
    while let row = matchReader.next() { #expect(categories[row[1]] == row[category], "\(row[1])") }
    let json = try Tool.run(check + ["--format", "json"])
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
    let buildings = try #require(object["buildings"] as? [[String: Any]])
    let flats = try #require(buildings.first?["flats"] as? [[String: Any]])
    let register = try #require(flats[1]["register"] as? [String: Any])
    #expect(register["scheme"] as? String == "london")
    #expect(register["category"] as? String == "D")
    #expect(register["possible"] as? [String] == ["A", "B", "C"])
    let jsonl = try Tool.run(check + ["--format", "jsonl"])
    #expect(
      jsonl.standardOutput.contains(#""register":{"category":"A","possible":[],"scheme":"london"}"#)
    )
    let markdown = try Tool.run(check + ["--format", "md"])
    #expect(
      markdown.standardOutput.contains(
        "| Flat | Number | Storey | Class | Verified | Fails | Unknowns | Register (london) |"))
    let html = try Tool.run(check + ["--format", "html"])
    #expect(html.standardOutput.contains("register london D (A, B, C possible)"))
    let kingston = try Tool.run(check + ["--profile", "uk-m4-3", "--register", "kingston", "-q"])
    #expect(kingston.status != 2)
  }
}
