import BarrierFree
import Foundation
import Testing

@testable import BarrierFreeReports

/// The workbook under the xlsx report: what happens at Excel's limits.
@Suite("The xlsx workbook at Excel's limits")
struct XLSXWorkbookTests {
  /// The sheets' names and their rows' cells as `type:value` (`s` text,
  /// `n` numbers, `f` formulas), read back with openpyxl.
  static func readBack(_ bytes: [UInt8]) throws -> [String: [[String]]] {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("barrierfree-book-\(getpid())-\(UUID().uuidString).xlsx")
    try Data(bytes).write(to: path)
    defer { try? FileManager.default.removeItem(at: path) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "python3", "-c",
      """
      import json, sys, openpyxl
      book = openpyxl.load_workbook(sys.argv[1])
      json.dump({s.title: [[(c.data_type + ":" + str(c.value)) if c.value is not None else ""
                            for c in row] for row in s.iter_rows()] for s in book}, sys.stdout)
      """,
      path.path,
    ]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0)
    return try JSONDecoder().decode([String: [[String]]].self, from: data)
  }

  @Test("A full sheet goes on in the next, with its header again; no row is lost")
  func overflow() throws {
    let book = try XLSXWorkbook(
      palette: ClassPalette(ladder: ["none", "top"]), created: 0, rowsPerSheet: 4)
    let sheet = try book.sheet("Findings", columns: [.init("n", width: 5), .init("t", width: 5)])
    let after = try book.sheet("Rules", columns: [.init("rule", width: 5)])
    for number in 1...10 {
      try book.append([.number(Double(number)), .text("row \(number)")], to: sheet)
    }
    try book.append([.text("r1")], to: after)
    try book.finish(sheet)
    try book.finish(after)
    var bytes: [UInt8] = []
    try book.close { bytes += $0 }
    let sheets = try Self.readBack(bytes)
    #expect(Set(sheets.keys) == ["Findings", "Rules", "Findings 2", "Findings 3", "Findings 4"])
    // Three rows and the header per sheet.
    #expect(sheets["Findings"]?.map { $0[0] } == ["s:n", "n:1", "n:2", "n:3"])
    #expect(sheets["Findings 2"]?.map { $0[0] } == ["s:n", "n:4", "n:5", "n:6"])
    #expect(sheets["Findings 4"]?.map { $0[1] } == ["s:t", "s:row 10"])
    #expect(sheets["Rules"] == [["s:rule"], ["s:r1"]])
  }

  @Test("A text longer than a cell holds is cut with the cut said, at the limit")
  func longText() throws {
    let book = try XLSXWorkbook(palette: ClassPalette(ladder: ["none"]), created: 0)
    let sheet = try book.sheet("Flats", columns: [.init("address", width: 30)])
    let fits = String(repeating: "ä", count: XLSXWorkbook.maxText)
    let long = String(repeating: "x", count: 40_000)
    try book.append([.text(fits)], to: sheet)
    try book.append([.text(long)], to: sheet)
    // Survey text that a spreadsheet would run from a CSV stays text.
    let formula = "=HYPERLINK(\"http://example.com\",\"x\")"
    try book.append([.text(formula)], to: sheet)
    var bytes: [UInt8] = []
    try book.close { bytes += $0 }
    let rows = try #require(try Self.readBack(bytes)["Flats"])
    #expect(rows[1][0] == "s:" + fits)
    let cut = rows[2][0].dropFirst(2)
    #expect(cut.count == XLSXWorkbook.maxText)
    #expect(cut.hasSuffix(" … [cut: 40000 characters]"))
    #expect(cut.hasPrefix("xxxx"))
    #expect(rows[3][0] == "s:" + formula)
  }

  @Test("A spreadsheet is refused to a text output, and a run that ends early writes nothing")
  func textOutputAndIncomplete() throws {
    let header = ReportHeader(
      toolVersion: "test", ladder: try ProfileLibrary.builtIn.ladder(for: "din18040-2-r"),
      inputs: [])
    let text = StringOutput()
    #expect(throws: XLSXWorkbook.Failure.self) {
      try ReportFormat.xlsx.writer(header: header, to: text).begin()
    }
    let bytes = BytesOutput()
    let writer = ReportFormat.xlsx.writer(header: header, to: bytes)
    try writer.begin()
    try writer.endIncomplete("the input ended early")
    #expect(bytes.bytes.isEmpty)
  }

  @Test("The workbook's temporary directory goes with it, closed or not")
  func temporaryDirectory() throws {
    for close in [false, true] {
      var book: XLSXWorkbook? = try XLSXWorkbook(
        palette: ClassPalette(ladder: ["none"]), created: 0)
      let directory = try #require(book?.directory)
      #expect(FileManager.default.fileExists(atPath: directory))
      if close { try book?.close { _ in } }
      book = nil
      #expect(!FileManager.default.fileExists(atPath: directory))
    }
  }
}
