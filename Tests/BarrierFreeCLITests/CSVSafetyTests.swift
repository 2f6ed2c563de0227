import CSV
import Foundation
import Testing

/// A copy of a sample with some of its text replaced, in a temporary file
/// removed on `deinit`.
final class PatchedFile {
  let path: String

  /// `source` (relative to the repository) with each pair's first text
  /// replaced by its second, saved under `name`.
  init(_ source: String, name: String, replacing pairs: [(String, String)]) throws {
    var text = try String(contentsOf: Tool.root.appendingPathComponent(source), encoding: .utf8)
    for (old, new) in pairs {
      #expect(text.contains(old), "\(old) is in \(source)")
      text = text.replacing(old, with: new)
    }
    path =
      FileManager.default.temporaryDirectory
      .appendingPathComponent("barrierfree-\(UUID().uuidString)-\(name)").path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// The rows of a CSV report (without its byte-order mark) as dictionaries
/// by column name.
func csvRows(_ text: String, delimiter: UnicodeScalar = ",") throws -> [[String: String]] {
  let reader = try CSVReader(
    string: String(text.dropFirst()), hasHeaderRow: true, delimiter: delimiter)
  var rows: [[String: String]] = []
  while let row = reader.next() {
    if let header = reader.headerRow {
      rows.append(Dictionary(uniqueKeysWithValues: zip(header, row)))
    }
  }
  return rows
}

@Suite("CSV report: formula injection and dialects")
struct CSVSafetyTests {
  /// What a spreadsheet would run as a formula, as the first character of
  /// a value in the XML (a tab and a carriage return as character
  /// references, which XML keeps in attribute values).
  static let formulaStarts: [(xml: String, text: String)] = [
    ("=", "="), ("+", "+"), ("-", "-"), ("@", "@"), ("&#9;", "\t"), ("&#13;", "\r"),
  ]

  @Test(
    "A flat number, an address and a profile's standard and clause starting with a formula character are prefixed with ' and quoted",
    arguments: formulaStarts)
  func formulaInjection(start: (xml: String, text: String)) throws {
    let payload = "HYPERLINK(0)"
    let portfolio = try PatchedFile(
      "Samples/design-new-build.xml", name: "formula.xml",
      replacing: [
        ("number=\"W01\"", "number=\"\(start.xml)1+1\""),
        ("street=\"Am Lutterpark\"", "street=\"\(start.xml)\(payload)\""),
        ("name=\"Am Lutterpark 3 (Entwurf)\"", "name=\"\(start.xml)SUM(1)\""),
      ])
    let result = try Tool.run(["check", portfolio.path, "--format", "csv"])
    #expect(result.status != 2, "\(result.standardError)")
    let rows = try csvRows(result.standardOutput)
    let flat = try #require(rows.first { $0["flat"] == "d1-w01" })
    #expect(flat["number"] == "'\(start.text)1+1")
    #expect(flat["address"]?.hasPrefix("'\(start.text)\(payload) 3,") == true)
    // Quoted in the file, as OWASP advises: the cell opens with "'.
    #expect(result.standardOutput.contains(",\"'\(start.text)1+1\","))
    // Numbers the report computes stay numbers: the cellar is storey -1.
    #expect(rows.contains { $0["level"] == "0" })

    let profile = try PatchedFile(
      "Profiles/din18040-2-r.xml", name: "formula-profile.xml",
      replacing: [
        ("id=\"din18040-2-r\"", "id=\"formula\""),
        ("standard=\"DIN 18040-2\"", "standard=\"\(start.xml)cmd|'/c calc'!A0\""),
        ("clause=\"4.3.3.2, 5.3.1\"", "clause=\"\(start.xml)4.3.3.2\""),
      ])
    let findings = try Tool.run([
      "check", "Samples/design-new-build.xml", "--profile", profile.path, "--format", "csv",
      "--csv", "findings",
    ])
    #expect(findings.status != 2, "\(findings.standardError)")
    let findingRows = try csvRows(findings.standardOutput)
    #expect(!findingRows.isEmpty)
    #expect(findingRows.contains { $0["standard"]?.hasPrefix("'\(start.text)cmd|") == true })
    #expect(findingRows.contains { $0["clause"] == "'\(start.text)4.3.3.2" })
    for row in findingRows {
      for (column, value) in row {
        #expect(
          !(value.first.map { "=+-@\t\r".contains($0) } ?? false),
          "\(column) starts with a formula character: \(value)")
      }
    }
  }

  @Test("A negative storey the report computes stays a number, not text with a '")
  func negativeNumbers() throws {
    let portfolio = try PatchedFile(
      "Samples/design-new-build.xml", name: "cellar-flat.xml",
      replacing: [("number=\"W01\" level=\"0\"", "number=\"W01\" level=\"-1\"")])
    let result = try Tool.run(["check", portfolio.path, "--format", "csv"])
    let rows = try csvRows(result.standardOutput)
    let flat = try #require(rows.first { $0["flat"] == "d1-w01" })
    #expect(flat["level"] == "-1")
    #expect(result.standardOutput.contains(",W01,-1,"))
  }

  @Test("--csv-dialect semicolon: semicolons, decimal commas in numeric cells, quotes where needed")
  func semicolonDialect() throws {
    let portfolio = try PatchedFile(
      "Samples/design-new-build.xml", name: "semicolon.xml",
      replacing: [
        ("number=\"W01\"", "number=\"W;01\""),
        // A door 850.5 mm wide: a measured value with a fraction.
        ("to=\"d1-w01-hall\" clearWidth=\"950\"", "to=\"d1-w01-hall\" clearWidth=\"850.5\""),
      ])
    let result = try Tool.run([
      "check", portfolio.path, "--format", "csv", "--csv", "findings", "--csv-dialect",
      "semicolon",
    ])
    #expect(result.standardOutput.hasPrefix("\u{FEFF}building;flat;rule;status;standard;"))
    let rows = try csvRows(result.standardOutput, delimiter: ";")
    let width = try #require(
      rows.first {
        $0["rule"] == "door.clear-width"
          && $0["element"]?.hasSuffix("d1-w01-d-entry") == true
      })
    #expect(width["measured"] == "850,5")
    #expect(width["standard"] == "DIN 18040-2:2011-09")

    let flats = try Tool.run([
      "check", portfolio.path, "--format", "csv", "--csv-dialect", "semicolon",
    ])
    #expect(flats.standardOutput.contains(";\"W;01\";"))
    let flatRows = try csvRows(flats.standardOutput, delimiter: ";")
    #expect(flatRows.first { $0["flat"] == "d1-w01" }?["number"] == "W;01")
    // The default stays RFC 4180 with decimal points.
    let comma = try Tool.run(["check", portfolio.path, "--format", "csv", "--csv", "findings"])
    #expect(comma.standardOutput.contains(",850.5,"))
  }

  @Test("--csv-dialect applies to --format csv only")
  func dialectNeedsCSV() throws {
    let result = try Tool.run([
      "check", "Samples/design-new-build.xml", "--csv-dialect", "semicolon",
    ])
    #expect(result.status == 2)
    #expect(result.standardError.contains("--csv-dialect applies to --format csv only"))
  }
}
