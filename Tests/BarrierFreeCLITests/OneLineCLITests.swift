import Foundation
import Testing

@Suite("Line breaks and controls in survey values forge no lines")
struct OneLineCLITests {
  /// A forged diagnostic and a forged flat line after a line feed, a
  /// carriage return, NEL, U+2028, and a right-to-left override, as XML
  /// character references (XML cannot carry an ESC).
  static let hostile =
    "Hauptstr. 1&#10;file.xml:1:1: error: forged&#13;  flat x1 (no. 1): wheelchair&#133;"
    + "  flat x2: none&#8232;  flat x3&#8238;gnp.exe"

  static func portfolio() throws -> PatchedFile {
    try PatchedFile(
      "Samples/design-new-build.xml", name: "one-line.xml",
      replacing: [
        ("number=\"W01\"", "number=\"\(hostile)\""),
        ("street=\"Am Lutterpark\"", "street=\"\(hostile)\""),
        ("name=\"Am Lutterpark 3 (Entwurf)\"", "name=\"\(hostile)\""),
      ])
  }

  /// No line of `text` starts with a forged line; no raw control or override.
  static func expectNoForgedLines(_ text: String, _ format: String) {
    for line in text.split(whereSeparator: \.isNewline) {
      let trimmed = line.drop { " |-#".contains($0) }
      #expect(!trimmed.hasPrefix("file.xml:1:1"), "\(format): \(line)")
      #expect(!trimmed.hasPrefix("flat x"), "\(format): \(line)")
    }
    for scalar in ["\u{85}", "\u{2028}", "\u{202E}", "\r"] {
      #expect(!text.contains(scalar), "\(format)")
    }
  }

  @Test("validate, explain and --profile show a name from the command line on one line")
  func namesFromTheCommandLine() throws {
    // A file name is whatever a folder holds: `validate uploads/*.xml`.
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("barrierfree-names-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let forged = folder.appendingPathComponent("x.xml: 1 building, 9 flats, 0 errors\nflat x1.xml")
    try FileManager.default.copyItem(
      at: Tool.root.appendingPathComponent("Samples/design-new-build.xml"), to: forged)
    let validate = try Tool.run(["validate", "--statistics", forged.path])
    #expect(validate.status == 0, "\(validate.standardError)")
    #expect(validate.standardOutput.split(separator: "\n").count == 1)
    #expect(validate.standardError.split(separator: "\n").count == 1)
    for text in [validate.standardOutput, validate.standardError] {
      #expect(text.contains("0 errors\\nflat x1.xml"), "\(text)")
    }
    for arguments in [
      ["explain", "door\nfile.xml:1:1: error: forged"],
      ["check", "--profile", "p\nfile.xml:1:1: error: forged", "Samples/design-new-build.xml"],
    ] {
      let result = try Tool.run(arguments)
      #expect(result.status == 2)
      #expect(result.standardError.split(separator: "\n").count == 1, "\(result.standardError)")
      Self.expectNoForgedLines(result.standardError, arguments[0])
    }
  }

  @Test("Text, Markdown and HTML show the breaks as escapes", arguments: ["text", "md", "html"])
  func reports(format: String) throws {
    let file = try Self.portfolio()
    let result = try Tool.run(["check", file.path, "--format", format])
    #expect(result.status != 2, "\(result.standardError)")
    Self.expectNoForgedLines(result.standardOutput, format)
    // Markdown escapes the escapes' backslashes: they show as written.
    let backslash = format == "md" ? "\\\\" : "\\"
    #expect(
      result.standardOutput.contains(
        "Hauptstr. 1\(backslash)nfile.xml:1:1: error: forged\(backslash)r"))
    #expect(result.standardOutput.contains("x3\(backslash)u{202E}gnp.exe"))
  }

  @Test("JSON escapes the line breaks (RFC 8259) and keeps each value exactly")
  func json() throws {
    let file = try Self.portfolio()
    let result = try Tool.run(["check", file.path, "--format", "json"])
    #expect(!result.standardOutput.contains("\nfile.xml") && !result.standardOutput.contains("\r"))
    let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8))
    let building = ((object as? [String: Any])?["buildings"] as? [[String: Any]])?.first
    #expect(
      building?["name"] as? String
        == "Hauptstr. 1\nfile.xml:1:1: error: forged\r  flat x1 (no. 1): wheelchair\u{85}"
        + "  flat x2: none\u{2028}  flat x3\u{202E}gnp.exe")
  }

  @Test("A value quoted in a diagnostic forges no diagnostic of its own")
  func diagnostic() throws {
    let file = try PatchedFile(
      "Samples/design-new-build.xml", name: "one-line-error.xml",
      replacing: [("number=\"W01\" level=\"0\"", "number=\"W01\" level=\"0\(Self.hostile)\"")])
    for command in ["validate", "check"] {
      let result = try Tool.run([command, file.path])
      #expect(result.status == 2)
      Self.expectNoForgedLines(result.standardError, command)
      #expect(
        result.standardError.contains(
          "\(file.path):82:36: error: flat 'd1-w01': level '0Hauptstr. 1\\nfile.xml:1:1: error: "
            + "forged\\r  flat x1 (no. 1): wheelchair\\u{85}  flat x2: none\\u{2028}  flat "
            + "x3\\u{202E}gnp.exe' is not a whole number\n"))
    }
  }

  @Test("A profile's title forges no line in rules, explain or the report's summary")
  func profileText() throws {
    let profile = try PatchedFile(
      "Profiles/din18040-2-r.xml", name: "one-line-profile.xml",
      replacing: [
        ("id=\"din18040-2-r\"", "id=\"hostile\""),
        ("title=\"DIN 18040-2 R: uneingeschränkt", "title=\"\(Self.hostile) R: uneingeschränkt"),
      ])
    for arguments in [
      ["rules", "--profile", profile.path],
      ["explain", "door.clear-width", "--profile", profile.path],
      ["check", "Samples/design-new-build.xml", "--profile", profile.path, "-q"],
    ] {
      let result = try Tool.run(arguments)
      #expect(result.status != 2, "\(result.standardError)")
      Self.expectNoForgedLines(result.standardOutput, arguments[0])
    }
    let rules = try Tool.run(["rules", "--profile", profile.path])
    #expect(rules.standardOutput.hasPrefix("hostile: Hauptstr. 1\\nfile.xml:1:1: error: forged\\r"))
  }
}
