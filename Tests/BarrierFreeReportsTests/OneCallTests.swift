import BarrierFree
import Foundation
import Testing

/// `BarrierFree.check(…)`: the library in one call, as a newcomer uses it.
@Suite("One call for library users")
struct OneCallTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  static func scratch(_ name: String) -> String {
    FileManager.default.temporaryDirectory
      .appendingPathComponent("bf-\(ProcessInfo.processInfo.processIdentifier)-\(name)").path
  }

  /// The built `barrierfree` tool, next to the test bundle.
  static let tool: URL? = {
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    while directory.path != "/" {
      let candidate = directory.appendingPathComponent("barrierfree")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      directory.deleteLastPathComponent()
    }
    return nil
  }()

  @Test("The newcomer's program writes the JSON report the CLI writes, byte for byte")
  func newcomer() throws {
    let portfolio = QuarterSample.path
    let path = Self.scratch("newcomer.json")
    defer { try? FileManager.default.removeItem(atPath: path) }

    // The newcomer's program (with `import BarrierFree` above): one call, one print.
    let result = try BarrierFree.check(
      portfolio, profile: "din18040-2-r", format: .json, to: path)
    print("\(result.buildings) buildings, \(result.flats) flats, fails: \(result.failed)")

    // The report's own summary says what the result says.
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let summary = try #require(object["summary"] as? [String: Any])
    #expect(summary["buildings"] as? Int == result.buildings)
    #expect(summary["flats"] as? Int == result.flats)
    #expect(summary["findings"] as? [String: Int] == result.summary.findings)
    #expect(summary["byClass"] as? [String: Int] == result.summary.byClass)
    #expect(result.buildings == 8)
    #expect(result.failed)
    #expect((object["quarters"] as? [Any])?.count == 1)

    // And the CLI, given the same file, writes the same bytes.
    let tool = try #require(Self.tool, "the barrierfree tool is built beside the tests")
    let cli = Self.scratch("newcomer-cli.json")
    defer { try? FileManager.default.removeItem(atPath: cli) }
    let process = Process()
    process.executableURL = tool
    process.arguments = [
      "check", portfolio, "--profile", "din18040-2-r", "--format", "json", "--output", cli,
    ]
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 1)
    #expect(try Data(contentsOf: URL(fileURLWithPath: cli)) == data)
  }

  @Test(
    "An imperial profile gives inches through the one call, in every text format",
    // The spreadsheet is zipped and the database binary: XLSXReportTests
    // reads the units back from the one; InventoryTests
    // reads them from the other.
    arguments: ReportFormat.allCases.filter { $0 != .xlsx && $0 != .sqlite })
  func imperial(format: ReportFormat) throws {
    let output = StringOutput()
    // The CSV's rows per flat hold no lengths: its rows per finding do.
    var options = ReportOptions()
    options.csvRows = .findings
    let result = try BarrierFree.check(
      Self.root.appendingPathComponent("Samples/design-new-build.xml").path,
      profile: "icc-a117.1-type-a", format: format, options: options, to: output)
    #expect(result.flats > 0)
    // Movement areas of 1500 mm, against ICC's 60 in.
    #expect(output.text.contains("59.06"))
    #expect(output.text.contains("60 in") || output.text.contains("60\u{A0}in"))
    #expect(!output.text.contains(" mm"))
    if format == .json { #expect(output.text.contains(#""unit":"in""#)) }
  }

  @Test("An invalid portfolio throws with the place of the error, and leaves the file as it was")
  func invalid() throws {
    let input = Self.scratch("broken.xml")
    let path = Self.scratch("broken.json")
    defer {
      try? FileManager.default.removeItem(atPath: input)
      try? FileManager.default.removeItem(atPath: path)
    }
    try "<portfolio><building id=\"b1\">".write(toFile: input, atomically: true, encoding: .utf8)
    try "old".write(toFile: path, atomically: true, encoding: .utf8)
    #expect(throws: ImportError.self) {
      try BarrierFree.check(input, format: .json, to: path)
    }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
    let left = try FileManager.default.contentsOfDirectory(atPath: folder)
    let temporary = "." + URL(fileURLWithPath: path).lastPathComponent + "."
    #expect(!left.contains { $0.hasPrefix(temporary) })
  }

  @Test("An unknown profile is a ProfileError, and no file is written")
  func unknownProfile() throws {
    let path = Self.scratch("unknown-profile.txt")
    #expect(throws: ProfileError.self) {
      try BarrierFree.check(QuarterSample.path, profile: "no-such-profile", to: path)
    }
    #expect(!FileManager.default.fileExists(atPath: path))
  }
}

extension OneCallTests {
  @Test("A report is never written over its own portfolio")
  func overInput() throws {
    let input = Self.scratch("own.xml")
    defer { try? FileManager.default.removeItem(atPath: input) }
    let original = try String(contentsOfFile: QuarterSample.path, encoding: .utf8)
    try original.write(toFile: input, atomically: true, encoding: .utf8)
    #expect(throws: (any Error).self) {
      try BarrierFree.check(input, format: .json, to: input)
    }
    #expect(try String(contentsOfFile: input, encoding: .utf8) == original)
  }
}
