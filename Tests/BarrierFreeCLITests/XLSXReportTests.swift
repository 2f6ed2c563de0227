import CSV
import Foundation
import Testing

/// The .xlsx report, read back with openpyxl (what pandas uses for xlsx):
/// the same rows as the CSV report, typed cells, and the sheet furniture.
@Suite("The xlsx report")
struct XLSXReportTests {
  static let sample = "Samples/quarter-bielefeld.xml"

  /// openpyxl's view of a workbook as JSON: per sheet its rows (each cell
  /// as `[value, type]`, `n` numbers and `s` text), its frozen pane, its
  /// autofilter, and the fill, font colour and italics of each class cell.
  static let dump = """
    import json, sys, openpyxl
    book = openpyxl.load_workbook(sys.argv[1])
    out = {}
    for sheet in book:
        rows = [[[c.value, c.data_type] for c in row] for row in sheet.iter_rows()]
        styles = {}
        for row in sheet.iter_rows():
            for c in row:
                if c.fill is not None and c.fill.fill_type == "solid" and c.row > 1:
                    styles[f"{c.column_letter}{c.row}"] = [
                        c.fill.fgColor.rgb, c.font.color.rgb if c.font.color else None,
                        bool(c.font.i), c.border.left.style]
        out[sheet.title] = {"rows": rows, "freeze": sheet.freeze_panes,
                            "filter": sheet.auto_filter.ref, "styles": styles}
    json.dump(out, sys.stdout)
    """

  struct Sheet: Decodable {
    var rows: [[Cell]]
    var freeze: String?
    var filter: String?
    var styles: [String: [Style]]

    /// The header row's names.
    var header: [String] { rows.first?.map { $0.text ?? "" } ?? [] }

    /// The column named `name` of each data row.
    func column(_ name: String) -> [Cell] {
      guard let index = header.firstIndex(of: name) else { return [] }
      return rows.dropFirst().map { index < $0.count ? $0[index] : Cell.empty }
    }
  }

  enum Style: Decodable, Equatable {
    case text(String)
    case flag(Bool)
    case none

    init(from decoder: any Decoder) throws {
      let container = try decoder.singleValueContainer()
      if container.decodeNil() {
        self = .none
      } else if let flag = try? container.decode(Bool.self) {
        self = .flag(flag)
      } else {
        self = .text(try container.decode(String.self))
      }
    }
  }

  /// A cell: its value (text or number) and openpyxl's type.
  struct Cell: Decodable, Equatable {
    var text: String?
    var number: Double?
    var type: String

    static let empty = Cell(text: nil, number: nil, type: "n")

    init(text: String?, number: Double?, type: String) {
      self.text = text
      self.number = number
      self.type = type
    }

    init(from decoder: any Decoder) throws {
      var container = try decoder.unkeyedContainer()
      if try container.decodeNil() {
        text = nil
        number = nil
      } else if let value = try? container.decode(Double.self) {
        text = nil
        number = value
      } else {
        text = try container.decode(String.self)
        number = nil
      }
      type = try container.decode(String.self)
    }

    /// As the CSV report writes it: numbers without a needless `.0`.
    var csv: String {
      if let number {
        return number == number.rounded() ? String(Int(number)) : String(number)
      }
      return text ?? ""
    }
  }

  /// Writes the xlsx report of `arguments` and reads it back.
  static func workbook(_ arguments: [String]) throws -> [String: Sheet] {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("barrierfree-xlsx-\(getpid())-\(UUID().uuidString).xlsx").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let result = try Tool.run(["check"] + arguments + ["--format", "xlsx", "-o", path])
    #expect(result.status == 1, "\(result.standardError)")
    #expect(result.standardOutput == "")
    let (ok, json) = try Tool.python(dump, [path])
    try #require(ok, "\(json)")
    return try JSONDecoder().decode([String: Sheet].self, from: Data(json.utf8))
  }

  /// The CSV report of `arguments`, header first.
  static func csv(_ arguments: [String]) throws -> [[String]] {
    let result = try Tool.run(["check"] + arguments + ["--format", "csv"])
    let reader = try CSVReader(string: String(result.standardOutput.dropFirst()))
    return Array(reader)
  }

  @Test("check --register london: the Flats sheet has the CSV's register columns, as text")
  func register() throws {
    let book = try Self.workbook([Self.sample, "--register", "london"])
    let flats = try #require(book["Flats"])
    let csvFlats = try Self.csv([Self.sample, "--register", "london"])
    let csvColumn = try #require(csvFlats[0].firstIndex(of: "register (london)"))
    let categories = flats.column("register (london)")
    #expect(categories.count == 44)
    #expect(categories.map(\.csv) == csvFlats.dropFirst().map { $0[csvColumn] })
    #expect(categories.first == Cell(text: "A", number: nil, type: "s"))
  }

  @Test("The quarter sample: the CSV's flats and findings, typed, with frozen headers and filters")
  func quarterSample() throws {
    let book = try Self.workbook([Self.sample])
    #expect(
      Set(book.keys) == ["Summary", "Flats", "Findings", "Buildings", "Quarters", "Rules"])
    let flats = try #require(book["Flats"])
    let csvFlats = try Self.csv([Self.sample])
    // One row per flat, in the CSV's order, with its values.
    #expect(flats.rows.count == csvFlats.count)
    #expect(flats.rows.count == 45)
    let renamed = ["fails": "fails at wheelchair", "unknowns": "unknowns at wheelchair"]
    for (index, name) in csvFlats[0].enumerated() {
      let column = flats.column(renamed[name] ?? name)
      #expect(column.map(\.csv) == csvFlats.dropFirst().map { $0[index] }, "\(name)")
    }
    // Text stays text, numbers are numbers.
    #expect(flats.column("number").allSatisfy { $0.text == nil || $0.type == "s" })
    #expect(flats.column("number").contains { $0.text == "0.01" })
    #expect(flats.column("level").allSatisfy { $0.type == "n" })
    #expect(flats.column("fails at wheelchair").allSatisfy { $0.number != nil })
    #expect(flats.freeze == "A2")
    #expect(flats.filter == "A1:N45")

    let findings = try #require(book["Findings"])
    let csvFindings = try Self.csv([Self.sample, "--csv", "findings"])
    // Every finding, the quarter's outdoor paths' included.
    #expect(findings.rows.count == csvFindings.count)
    #expect(findings.column("building").contains { $0.text == nil })
    for name in ["building", "flat", "rule", "status", "clause", "measured", "unit", "required"] {
      let index = try #require(csvFindings[0].firstIndex(of: name))
      #expect(
        findings.column(name).map(\.csv) == csvFindings.dropFirst().map { $0[index] }, "\(name)")
    }
    // A German spreadsheet turns the clause 4.2.2 into a date from a CSV:
    // here it is text.
    #expect(findings.column("clause").contains { $0.text == "4.2.2" && $0.type == "s" })
    #expect(findings.column("measured").allSatisfy { $0.text == nil })
    #expect(findings.column("required minimum").contains { $0.number == 900 })
    #expect(findings.filter == "A1:M\(findings.rows.count)")
    // The standard and the confidence are in the rules table, once.
    let rules = try #require(book["Rules"])
    #expect(rules.column("rule").contains { $0.text == "door.clear-width" })
    #expect(
      rules.column("standard").contains { $0.text == "DIN 18040-2:2011-09" })
  }

  @Test("Class cells: the palette's colour and the word; an unverified class italic and dashed")
  func classCells() throws {
    let book = try Self.workbook([Self.sample])
    let flats = try #require(book["Flats"])
    let classes = flats.column("class")
    let verified = flats.column("verified")
    var seen = Set<String>()
    for (offset, cell) in classes.enumerated() {
      let style = try #require(flats.styles["G\(offset + 2)"])
      let word = try #require(cell.text)
      seen.insert(word)
      let expected: String =
        switch word {
        case "none": "FF8B1A1A"
        case "wheelchair": "FF0B3F8C"
        case "barrierReduced": "FFF0C05A"
        default: "FF8CC4EC"
        }
      #expect(style[0] == .text(expected), "\(word)")
      let unverified = verified[offset].text == "no"
      #expect(style[2] == .flag(unverified))
      #expect(style[3] == (unverified ? .text("dashed") : .none))
    }
    #expect(seen == ["none", "barrierReduced", "barrierFree", "wheelchair"])
  }

  @Test("The summary, the buildings and the quarters' flats")
  func otherSheets() throws {
    let book = try Self.workbook([Self.sample])
    let summary = try #require(book["Summary"])
    func value(_ label: String, column: Int = 1) -> Cell? {
      summary.rows.first { $0.first?.text == label }.map { $0[column] }
    }
    #expect(value("Buildings")?.number == 8)
    #expect(value("Flats")?.number == 44)
    // The counts per class add up to the flats.
    let classRows = summary.rows.filter {
      ["wheelchair", "barrierFree", "barrierReduced", "none"].contains($0.first?.text ?? "")
    }
    #expect(classRows.count == 4)
    #expect(classRows.compactMap { $0[1].number }.reduce(0, +) == 44)
    #expect(summary.rows.contains { $0.first?.text == "Fix first: rules" })

    let buildings = try #require(book["Buildings"])
    #expect(buildings.rows.count == 9)
    #expect(buildings.column("flats").compactMap(\.number).reduce(0, +) == 44)
    let perClass = ["wheelchair", "barrierFree", "barrierReduced", "none"].map {
      buildings.column("flats \($0)").compactMap(\.number).reduce(0, +)
    }
    #expect(perClass == classRows.compactMap { $0[1].number })

    let quarters = try #require(book["Quarters"])
    // A row per flat of the quarter and facility (café, care base).
    #expect(Set(quarters.column("facility").compactMap(\.text)) == ["fac-cafe", "fac-care"])
    #expect(
      Set(quarters.column("step-free").compactMap(\.text)).isSubset(of: ["yes", "no", "unverified"])
    )
    #expect(quarters.column("length (m)").allSatisfy { $0.text == nil })
  }

  @Test("An imperial profile gives inches in the findings")
  func imperial() throws {
    let book = try Self.workbook([
      "Samples/design-new-build.xml", "--profile", "icc-a117.1-type-a",
    ])
    let findings = try #require(book["Findings"])
    #expect(findings.column("unit").contains { $0.text == "in" })
    #expect(!findings.column("unit").contains { $0.text == "mm" })
    #expect(findings.column("measured").contains { $0.number == 59.06 })
  }

  @Test("The same input gives the same bytes; --findings open leaves the passes out")
  func deterministicAndOpen() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("barrierfree-xlsx-same-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    var reports: [Data] = []
    for name in ["a.xlsx", "b.xlsx"] {
      let path = folder.appendingPathComponent(name).path
      _ = try Tool.run(["check", Self.sample, "--format", "xlsx", "-o", path])
      reports.append(try Data(contentsOf: URL(fileURLWithPath: path)))
    }
    #expect(reports[0] == reports[1])
    #expect(reports[0].starts(with: Data("PK".utf8)))

    let open = try Self.workbook([Self.sample, "--findings", "open"])
    let statuses = Set(try #require(open["Findings"]).column("status").compactMap(\.text))
    #expect(statuses == ["fail", "unknown"])
  }
}
