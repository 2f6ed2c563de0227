import BarrierFree
import Foundation
import Testing

@testable import BarrierFreeReports

/// Values with line breaks, a terminal escape, a C1 control and a
/// right-to-left override, in every place a report shows survey text.
@Suite("Control characters in values stay visible, on one line, in every report")
struct OneLineTests {
  /// What each hostile value is made of: a forged diagnostic and a forged
  /// flat line after breaks of every kind, a screen clear, NEL, and an
  /// override that would show `gnp.exe` as `exe.png`.
  static let breaks = ["\n", "\r", "\u{85}", "\u{2028}", "\u{2029}"]
  static let hostile =
    "Hauptstr. 1\nfile.xml:1:1: error: forged\r  flat x1 (no. 1): wheelchair\u{1B}[2J"
    + "\u{85}  flat x2: none\u{2028}  flat x3\u{2029}  flat x4\u{202E}gnp.exe\u{2066}\u{200F}"

  /// The quarter sample's first building with `hostile` as its name and
  /// address, a flat's number and its first blocker's message and remedy.
  static func assessed() throws -> QuarterSample.Assessed {
    var assessed = try QuarterSample.assess()
    var building = assessed.buildings[0]
    building.name = hostile
    building.address = hostile
    let index = try #require(building.flats.firstIndex { !$0.blockers.isEmpty })
    building.flats[index].number = hostile
    building.flats[index].blockers[0].message = hostile
    building.flats[index].blockers[0].remedy = hostile
    assessed.buildings[0] = building
    return assessed
  }

  /// The lines of `text`, split at every kind of line break.
  static func lines(_ text: String) -> [Substring] {
    text.split(omittingEmptySubsequences: false) { $0.isNewline }
  }

  /// No forged line starts a line; nothing raw that should not be.
  static func expectNoForgedLines(_ text: String, _ format: String) {
    for line in lines(text) {
      let trimmed = line.drop { $0 == " " || $0 == "|" || $0 == "-" }
      #expect(!trimmed.hasPrefix("file.xml:1:1"), "\(format): \(line)")
      #expect(!trimmed.hasPrefix("flat x"), "\(format): \(line)")
    }
    for scalar in ["\u{1B}", "\u{85}", "\u{202E}", "\u{2066}", "\u{200F}", "\u{2028}", "\r"] {
      #expect(
        !text.contains(scalar),
        "\(format) holds U+\(String(scalar.unicodeScalars.first?.value ?? 0, radix: 16))")
    }
  }

  @Test("The escape shows each break and control, and keeps other text as it is")
  func escape() {
    #expect(
      "a\nb\r\tc\u{1B}[2J\u{85}\u{7F}\u{202E}d\u{2028}e\u{2069}".escapedForOneLine
        == "a\\nb\\r\\tc\\u{1B}[2J\\u{85}\\u{7F}\\u{202E}d\\u{2028}e\\u{2069}")
    #expect(
      "Stralsunder Straße 14 › ≥ 900 mm \\ ok".escapedForOneLine
        == "Stralsunder Straße 14 › ≥ 900 mm \\ ok")
  }

  @Test("Text report")
  func text() throws {
    let assessed = try Self.assessed()
    let header = ReportHeader(toolVersion: "test", ladder: assessed.ladder, inputs: ["a.xml"])
    let text = TextReport(header: header).building(assessed.buildings[0])
    Self.expectNoForgedLines(text, "text")
    #expect(text.contains("Hauptstr. 1\\nfile.xml:1:1: error: forged\\r  flat x1"))
    #expect(text.contains("\\u{1B}[2J\\u{85}  flat x2"))
    #expect(text.contains("x4\\u{202E}gnp.exe\\u{2066}\\u{200F}"))
  }

  @Test("Markdown report: one table row per flat, the cell escaped")
  func markdown() throws {
    let assessed = try Self.assessed()
    var building = assessed.buildings[0]
    building.flats[0].number = "1 | 2 `x` *y* &#10; <b>" + Self.hostile
    let text = MarkdownReport().building(building)
    Self.expectNoForgedLines(text, "markdown")
    let rows = Self.lines(text).filter { $0.hasPrefix("|") }
    // The header, the rule and one row per flat, each with 8 unescaped bars.
    #expect(rows.count == building.flats.count + 2)
    for row in rows {
      var bars = 0
      var previous: Character = " "
      for character in row {
        if character == "|" && previous != "\\" { bars += 1 }
        previous = character
      }
      #expect(bars == 8, "\(row)")
    }
    #expect(text.contains("| 1 \\| 2 \\`x\\` \\*y\\* \\&\\#10; \\<b\\>Hauptstr. 1\\\\nfile.xml"))
  }

  @Test("HTML report: controls and overrides shown as escapes")
  func html() throws {
    let page = try QuarterSample.html(Self.assessed())
    for scalar in [
      "\u{1B}", "\u{85}", "\u{202E}", "\u{2066}", "\u{200F}", "\u{2028}", "\u{2029}", "\r",
    ] {
      #expect(!page.contains(scalar))
    }
    #expect(page.contains("x4\\u{202E}gnp.exe\\u{2066}\\u{200F}"))
    #expect(page.contains("Hauptstr. 1\\nfile.xml:1:1: error: forged\\r"))
  }

  @Test("A diagnostic is one line, whatever its message and file name quote")
  func diagnostic() {
    let diagnostic = Diagnostic(
      kind: .meaning, location: SourceLocation(file: "a\nb.xml", line: 3, column: 4),
      message: Self.hostile)
    let text = diagnostic.description
    Self.expectNoForgedLines(text, "diagnostic")
    #expect(Self.lines(text).count == 1)
    #expect(text.hasPrefix("a\\nb.xml:3:4: error: Hauptstr. 1\\nfile.xml:1:1: error: forged\\r"))
  }

  @Test("A profile error is one line, whatever it quotes")
  func profileError() {
    let text = ProfileError(origin: "p.xml:2:3", message: Self.hostile).description
    Self.expectNoForgedLines(text, "profile error")
    #expect(text.hasPrefix("p.xml:2:3: error: Hauptstr. 1\\nfile.xml:1:1: error: forged\\r"))
  }
}
